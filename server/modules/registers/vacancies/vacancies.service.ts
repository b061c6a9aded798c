import { formatRuMonth } from '../../../../core/months.ts';
import { vacancyKind } from '../../../../core/registry/kinds.ts';
import type { Db } from '../../../db/client.ts';
import { vacancies } from '../../../db/schema/index.ts';
import { AppError } from '../../../errors.ts';
import type { AuthUser } from '../../auth/access.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { vacancyRange } from './completeness.service.ts';
import {
  findSameVacancy,
  findVacancyById,
  summarizeVacancies,
  type VacancyRow,
} from './vacancies.repository.ts';
import type { VacancySummaryQuery } from './vacancies.schema.ts';

export const vacancyRecords: OwnedKind<VacancyRow> = {
  entity: 'vacancy',
  noun: 'Вакансия',
  kind: vacancyKind,
  table: vacancies,
  ownership: 'organization',
  storesMunicipality: false,
  findById: findVacancyById,
  describe: (row) =>
    `вакансия «${row.position}${row.subject ? `, ${row.subject}` : ''}» — ${row.count} на ${formatRuMonth(row.month)}, ${row.organizationShortName}`,
  async check({ db, values, before }) {
    const same = await findSameVacancy(db, values as never);
    if (same && same.id !== before?.id) {
      throw new AppError(
        'conflict',
        `На ${formatRuMonth(String(values.month))} такая вакансия уже внесена. Измените количество в существующей записи.`,
        { field: 'position', existingId: same.id },
      );
    }
  },
};

/** The municipal table: every organization × every month of the range (12 months up to this one by default). */
export async function getVacancySummary(options: {
  db: Db;
  user: AuthUser;
  query: VacancySummaryQuery;
  today: string;
}) {
  const { municipalityId, from, to } = vacancyRange(options.user, options.query, options.today);
  const rows = await summarizeVacancies(options.db, municipalityId, from, to);
  return rows.map(({ records: _r, enteredOn: _e, ...r }) => r);
}
