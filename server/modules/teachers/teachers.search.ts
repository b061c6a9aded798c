import { inOrder } from '../../db/in-order.ts';
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { addMonths, type IsoDate, type YoungTeacherRule } from '../../../core/dates.ts';
import { QUALIFICATION_CATEGORIES } from '../../../core/enums.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { organizations, positions } from '../../db/schema/index.ts';
import type { OrganizationScope } from '../auth/access.ts';
import { organizationScopeCondition } from '../organizations/organizations.repository.ts';
import type { ListTeachersQuery, TeacherFilters } from './teachers.schema.ts';

/**
 * The teacher search over `teachers t`. Age and experience are never stored: each range becomes a range of
 * birth dates or start dates computed from the reference date, so the conditions stay plain date comparisons.
 * Flags are uncorrelated `t.id in (…)` subqueries, which PostgreSQL hashes once per query instead of probing
 * per teacher.
 */
export interface SearchContext {
  scope: OrganizationScope;
  filters: TeacherFilters;
  referenceDate: IsoDate;
  youngRule: YoungTeacherRule;
  /** The organizations of the `kind` filter, looked up once (see `withKind`). */
  kindOrganizationIds?: number[];
}

/** Resolves the organization-kind filter into organization ids, so the search itself joins nothing. */
export async function withKind(db: Db, ctx: SearchContext): Promise<SearchContext> {
  if (!ctx.filters.kind) return ctx;
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.kind, ctx.filters.kind));
  return { ...ctx, kindOrganizationIds: rows.map((r) => r.id) };
}

const values = (items: readonly (number | string)[]) =>
  sql.join(
    items.map((v) => sql`${v}`),
    sql`, `,
  );

/** The date `years` full years before `date` (29 February falls back to the 28th, as PostgreSQL does). */
const yearsBefore = (date: IsoDate, years: number) => addMonths(date, -12 * years);

const likePattern = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/**
 * Visible positions without a join: positions never cross municipalities (a teacher and its organizations
 * share one), so a municipality grant is a condition on the teacher and an organization grant one on the
 * position. A join to organizations here would let a planner without statistics (embedded PGlite runs no
 * autovacuum) loop over organizations for every teacher.
 */
