import { sql, type SQL } from 'drizzle-orm';
import type { Condition, NestedNode } from '../../../../core/formula/index.ts';
import {
  compareYears,
  compileCondition,
  nestedWindow,
  orgGroupSql,
  UnknownFilterError,
  type FilterResolver,
  type FilterSql,
} from './conditions.ts';
import { inMunicipalities, type ComputeContext } from './context.ts';
import { reserveFilters, reserveOfPeriod } from './reserve.ts';

/**
 * The filters of `teachers(…)` over the aliases of the base query: t (teachers), p (positions, active at
 * the reference date), o (their organizations).
 */
export function teacherResolver(ctx: ComputeContext): FilterResolver {
  const { period } = ctx;
  /**
   * `column = t.id`: a record of the teacher of the row. In one part of a computation split by teacher ids
   * (`ctx.teacherRange`) the record's own column is bounded too, so the database hashes only that part's
   * records for the condition, not every teacher's.
   */
  const ofTeacher = (column: SQL) =>
    ctx.teacherRange
      ? sql`${column} = t.id and ${column} between ${ctx.teacherRange.from} and ${ctx.teacherRange.to}`
      : sql`${column} = t.id`;
  const age: Extract<FilterSql, { kind: 'years' }> = {
    kind: 'years',
    column: sql`t.birth_date`,
    referenceDate: period.referenceDate,
    isClampedAtZero: false,
  };
  const experience: typeof age = { ...age, column: sql`t.pedagogical_start_date`, isClampedAtZero: true };
  const inWindow = (column: SQL, w: { start: string; end: string }) =>
    sql`${column} between ${w.start}::date and ${w.end}::date`;
  const overlaps = (from: SQL, to: SQL, w: { start: string; end: string }) =>
    sql`${from} <= ${w.end}::date and (${to} is null or ${to} >= ${w.start}::date)`;

  /** EXISTS over one table of records, in the window, with its own sub-filters. */
  const records = (
    from: SQL,
    inPeriod: (w: { start: string; end: string }) => SQL,
    sub: Record<string, FilterSql>,
  ): FilterSql => ({
    kind: 'nested',
    build(node: Pick<NestedNode, 'filter'>) {
      const { window, rest } = nestedWindow(node, period);
      const resolveSub: FilterResolver = (name) => {
        const f = sub[name];
        if (!f) throw new UnknownFilterError(name);
        return f;
      };
      return sql`exists (select 1 from ${from} and ${inPeriod(window)} and ${compileCondition(rest, resolveSub)})`;
    },
  });

  const filters: Record<string, FilterSql> = {
    orgKind: { kind: 'column', expression: sql`o.kind` },
    orgGroup: orgGroupSql(sql`o.id`),
    lowResults: { kind: 'flag', expression: sql`o.is_low_results` },
    hardSocial: { kind: 'flag', expression: sql`o.is_hard_social_conditions` },
    position: { kind: 'column', expression: sql`p.title` },
    mainJob: { kind: 'flag', expression: sql`p.is_main_job` },
    subject: {
      kind: 'exists',
      from: sql`teacher_subjects ts where ${ofTeacher(sql`ts.teacher_id`)}`,
      column: sql`ts.subject`,
    },
    manager: { kind: 'flag', expression: sql`t.is_manager` },
    young: {
      kind: 'flag',
      expression: sql`(${compareYears(age, '<', [period.youngRule.maxAge])} and ${compareYears(experience, '<', [period.youngRule.maxExperience])})`,
    },
    experience,
    age,
    sex: { kind: 'column', expression: sql`t.sex` },
    educationMatches: {
      kind: 'flag',
      expression: sql`exists (select 1 from educations e where ${ofTeacher(sql`e.teacher_id`)} and e.matches_profile)`,
    },
    education: {
      kind: 'exists',
      from: sql`educations e where ${ofTeacher(sql`e.teacher_id`)}`,
      column: sql`e.level`,
    },
    category: { kind: 'column', expression: sql`t.qualification_category` },
    certified: records(
      sql`certifications c where ${ofTeacher(sql`c.teacher_id`)}`,
      (w) => inWindow(sql`c.date`, w),
      {
        result: { kind: 'column', expression: sql`c.result` },
      },
    ),
    diagnosed: records(
      sql`diagnostics d where ${ofTeacher(sql`d.teacher_id`)}`,
      (w) => inWindow(sql`d.date`, w),
      {
        level: { kind: 'column', expression: sql`d.level` },
        area: { kind: 'contains', expression: sql`d.areas` },
        instrument: { kind: 'column', expression: sql`d.instrument` },
        deficit: { kind: 'contains', expression: sql`d.deficit_codes` },
        withDeficits: { kind: 'flag', expression: sql`cardinality(d.deficit_codes) > 0` },
      },
    ),
    trained: records(
      sql`trainings tr left join providers pr on pr.id = tr.provider_id where ${ofTeacher(sql`tr.teacher_id`)}`,
      (w) => inWindow(sql`tr.end_date`, w),
      {
        type: { kind: 'column', expression: sql`tr.type` },
        topic: { kind: 'contains', expression: sql`tr.topics` },
        format: { kind: 'column', expression: sql`tr.format` },
        deficit: { kind: 'contains', expression: sql`tr.deficit_codes` },
        provider: { kind: 'column', expression: sql`pr.kind` },
        hours: { kind: 'column', expression: sql`tr.hours` },
      },
    ),
    route: records(
      sql`routes r where ${ofTeacher(sql`r.teacher_id`)}`,
      (w) => overlaps(sql`r.start_date`, sql`r.end_date`, w),
      {
        curator: {
          kind: 'flag',
          expression: sql`(r.curator_id is not null or coalesce(r.curator_name, '') <> '')`,
        },
        tutor: {
          kind: 'flag',
          expression: sql`(r.tutor_id is not null or coalesce(r.tutor_name, '') <> '')`,
        },
        registeredCurator: { kind: 'flag', expression: sql`r.curator_id is not null` },
        registeredTutor: { kind: 'flag', expression: sql`r.tutor_id is not null` },
        fromDiagnostic: { kind: 'flag', expression: sql`r.diagnostic_id is not null` },
        status: { kind: 'column', expression: sql`r.status` },
      },
    ),
    mentor: records(
      sql`mentoring_pairs mp where ${ofTeacher(sql`mp.mentor_id`)}`,
      (w) => overlaps(sql`mp.start_date`, sql`mp.end_date`, w),
      {
        form: { kind: 'column', expression: sql`mp.form` },
      },
    ),
    mentee: records(
      sql`mentoring_pairs mp where ${ofTeacher(sql`mp.mentee_id`)}`,
      (w) => overlaps(sql`mp.start_date`, sql`mp.end_date`, w),
      {
        form: { kind: 'column', expression: sql`mp.form` },
      },
    ),
    member: records(
      sql`association_members am join associations a on a.id = am.association_id where ${ofTeacher(sql`am.teacher_id`)}`,
      (w) =>
        sql`${overlaps(sql`am.joined_on`, sql`am.left_on`, w)} and ${overlaps(sql`a.start_date`, sql`a.end_date`, w)}`,
      {
        level: { kind: 'column', expression: sql`a.level` },
        type: { kind: 'column', expression: sql`a.type` },
        subject: { kind: 'column', expression: sql`a.subject` },
      },
    ),
    event: records(
      sql`event_participations ep join events ev on ev.id = ep.event_id where ${ofTeacher(sql`ep.teacher_id`)}`,
      (w) => inWindow(sql`ev.date`, w),
      {
        level: { kind: 'column', expression: sql`ev.level` },
        format: { kind: 'column', expression: sql`ev.format` },
        type: { kind: 'column', expression: sql`ev.type` },
        deficit: { kind: 'contains', expression: sql`ev.deficit_codes` },
        role: { kind: 'column', expression: sql`ep.role` },
      },
    ),
    reserved: records(
      sql`reserve_candidates rc join reserve_position_kinds rk on rk.id = rc.position_kind_id where ${ofTeacher(sql`rc.teacher_id`)}`,
      () => reserveOfPeriod(period),
      reserveFilters(period),
    ),
    competition: records(
      sql`competition_participations cp where ${ofTeacher(sql`cp.teacher_id`)}`,
      (w) => inWindow(sql`cp.date`, w),
      {
        level: { kind: 'column', expression: sql`cp.level` },
        result: { kind: 'column', expression: sql`cp.result` },
        name: { kind: 'column', expression: sql`cp.name` },
      },
    ),
  };
  return (name) => {
    const f = filters[name];
    if (!f) throw new UnknownFilterError(name);
    return f;
  };
}

