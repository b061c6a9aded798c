import { sql, type SQL } from 'drizzle-orm';
import type { AggregateCallNode, AggregateName } from '../../../../core/formula/index.ts';
import { queryRows, type Db } from '../../../db/client.ts';
import {
  compileCondition,
  orgGroupSql,
  UnknownFilterError,
  type FilterResolver,
  type FilterSql,
} from './conditions.ts';
import { inMunicipalities, municipalitiesOf, type ComputeContext } from './context.ts';
import { nextYearNeedByOrganization } from '../../registers/forecast/forecast.service.ts';
import { teacherPartsOf, sumParts } from './parts.ts';
import { reserveFilters, reserveOfPeriod } from './reserve.ts';
import {
  anonymityColumns,
  respondentsCondition,
  surveyAnswerFilters,
  surveyAnswerRows,
  withAnonymity,
} from './surveys.ts';
import { activePositionsWhere, organizationFilter, teacherResolver } from './teachers.ts';

/**
 * Each aggregate function of the formula language as SQL: its rows (FROM … WHERE for the context), the
 * organization a row belongs to, how a call is measured over those rows, and the filters it accepts.
 * All calls of one function are computed in one query with one FILTER clause each, grouped by
 * organization with GROUPING SETS so the municipal total counts every teacher once.
 */
interface AggregateSql {
  rows(ctx: ComputeContext): SQL;
  orgColumn: SQL;
  measure(condition: SQL): SQL;
  resolver(ctx: ComputeContext): FilterResolver;
  /** Rows without an organization (municipal acts) also count for every organization. */
  isSharedWithOrganizations?: boolean;
  /**
   * Its rows are exactly those of another function's query, with the same aliases: `positions` counts the
   * rows `teachers` reads (every position has its teacher). Its calls then ride along in that query, one
   * scan of the positions less (at a region's 600,000 positions, 0.3 s).
   */
  rowsOf?: AggregateName;
  /**
   * Survey answers: the threshold of anonymity applies (compiler/surveys.ts `withAnonymity`) over the
   * respondents of a call — who was asked, whatever they answered.
   */
  isAnonymous?: boolean;
}

const fixed =
  (filters: Record<string, FilterSql>): ((ctx: ComputeContext) => FilterResolver) =>
  () =>
  (name) => {
    const f = filters[name];
    if (!f) throw new UnknownFilterError(name);
    return f;
  };

const orgKind: FilterSql = { kind: 'column', expression: sql`o.kind` };
const orgGroup = orgGroupSql(sql`o.id`);
const overlapsPeriod = (from: SQL, to: SQL, ctx: ComputeContext) =>
  sql`${from} <= ${ctx.period.end}::date and (${to} is null or ${to} >= ${ctx.period.start}::date)`;
const countRows = (condition: SQL) => sql`count(*) filter (where ${condition})`;

/**
 * The month of the vacancy snapshot an indicator counts: the municipality's latest reported month not after
 * the reference date, within the period (the results say «на 01.11.2026» next to the value).
 */
export const latestVacancyMonth = (ctx: ComputeContext) =>
  sql`select max(v2.month) from vacancies v2 join organizations o2 on o2.id = v2.organization_id
          where ${inMunicipalities(ctx, sql`o2.municipality_id`)} and v2.month <= ${ctx.period.referenceDate}::date
            and v2.month >= ${ctx.period.start}::date`;

