import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FormValue } from '../../../core/campaigns/form-validation.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import {
  campaignAnnouncements,
  campaignFiles,
  campaignParticipants,
  campaignResults,
  campaigns,
  files,
  organizations,
  programs,
  registryGeneration,
  reminders,
  submissionEvents,
  submissions,
  userRoles,
  users,
} from '../../db/schema/index.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;

export async function findCampaigns(db: Db, municipalityIds: number[] | null) {
  return db
    .select({
      id: campaigns.id,
      municipalityId: campaigns.municipalityId,
      programId: campaigns.programId,
      programTitle: programs.title,
      title: campaigns.title,
      year: campaigns.year,
      status: campaigns.status,
      initialStart: campaigns.initialStart,
      mainEnd: campaigns.mainEnd,
      finalEnd: campaigns.finalEnd,
      closedAt: campaigns.closedAt,
    })
    .from(campaigns)
    .innerJoin(programs, eq(programs.id, campaigns.programId))
    .where(
      municipalityIds
        ? inArray(campaigns.municipalityId, municipalityIds.length ? municipalityIds : [-1])
        : undefined,
    )
    .orderBy(desc(campaigns.year), desc(campaigns.id));
}

/** Each participant's form of the given campaigns: its status and first sending (none: never started). */
export async function findParticipantForms(db: Db, campaignIds: number[]) {
  if (!campaignIds.length) return [];
  return db
    .select({
      campaignId: campaignParticipants.campaignId,
      status: submissions.status,
      firstSubmittedAt: submissions.firstSubmittedAt,
    })
    .from(campaignParticipants)
    .leftJoin(
      submissions,
      and(
        eq(submissions.campaignId, campaignParticipants.campaignId),
        eq(submissions.organizationId, campaignParticipants.organizationId),
      ),
    )
    .where(inArray(campaignParticipants.campaignId, campaignIds));
}

/** The campaigns of a program for a reporting year (one, unless the data predates the uniqueness rule). */
export async function findCampaignsOfProgramYear(db: Db, programId: number, year: number) {
  return db
    .select({ id: campaigns.id, title: campaigns.title })
    .from(campaigns)
    .where(and(eq(campaigns.programId, programId), eq(campaigns.year, year)))
    .orderBy(asc(campaigns.id));
}

/**
 * Holds the campaign's row until the transaction ends: a sending starting meanwhile (its row references
 * the campaign) waits for it, so what the transaction checked of its sendings stays true.
 */
export async function lockCampaign(db: Db, id: number) {
  await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id)).for('update');
}

export async function deleteCampaignRow(db: Db, id: number) {
  // Its attachments and the letters it sent are stored in `files`: they go with the campaign.
  const stored = [
    ...(await db
      .select({ id: campaignFiles.fileId })
      .from(campaignFiles)
      .where(eq(campaignFiles.campaignId, id))),
    ...(await db
      .select({ id: campaignAnnouncements.fileId })
      .from(campaignAnnouncements)
      .where(eq(campaignAnnouncements.campaignId, id))),
  ].map((r) => r.id);
  await db.delete(campaigns).where(eq(campaigns.id, id));
  if (stored.length) await db.delete(files).where(inArray(files.id, stored));
}

export async function findCampaignById(db: Db, id: number) {
  // Nearly every request of the monitoring reads its campaign first: built once (db/prepared.ts).
  const [row] = await preparedQuery(db, 'campaign_by_id', (d) =>
    d
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, sql.placeholder('id')))
      .prepare('campaign_by_id'),
  ).execute({ id });
  return row;
}

export async function insertCampaign(
  db: Db,
  values: typeof campaigns.$inferInsert,
  organizationIds: number[],
) {
  const [row] = await db.insert(campaigns).values(values).returning({ id: campaigns.id });
  await replaceParticipants(db, row.id, organizationIds);
  return row.id;
}

export async function replaceParticipants(db: Db, campaignId: number, organizationIds: number[]) {
  const current = await db
    .select()
    .from(campaignParticipants)
    .where(eq(campaignParticipants.campaignId, campaignId));
  const keep = new Set(organizationIds);
  const removed = current.filter((p) => !keep.has(p.organizationId)).map((p) => p.organizationId);
  if (removed.length) {
    await db
      .delete(campaignParticipants)
      .where(
        and(
          eq(campaignParticipants.campaignId, campaignId),
          inArray(campaignParticipants.organizationId, removed),
        ),
      );
  }
  const existing = new Set(current.map((p) => p.organizationId));
  const added = organizationIds.filter((id) => !existing.has(id));
  if (added.length)
    await db
      .insert(campaignParticipants)
      .values(added.map((organizationId) => ({ campaignId, organizationId })));
}

