import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { groupIdsOf } from '../groups/groups.repository.ts';
import {
  campaignParticipants,
  campaignReports,
  campaigns,
  conclusions,
  organizations,
  recommendationReports,
  recommendationRules,
  recommendations,
} from '../../db/schema/index.ts';

export type ConclusionRow = typeof conclusions.$inferSelect;
export type RecommendationRow = typeof recommendations.$inferSelect;
export type RuleRow = typeof recommendationRules.$inferSelect;
export type ReportRow = typeof campaignReports.$inferSelect;

export async function findConclusions(db: Db, campaignId: number) {
  return db
    .select()
    .from(conclusions)
    .where(eq(conclusions.campaignId, campaignId))
    .orderBy(asc(conclusions.sortOrder), asc(conclusions.id));
}

export async function findConclusion(db: Db, id: number) {
  const [row] = await db.select().from(conclusions).where(eq(conclusions.id, id));
  return row;
}

export async function replaceConclusions(
  db: Db,
  campaignId: number,
  rows: Omit<typeof conclusions.$inferInsert, 'campaignId'>[],
) {
  await db.delete(conclusions).where(eq(conclusions.campaignId, campaignId));
  if (rows.length) await db.insert(conclusions).values(rows.map((r) => ({ ...r, campaignId })));
}

export async function insertConclusion(db: Db, values: typeof conclusions.$inferInsert) {
  const [row] = await db.insert(conclusions).values(values).returning();
  return row;
}

export async function deleteConclusion(db: Db, id: number) {
  await db.delete(conclusions).where(eq(conclusions.id, id));
}

export async function findRules(db: Db, programId: number) {
  return db
    .select()
    .from(recommendationRules)
    .where(eq(recommendationRules.programId, programId))
    .orderBy(asc(recommendationRules.indicatorCode), asc(recommendationRules.id));
}

export async function findRule(db: Db, id: number) {
  const [row] = await db.select().from(recommendationRules).where(eq(recommendationRules.id, id));
  return row;
}

export async function insertRule(db: Db, values: typeof recommendationRules.$inferInsert) {
  const [row] = await db.insert(recommendationRules).values(values).returning();
  return row;
}

export async function deleteRule(db: Db, id: number) {
  await db.delete(recommendationRules).where(eq(recommendationRules.id, id));
}

const recommendationColumns = {
  id: recommendations.id,
  campaignId: recommendations.campaignId,
  organizationId: recommendations.organizationId,
  organizationName: organizations.shortName,
  indicatorCode: recommendations.indicatorCode,
  text: recommendations.text,
  addressee: recommendations.addressee,
  deadline: recommendations.deadline,
  audience: recommendations.audience,
  responsible: recommendations.responsible,
  status: recommendations.status,
  report: recommendations.report,
  reportedAt: recommendations.reportedAt,
  reportedBy: recommendations.reportedBy,
  reviewComment: recommendations.reviewComment,
  version: recommendations.version,
  updatedAt: recommendations.updatedAt,
};

/** Recommendations of a campaign; `organizationIds` limits them to some organizations (null: all, including the department's). */
export async function findRecommendations(db: Db, campaignId: number, organizationIds: number[] | null) {
  return db
    .select(recommendationColumns)
    .from(recommendations)
    .leftJoin(organizations, eq(organizations.id, recommendations.organizationId))
    .where(
      and(
        eq(recommendations.campaignId, campaignId),
        organizationIds
          ? inArray(recommendations.organizationId, organizationIds.length ? organizationIds : [-1])
          : undefined,
      ),
    )
    .orderBy(sql`${recommendations.organizationId} nulls first`, asc(recommendations.id));
}

/** Recommendations addressed to some organizations across all campaigns: a school's cabinet. */
export async function findRecommendationsOfOrganizations(db: Db, organizationIds: number[]) {
  return db
    .select({ ...recommendationColumns, campaignTitle: campaigns.title, campaignYear: campaigns.year })
    .from(recommendations)
    .innerJoin(campaigns, eq(campaigns.id, recommendations.campaignId))
    .leftJoin(organizations, eq(organizations.id, recommendations.organizationId))
    .where(inArray(recommendations.organizationId, organizationIds.length ? organizationIds : [-1]))
    .orderBy(asc(recommendations.status), asc(recommendations.deadline), asc(recommendations.id));
}

/**
 * Recommendations to several organizations (an audience) in the campaigns some organizations take part in
 * (null: every participant of the given recommendations), one row per such organization with what decides
 * whether the audience reaches it (`inAudience`) and that organization's own report, when it has one.
 */
