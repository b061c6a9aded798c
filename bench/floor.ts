/**
 * The floor the compiled SQL is measured against: the seed-004 program (Мясниковский, 13 indicators)
 * written by hand as one statement. Every teacher's facts (diagnosed, at a municipal event, in a
 * community…) are found once, by one pass over each table of records hashed by teacher, and the counts
 * of every indicator are taken in one grouping over the active positions. The organizations and the
 * arithmetic (numerator ÷ denominator × factor, levels, applicability) are those of the compiled path, so
 * the two differ only in the SQL.
 */
import { sql } from 'drizzle-orm';
import { addMonths } from '../core/dates.ts';
import { appliesTo } from '../core/indicators/applicability.ts';
import { indicatorValue, levelOf } from '../core/indicators/levels.ts';
import { queryRows, type Db } from '../server/db/client.ts';
import { municipalitiesOf, type ComputeContext } from '../server/modules/indicators/compiler/context.ts';
import {
  findComputedOrganizations,
  type IndicatorDefinition,
  type IndicatorResult,
} from '../server/modules/indicators/compute.ts';

/** What each indicator of seed 004 is made of, by the measures of the statement below. */
const FORMULAS: Record<string, { numerator: Measure[]; denominator: Measure[] | null }> = {
  '1.1': { numerator: ['t_diag'], denominator: ['t_all'] },
  '2.1': { numerator: ['t_event_municipal'], denominator: ['t_all'] },
  '2.2': { numerator: ['acts_associations'], denominator: null },
  '3.1': { numerator: ['acts_young_municipal'], denominator: null },
  '3.2': { numerator: ['acts_mentoring_municipal'], denominator: null },
  '3.3': { numerator: ['programs_school'], denominator: null },
  '3.4': { numerator: ['t_young_supported'], denominator: ['t_young_school'] },
  '4.1': { numerator: ['t_member'], denominator: ['t_all'] },
  '4.2': { numerator: ['associations'], denominator: null },
  '5.1': { numerator: ['positions'], denominator: ['positions', 'vacancies'] },
  '5.2': { numerator: ['t_experience5'], denominator: ['t_all'] },
  '5.3': { numerator: ['t_school_education'], denominator: ['t_school'] },
  '5.4': { numerator: ['vacancies'], denominator: null },
};
type Measure =
  | 't_all'
  | 't_diag'
  | 't_event_municipal'
  | 't_young_supported'
  | 't_young_school'
  | 't_member'
  | 't_experience5'
  | 't_school_education'
  | 't_school'
  | 'positions'
  | 'vacancies'
  | 'programs_school'
  | 'associations'
  | 'acts_associations'
  | 'acts_young_municipal'
  | 'acts_mentoring_municipal';
/** Measures whose rows without an organization (municipal acts) count for every organization. */
const SHARED = new Set<Measure>(['acts_associations', 'acts_young_municipal', 'acts_mentoring_municipal']);

export const FLOOR_PROGRAM = 'seed-004-myasnikovsky';