function scopeSql(scope: OrganizationScope): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = [];
  if (scope.municipalityIds.length) parts.push(sql`t.municipality_id in (${values(scope.municipalityIds)})`);
  if (scope.organizationIds.length) parts.push(sql`p.organization_id in (${values(scope.organizationIds)})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const activeAt = (from: SQL, to: SQL, ref: IsoDate) =>
  sql`${from} <= ${ref}::date and (${to} is null or ${to} >= ${ref}::date)`;

/** The flags of the filter panel, each a condition on `t`. */
export function teacherFlags(ref: IsoDate, rule: YoungTeacherRule) {
  return {
    young: sql`(t.birth_date > ${yearsBefore(ref, rule.maxAge)}::date and t.pedagogical_start_date > ${yearsBefore(ref, rule.maxExperience)}::date)`,
    diagnosedIn: (year: number) =>
      sql`t.id in (select d.teacher_id from diagnostics d where d.date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date)`,
    hasRoute: sql`t.id in (select r.teacher_id from routes r where ${activeAt(sql`r.start_date`, sql`r.end_date`, ref)})`,
    inMentoring: sql`(t.id in (select mp.mentor_id from mentoring_pairs mp where ${activeAt(sql`mp.start_date`, sql`mp.end_date`, ref)})
      or t.id in (select mp.mentee_id from mentoring_pairs mp where ${activeAt(sql`mp.start_date`, sql`mp.end_date`, ref)}))`,
    inAssociation: sql`t.id in (select am.teacher_id from association_members am
      join associations a on a.id = am.association_id
      where ${activeAt(sql`am.joined_on`, sql`am.left_on`, ref)} and ${activeAt(sql`a.start_date`, sql`a.end_date`, ref)})`,
  };
}

const flag = (condition: SQL, wanted: boolean | undefined) =>
  wanted === undefined ? undefined : wanted ? condition : sql`not ${condition}`;

/** Every filter as a list of conditions on `teachers t`. */
export function teacherConditions(ctx: SearchContext, options: { skipSubject?: boolean } = {}): SQL[] {
  const { filters: f, scope, referenceDate: ref } = ctx;
  const flags = teacherFlags(ref, ctx.youngRule);
  const positionParts: SQL[] = [sql`p.teacher_id = t.id`, scopeSql(scope)];
  if (!f.includeFormer) positionParts.push(activeAt(sql`p.start_date`, sql`p.end_date`, ref));
  if (f.organizationId) positionParts.push(sql`p.organization_id = ${f.organizationId}`);
  if (ctx.kindOrganizationIds) {
    positionParts.push(
      ctx.kindOrganizationIds.length
        ? sql`p.organization_id in (${values(ctx.kindOrganizationIds)})`
        : sql`false`,
    );
  }
  if (f.position) positionParts.push(sql`p.title ilike ${likePattern(f.position)}`);
  const conditions: (SQL | undefined)[] = [
    sql`exists (select 1 from positions p where ${sql.join(positionParts, sql` and `)})`,
  ];
  if (!scope.all && scope.municipalityIds.length && !scope.organizationIds.length) {
    conditions.push(sql`t.municipality_id in (${values(scope.municipalityIds)})`);
  }
  if (f.q) conditions.push(textSearch(f.q));
  if (f.subject && !options.skipSubject) {
    conditions.push(
      sql`t.id in (select s.teacher_id from teacher_subjects s where lower(s.subject) = lower(${f.subject}))`,
    );
  }
  if (f.ageFrom !== undefined) conditions.push(sql`t.birth_date <= ${yearsBefore(ref, f.ageFrom)}::date`);
  if (f.ageTo !== undefined) conditions.push(sql`t.birth_date > ${yearsBefore(ref, f.ageTo + 1)}::date`);
  if (f.experienceFrom) {
    conditions.push(sql`t.pedagogical_start_date <= ${yearsBefore(ref, f.experienceFrom)}::date`);
  }
  if (f.experienceTo !== undefined) {
    conditions.push(sql`t.pedagogical_start_date > ${yearsBefore(ref, f.experienceTo + 1)}::date`);
  }
  if (f.category) conditions.push(sql`t.qualification_category = ${f.category}`);
  if (f.isManager !== undefined) conditions.push(sql`t.is_manager = ${f.isManager}`);
  conditions.push(flag(flags.young, f.young));
  if (f.diagnosedYear) conditions.push(flags.diagnosedIn(f.diagnosedYear));
  conditions.push(flag(flags.hasRoute, f.hasRoute));
  conditions.push(flag(flags.inMentoring, f.inMentoring));
  conditions.push(flag(flags.inAssociation, f.inAssociation));
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** «Иванова Мар» matches by words of the full name; digits match the СНИЛС. */
function textSearch(q: string): SQL {
  const digits = q.replace(/[\s-]/g, '');
  if (/^\d{3,}$/.test(digits)) return sql`t.snils like ${likePattern(digits)}`;
  const words = q.split(/\s+/).filter(Boolean);
  return sql.join(
    words.map((w) => sql`concat_ws(' ', t.last_name, t.first_name, t.middle_name) ilike ${likePattern(w)}`),
    sql` and `,
  );
}

const where = (conditions: SQL[]) => sql.join(conditions, sql` and `);

const ORDER: Record<ListTeachersQuery['sort'], SQL> = {
  name: sql`t.last_name, t.first_name, t.middle_name nulls first, t.id`,
  age: sql`t.birth_date desc, t.last_name, t.first_name, t.id`,
  experience: sql`t.pedagogical_start_date desc, t.last_name, t.first_name, t.id`,
};

export interface TeacherSearchRow {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  category: (typeof QUALIFICATION_CATEGORIES)[number];
  isManager: boolean;
  age: number;
  experience: number;
  isYoung: boolean;
  subjects: string[];
}

export async function searchTeachers(
  db: Db,
  ctx: SearchContext,
  page: Pick<ListTeachersQuery, 'page' | 'pageSize' | 'sort'>,
) {
  const conditions = teacherConditions(ctx);
  const ref = ctx.referenceDate;
  const [rows, [{ total }]] = await inOrder([
    () =>
      queryRows<TeacherSearchRow>(
        db,
        sql`select t.id, t.last_name as "lastName", t.first_name as "firstName", t.middle_name as "middleName",
          t.birth_date::text as "birthDate", t.qualification_category as category, t.is_manager as "isManager",
          date_part('year', age(${ref}::date, t.birth_date))::int as age,
          greatest(0, date_part('year', age(${ref}::date, t.pedagogical_start_date))::int) as experience,
          ${teacherFlags(ref, ctx.youngRule).young} as "isYoung",
          array(select s.subject from teacher_subjects s where s.teacher_id = t.id order by s.subject) as subjects
        from teachers t where ${where(conditions)}
        order by ${ORDER[page.sort]}
        limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
      ),
    () =>
      queryRows<{ total: number }>(
        db,
        sql`select count(*)::int as total from teachers t where ${where(conditions)}`,
      ),
  ]);
  return { rows, total: Number(total) };
}