export async function findGroupRecommendationsOfParticipants(
  db: Db,
  organizationIds: number[] | null,
  recommendationIds?: number[],
) {
  return db
    .select({
      ...recommendationColumns,
      campaignTitle: campaigns.title,
      campaignYear: campaigns.year,
      audience: recommendations.audience,
      organizationId: organizations.id,
      organizationName: organizations.shortName,
      kind: organizations.kind,
      isLowResults: organizations.isLowResults,
      isHardSocialConditions: organizations.isHardSocialConditions,
      groupReport: {
        id: recommendationReports.id,
        status: recommendationReports.status,
        report: recommendationReports.report,
        reportedAt: recommendationReports.reportedAt,
        reportedBy: recommendationReports.reportedBy,
        reviewComment: recommendationReports.reviewComment,
        version: recommendationReports.version,
      },
      groupIds: groupIdsOf(organizations.id),
    })
    .from(recommendations)
    .innerJoin(campaigns, eq(campaigns.id, recommendations.campaignId))
    .innerJoin(campaignParticipants, eq(campaignParticipants.campaignId, recommendations.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaignParticipants.organizationId))
    .leftJoin(
      recommendationReports,
      and(
        eq(recommendationReports.recommendationId, recommendations.id),
        eq(recommendationReports.organizationId, organizations.id),
      ),
    )
    .where(
      and(
        isNotNull(recommendations.audience),
        organizationIds
          ? inArray(campaignParticipants.organizationId, organizationIds.length ? organizationIds : [-1])
          : undefined,
        recommendationIds
          ? inArray(recommendations.id, recommendationIds.length ? recommendationIds : [-1])
          : undefined,
      ),
    )
    .orderBy(asc(recommendations.id), asc(organizations.id));
}
export type GroupRecommendationRow = Awaited<
  ReturnType<typeof findGroupRecommendationsOfParticipants>
>[number];

export async function findGroupReport(db: Db, recommendationId: number, organizationId: number) {
  const [row] = await db
    .select()
    .from(recommendationReports)
    .where(
      and(
        eq(recommendationReports.recommendationId, recommendationId),
        eq(recommendationReports.organizationId, organizationId),
      ),
    );
  return row;
}

export async function findGroupReportById(db: Db, id: number) {
  const [row] = await db.select().from(recommendationReports).where(eq(recommendationReports.id, id));
  return row;
}

export async function findRecommendation(db: Db, id: number) {
  const [row] = await db.select().from(recommendations).where(eq(recommendations.id, id));
  return row;
}

export async function insertRecommendations(db: Db, rows: (typeof recommendations.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(recommendations).values(rows.slice(i, i + 500));
}

export async function deleteRecommendation(db: Db, id: number) {
  await db.delete(recommendations).where(eq(recommendations.id, id));
}

export async function deleteUntouchedRecommendations(db: Db, campaignId: number) {
  await db.delete(recommendations).where(
    and(
      eq(recommendations.campaignId, campaignId),
      eq(recommendations.status, 'planned'),
      isNull(recommendations.report),
      eq(recommendations.version, 1),
      // One to several organizations is the coordinator's own: the rule library never drafts it.
      isNull(recommendations.audience),
    ),
  );
}

export async function findReport(db: Db, campaignId: number) {
  const [row] = await db.select().from(campaignReports).where(eq(campaignReports.campaignId, campaignId));
  return row;
}

export async function upsertReport(
  db: Db,
  campaignId: number,
  values: Partial<typeof campaignReports.$inferInsert>,
) {
  const existing = await findReport(db, campaignId);
  if (!existing) {
    const [row] = await db
      .insert(campaignReports)
      .values({ campaignId, ...values })
      .returning();
    return row;
  }
  const [row] = await db
    .update(campaignReports)
    .set({ ...values, version: sql`${campaignReports.version} + 1` })
    .where(eq(campaignReports.campaignId, campaignId))
    .returning();
  return row;
}

export async function findOrganizationsById(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: organizations.id,
      municipalityId: organizations.municipalityId,
      name: organizations.shortName,
      fullName: organizations.name,
      kind: organizations.kind,
      isLowResults: organizations.isLowResults,
      isHardSocialConditions: organizations.isHardSocialConditions,
      groupIds: groupIdsOf(organizations.id),
      headName: organizations.headName,
      address: organizations.address,
    })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}