export async function findParticipants(db: Db, campaignId: number) {
  return db
    .select({
      organizationId: campaignParticipants.organizationId,
      organizationName: organizations.shortName,
      kind: organizations.kind,
      isLowResults: organizations.isLowResults,
      isHardSocialConditions: organizations.isHardSocialConditions,
      reopenedUntil: campaignParticipants.reopenedUntil,
      responsibleName: organizations.responsibleName,
      responsiblePhone: organizations.responsiblePhone,
      headName: organizations.headName,
      phone: organizations.phone,
    })
    .from(campaignParticipants)
    .innerJoin(organizations, eq(organizations.id, campaignParticipants.organizationId))
    .where(eq(campaignParticipants.campaignId, campaignId))
    .orderBy(
      sql`case ${organizations.kind} when 'school' then 0 when 'preschool' then 1 else 2 end`,
      sql`nullif(substring(${organizations.shortName} from '№\\s*(\\d+)'), '')::int nulls last`,
      asc(organizations.shortName),
    );
}

export async function findParticipant(db: Db, campaignId: number, organizationId: number) {
  const [row] = await db
    .select()
    .from(campaignParticipants)
    .where(
      and(
        eq(campaignParticipants.campaignId, campaignId),
        eq(campaignParticipants.organizationId, organizationId),
      ),
    );
  return row;
}

export async function setReopenedUntil(
  db: Db,
  campaignId: number,
  organizationId: number,
  until: string | null,
) {
  await db
    .update(campaignParticipants)
    .set({ reopenedUntil: until })
    .where(
      and(
        eq(campaignParticipants.campaignId, campaignId),
        eq(campaignParticipants.organizationId, organizationId),
      ),
    );
}

export async function findSubmissions(db: Db, campaignId: number) {
  return db.select().from(submissions).where(eq(submissions.campaignId, campaignId));
}

export async function findSubmission(db: Db, campaignId: number, organizationId: number) {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.organizationId, organizationId)));
  return row;
}

/** A save's step in the submission's history. */
export type SubmissionEventValues = Omit<
  typeof submissionEvents.$inferInsert,
  'id' | 'submissionId' | 'at' | 'statusAfter'
>;

/**
 * Writes a form's values in one statement, its step in the history with them (a data-modifying CTE: one
 * round trip, atomic without a transaction — a save is the commonest write of a campaign). The first
 * save makes the submission; a later one changes it only while it is still at `version` and its campaign
 * still open. Undefined: another save won, or the campaign was closed meanwhile.
 */
export async function saveSubmissionValues(
  db: Db,
  target: { submissionId: number; version: number } | { campaignId: number; organizationId: number },
  values: { values: Record<string, FormValue>; isRegistryConfirmed: boolean },
  event: SubmissionEventValues | null,
): Promise<{ id: number; version: number; status: SubmissionRow['status'] } | undefined> {
  const json = JSON.stringify(values.values);
  const saved =
    'submissionId' in target
      ? sql`update submissions set values = ${json}::jsonb, is_registry_confirmed = ${values.isRegistryConfirmed},
            version = version + 1, updated_at = now()
          where id = ${target.submissionId} and version = ${target.version}
            and exists (select 1 from campaigns c where c.id = submissions.campaign_id and c.status = 'active')
          returning id, version, status`
      : sql`insert into submissions (campaign_id, organization_id, status, values, is_registry_confirmed)
          values (${target.campaignId}, ${target.organizationId}, 'draft', ${json}::jsonb, ${values.isRegistryConfirmed})
          on conflict do nothing returning id, version, status`;
  const step = event
    ? sql`, step as (
        insert into submission_events (submission_id, user_id, user_name, action, status_after, changes)
        select id, ${event.userId ?? null}::integer, ${event.userName ?? null}::text, ${event.action}, status,
          ${JSON.stringify(event.changes ?? {})}::jsonb
        from saved)`
    : sql``;
  const [row] = await queryRows<{ id: number; version: number; status: SubmissionRow['status'] }>(
    db,
    sql`with saved as (${saved})${step} select id, version, status from saved`,
  );
  return row;
}

export async function insertSubmissionEvent(db: Db, values: typeof submissionEvents.$inferInsert) {
  await db.insert(submissionEvents).values(values);
}

/** One step of a submission's history, as the form view shows it. */
export interface SubmissionHistoryStep {
  at: string;
  userName: string | null;
  action: (typeof submissionEvents.$inferSelect)['action'];
  statusAfter: (typeof submissionEvents.$inferSelect)['statusAfter'];
  comment: string | null;
  changes: Record<string, [unknown, unknown]> | null;
}

/**
 * What opening or saving one organization's form reads, in one query: the campaign, the organization's
 * participation and submission, its values of the same program's latest earlier campaign (last year's, as
 * `findPreviousCampaign` finds it), the registry generation (`indicators/kept.ts`) and, for the view, the
 * submission's history. `campaign` is null when there is no such campaign, `participant` when the
 * organization does not take part. The caller checks access on the campaign before using the rest.
 */
