import { addMonths, DEFAULT_YOUNG_TEACHER_RULE, formatRuDate, isoDate } from '../../../../core/dates.ts';
import { formatPercent } from '../../../../core/format.ts';
import { LEGAL_PENSION_RULE, type PensionAgeRule } from '../../../../core/registry/pension-age.ts';
import {
  forecastStaffing,
  groupCells,
  NO_SUBJECT,
  observeAttrition,
  organizationOn,
  sumCells,
  vacancyTrend,
  type ForecastCell,
  type ForecastTotals,
} from '../../../../core/registry/staffing-forecast.ts';
import { schoolYearLabel, schoolYearOf } from '../../../../core/school-year.ts';
import type { Db } from '../../../db/client.ts';
import { forbidden } from '../../../errors.ts';
import type { ListExport } from '../../../http/xlsx-export.ts';
import type { AuthUser } from '../../auth/access.ts';
import { resolveListScope } from '../action-lists/action-lists.service.ts';
import { findOrganizationOwner } from '../shared/ownership.ts';
import {
  loadGraduates,
  loadOpenVacancies,
  loadOrganizations,
  loadTeacherHistories,
  loadVacancyMonths,
} from './forecast.repository.ts';
import type { ForecastOutput, ForecastQuery } from './forecast.schema.ts';

/** The past school years whose attrition and young inflow the forecast applies: the last three complete. */
export const OBSERVED_YEARS = 3;

/** «Без предмета» for the cells of teachers and vacancies with no subject. */
export const subjectLabel = (subject: string) => (subject === NO_SUBJECT ? 'предмет не указан' : subject);

interface ComputeOptions {
  municipalityId: number;
  /** The organizations forecast (all active ones of the municipality when null). */
  organizationIds: number[] | null;
  referenceDate: string;
  horizon: number;
  rule?: PensionAgeRule;
}

/** The forecast cells of some organizations of a municipality, with what the rates were observed from. */
export async function computeForecast(db: Db, options: ComputeOptions) {
  const { municipalityId, referenceDate, horizon } = options;
  const rule = options.rule ?? LEGAL_PENSION_RULE;
  const organizations = await loadOrganizations(db, municipalityId, options.organizationIds);
  const ids = organizations.map((o) => o.id);
  const current = schoolYearOf(referenceDate);
  const observedYears = Array.from({ length: OBSERVED_YEARS }, (_, i) => current - OBSERVED_YEARS + i);
  const histories = await loadTeacherHistories(db, municipalityId, isoDate(observedYears[0], 9, 1));
  const observed = observeAttrition(histories, observedYears, DEFAULT_YOUNG_TEACHER_RULE, rule);
  const teachers = histories.flatMap((t) => {
    const organizationId = organizationOn(t, referenceDate);
    return organizationId !== null && ids.includes(organizationId) ? [{ ...t, organizationId }] : [];
  });
  const years = Array.from({ length: horizon }, (_, i) => current + i + 1);
  const [vacancies, graduates, vacancyMonths] = [
    await loadOpenVacancies(db, ids, referenceDate),
    await loadGraduates(db, ids, years[0], years.at(-1)!),
    await loadVacancyMonths(db, ids, addMonths(`${referenceDate.slice(0, 7)}-01`, -11), referenceDate),
  ];
  const forecast = forecastStaffing({
    referenceDate,
    horizon,
    rule,
    teachers,
    rates: observed.rates,
    vacancies,
    youngInflow: observed.youngInflow.filter((y) => ids.includes(y.organizationId)),
    graduates,
  });
  return {
    ...forecast,
    rule,
    organizations,
    observed,
    teacherCount: teachers.length,
    vacancyMonths,
    trend: vacancyTrend(vacancyMonths, forecast.years),
  };
}

/** The need of the next school year after the date, by organization: the formula function `staffingNeed`. */
export async function nextYearNeedByOrganization(
  db: Db,
  municipalityId: number,
  organizationIds: number[] | null,
  referenceDate: string,
  subject?: string,
): Promise<Map<number, number>> {
  const forecast = await computeForecast(db, { municipalityId, organizationIds, referenceDate, horizon: 1 });
  const need = new Map<number, number>();
  for (const c of forecast.cells) {
    if (subject !== undefined && c.subject !== subject) continue;
    need.set(c.organizationId, (need.get(c.organizationId) ?? 0) + c.need);
  }
  return need;
}

/** Whose forecast a user asks for: the department its municipality, an organization's manager its own. */
async function resolveForecastScope(db: Db, user: AuthUser, query: ForecastQuery) {
  const scope = await resolveListScope(db, user, query);
  if (scope.municipalityId !== null)
    return { municipalityId: scope.municipalityId, organizationIds: scope.organizationIds };
  const first = await findOrganizationOwner(db, scope.organizationIds![0]);
  if (!first) throw forbidden('Нет доступа к прогнозу.');
  return { municipalityId: first.municipalityId, organizationIds: scope.organizationIds };
}

const round = (n: number) => Math.round(n * 100) / 100;
const rounded = (t: ForecastTotals): ForecastTotals => ({
  reachingPension: round(t.reachingPension),
  departures: round(t.departures),
  youngInflow: round(t.youngInflow),
  graduates: round(t.graduates),
  inflow: round(t.inflow),
  vacancies: round(t.vacancies),
  need: round(t.need),
});

