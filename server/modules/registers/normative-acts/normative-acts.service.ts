import { actKind } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { normativeActKind } from '../../../../core/registry/kinds.ts';
import { normativeActs } from '../../../db/schema/index.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { findNormativeActById, type NormativeActRow } from './normative-acts.repository.ts';

/** A link people can open: an absolute http(s) address. */
export const normativeActRecords: OwnedKind<NormativeActRow> = {
  entity: 'normativeAct',
  noun: 'Нормативный правовой акт',
  kind: normativeActKind,
  table: normativeActs,
  ownership: 'mixed',
  storesMunicipality: true,
  findById: findNormativeActById,
  describe: (row) =>
    `НПА ${actKind.label[row.kind]} № ${row.number} от ${formatRuDate(row.date)} «${row.title}», ${row.organizationShortName ?? 'муниципальный уровень'}`,
};