export async function findFormState(
  db: Db,
  campaignId: number,
  organizationId: number,
  options: { history: boolean },
) {
  // Every form opening and every autosave: built once (db/prepared.ts), with and without the history.
  const name = options.history ? 'form_view_state' : 'form_state';
  const rows = await preparedQuery(db, name, (d) =>
    d
      .select({
        campaign: campaigns,
        generation: registryGeneration.value,
        participant: campaignParticipants,
        submission: submissions,
        lastYear: sql<Record<string, FormValue> | null>`(
        select ly.values from submissions ly where ly.organization_id = ${sql.placeholder('organizationId')} and ly.campaign_id = (
          select pc.id from campaigns pc where pc.municipality_id = ${campaigns.municipalityId}
            and pc.program_id = ${campaigns.programId} and pc.year < ${campaigns.year}
          order by pc.year desc limit 1))`,
        history: options.history
          ? sql<SubmissionHistoryStep[] | string | null>`(
        select json_agg(json_build_object('at', e.at, 'userName', e.user_name, 'action', e.action,
          'statusAfter', e.status_after, 'comment', e.comment, 'changes', e.changes) order by e.id)
        from submission_events e where e.submission_id = ${submissions.id})`
          : sql<null>`null`,
      })
      .from(registryGeneration)
      .leftJoin(campaigns, eq(campaigns.id, sql.placeholder('campaignId')))
      .leftJoin(
        campaignParticipants,
        and(
          eq(campaignParticipants.campaignId, campaigns.id),
          eq(campaignParticipants.organizationId, sql.placeholder('organizationId')),
        ),
      )
      .leftJoin(
        submissions,
        and(
          eq(submissions.campaignId, campaigns.id),
          eq(submissions.organizationId, sql.placeholder('organizationId')),
        ),
      )
      .where(eq(registryGeneration.id, 1))
      .prepare(name),
  ).execute({ organizationId, campaignId });
  const row = rows[0];
  const history = typeof row.history === 'string' ? JSON.parse(row.history) : row.history;
  return {
    ...row,
    history: ((history ?? []) as SubmissionHistoryStep[]).map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
    })),
  };
}

/** The same program's campaign of the year before, for «far from last year» warnings and dynamics. */
export async function findPreviousCampaign(db: Db, campaign: CampaignRow) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.municipalityId, campaign.municipalityId),
        eq(campaigns.programId, campaign.programId),
        sql`${campaigns.year} < ${campaign.year}`,
      ),
    )
    .orderBy(desc(campaigns.year))
    .limit(1);
  return row;
}

export async function insertFrozenResults(db: Db, rows: (typeof campaignResults.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db.insert(campaignResults).values(rows.slice(i, i + 1000));
}

export async function findFrozenResults(db: Db, campaignId: number) {
  return db.select().from(campaignResults).where(eq(campaignResults.campaignId, campaignId));
}

/** E-mail addresses and ids of an organization's responsible persons (active org_manager accounts). */
export async function findResponsibleUsers(db: Db, organizationIds: number[]) {
  if (!organizationIds.length) return [];
  return db
    .select({
      userId: users.id,
      email: users.email,
      fullName: users.fullName,
      organizationId: userRoles.organizationId,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, 'org_manager'),
        inArray(userRoles.organizationId, organizationIds),
        eq(users.isActive, true),
      ),
    );
}

/** Coordinators of a municipality, told when a submission arrives. */
export async function findCoordinators(db: Db, municipalityId: number) {
  return db
    .select({ userId: users.id, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, 'coordinator'),
        eq(userRoles.municipalityId, municipalityId),
        eq(users.isActive, true),
      ),
    );
}

/** Active campaigns, of the given municipalities only (null: of all). */
export async function findActiveCampaigns(db: Db, municipalityIds: number[] | null = null) {
  return db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'active'),
        municipalityIds
          ? inArray(campaigns.municipalityId, municipalityIds.length ? municipalityIds : [-1])
          : undefined,
      ),
    );
}

/** Claims a reminder; null when it was already sent (the unique key makes the job idempotent). */
export async function claimReminder(
  db: Db,
  values: {
    campaignId: number;
    organizationId: number;
    kind: 'before_deadline' | 'after_deadline' | 'manual' | 'field_due';
    deadline: string;
  },
): Promise<number | null> {
  const rows = await db
    .insert(reminders)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: reminders.id });
  return rows[0]?.id ?? null;
}

export async function recordReminderOutcome(db: Db, id: number, recipients: string[], error: string | null) {
  await db.update(reminders).set({ recipients, error }).where(eq(reminders.id, id));
}

/** The last reminder each participant of the campaigns got (by the job or at a methodist's click). */
export async function findLastReminders(db: Db, campaignIds: number[]) {
  if (!campaignIds.length) return [];
  return db
    .select({
      campaignId: reminders.campaignId,
      organizationId: reminders.organizationId,
      sentAt: sql<Date>`max(${reminders.sentAt})`.mapWith((v) => new Date(v)),
    })
    .from(reminders)
    .where(inArray(reminders.campaignId, campaignIds))
    .groupBy(reminders.campaignId, reminders.organizationId);
}