export async function getForecast(options: {
  db: Db;
  user: AuthUser;
  query: ForecastQuery;
  today: string;
}): Promise<ForecastOutput> {
  const { db, query, today } = options;
  const scope = await resolveForecastScope(db, options.user, query);
  const rule: PensionAgeRule = {
    male: query.maleAge ?? LEGAL_PENSION_RULE.male,
    female: query.femaleAge ?? LEGAL_PENSION_RULE.female,
    transition: true,
  };
  const forecast = await computeForecast(db, {
    ...scope,
    referenceDate: today,
    horizon: query.horizon,
    rule,
  });
  const subjects = [...new Set(forecast.cells.map((c) => c.subject))].sort((a, b) =>
    a.localeCompare(b, 'ru'),
  );
  const cells: ForecastCell[] =
    query.subject === undefined
      ? forecast.cells
      : forecast.cells.filter((c) => subjectLabel(c.subject) === query.subject);
  const names = new Map(forecast.organizations.map((o) => [o.id, o.shortName]));
  const byOrganization = groupCells(cells, (c) => c.organizationId, forecast.years).sort(
    (a, b) =>
      forecast.organizations.findIndex((o) => o.id === a.key) -
      forecast.organizations.findIndex((o) => o.id === b.key),
  );
  return {
    referenceDate: today,
    municipalityId: scope.municipalityId,
    organizationId: query.organizationId ?? null,
    subject: query.subject ?? null,
    horizon: query.horizon,
    years: forecast.years,
    rule,
    observedYears: forecast.observed.observed,
    rates: forecast.observed.rates,
    teacherCount: forecast.teacherCount,
    byYear: forecast.years.map((year, i) => ({
      year,
      ...rounded(sumCells(cells.filter((c) => c.year === year))),
      vacancyTrend: forecast.trend ? round(forecast.trend.byYear[i]) : null,
    })),
    total: rounded(sumCells(cells)),
    byOrganization: byOrganization.map((g) => ({
      organizationId: g.key,
      shortName: names.get(g.key) ?? '',
      byYear: g.byYear.map(rounded),
      total: rounded(g.total),
    })),
    bySubject: groupCells(cells, (c) => c.subject, forecast.years)
      .sort((a, b) => b.total.need - a.total.need || a.key.localeCompare(b.key, 'ru'))
      .map((g) => ({
        subject: subjectLabel(g.key),
        byYear: g.byYear.map(rounded),
        total: rounded(g.total),
      })),
    vacancyMonths: forecast.vacancyMonths,
    vacancyTrendPerMonth: forecast.trend ? round(forecast.trend.perMonth) : null,
    subjects: subjects.map(subjectLabel),
    organizations: forecast.organizations.map((o) => ({ id: o.id, shortName: o.shortName })),
  };
}

const num = (n: number) => Math.round(n * 10) / 10;

/** The workbook of the forecast: the organizations' table, then the subjects', one row per year. */
export function forecastExport(f: ForecastOutput): ListExport {
  const rows: (string | number | null)[][] = [];
  const add = (group: string, name: string, byYear: ForecastOutput['total'][]) =>
    byYear.forEach((t, i) =>
      rows.push([
        group,
        name,
        schoolYearLabel(f.years[i]),
        num(t.vacancies),
        num(t.reachingPension),
        num(t.departures),
        num(t.youngInflow),
        num(t.graduates),
        num(t.need),
      ]),
    );
  add('Итого', f.organizationId ? (f.byOrganization[0]?.shortName ?? '') : 'Муниципалитет в целом', f.byYear);
  for (const o of f.byOrganization) add('Организация', o.shortName, o.byYear);
  for (const s of f.bySubject) add('Предмет', s.subject, s.byYear);
  return {
    sheet: 'Прогноз',
    title: 'Прогноз кадровой потребности',
    notes: [
      `Горизонт: ${f.horizon} уч. г.${f.subject ? `; предмет: ${f.subject}` : ''}; на дату ${formatRuDate(f.referenceDate)}`,
      `Выбытие за год: педагоги пенсионного возраста — ${formatPercent(f.rates.pensionLeave * 100)}, остальные — ${formatPercent(f.rates.attrition * 100)} (по данным реестра за ${f.observedYears.length} учебных года)`,
      'Потребность = вакансии + ожидаемое выбытие − ожидаемый приток, по каждой организации и предмету, не меньше нуля',
    ],
    date: f.referenceDate,
    columns: [
      { header: 'Разрез', width: 14 },
      { header: 'Организация / предмет', width: 30 },
      { header: 'Учебный год', width: 22 },
      { header: 'Вакансии', width: 10 },
      { header: 'Достигают пенсионного возраста', width: 14 },
      { header: 'Ожидаемое выбытие', width: 12 },
      { header: 'Приток: молодые педагоги', width: 12 },
      { header: 'Приток: выпускники целевого обучения', width: 14 },
      { header: 'Потребность', width: 12 },
    ],
    rows,
  };
}