export const AGGREGATES: Record<AggregateName, AggregateSql> = {
  teachers: {
    rows: (
      ctx,
    ) => sql`positions p join teachers t on t.id = p.teacher_id join organizations o on o.id = p.organization_id
      where ${activePositionsWhere(ctx)}`,
    orgColumn: sql`p.organization_id`,
    measure: (condition) => sql`count(distinct t.id) filter (where ${condition})`,
    resolver: teacherResolver,
  },
  organizations: {
    rows: (ctx) =>
      sql`organizations o where ${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active ${organizationFilter(ctx, sql`o.id`)}`,
    orgColumn: sql`o.id`,
    measure: countRows,
    resolver: fixed({
      kind: orgKind,
      lowResults: { kind: 'flag', expression: sql`o.is_low_results` },
      hardSocial: { kind: 'flag', expression: sql`o.is_hard_social_conditions` },
      orgGroup,
    }),
  },
  positions: {
    rows: (ctx) =>
      sql`positions p join organizations o on o.id = p.organization_id where ${activePositionsWhere(ctx)}`,
    orgColumn: sql`p.organization_id`,
    measure: countRows,
    rowsOf: 'teachers',
    resolver: fixed({
      mainJob: { kind: 'flag', expression: sql`p.is_main_job` },
      orgKind,
      orgGroup,
      position: { kind: 'column', expression: sql`p.title` },
    }),
  },
  vacancies: {
    // The latest monthly snapshot of the municipality not after the reference date, within the period.
    rows: (ctx) => sql`vacancies v join organizations o on o.id = v.organization_id
      where ${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active ${organizationFilter(ctx, sql`o.id`)}
        and v.month = (${latestVacancyMonth(ctx)})`,
    orgColumn: sql`v.organization_id`,
    measure: (condition) => sql`coalesce(sum(v.count) filter (where ${condition}), 0)`,
    resolver: fixed({
      position: { kind: 'column', expression: sql`v.position` },
      subject: { kind: 'column', expression: sql`v.subject` },
      orgKind,
      orgGroup,
    }),
  },
  mentoringPrograms: {
    rows: (ctx) => sql`mentoring_programs mp join organizations o on o.id = mp.organization_id
      where ${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active ${organizationFilter(ctx, sql`o.id`)}
        and ${overlapsPeriod(sql`mp.start_date`, sql`mp.end_date`, ctx)}`,
    orgColumn: sql`mp.organization_id`,
    measure: countRows,
    resolver: fixed({ orgKind, orgGroup }),
  },
  mentoringPairs: {
    rows: (ctx) => sql`mentoring_pairs mp join organizations o on o.id = mp.organization_id
      where ${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active ${organizationFilter(ctx, sql`o.id`)}
        and ${overlapsPeriod(sql`mp.start_date`, sql`mp.end_date`, ctx)}`,
    orgColumn: sql`mp.organization_id`,
    measure: countRows,
    resolver: fixed({ form: { kind: 'column', expression: sql`mp.form` }, orgKind, orgGroup }),
  },
  associations: {
    rows: (ctx) => sql`associations a where ${inMunicipalities(ctx, sql`a.municipality_id`)}
      and ${overlapsPeriod(sql`a.start_date`, sql`a.end_date`, ctx)} ${scopeOfOptionalOrg(ctx, sql`a.organization_id`)}`,
    orgColumn: sql`a.organization_id`,
    measure: countRows,
    resolver: fixed({
      level: { kind: 'column', expression: sql`a.level` },
      type: { kind: 'column', expression: sql`a.type` },
      subject: { kind: 'column', expression: sql`a.subject` },
    }),
  },
  events: {
    rows: (ctx) => sql`events ev where ${inMunicipalities(ctx, sql`ev.municipality_id`)}
      and ev.date between ${ctx.period.start}::date and ${ctx.period.end}::date ${scopeOfOptionalOrg(ctx, sql`ev.organization_id`)}`,
    orgColumn: sql`ev.organization_id`,
    measure: countRows,
    resolver: (ctx) => {
      const young = teacherResolver(ctx)('young');
      if (young.kind !== 'flag') throw new UnknownFilterError('byYoung');
      return fixed({
        level: { kind: 'column', expression: sql`ev.level` },
        format: { kind: 'column', expression: sql`ev.format` },
        type: { kind: 'column', expression: sql`ev.type` },
        deficit: { kind: 'contains', expression: sql`ev.deficit_codes` },
        // A speaker of the event is a young teacher by the program's rule at the reference date.
        byYoung: {
          kind: 'flag',
          expression: sql`exists (select 1 from event_participations ep join teachers t on t.id = ep.teacher_id where ep.event_id = ev.id and ep.role = 'speaker' and ${young.expression})`,
        },
      })(ctx);
    },
  },
  acts: {
    rows: (ctx) => sql`normative_acts n where ${inMunicipalities(ctx, sql`n.municipality_id`)}
      and n.valid_from <= ${ctx.period.referenceDate}::date
      and (n.valid_to is null or n.valid_to >= ${ctx.period.referenceDate}::date)
      ${scopeOfOptionalOrg(ctx, sql`n.organization_id`)}`,
    orgColumn: sql`n.organization_id`,
    measure: countRows,
    resolver: fixed({
      kind: { kind: 'column', expression: sql`n.kind` },
      level: {
        kind: 'column',
        expression: sql`(case when n.organization_id is null then 'municipal' else 'organization' end)`,
      },
    }),
    isSharedWithOrganizations: true,
  },
  reserve: {
    // A candidate belongs to the organization that proposed it; the department's own count in the total only.
    rows: (ctx) => sql`reserve_candidates rc join reserve_position_kinds rk on rk.id = rc.position_kind_id
      left join organizations o on o.id = rc.organization_id
      where ${inMunicipalities(ctx, sql`rc.municipality_id`)} and (o.id is null or o.is_active)
        and ${reserveOfPeriod(ctx.period)} ${scopeOfOptionalOrg(ctx, sql`rc.organization_id`)}`,
    orgColumn: sql`rc.organization_id`,
    measure: countRows,
    resolver: (ctx) =>
      fixed({
        ...reserveFilters(ctx.period),
        fromRegistry: { kind: 'flag', expression: sql`rc.teacher_id is not null` },
        // The department's own candidates have no organization: of no kind, and `orgKind != school` counts them.
        orgKind: { kind: 'column', expression: sql`coalesce(o.kind, '')` },
        orgGroup,
      })(ctx),
  },
  practices: {
    // An entry of the bank belongs to its author's organization; the department's own count in the total only.
    // Its status is the one it had at the end of the period, read off the history of the review.
    rows: (
      ctx,
    ) => sql`(select p.*, (select pt.to_status from practice_transitions pt where pt.practice_id = p.id
          and pt.at < (${ctx.period.end}::date + 1) order by pt.at desc, pt.id desc limit 1) as status_then
        from practices p where ${inMunicipalities(ctx, sql`p.municipality_id`)}) pr
      left join organizations o on o.id = pr.organization_id
      where pr.status_then is not null and (o.id is null or o.is_active)
        ${scopeOfOptionalOrg(ctx, sql`pr.organization_id`)}`,
    orgColumn: sql`pr.organization_id`,
    measure: countRows,
    resolver: fixed({
      status: { kind: 'column', expression: sql`pr.status_then` },
      kind: { kind: 'column', expression: sql`pr.kind` },
      stage: { kind: 'column', expression: sql`coalesce(pr.stage, '')` },
      subject: { kind: 'column', expression: sql`coalesce(pr.subject, '')` },
      orgKind: { kind: 'column', expression: sql`coalesce(o.kind, '')` },
    }),
  },
  websites: {
    // Each organization's latest finished check begun by the end of the period (a run may cover one school),
    // where the coordinator's override set by then wins over it (and counts without any check).
    rows: (ctx) => sql`(select coalesce(ov.organization_id, ci.organization_id) as organization_id,
          coalesce(ov.requirement_code, ci.requirement_code) as requirement_code,
          coalesce(ov.requirement_title, ci.requirement_title) as requirement_title,
          coalesce(ov.is_found, ci.is_found) as is_found
        from (select ci.* from website_check_items ci
            where ci.run_id = (select s.run_id from website_check_sites s join website_check_runs r on r.id = s.run_id
              where s.organization_id = ci.organization_id and r.status = 'done'
                and r.started_at < (${ctx.period.end}::date + 1) order by r.started_at desc, r.id desc limit 1)) ci
        full join (select * from website_check_overrides where set_at < (${ctx.period.end}::date + 1)) ov
          on ov.organization_id = ci.organization_id and ov.requirement_code = ci.requirement_code) wi
      join organizations o on o.id = wi.organization_id
      where wi.is_found and o.is_active and ${inMunicipalities(ctx, sql`o.municipality_id`)}
        ${organizationFilter(ctx, sql`o.id`)}`,
    orgColumn: sql`wi.organization_id`,
    // Organizations, not items: `websites()` is the organizations with anything found.
    measure: (condition) => sql`count(distinct wi.organization_id) filter (where ${condition})`,
    resolver: fixed({
      requirement: { kind: 'column', expression: sql`wi.requirement_code` },
      orgKind,
      orgGroup,
    }),
  },
  staffingNeed: {
    // The rows are the organizations forecast; the need itself is the forecast's arithmetic (measureCalls).
    rows: (ctx) =>
      sql`organizations o where ${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active ${organizationFilter(ctx, sql`o.id`)}`,
    orgColumn: sql`o.id`,
    measure: countRows,
    resolver: fixed({ orgKind }),
  },
  answers: {
    rows: surveyAnswerRows,
    orgColumn: sql`ai.organization_id`,
    measure: countRows,
    resolver: fixed(surveyAnswerFilters),
    isAnonymous: true,
  },
  answerSum: {
    rows: surveyAnswerRows,
    orgColumn: sql`ai.organization_id`,
    measure: (condition) => sql`coalesce(sum(ai.value) filter (where ${condition}), 0)`,
    resolver: fixed(surveyAnswerFilters),
    isAnonymous: true,
  },
};

