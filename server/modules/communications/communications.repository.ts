import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  campaignAnnouncementRecipients,
  campaignAnnouncements,
  campaignFiles,
  campaignIndicatorDueDates,
  files,
  organizations,
} from '../../db/schema/index.ts';

/** Sendings of a campaign's announcement letter, the newest first, with their recipients. */
export async function findAnnouncements(db: Db, campaignId: number) {
  const sendings = await db
    .select()
    .from(campaignAnnouncements)
    .where(eq(campaignAnnouncements.campaignId, campaignId))
    .orderBy(desc(campaignAnnouncements.id));
  if (!sendings.length) return [];
  const recipients = await db
    .select()
    .from(campaignAnnouncementRecipients)
    .where(
      inArray(
        campaignAnnouncementRecipients.announcementId,
        sendings.map((s) => s.id),
      ),
    )
    .orderBy(asc(campaignAnnouncementRecipients.organizationName));
  return sendings.map((s) => ({ ...s, recipients: recipients.filter((r) => r.announcementId === s.id) }));
}

/**
 * One sending of a campaign without its recipient rows: what a poll of its progress reads every second or
 * two, of the same few bytes for 2,000 organizations as for three; the recipients are only counted.
 */
export async function findAnnouncementProgress(db: Db, campaignId: number, id: number) {
  const [row] = await db
    .select({
      id: campaignAnnouncements.id,
      status: campaignAnnouncements.status,
      done: campaignAnnouncements.done,
      total: campaignAnnouncements.total,
      error: campaignAnnouncements.error,
      finishedAt: campaignAnnouncements.finishedAt,
      organizations: sql<number>`(select count(*)::int from ${campaignAnnouncementRecipients} where ${campaignAnnouncementRecipients.announcementId} = ${campaignAnnouncements.id})`,
      failed: sql<number>`(select count(*)::int from ${campaignAnnouncementRecipients} where ${campaignAnnouncementRecipients.announcementId} = ${campaignAnnouncements.id} and ${campaignAnnouncementRecipients.error} is not null)`,
    })
    .from(campaignAnnouncements)
    .where(and(eq(campaignAnnouncements.id, id), eq(campaignAnnouncements.campaignId, campaignId)));
  return row;
}

/** The campaign's sending still running, if any (one at a time: a partial unique index says so). */
export async function findRunningAnnouncement(db: Db, campaignId: number) {
  const [row] = await db
    .select()
    .from(campaignAnnouncements)
    .where(
      and(eq(campaignAnnouncements.campaignId, campaignId), eq(campaignAnnouncements.status, 'running')),
    );
  return row;
}

/**
 * One organization processed: its recipient row and the sending's count in one transaction, so the
 * progress a poll reads is what is written, and a crash keeps every organization already sent.
 */
export async function recordAnnouncementRecipient(
  db: Db,
  row: typeof campaignAnnouncementRecipients.$inferInsert,
) {
  await db.transaction(async (tx) => {
    await tx.insert(campaignAnnouncementRecipients).values(row);
    await tx
      .update(campaignAnnouncements)
      .set({ done: sql`${campaignAnnouncements.done} + 1` })
      .where(eq(campaignAnnouncements.id, row.announcementId));
  });
}

export async function finishAnnouncement(
  db: Db,
  id: number,
  status: 'done' | 'failed',
  error: string | null = null,
) {
  const marked = await db
    .update(campaignAnnouncements)
    .set({ status, error, finishedAt: sql`now()` })
    .where(and(eq(campaignAnnouncements.id, id), eq(campaignAnnouncements.status, 'running')))
    .returning({ id: campaignAnnouncements.id });
  return marked.length > 0;
}

/** A failed sending running again from where it was cut off (`done` of the new `total`). */
export async function reopenAnnouncement(db: Db, id: number, counts: { done: number; total: number }) {
  const [row] = await db
    .update(campaignAnnouncements)
    .set({ ...counts, status: 'running', error: null, finishedAt: null })
    .where(and(eq(campaignAnnouncements.id, id), eq(campaignAnnouncements.status, 'failed')))
    .returning();
  return row;
}

