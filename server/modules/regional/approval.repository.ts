import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  campaigns,
  municipalities,
  programs,
  regionalPrograms,
  regionalSubmissionEvents,
  regionalSubmissions,
  type RegionalSubmissionStatus,
} from '../../db/schema/index.ts';

export type RegionalSubmissionRow = typeof regionalSubmissions.$inferSelect;
export type RegionalSubmissionEventRow = typeof regionalSubmissionEvents.$inferSelect;

export async function findRegionalSubmissionOfCampaign(db: Db, campaignId: number) {
  const [row] = await db
    .select()
    .from(regionalSubmissions)
    .where(eq(regionalSubmissions.campaignId, campaignId));
  return row;
}

export async function findRegionalSubmissionById(db: Db, id: number) {
  const [row] = await db.select().from(regionalSubmissions).where(eq(regionalSubmissions.id, id));
  return row;
}

export async function findRegionalSubmissionsOfCampaigns(db: Db, campaignIds: number[]) {
  if (!campaignIds.length) return [];
  return db.select().from(regionalSubmissions).where(inArray(regionalSubmissions.campaignId, campaignIds));
}

export async function findRegionalSubmissionEvents(db: Db, submissionId: number) {
  return db
    .select()
    .from(regionalSubmissionEvents)
    .where(eq(regionalSubmissionEvents.submissionId, submissionId))
    .orderBy(asc(regionalSubmissionEvents.at), asc(regionalSubmissionEvents.id));
}

export async function insertRegionalSubmissionEvent(
  db: Db,
  event: typeof regionalSubmissionEvents.$inferInsert,
) {
  await db.insert(regionalSubmissionEvents).values(event);
}

export async function insertRegionalSubmission(db: Db, row: typeof regionalSubmissions.$inferInsert) {
  const [inserted] = await db.insert(regionalSubmissions).values(row).returning();
  return inserted;
}

/** The program of a campaign with the regional program it was adopted from (null for a municipal one). */
export async function findCampaignRegionalProgram(db: Db, programId: number) {
  const [row] = await db
    .select({
      regionalProgramId: programs.regionalProgramId,
      regionId: regionalPrograms.regionId,
      title: regionalPrograms.title,
      programVersion: regionalPrograms.programVersion,
    })
    .from(programs)
    .leftJoin(regionalPrograms, eq(regionalPrograms.id, programs.regionalProgramId))
    .where(eq(programs.id, programId));
  return row?.regionalProgramId && row.regionId
    ? {
        id: row.regionalProgramId,
        regionId: row.regionId,
        title: row.title!,
        programVersion: row.programVersion!,
      }
    : null;
}

/** The submissions of regions' municipalities, newest first, with what the list of «Приём результатов» shows. */
export async function findRegionalSubmissionList(
  db: Db,
  regionIds: number[] | null,
  status: RegionalSubmissionStatus | undefined,
) {
  const conditions = [
    regionIds === null
      ? undefined
      : inArray(regionalSubmissions.regionId, regionIds.length ? regionIds : [-1]),
    status ? eq(regionalSubmissions.status, status) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: regionalSubmissions.id,
      status: regionalSubmissions.status,
      sentAt: regionalSubmissions.sentAt,
      decidedAt: regionalSubmissions.decidedAt,
      returnComment: regionalSubmissions.returnComment,
      version: regionalSubmissions.version,
      campaignId: campaigns.id,
      campaignTitle: campaigns.title,
      year: campaigns.year,
      municipalityId: municipalities.id,
      municipalityName: municipalities.name,
      regionalProgramId: regionalPrograms.id,
      regionalProgramTitle: regionalPrograms.title,
    })
    .from(regionalSubmissions)
    .innerJoin(campaigns, eq(campaigns.id, regionalSubmissions.campaignId))
    .innerJoin(municipalities, eq(municipalities.id, regionalSubmissions.municipalityId))
    .innerJoin(regionalPrograms, eq(regionalPrograms.id, regionalSubmissions.regionalProgramId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(regionalSubmissions.sentAt), desc(regionalSubmissions.id));
}
