import { sql, type SQL } from 'drizzle-orm';
import { schoolYearOf, schoolYearPeriod } from '../../../core/school-year.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError, forbidden } from '../../errors.ts';
import { organizationScope, type AuthUser } from '../auth/access.ts';
import { containsPattern } from '../registers/shared/http.ts';
import { defaultMunicipality, isDepartmentOf } from '../registers/shared/ownership.ts';
import { municipalitiesOf } from '../practices/practices.policy.ts';

/**
 * The bank of difficulties: how often each deficit of the catalog was found by the diagnostics of a
 * municipality's teachers, by organization (the organizations where the teacher held a position on the day
 * of the diagnostic), with the teachers behind each count for those who may see persons, the resources and
 * the published practices that address each deficit, and the trend over school years.
 */
export interface DifficultyFilters {
  municipalityId?: number;
  from?: string;
  to?: string;
  organizationId?: number;
  subject?: string;
  position?: string;
}

/** Who sees what: the department every organization and name; a school its own; others the totals only. */
export interface DifficultyAccess {
  municipalityId: number;
  /** Organizations whose rows (and teachers' names) the user sees; null: all of the municipality. */
  organizationIds: number[] | null;
  seesRows: boolean;
}

export function difficultyAccess(user: AuthUser, requested?: number): DifficultyAccess {
  const municipalityId = requested ?? defaultMunicipality(user) ?? municipalitiesOf(user)[0];
  if (!municipalityId) throw new AppError('bad_request', 'Укажите муниципалитет: municipalityId.');
  if (isDepartmentOf(user, municipalityId)) return { municipalityId, organizationIds: null, seesRows: true };
  if (!municipalitiesOf(user).includes(municipalityId))
    throw forbidden('Банк затруднений муниципалитета видят его отдел образования и организации.');
  const own = organizationScope(user, 'manage').organizationIds;
  return { municipalityId, organizationIds: own, seesRows: own.length > 0 };
}

/** The diagnostics' deficits as rows (teacher, organization, code, date) under the filters: one SQL source. */
function deficitRows(
  access: DifficultyAccess,
  f: DifficultyFilters,
  period: { from: string; to: string } | null,
): SQL {
  const conditions: SQL[] = [sql`t.municipality_id = ${access.municipalityId}`, sql`o.is_active`];
  if (period) conditions.push(sql`d.date between ${period.from}::date and ${period.to}::date`);
  if (f.organizationId) conditions.push(sql`p.organization_id = ${f.organizationId}`);
  if (f.subject)
    conditions.push(
      sql`exists (select 1 from teacher_subjects ts where ts.teacher_id = t.id and ts.subject ilike ${containsPattern(f.subject)})`,
    );
  if (f.position) conditions.push(sql`p.title ilike ${containsPattern(f.position)}`);
  return sql`(select distinct d.id as diagnostic_id, t.id as teacher_id, p.organization_id, p.title as position_title,
      d.date, code
    from diagnostics d
    join teachers t on t.id = d.teacher_id
    join positions p on p.teacher_id = t.id and p.start_date <= d.date and (p.end_date is null or p.end_date >= d.date)
    join organizations o on o.id = p.organization_id
    cross join lateral unnest(d.deficit_codes || array[null]::text[]) as code
    where ${sql.join(conditions, sql` and `)}) r`;
}

/** Only the organizations the user sees a row of (the municipal totals are counted over all). */
const ownRows = (access: DifficultyAccess): SQL =>
  access.organizationIds === null
    ? sql`true`
    : access.organizationIds.length
      ? sql`r.organization_id in ${access.organizationIds}`
      : sql`false`;

