import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import {
  organizations,
  surveyInvitations,
  surveyLinks,
  surveyResponses,
  surveyTokens,
  surveyVersions,
  surveys,
  users,
} from '../../db/schema/index.ts';
import type { SurveyAudience } from '../../../core/surveys/survey.ts';

export type SurveyRow = typeof surveys.$inferSelect;

export async function findSurvey(db: Db, id: number) {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row ?? null;
}

export async function findSurveys(
  db: Db,
  filter: { municipalityIds: number[] | null; organizationIds: number[] },
) {
  const rows = await db
    .select()
    .from(surveys)
    .where(filter.municipalityIds ? inArray(surveys.municipalityId, filter.municipalityIds) : undefined)
    .orderBy(desc(surveys.opensOn), desc(surveys.id));
  return rows;
}

export async function findCurrentVersion(db: Db, surveyId: number) {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(desc(surveyVersions.number))
    .limit(1);
  return row;
}

/** People of the audience: one row per teacher (their first matching position), with e-mail and account. */
export async function findAudience(db: Db, municipalityId: number, audience: SurveyAudience, today: string) {
  const positionPatterns = (audience.positions ?? []).map((p) => `%${p.replace(/[%_\\]/g, '\\$&')}%`);
  return queryRows<{
    teacher_id: number;
    organization_id: number;
    email: string | null;
    user_id: number | null;
    user_email: string | null;
    birth_date: string;
    pedagogical_start_date: string;
  }>(
    db,
    sql`select distinct on (t.id) t.id as teacher_id, p.organization_id, t.email, u.id as user_id, u.email as user_email,
        t.birth_date::text as birth_date, t.pedagogical_start_date::text as pedagogical_start_date
      from positions p
      join teachers t on t.id = p.teacher_id
      join organizations o on o.id = p.organization_id
      left join users u on u.teacher_id = t.id and u.is_active
      where o.municipality_id = ${municipalityId} and o.is_active
        and p.organization_id in (${sql.join(
          audience.organizationIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        and p.start_date <= ${today}::date and (p.end_date is null or p.end_date >= ${today}::date)
        ${audience.target === 'heads' ? sql`and t.is_manager` : sql``}
        ${
          positionPatterns.length
            ? sql`and p.title ilike any(array[${sql.join(
                positionPatterns.map((p) => sql`${p}`),
                sql`, `,
              )}]::text[])`
            : sql``
        }
        ${audience.lowResultsOnly ? sql`and o.is_low_results` : sql``}
        ${audience.hardSocialOnly ? sql`and o.is_hard_social_conditions` : sql``}
        ${
          audience.associationId
            ? sql`and exists (select 1 from association_members am where am.teacher_id = t.id
                and am.association_id = ${audience.associationId} and (am.left_on is null or am.left_on >= ${today}::date))`
            : sql``
        }
      order by t.id, p.is_main_job desc, p.organization_id`,
  );
}

/** The organizations of a survey's audience, with names and kinds, in the municipality only. */
export async function findAudienceOrganizations(db: Db, municipalityId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: organizations.id, shortName: organizations.shortName, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.municipalityId, municipalityId), inArray(organizations.id, ids)));
}

/** The response rate per organization: asked, links opened (anonymous) or invited (named), answered. */
export async function findResponseRates(db: Db, survey: SurveyRow) {
  if (survey.kind === 'anonymous')
    return queryRows<{
      organization_id: number;
      short_name: string;
      asked: number;
      issued: number;
      answered: number;
    }>(
      db,
      sql`select l.organization_id, o.short_name, l.audience_count as asked,
          (select count(*)::int from survey_tokens st where st.survey_id = l.survey_id and st.organization_id = l.organization_id
             and (st.is_used or not exists (select 1 from survey_addresses a where a.token_hash = st.token_hash))) as issued,
          (select count(*)::int from survey_responses r where r.survey_id = l.survey_id and r.organization_id = l.organization_id) as answered
        from survey_links l join organizations o on o.id = l.organization_id
        where l.survey_id = ${survey.id} order by o.short_name`,
    );
  return queryRows<{
    organization_id: number;
    short_name: string;
    asked: number;
    issued: number;
    answered: number;
  }>(
    db,
    sql`select i.organization_id, o.short_name, count(*)::int as asked, count(*)::int as issued,
        count(i.answered_on)::int as answered
      from survey_invitations i join organizations o on o.id = i.organization_id
      where i.survey_id = ${survey.id} group by i.organization_id, o.short_name order by o.short_name`,
  );
}

export async function findLink(db: Db, code: string) {
  const [row] = await db.select().from(surveyLinks).where(eq(surveyLinks.code, code));
  return row ?? null;
}

export async function findLinks(db: Db, surveyId: number) {
  return db.select().from(surveyLinks).where(eq(surveyLinks.surveyId, surveyId));
}

export async function findToken(db: Db, tokenHash: string) {
  const [row] = await db.select().from(surveyTokens).where(eq(surveyTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function findInvitationByToken(db: Db, tokenHash: string) {
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.tokenHash, tokenHash));
  return row ?? null;
}

/** Marks a one-time token used, only if it was not: the row back means this request may answer. */
export async function useToken(db: Db, tokenHash: string) {
  const [row] = await db
    .update(surveyTokens)
    .set({ isUsed: true })
    .where(and(eq(surveyTokens.tokenHash, tokenHash), eq(surveyTokens.isUsed, false)))
    .returning();
  return row ?? null;
}

export async function useInvitation(db: Db, tokenHash: string, today: string) {
  const [row] = await db
    .update(surveyInvitations)
    .set({ answeredOn: today })
    .where(and(eq(surveyInvitations.tokenHash, tokenHash), sql`${surveyInvitations.answeredOn} is null`))
    .returning();
  return row ?? null;
}

/** The responses with what the cross-tabs need, optionally of one organization. */
export async function findResponsesForResults(db: Db, surveyId: number, organizationId?: number) {
  return queryRows<{
    organization_id: number;
    short_name: string;
    kind: string;
    age_group: string | null;
    is_young: boolean | null;
    answers: Record<string, unknown>;
    teacher_id: number | null;
    teacher_name: string | null;
    answered_on: string;
  }>(
    db,
    sql`select r.organization_id, o.short_name, o.kind, r.age_group, r.is_young, r.answers, r.teacher_id,
        r.answered_on::text as answered_on,
        case when t.id is null then null else concat_ws(' ', t.last_name, t.first_name, t.middle_name) end as teacher_name
      from survey_responses r join organizations o on o.id = r.organization_id
      left join teachers t on t.id = r.teacher_id
      where r.survey_id = ${surveyId} ${organizationId ? sql`and r.organization_id = ${organizationId}` : sql``}
      order by o.short_name, r.id`,
  );
}

export async function countResponses(db: Db, surveyId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row.n;
}

/** Unanswered invitations of a named survey, with an address to remind. */
export async function findUnanswered(db: Db, surveyId: number) {
  return db
    .select({
      id: surveyInvitations.id,
      email: surveyInvitations.email,
      userId: surveyInvitations.userId,
      organizationId: surveyInvitations.organizationId,
    })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.surveyId, surveyId), sql`${surveyInvitations.answeredOn} is null`));
}

export async function findUserEmails(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids));
}

/** The codes and titles of a municipality's surveys: what a conclusion from `answers(survey = …)` names. */
export async function findSurveyTitles(db: Db, municipalityId: number) {
  return db
    .select({ code: surveys.code, title: surveys.title })
    .from(surveys)
    .where(eq(surveys.municipalityId, municipalityId));
}