/** Positions active at the reference date in the organizations of the computation. */
export function activePositionsWhere(ctx: ComputeContext): SQL {
  const ref = ctx.period.referenceDate;
  const part = ctx.teacherRange
    ? sql`and p.teacher_id between ${ctx.teacherRange.from} and ${ctx.teacherRange.to}`
    : sql``;
  return sql`${inMunicipalities(ctx, sql`o.municipality_id`)} and o.is_active
    and p.start_date <= ${ref}::date and (p.end_date is null or p.end_date >= ${ref}::date)
    ${organizationFilter(ctx, sql`o.id`)} ${part}`;
}

/**
 * `and column …` when the computation is limited to some organizations: the participants of a campaign
 * as a set the database joins, or a list of ids as one array parameter (not one parameter per id).
 */
export function organizationFilter(
  ctx: Pick<ComputeContext, 'organizationIds' | 'campaignId' | 'campaignIds'>,
  column: SQL,
): SQL {
  if (ctx.campaignIds !== undefined)
    return sql`and ${column} in (select cp.organization_id from campaign_participants cp where cp.campaign_id = any(${sql.param(ctx.campaignIds)}::int[]))`;
  if (ctx.campaignId !== undefined)
    return sql`and ${column} in (select cp.organization_id from campaign_participants cp where cp.campaign_id = ${ctx.campaignId})`;
  if (!ctx.organizationIds) return sql``;
  if (!ctx.organizationIds.length) return sql`and false`;
  return sql`and ${column} = any(${sql.param(ctx.organizationIds)}::int[])`;
}

export const compileTeacherCondition = (condition: Condition | null, ctx: ComputeContext) =>
  compileCondition(condition, teacherResolver(ctx));