/** An organization named in the filters must be of the municipality read. */
async function assertOrganizationOf(db: Db, access: DifficultyAccess, organizationId?: number) {
  if (!organizationId) return;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id from organizations where id = ${organizationId} and municipality_id = ${access.municipalityId}`,
  );
  if (!row) throw forbidden('Организация не относится к этому муниципалитету.');
  if (access.organizationIds !== null && !access.organizationIds.includes(organizationId))
    throw forbidden('Организация видит в банке затруднений только свои данные и итог муниципалитета.');
}

export function defaultPeriod(today: string) {
  return schoolYearPeriod(schoolYearOf(today));
}

export async function difficultyMatrix(options: {
  db: Db;
  user: AuthUser;
  filters: DifficultyFilters;
  today: string;
}) {
  const { db, filters } = options;
  const access = difficultyAccess(options.user, filters.municipalityId);
  const period =
    filters.from && filters.to ? { from: filters.from, to: filters.to } : defaultPeriod(options.today);
  if (period.from > period.to)
    throw new AppError('validation_failed', 'Период: дата начала позже даты окончания.', { field: 'from' });
  await assertOrganizationOf(db, access, filters.organizationId);
  const rows = deficitRows(access, filters, period);
  // Teachers diagnosed (with or without deficits) and teachers with each deficit, per organization and in all.
  const counts = await queryRows<{
    org: number | null;
    code: string | null;
    teachers: number;
    is_total: number;
  }>(
    db,
    sql`select r.organization_id as org, r.code, count(distinct r.teacher_id)::int as teachers,
        grouping(r.organization_id)::int as is_total
      from ${rows}
      group by grouping sets ((r.organization_id, r.code), (r.code))`,
  );
  const diagnosed = await queryRows<{ org: number | null; teachers: number; is_total: number }>(
    db,
    sql`select r.organization_id as org, count(distinct r.teacher_id)::int as teachers, grouping(r.organization_id)::int as is_total
      from ${rows} group by grouping sets ((r.organization_id), ())`,
  );
  const codes = [...new Set(counts.filter((c) => c.code !== null).map((c) => c.code!))];
  const deficitRowsList = codes.length
    ? await queryRows<{ code: string; title: string; area: string }>(
        db,
        sql`select code, title, area from deficits where code in ${codes} order by code`,
      )
    : [];
  const resources = codes.length
    ? await queryRows<{ id: number; deficit_code: string; title: string; kind: string; url: string | null }>(
        db,
        sql`select id, deficit_code, title, kind, url from deficit_resources
          where deficit_code in ${codes} and (municipality_id is null or municipality_id = ${access.municipalityId})
          order by title`,
      )
    : [];
  const practiceList = codes.length
    ? await queryRows<{ id: number; deficit_code: string; title: string }>(
        db,
        sql`select p.id, pd.deficit_code, p.title from practices p join practice_deficits pd on pd.practice_id = p.id
          where pd.deficit_code in ${codes} and p.municipality_id = ${access.municipalityId} and p.status = 'published'
          order by p.title`,
      )
    : [];
  const seenOrgs = diagnosed.filter((d) => d.is_total === 0 && d.org !== null);
  const visibleOrgIds = seenOrgs
    .map((d) => Number(d.org))
    .filter((id) => access.organizationIds === null || access.organizationIds.includes(id));
  const orgNames = visibleOrgIds.length
    ? await queryRows<{ id: number; short_name: string }>(
        db,
        sql`select id, short_name from organizations where id in ${visibleOrgIds} order by short_name`,
      )
    : [];
  const diagnosedOf = new Map(seenOrgs.map((d) => [Number(d.org), d.teachers]));
  const totalDiagnosed = diagnosed.find((d) => d.is_total === 1)?.teachers ?? 0;
  const share = (n: number, of: number) => (of ? n / of : null);
  const totalOf = new Map(
    counts.filter((c) => c.is_total === 1 && c.code !== null).map((c) => [c.code!, c.teachers]),
  );
  const deficitsOut = deficitRowsList
    .map((d) => ({
      code: d.code,
      title: d.title,
      area: d.area,
      count: totalOf.get(d.code) ?? 0,
      share: share(totalOf.get(d.code) ?? 0, totalDiagnosed),
      resources: resources
        .filter((r) => r.deficit_code === d.code)
        .map((r) => ({ id: r.id, title: r.title, kind: r.kind, url: r.url })),
      practices: practiceList
        .filter((p) => p.deficit_code === d.code)
        .map((p) => ({ id: p.id, title: p.title })),
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  const visible = new Set(orgNames.map((o) => o.id));
  return {
    municipalityId: access.municipalityId,
    period,
    diagnosed: totalDiagnosed,
    canSeeNames: access.organizationIds === null ? ('all' as const) : access.organizationIds,
    deficits: deficitsOut,
    organizations: orgNames.map((o) => ({
      id: o.id,
      shortName: o.short_name,
      diagnosed: diagnosedOf.get(o.id) ?? 0,
    })),
    cells: counts
      .filter((c) => c.is_total === 0 && c.code !== null && visible.has(Number(c.org)))
      .map((c) => ({
        organizationId: Number(c.org),
        deficitCode: c.code!,
        count: c.teachers,
        share: share(c.teachers, diagnosedOf.get(Number(c.org)) ?? 0),
      })),
    trends: await difficultyTrends(db, access, filters, codes),
  };
}

/** Teachers with each deficit by school year (all years on record), over the whole municipality. */
async function difficultyTrends(
  db: Db,
  access: DifficultyAccess,
  filters: DifficultyFilters,
  codes: string[],
) {
  if (!codes.length) return { years: [] as number[], series: [] as { code: string; values: number[] }[] };
  const rows = await queryRows<{ year: number; code: string; teachers: number }>(
    db,
    sql`select (extract(year from r.date)::int - case when extract(month from r.date) < 9 then 1 else 0 end) as year,
        r.code, count(distinct r.teacher_id)::int as teachers
      from ${deficitRows(access, filters, null)} where r.code in ${codes} group by 1, 2 order by 1`,
  );
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => a - b);
  return {
    years,
    series: codes.map((code) => ({
      code,
      values: years.map((y) => rows.find((r) => Number(r.year) === y && r.code === code)?.teachers ?? 0),
    })),
  };
}

/** The teachers behind a cell: for the department any organization, for a school its own; others refused. */
export async function difficultyTeachers(options: {
  db: Db;
  user: AuthUser;
  filters: DifficultyFilters & { deficitCode: string };
  today: string;
}) {
  const { db, filters } = options;
  const access = difficultyAccess(options.user, filters.municipalityId);
  if (!access.seesRows) throw forbidden('Педагогов за числами видят их организация и отдел образования.');
  if (
    access.organizationIds !== null &&
    (!filters.organizationId || !access.organizationIds.includes(filters.organizationId))
  )
    throw forbidden('Организация видит имена только своих педагогов.');
  await assertOrganizationOf(db, access, filters.organizationId);
  const period =
    filters.from && filters.to ? { from: filters.from, to: filters.to } : defaultPeriod(options.today);
  const rows = await queryRows<{
    teacher_id: number;
    name: string;
    short_name: string;
    position_title: string;
    date: string;
  }>(
    db,
    sql`select r.teacher_id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, o.short_name,
        r.position_title, to_char(max(r.date), 'YYYY-MM-DD') as date
      from ${deficitRows(access, filters, period)}
      join teachers t on t.id = r.teacher_id join organizations o on o.id = r.organization_id
      where r.code = ${filters.deficitCode} and ${ownRows(access)}
      group by 1, 2, 3, 4 order by 2, 3`,
  );
  return rows.map((r) => ({
    teacherId: r.teacher_id,
    name: r.name,
    organizationShortName: r.short_name,
    positionTitle: r.position_title,
    date: r.date,
  }));
}