/** Runs the hand-written statement and returns the results in the shape of the compiled path. */
export async function computeByHand(
  db: Db,
  ctx: ComputeContext,
  indicators: IndicatorDefinition[],
): Promise<IndicatorResult[]> {
  const { period } = ctx;
  const ref = period.referenceDate;
  const youngBirth = addMonths(ref, -12 * period.youngRule.maxAge);
  const youngStart = addMonths(ref, -12 * period.youngRule.maxExperience);
  const experience5 = addMonths(ref, -12 * 6);
  // The municipality, or every municipality of a regional computation (each teacher once over them all).
  const inMunicipalities = (column: string) =>
    sql`${sql.raw(column)} = any(${sql.param(municipalitiesOf(ctx))}::int[])`;
  const orgs = ctx.organizationIds ? sql`and o.id = any(${ctx.organizationIds}::int[])` : sql``;
  const inPeriod = (column: string) =>
    sql`${sql.raw(column)} between ${period.start}::date and ${period.end}::date`;
  const overlaps = (from: string, to: string) =>
    sql`${sql.raw(from)} <= ${period.end}::date and (${sql.raw(to)} is null or ${sql.raw(to)} >= ${period.start}::date)`;
  const rows = await queryRows<{ measure: Measure; org: number | null; is_total: number; n: number }>(
    db,
    sql`with o as (
        select o.id, o.kind from organizations o where ${inMunicipalities('o.municipality_id')} and o.is_active ${orgs}
      ), pt as (
        -- Each teacher once per organization: no distinct count over the positions afterwards.
        select p.organization_id as org, p.teacher_id as tid, bool_or(o.kind = 'school') as school, count(*) as positions
        from positions p join o on o.id = p.organization_id
        where p.start_date <= ${ref}::date and (p.end_date is null or p.end_date >= ${ref}::date)
        group by p.organization_id, p.teacher_id
      ), f as (
        -- Each teacher's facts once: one hashed pass over each table of records.
        select t.id,
          t.birth_date > ${youngBirth}::date and t.pedagogical_start_date > ${youngStart}::date as young,
          t.pedagogical_start_date > ${experience5}::date as experience5,
          exists (select 1 from diagnostics d where d.teacher_id = t.id and d.level = 'municipal' and ${inPeriod('d.date')}) as diag,
          exists (select 1 from event_participations ep join events ev on ev.id = ep.event_id
            where ep.teacher_id = t.id and ev.level = 'municipal' and ${inPeriod('ev.date')}) as event_municipal,
          exists (select 1 from event_participations ep join events ev on ev.id = ep.event_id
            where ep.teacher_id = t.id and ${inPeriod('ev.date')}) as event_any,
          exists (select 1 from association_members am join associations a on a.id = am.association_id
            where am.teacher_id = t.id and ${overlaps('am.joined_on', 'am.left_on')} and ${overlaps('a.start_date', 'a.end_date')}) as member,
          exists (select 1 from association_members am join associations a on a.id = am.association_id
            where am.teacher_id = t.id and a.type = 'young_school' and ${overlaps('am.joined_on', 'am.left_on')}
              and ${overlaps('a.start_date', 'a.end_date')}) as young_school,
          exists (select 1 from mentoring_pairs mp where mp.mentee_id = t.id and ${overlaps('mp.start_date', 'mp.end_date')}) as mentee,
          exists (select 1 from educations e where e.teacher_id = t.id and e.matches_profile) as education
        from teachers t where t.id in (select tid from pt)
      ), counts as (
        -- By organization, and for the municipality over each teacher once (a school if any position is).
        select pt.org, pt.school, pt.positions, f.* from pt join f on f.id = pt.tid
        union all
        select null, x.school, x.positions, f.*
        from (select tid, bool_or(school) as school, sum(positions) as positions from pt group by tid) x
        join f on f.id = x.tid
      ), teachers_by_org as (
        select org, (org is null)::int as is_total,
          count(*) as t_all,
          count(*) filter (where diag) as t_diag,
          count(*) filter (where event_municipal) as t_event_municipal,
          count(*) filter (where school and young and (mentee or young_school or event_any)) as t_young_supported,
          count(*) filter (where school and young) as t_young_school,
          count(*) filter (where member) as t_member,
          count(*) filter (where experience5) as t_experience5,
          count(*) filter (where school and education) as t_school_education,
          count(*) filter (where school) as t_school,
          sum(positions) as positions
        from counts group by org
      ), counted as (
        select v.organization_id as org, grouping(v.organization_id) as is_total,
          'vacancies' as measure, sum(v.count) as n
        from vacancies v join o on o.id = v.organization_id
        where v.month = (select max(v2.month) from vacancies v2 join organizations o2 on o2.id = v2.organization_id
          where ${inMunicipalities('o2.municipality_id')} and v2.month <= ${ref}::date and v2.month >= ${period.start}::date)
        group by grouping sets ((v.organization_id), ())
        union all
        select mp.organization_id, grouping(mp.organization_id), 'programs_school', count(*)
        from mentoring_programs mp join o on o.id = mp.organization_id
        where o.kind = 'school' and ${overlaps('mp.start_date', 'mp.end_date')}
        group by grouping sets ((mp.organization_id), ())
        union all
        select a.organization_id, grouping(a.organization_id), 'associations', count(*)
        from associations a where ${inMunicipalities('a.municipality_id')} and ${overlaps('a.start_date', 'a.end_date')}
          and (a.organization_id is null or a.organization_id in (select id from o))
        group by grouping sets ((a.organization_id), ())
        union all
        select n.organization_id, grouping(n.organization_id), x.measure, count(*)
        from normative_acts n
        cross join lateral (values
          ('acts_associations', n.kind = 'associations'),
          ('acts_young_municipal', n.kind = 'young_teachers' and n.organization_id is null),
          ('acts_mentoring_municipal', n.kind = 'mentoring' and n.organization_id is null)) x(measure, matches)
        where ${inMunicipalities('n.municipality_id')} and x.matches
          and (n.organization_id is null or n.organization_id in (select id from o))
          and n.valid_from <= ${ref}::date and (n.valid_to is null or n.valid_to >= ${ref}::date)
        group by x.measure, grouping sets ((n.organization_id), ())
      )
      select x.measure, t.org, t.is_total::int, x.n::float8 as n
      from teachers_by_org t cross join lateral (values
        ('t_all', t.t_all), ('t_diag', t.t_diag), ('t_event_municipal', t.t_event_municipal),
        ('t_young_supported', t.t_young_supported), ('t_young_school', t.t_young_school),
        ('t_member', t.t_member), ('t_experience5', t.t_experience5),
        ('t_school_education', t.t_school_education), ('t_school', t.t_school),
        ('positions', t.positions)) x(measure, n)
      union all
      select measure, org, is_total::int, n::float8 from counted`,
  );
  // measure → organization (0: rows without one, -1: the total) → value
  const values = new Map<Measure, Map<number, number>>();
  for (const row of rows) {
    const byOrg = values.get(row.measure) ?? new Map<number, number>();
    byOrg.set(Number(row.is_total) === 1 ? -1 : (row.org ?? 0), Number(row.n));
    values.set(row.measure, byOrg);
  }
  const measure = (name: Measure, org: number | null) => {
    const byOrg = values.get(name);
    if (!byOrg) return 0;
    if (org === null) return byOrg.get(-1) ?? 0;
    return (byOrg.get(org) ?? 0) + (SHARED.has(name) ? (byOrg.get(0) ?? 0) : 0);
  };
  const sum = (names: Measure[], org: number | null) => names.reduce((s, n) => s + measure(n, org), 0);
  const organizations = await findComputedOrganizations(db, ctx);
  const results: IndicatorResult[] = [];
  for (const definition of indicators) {
    const formula = FORMULAS[definition.code];
    if (!formula) throw new Error(`Показатель ${definition.code} не входит в программу ${FLOOR_PROGRAM}`);
    const resultFor = (org: number | null) => {
      const numerator = sum(formula.numerator, org);
      const denominator = formula.denominator ? sum(formula.denominator, org) : null;
      const value = indicatorValue(
        definition.unit,
        numerator,
        formula.denominator ? denominator : undefined,
        definition.factor,
      );
      return { numerator, denominator, value, level: levelOf(value, definition) };
    };
    for (const o of organizations) {
      const isApplicable = appliesTo(definition.applicability, o);
      results.push({
        indicator: definition.code,
        organization: o.id,
        organizationName: o.name,
        ...(isApplicable
          ? resultFor(o.id)
          : { numerator: null, denominator: null, value: null, level: null }),
        isApplicable,
      });
    }
    results.push({
      indicator: definition.code,
      organization: null,
      organizationName: 'Муниципалитет в целом',
      ...resultFor(null),
      isApplicable: true,
    });
  }
  return results;
}

/** The results that differ between two computations, as «indicator/organization: a ≠ b». */
export function differences(a: IndicatorResult[], b: IndicatorResult[]): string[] {
  const key = (r: IndicatorResult) => `${r.indicator}/${r.organization ?? 'МО'}`;
  const shown = (r: IndicatorResult | undefined) =>
    r ? `${r.value}=${r.numerator}/${r.denominator} ${r.level ?? '—'}${r.isApplicable ? '' : ' н/п'}` : 'нет';
  const byKey = new Map(b.map((r) => [key(r), r]));
  const out: string[] = [];
  for (const r of a) {
    const other = byKey.get(key(r));
    if (shown(r) !== shown(other)) out.push(`${key(r)}: ${shown(r)} ≠ ${shown(other)}`);
    byKey.delete(key(r));
  }
  for (const [k, r] of byKey) out.push(`${k}: нет ≠ ${shown(r)}`);
  return out;
}
