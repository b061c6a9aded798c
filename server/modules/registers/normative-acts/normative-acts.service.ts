import { actKind } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { normativeActKind } from '../../../../core/registry/kinds.ts';
import { normativeActs } from '../../../db/schema/index.ts';
import { AppError } from '../../../errors.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { findNormativeActById, type NormativeActRow } from './normative-acts.repository.ts';

/** A link people can open: an absolute http(s) address. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

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
  async check({ changes }) {
    if (typeof changes.url === 'string' && !isWebAddress(changes.url)) {
      throw new AppError(
        'validation_failed',
        '«Ссылка»: укажите адрес страницы, начинающийся с http:// или https://',
        { field: 'url' },
      );
    }
  },
};
