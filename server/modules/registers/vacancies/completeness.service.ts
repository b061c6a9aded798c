import { formatRuDate } from '../../../../core/dates.ts';
import { formatRuMonth, formatRuMonthShort, lastMonths } from '../../../../core/months.ts';
import {
  monthOf,
  vacancyDueDate,
  vacancyMonthStatus,
  VACANCY_STATUS_LABEL,
  type VacancyMonthStatus,
} from '../../../../core/vacancy-reports.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, forbidden } from '../../../errors.ts';
import { listToXlsx } from '../../../http/xlsx-export.ts';
import { organizationScope, type AuthUser } from '../../auth/access.ts';
import { defaultMunicipality, isDepartmentOf, registryUser } from '../shared/ownership.ts';
import { findLastVacancyReminders, summarizeVacancies } from './vacancies.repository.ts';
import type { VacancySummaryQuery } from './vacancies.schema.ts';

export interface CompletenessCell {
  month: string;
  status: VacancyMonthStatus;
  /** Vacancies reported for the month (0 for «вакансий нет» and for a month not reported). */
  count: number;
  /** The day the first record of the month was entered; null when not reported. */
  enteredOn: string | null;
  /** The last reminder about the month; null when none was sent. */
  remindedOn: string | null;
}

/** The municipality and the months of a vacancy table: 12 months up to today's by default, 5 years at most. */
export function vacancyRange(user: AuthUser, query: VacancySummaryQuery, today: string) {
  const municipalityId = query.municipalityId ?? defaultMunicipality(user);
  if (municipalityId === null) {
    throw new AppError('validation_failed', 'Укажите муниципалитет.', { field: 'municipalityId' });
  }
  if (!isDepartmentOf(user, municipalityId)) {
    throw forbidden('Сводка вакансий по муниципалитету доступна администратору и координатору.');
  }
  return { municipalityId, ...monthsOf(query, today) };
}

function monthsOf(query: VacancySummaryQuery, today: string) {
  const to = query.month ?? query.to ?? monthOf(today);
  const from = query.month ?? query.from ?? lastMonths(to, 12)[0];
  if (from > to) {
    throw new AppError('validation_failed', 'Начало периода не может быть позже его конца.', {
      field: 'from',
    });
  }
  if (lastMonths(to, 61)[0] > from) {
    throw new AppError('validation_failed', 'Сводка строится не более чем за 5 лет.', { field: 'from' });
  }
  return { from, to };
}

/**
 * Whose rows of the completeness table a user sees: the department — every organization of its
 * municipality; the head of a school (org_manager) — the rows of the organizations it manages only.
 */
function completenessRange(user: AuthUser, query: VacancySummaryQuery, today: string) {
  const municipalityId = query.municipalityId ?? defaultMunicipality(user);
  if (municipalityId !== null && isDepartmentOf(user, municipalityId))
    return { ...vacancyRange(user, query, today), organizationIds: null };
  const own = organizationScope(registryUser(user), 'manage').organizationIds;
  if (!own.length || municipalityId === null)
    throw forbidden('Сдачу сведений о вакансиях видят отдел образования и руководитель своей организации.');
  return { municipalityId, ...monthsOf(query, today), organizationIds: own };
}

/**
 * The monthly completeness of the vacancy reports: organizations × months, each month «сдано» (with its
 * number of vacancies), «вакансий нет», «не сдано» (its 10th has passed without a record) or «ожидается».
 */
export async function getVacancyCompleteness(options: {
  db: Db;
  user: AuthUser;
  query: VacancySummaryQuery;
  today: string;
}) {
  const { db, today } = options;
  const { municipalityId, from, to, organizationIds } = completenessRange(options.user, options.query, today);
  const isShown = (r: { organizationId: number }) =>
    organizationIds === null || organizationIds.includes(r.organizationId);
  const [summary, reminded] = [
    (await summarizeVacancies(db, municipalityId, from, to)).filter(isShown),
    (await findLastVacancyReminders(db, municipalityId, from, to)).filter(isShown),
  ];
  if (organizationIds !== null && !summary.length)
    throw forbidden('Сдачу сведений о вакансиях видят отдел образования и руководитель своей организации.');
  const remindedOn = new Map(reminded.map((r) => [`${r.organizationId}:${r.month}`, r.sentOn]));
  const months = [...new Set(summary.map((r) => r.month))].sort();
  const byOrganization = new Map<
    number,
    { organizationId: number; organizationShortName: string; months: CompletenessCell[] }
  >();
  for (const r of summary) {
    const row = byOrganization.get(r.organizationId) ?? {
      organizationId: r.organizationId,
      organizationShortName: r.organizationShortName,
      months: [],
    };
    row.months.push({
      month: r.month,
      status: vacancyMonthStatus({ month: r.month, records: r.records, count: r.count, today }),
      count: r.count,
      enteredOn: r.enteredOn,
      remindedOn: remindedOn.get(`${r.organizationId}:${r.month}`) ?? null,
    });
    byOrganization.set(r.organizationId, row);
  }
  const rows = [...byOrganization.values()];
  const totals = months.map((month, i) => {
    const count = (s: VacancyMonthStatus) => rows.filter((r) => r.months[i]?.status === s).length;
    return {
      month,
      dueDate: vacancyDueDate(month),
      reported: count('reported'),
      none: count('none'),
      missing: count('missing'),
      pending: count('pending'),
    };
  });
  return { municipalityId, today, isDepartment: organizationIds === null, months: totals, rows };
}

/** The completeness table as an .xlsx list: a column per month, «не сдано» spelt out. */
export async function vacancyCompletenessXlsx(table: Awaited<ReturnType<typeof getVacancyCompleteness>>) {
  const cellText = (c: CompletenessCell) =>
    c.status === 'reported' ? `${c.count}` : VACANCY_STATUS_LABEL[c.status];
  return listToXlsx({
    sheet: 'Сдача сведений о вакансиях',
    title: 'Сдача ежемесячных сведений о вакансиях (срок — до 10 числа месяца)',
    notes: [
      `Период: ${formatRuMonth(table.months[0]?.month)} — ${formatRuMonth(table.months.at(-1)?.month)}. Число — вакансий в сданных сведениях; «вакансий нет» — сведения поданы, вакансий 0; «не сдано» — срок прошёл, сведений нет.`,
    ],
    date: table.today,
    columns: [
      { header: 'Организация', width: 36 },
      ...table.months.map((m) => ({ header: formatRuMonthShort(m.month), width: 13 })),
      { header: 'Не сдано, месяцев', width: 12 },
    ],
    rows: [
      ...table.rows.map((r) => [
        r.organizationShortName,
        ...r.months.map(cellText),
        r.months.filter((c) => c.status === 'missing').length,
      ]),
      [
        'Не сдано организаций',
        ...table.months.map((m) =>
          m.missing ? m.missing : m.pending ? `ожидается до ${formatRuDate(m.dueDate)}` : 0,
        ),
        null,
      ],
    ],
  });
}