/** The positions of a page of teachers, in one query: those the caller may see, current unless `includeFormer`. */
export async function findVisiblePositions(
  db: Db,
  options: { teacherIds: number[]; scope: OrganizationScope; referenceDate: IsoDate; includeFormer: boolean },
) {
  if (!options.teacherIds.length) return [];
  const ref = options.referenceDate;
  return db
    .select({
      id: positions.id,
      teacherId: positions.teacherId,
      organizationId: positions.organizationId,
      organizationShortName: organizations.shortName,
      title: positions.title,
      isMainJob: positions.isMainJob,
      rate: positions.rate,
      startDate: positions.startDate,
      endDate: positions.endDate,
    })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .where(
      and(
        inArray(positions.teacherId, options.teacherIds),
        organizationScopeCondition(options.scope),
        options.includeFormer
          ? undefined
          : and(lte(positions.startDate, ref), or(isNull(positions.endDate), gte(positions.endDate, ref))),
      ),
    )
    .orderBy(desc(positions.isMainJob), asc(positions.startDate), asc(positions.id));
}

export async function summarizeTeachers(db: Db, ctx: SearchContext) {
  const flags = teacherFlags(ctx.referenceDate, ctx.youngRule);
  const year = Number(ctx.referenceDate.slice(0, 4));
  const byCategory = sql.join(
    QUALIFICATION_CATEGORIES.map(
      (c) =>
        sql`count(*) filter (where t.qualification_category = ${c})::int as ${sql.identifier(`category_${c}`)}`,
    ),
    sql`, `,
  );
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select count(*)::int as total,
        count(*) filter (where ${flags.young})::int as young,
        count(*) filter (where ${flags.diagnosedIn(year)})::int as diagnosed,
        count(*) filter (where ${flags.hasRoute})::int as route,
        count(*) filter (where ${flags.inMentoring})::int as mentoring,
        count(*) filter (where ${flags.inAssociation})::int as association,
        count(*) filter (where t.is_manager)::int as managers,
        ${byCategory}
      from teachers t where ${where(teacherConditions(ctx))}`,
  );
  return {
    referenceDate: ctx.referenceDate,
    total: Number(row.total),
    young: Number(row.young),
    diagnosedThisYear: Number(row.diagnosed),
    withRoute: Number(row.route),
    inMentoring: Number(row.mentoring),
    inAssociation: Number(row.association),
    managers: Number(row.managers),
    byCategory: Object.fromEntries(
      QUALIFICATION_CATEGORIES.map((c) => [c, Number(row[`category_${c}`])]),
    ) as Record<(typeof QUALIFICATION_CATEGORIES)[number], number>,
  };
}

/** Subjects taught by the teachers the filters find (the subject filter itself aside), most frequent first. */
export async function countSubjects(db: Db, ctx: SearchContext) {
  const rows = await queryRows<{ subject: string; count: number }>(
    db,
    sql`select s.subject, count(*)::int as count from teacher_subjects s
      where s.teacher_id in (select t.id from teachers t where ${where(teacherConditions(ctx, { skipSubject: true }))})
      group by s.subject order by count(*) desc, s.subject`,
  );
  return rows.map((r) => ({ subject: r.subject, count: Number(r.count) }));
}