/** Municipal rows (no organization) always, organization rows only of the computed organizations. */
function scopeOfOptionalOrg(ctx: ComputeContext, column: SQL): SQL {
  if (!ctx.organizationIds && ctx.campaignId === undefined && ctx.campaignIds === undefined) return sql``;
  return sql`and (${column} is null or (true ${organizationFilter(ctx, column)}))`;
}

/** The measured value of one call: per organization, for rows without one, and the municipal total. */
export interface CallValues {
  total: number;
  byOrganization: Map<number, number>;
  /** Value of rows without an organization (municipal-level records). */
  withoutOrganization: number;
  isSharedWithOrganizations: boolean;
}

export function valueForOrganization(values: CallValues, organizationId: number): number {
  return (
    (values.byOrganization.get(organizationId) ?? 0) +
    (values.isSharedWithOrganizations ? values.withoutOrganization : 0)
  );
}

/**
 * The ids of the teachers each `teachers(…)` call counts over the whole context, in one query: what a region
 * unites across its municipalities (server/modules/regional/region-row.ts), sorted.
 */
export async function measureTeacherIds(
  db: Db,
  ctx: ComputeContext,
  calls: { key: string; call: AggregateCallNode }[],
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!calls.length) return out;
  const aggregate = AGGREGATES.teachers;
  const resolver = aggregate.resolver(ctx);
  const columns = calls.map(
    ({ call }, i) =>
      sql`coalesce(array_agg(distinct t.id order by t.id) filter (where ${compileCondition(call.filter, resolver)}), '{}') as ${sql.raw(`m${i}`)}`,
  );
  const [row] = await queryRows<Record<string, number[]>>(
    db,
    sql`select ${sql.join(columns, sql`, `)} from ${aggregate.rows(ctx)}`,
  );
  calls.forEach(({ key }, i) => out.set(key, (row?.[`m${i}`] ?? []).map(Number)));
  return out;
}

