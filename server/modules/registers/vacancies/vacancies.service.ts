import { toIsoDate } from '../../../../core/dates.ts';
import { formatRuMonth, lastMonths } from '../../../../core/months.ts';
import { vacancyKind } from '../../../../core/registry/kinds.ts';
import type { Db } from '../../../db/client.ts';
import { vacancies } from '../../../db/schema/index.ts';
import { AppError, forbidden } from '../../../errors.ts';
import type { AuthUser } from '../../auth/access.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { defaultMunicipality, isDepartmentOf } from '../shared/ownership.ts';
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
export async function getVacancySummary(options: { db: Db; user: AuthUser; query: VacancySummaryQuery }) {
  const { user, query } = options;
  const municipalityId = query.municipalityId ?? defaultMunicipality(user);
  if (municipalityId === null) {
    throw new AppError('validation_failed', 'Укажите муниципалитет.', { field: 'municipalityId' });
  }
  if (!isDepartmentOf(user, municipalityId)) {
    throw forbidden('Сводка вакансий по муниципалитету доступна администратору и координатору.');
  }
  const thisMonth = `${toIsoDate(new Date()).slice(0, 7)}-01`;
  const to = query.month ?? query.to ?? thisMonth;
  const from = query.month ?? query.from ?? lastMonths(to, 12)[0];
  if (from > to) {
    throw new AppError('validation_failed', 'Начало периода не может быть позже его конца.', {
      field: 'from',
    });
  }
  if (lastMonths(to, 61)[0] > from) {
    throw new AppError('validation_failed', 'Сводка строится не более чем за 5 лет.', { field: 'from' });
  }
  return summarizeVacancies(options.db, municipalityId, from, to);
}