/**
 * Marks failed the sendings left «running» by a process that stopped, but those of campaigns still
 * running in this one; the reason says how far each got. Answers each with its campaign, for the audit.
 */
export async function failRunningAnnouncements(db: Db, exceptCampaignIds: number[]) {
  return db
    .update(campaignAnnouncements)
    .set({
      // Every organization's outcome was written before the stop: the sending was over but for its mark.
      status: sql`case when ${campaignAnnouncements.done} >= ${campaignAnnouncements.total} then 'done' else 'failed' end`,
      error: sql`case when ${campaignAnnouncements.done} >= ${campaignAnnouncements.total} then null else 'Рассылка прервана перезапуском сервера: разослано ' || ${campaignAnnouncements.done} || ' из ' || ${campaignAnnouncements.total} end`,
      finishedAt: sql`now()`,
    })
    .where(
      and(
        eq(campaignAnnouncements.status, 'running'),
        exceptCampaignIds.length
          ? notInArray(campaignAnnouncements.campaignId, exceptCampaignIds)
          : undefined,
      ),
    )
    .returning({
      id: campaignAnnouncements.id,
      campaignId: campaignAnnouncements.campaignId,
      status: campaignAnnouncements.status,
      done: campaignAnnouncements.done,
      total: campaignAnnouncements.total,
    });
}

/** The last sending of a campaign's letter that reached one of these organizations. */
export async function findLastAnnouncementTo(db: Db, campaignId: number, organizationIds: number[]) {
  if (!organizationIds.length) return undefined;
  const [row] = await db
    .select({
      id: campaignAnnouncements.id,
      fileId: campaignAnnouncements.fileId,
      sentAt: campaignAnnouncements.sentAt,
      organizationId: campaignAnnouncementRecipients.organizationId,
    })
    .from(campaignAnnouncements)
    .innerJoin(
      campaignAnnouncementRecipients,
      eq(campaignAnnouncementRecipients.announcementId, campaignAnnouncements.id),
    )
    .where(
      and(
        eq(campaignAnnouncements.campaignId, campaignId),
        inArray(campaignAnnouncementRecipients.organizationId, organizationIds),
      ),
    )
    .orderBy(desc(campaignAnnouncements.id))
    .limit(1);
  return row;
}

/** E-mail addresses of organizations (their own, from the card). */
export async function findOrganizationEmails(db: Db, organizationIds: number[]) {
  if (!organizationIds.length) return new Map<number, string | null>();
  const rows = await db
    .select({ id: organizations.id, email: organizations.email })
    .from(organizations)
    .where(inArray(organizations.id, organizationIds));
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** A campaign's attached files, without their content. */
export async function findCampaignFiles(db: Db, campaignId: number) {
  const rows = await db
    .select({
      id: files.id,
      name: files.name,
      mimeType: files.mimeType,
      size: files.size,
      uploadedBy: files.uploadedBy,
      createdAt: files.createdAt,
    })
    .from(campaignFiles)
    .innerJoin(files, eq(files.id, campaignFiles.fileId))
    .where(eq(campaignFiles.campaignId, campaignId))
    .orderBy(asc(files.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function findCampaignFile(db: Db, campaignId: number, fileId: number) {
  const [row] = await db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, content: files.content })
    .from(campaignFiles)
    .innerJoin(files, eq(files.id, campaignFiles.fileId))
    .where(and(eq(campaignFiles.campaignId, campaignId), eq(campaignFiles.fileId, fileId)));
  return row;
}

export async function findDueDateRows(db: Db, campaignId: number) {
  return db
    .select()
    .from(campaignIndicatorDueDates)
    .where(eq(campaignIndicatorDueDates.campaignId, campaignId))
    .orderBy(asc(campaignIndicatorDueDates.indicatorCode));
}