/**
 * The queries a computation sends: each aggregate function's calls in one query, and the calls of a
 * function whose rows are another's (`rowsOf`) in that other's query when it has calls of its own.
 */
export function queriesOf(
  byFunction: Map<AggregateName, Map<string, AggregateCallNode>>,
): [AggregateName, { key: string; call: AggregateCallNode }[]][] {
  const queries = new Map<AggregateName, { key: string; call: AggregateCallNode }[]>();
  for (const [name, calls] of byFunction) {
    const host = AGGREGATES[name].rowsOf;
    const into = host && byFunction.has(host) ? host : name;
    const list = queries.get(into) ?? [];
    for (const [key, call] of calls) list.push({ key, call });
    queries.set(into, list);
  }
  return [...queries];
}

/**
 * Runs every call of one aggregate function in one query, with the calls of the functions that ride
 * along on its rows (`rowsOf`), each measured and filtered as its own function says.
 */
export async function measureCalls(
  db: Db,
  ctx: ComputeContext,
  name: AggregateName,
  calls: { key: string; call: AggregateCallNode }[],
): Promise<Map<string, CallValues>> {
  const aggregate = AGGREGATES[name];
  if (name === 'staffingNeed') return measureStaffingNeed(db, ctx, calls);
  if (name === 'teachers') {
    const parts = await teacherPartsOf(db, ctx);
    if (parts) {
      // Each part on its own pooled connection, outside any transaction (compiler/parts.ts).
      // eslint-disable-next-line no-restricted-syntax
      const measured = await Promise.all(
        parts.map((teacherRange) => measureCalls(db, { ...ctx, teacherRange }, name, calls)),
      );
      return sumParts(measured);
    }
  }
  const resolvers = new Map<AggregateName, FilterResolver>();
  const measures = calls.map(({ call }, i) => {
    const own = AGGREGATES[call.name];
    if (call.name !== name && own.rowsOf !== name)
      throw new Error(`${call.name}(…) is not measured over the rows of ${name}(…)`);
    let resolver = resolvers.get(call.name);
    if (!resolver) resolvers.set(call.name, (resolver = own.resolver(ctx)));
    const measure = sql`${own.measure(compileCondition(call.filter, resolver))}::float8 as ${sql.raw(`m${i}`)}`;
    if (!aggregate.isAnonymous) return measure;
    const respondents = compileCondition(respondentsCondition(call.filter), resolver);
    return sql`${measure}, ${anonymityColumns(respondents, i)}`;
  });
  const kind = aggregate.isAnonymous ? sql`, min(o.kind) as kind` : sql``;
  const query = sql`select ${aggregate.orgColumn} as org, grouping(${aggregate.orgColumn})::int as is_total${kind}, ${sql.join(measures, sql`, `)}
    from ${aggregate.rows(ctx)}
    group by grouping sets ((${aggregate.orgColumn}), ())`;
  const rows = await queryRows(db, query);
  const out = new Map<string, CallValues>();
  calls.forEach(({ key, call }, i) => {
    const values: CallValues = {
      total: 0,
      byOrganization: new Map(),
      withoutOrganization: 0,
      isSharedWithOrganizations: Boolean(AGGREGATES[call.name].isSharedWithOrganizations),
    };
    if (aggregate.isAnonymous) {
      // A value below the threshold stays «нет данных»: NaN evaluates to null.
      const anonymous = withAnonymity(
        rows.map((row) => ({
          org: Number(row.is_total) === 1 ? null : Number(row.org),
          kind: row.kind === null ? null : String(row.kind),
          measure: Number(row[`m${i}`] ?? 0),
          respondents: Number(row[`r${i}`] ?? 0),
          threshold: row[`t${i}`] === null ? null : Number(row[`t${i}`]),
        })),
      );
      out.set(key, { ...values, total: anonymous.total, byOrganization: anonymous.byOrganization });
      return;
    }
    for (const row of rows) {
      const v = Number(row[`m${i}`] ?? 0);
      if (Number(row.is_total) === 1) values.total = v;
      else if (row.org === null) values.withoutOrganization = v;
      else values.byOrganization.set(Number(row.org), v);
    }
    out.set(key, values);
  });
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * `staffingNeed(…)`: the need of the school year after the reference date computed by the staffing forecast
 * (registers/forecast, core/registry/staffing-forecast.ts), once for the organizations of the context, summed
 * over the organizations each call's condition selects; each organization's value to hundredths.
 */
async function measureStaffingNeed(
  db: Db,
  ctx: ComputeContext,
  calls: { key: string; call: AggregateCallNode }[],
): Promise<Map<string, CallValues>> {
  const aggregate = AGGREGATES.staffingNeed;
  const resolver = aggregate.resolver(ctx);
  // The forecast is each municipality's own (its observed attrition); a region's is the union of them.
  const need = new Map<number, number>();
  for (const municipalityId of municipalitiesOf(ctx)) {
    const ofMunicipality = await nextYearNeedByOrganization(
      db,
      municipalityId,
      null,
      ctx.period.referenceDate,
    );
    for (const [organizationId, value] of ofMunicipality) need.set(organizationId, value);
  }
  const out = new Map<string, CallValues>();
  for (const { key, call } of calls) {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select o.id from ${aggregate.rows(ctx)} and ${compileCondition(call.filter, resolver)} order by o.id`,
    );
    const values: CallValues = {
      total: 0,
      byOrganization: new Map(),
      withoutOrganization: 0,
      isSharedWithOrganizations: false,
    };
    let total = 0;
    for (const { id } of rows) {
      const value = need.get(Number(id)) ?? 0;
      values.byOrganization.set(Number(id), round2(value));
      total += value;
    }
    values.total = round2(total);
    out.set(key, values);
  }
  return out;
}
