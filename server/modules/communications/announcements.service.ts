import { findFile, insertFile } from '../management/management.repository.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { campaignAnnouncementRecipients, campaignAnnouncements, files } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { accountIdOf, requireUser, systemActor, type Actor, type AuthUser } from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findParticipants, findResponsibleUsers, lockCampaign } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { buildAnnouncementContent, buildAnnouncementDocx } from '../documents/announcement.ts';
import { safeFileName } from '../documents/docx-kit.ts';
import { sendMail } from '../notifications/mailer.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import {
  failRunningAnnouncements,
  findAnnouncementProgress,
  findAnnouncements,
  findLastAnnouncementTo,
  findOrganizationEmails,
  findRunningAnnouncement,
  finishAnnouncement,
  recordAnnouncementRecipient,
  reopenAnnouncement,
} from './communications.repository.ts';
import { ownOrganizationIds } from './communications.policy.ts';
import { eq } from 'drizzle-orm';

/**
 * «Разослать письмо»: the campaign's announcement letter (documents/announcement.ts) goes to the heads of
 * its participants — in the application (a notice linking to the form, where the letter is downloaded by
 * that organization's users only) and by e-mail with the DOCX attached, to the organization's own address
 * and its heads' accounts where known, one letter per organization (no school sees another's addresses).
 * Every sending is kept: who, when, to whom, what failed; sending again needs `confirmResend`. With
 * 2,000 organizations or a slow SMTP server a sending takes minutes: it goes in the background of the
 * process (`startAnnouncement`) or of the `announce` command, one at a time per campaign, its row
 * carrying the progress.
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const NO_ADDRESS = 'не известен адрес электронной почты организации и её руководителя';

export type SendingStatus = 'running' | 'done' | 'failed';

export const SENDING_STATUS_LABELS: Record<SendingStatus, string> = {
  running: 'идёт рассылка',
  done: 'разослано',
  failed: 'прервана',
};

export interface AnnouncementSending {
  id: number;
  status: SendingStatus;
  statusLabel: string;
  /** Organizations processed so far, of the participants when the sending started. */
  done: number;
  total: number;
  /** Why a failed sending stopped. */
  error: string | null;
  sentAt: string;
  finishedAt: string | null;
  sentByName: string;
  organizations: number;
  emailed: number;
  failures: { organizationId: number; organizationName: string; error: string }[];
  recipients: { organizationId: number; organizationName: string; emails: string[]; error: string | null }[];
  /** What the page says of it: the progress while running, `sendingMessage` once over. */
  message: string;
}

type SendingRow = Awaited<ReturnType<typeof findAnnouncements>>[number];

export function presentSending(row: SendingRow): AnnouncementSending {
  const recipients = row.recipients.map((r) => ({
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    emails: r.emails,
    error: r.error,
  }));
  const sending = {
    id: row.id,
    status: row.status,
    statusLabel: SENDING_STATUS_LABELS[row.status],
    done: row.done,
    total: row.total,
    error: row.error,
    sentAt: row.sentAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    sentByName: row.sentByName,
    organizations: recipients.length,
    emailed: recipients.filter((r) => !r.error).length,
    failures: recipients
      .filter((r) => r.error)
      .map((r) => ({
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        error: r.error!,
      })),
    recipients,
  };
  return { ...sending, message: sendingMessage(sending) };
}

/**
 * The sentence the page shows of a sending: its progress, then what it did. The failures are named where
 * the recipients were read (the list), and counted where they were not (a poll of the progress).
 */
export function sendingMessage(s: {
  status: SendingStatus;
  done: number;
  total: number;
  error: string | null;
  organizations: number;
  emailed: number;
  failures: { organizationName: string; error: string }[] | number;
}): string {
  if (s.status === 'running') return `Идёт рассылка письма: разослано ${s.done} из ${s.total}.`;
  const parts = [
    `Письмо разослано: ${countOf(s.organizations, ORGANIZATION_FORMS)} (уведомление в системе).`,
    `По электронной почте — ${countOf(s.emailed, ORGANIZATION_FORMS)}.`,
  ];
  if (typeof s.failures === 'number') {
    if (s.failures) parts.push(`Без письма — ${countOf(s.failures, ORGANIZATION_FORMS)}.`);
  } else if (s.failures.length)
    parts.push(`Без письма: ${s.failures.map((f) => `${f.organizationName} — ${f.error}`).join('; ')}.`);
  if (s.status === 'failed') parts.unshift(`${s.error ?? 'Рассылка прервана'}.`);
  return parts.join(' ');
}

/**
 * What the page polls while a sending runs: how far it got and its sentence, the recipients counted and
 * not listed — the same few bytes every 1.5 s for 2,000 organizations as for three; the page reads the
 * list once it is over.
 */
export type SendingProgress = Pick<
  AnnouncementSending,
  | 'id'
  | 'status'
  | 'statusLabel'
  | 'done'
  | 'total'
  | 'error'
  | 'finishedAt'
  | 'organizations'
  | 'emailed'
  | 'message'
> & {
  /** Organizations left without the e-mail: counted, where the sending names them in `failures`. */
  failed: number;
};

export async function getSendingProgress(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  sendingId: number;
}): Promise<SendingProgress> {
  const campaign = await requireCampaign(options.db, options.campaignId);
  assertDepartment(options.user, campaign.municipalityId);
  const row = await findAnnouncementProgress(options.db, campaign.id, options.sendingId);
  if (!row) throw notFound('Рассылка письма');
  const counts = {
    organizations: row.organizations,
    emailed: row.organizations - row.failed,
    failed: row.failed,
  };
  return {
    id: row.id,
    status: row.status,
    statusLabel: SENDING_STATUS_LABELS[row.status],
    done: row.done,
    total: row.total,
    error: row.error,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ...counts,
    message: sendingMessage({ ...row, ...counts, failures: row.failed }),
  };
}

export async function listAnnouncements(options: { db: Db; user: AuthUser; campaignId: number }) {
  const campaign = await requireCampaign(options.db, options.campaignId);
  assertDepartment(options.user, campaign.municipalityId);
  return (await findAnnouncements(options.db, campaign.id)).map(presentSending);
}

/** Campaigns whose sending goes on in this process (a sending outlives no restart: see `failInterruptedSendings`). */
const runningHere = new Set<number>();

/** A second start while one runs; the counts once the first has its row (it may be opening still). */
const alreadyRunning = (row?: { done: number; total: number }) =>
  new AppError(
    'conflict',
    `Рассылка письма по этому мониторингу уже идёт${row ? `: разослано ${row.done} из ${row.total}` : ''}. Дождитесь её окончания.`,
  );

/** Everything the sending needs after its start: made once, in the request, and handed to the job. */
export interface OpenedSending {
  db: Db;
  actor: Actor;
  campaign: { id: number; title: string; municipalityId: number };
  announcement: typeof campaignAnnouncements.$inferSelect;
  /** The organizations still to go: all the participants, or those a cut-off sending did not reach. */
  participants: Awaited<ReturnType<typeof findParticipants>>;
  /** The organizations a continued sending had reached before it was cut off (none for a new one). */
  reached: Recipient[];
  /** A cut-off sending taken up again (`resume`): the same row and letter, the rest of the participants. */
  resumed: boolean;
  appUrl: string;
  title: string;
  departmentName: string;
  fileName: string;
  docx: Buffer;
}

type Recipient = SendingRow['recipients'][number];
type Letter = Pick<
  OpenedSending,
  'announcement' | 'participants' | 'reached' | 'resumed' | 'fileName' | 'docx'
>;

/**
 * Starts a sending: the checks, the letter (DOCX) and the sending's row in one transaction that holds
 * the campaign, status «running» with the participants to go; nothing is sent yet (`runSending` does
 * it). A delete of the campaign meanwhile waits for the row and is refused as during the sending.
 * `resume` («Продолжить рассылку») takes up the last sending where it was cut off instead.
 */
export async function openSending(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  appUrl: string;
  confirmResend: boolean;
  resume?: boolean;
}): Promise<OpenedSending> {
  const { actor } = options;
  const user = requireUser(actor.user);
  try {
    return await options.db.transaction(async (tx) => {
      // Read under the lock: a close or a delete that committed while this start waited for the row is
      // seen here (404 when it is gone, «закрыт» when it was closed).
      await lockCampaign(tx, options.campaignId);
      const campaign = await requireCampaign(tx, options.campaignId);
      assertDepartment(user, campaign.municipalityId);
      if (campaign.status === 'closed')
        throw new AppError('conflict', 'Мониторинг закрыт: информационное письмо больше не рассылается.');
      const running = await findRunningAnnouncement(tx, campaign.id);
      if (running) throw alreadyRunning(running);
      const [previous] = await findAnnouncements(tx, campaign.id);
      if (!options.resume) assertMayResend(previous, options.confirmResend);
      const participants = await findParticipants(tx, campaign.id);
      if (!participants.length)
        throw new AppError('conflict', 'В мониторинге нет участников: письмо некому разослать.');
      const content = await buildAnnouncementContent({
        db: tx,
        user,
        campaignId: campaign.id,
        appUrl: options.appUrl,
      });
      const letter = options.resume
        ? await reopenCutOffSending(tx, previous, participants)
        : await openNewSending(tx, { user, campaign, participants, content });
      return {
        db: options.db,
        actor,
        campaign,
        ...letter,
        appUrl: options.appUrl,
        title: content.title,
        departmentName: content.letterhead.departmentName,
      };
    });
  } catch (error) {
    // Two starts at once from two processes: the one-running index lets one of them in.
    if (!isUniqueViolation(error)) throw error;
    throw alreadyRunning(await findRunningAnnouncement(options.db, options.campaignId));
  }
}

const sentDay = (sending: SendingRow) => formatRuDate(sending.sentAt.toISOString().slice(0, 10));

/** Sending again after a sending asks first: it repeats the letter to whoever it reached. */
function assertMayResend(previous: SendingRow | undefined, confirmResend: boolean) {
  if (!previous || confirmResend) return;
  const day = sentDay(previous);
  // An interrupted sending reached some organizations: sending again repeats the letter to them.
  throw new AppError(
    'conflict',
    previous.status === 'failed'
      ? `Рассылка письма ${day} (${previous.sentByName}) прервана: разослано ${previous.done} из ${previous.total}. Чтобы письмо получили только те, кому оно не ушло, продолжите рассылку; чтобы разослать его ещё раз всем, подтвердите повторную рассылку.`
      : `Письмо уже разослано ${day} (${previous.sentByName}, ${countOf(previous.recipients.length, ORGANIZATION_FORMS)}). Чтобы разослать его ещё раз, подтвердите повторную рассылку.`,
    {
      field: 'confirmResend',
      lastSentAt: previous.sentAt.toISOString(),
      canContinue: previous.status === 'failed',
    },
  );
}

/** A new sending to every participant: the letter made now, stored, and the sending's row. */
async function openNewSending(
  tx: Db,
  options: {
    user: AuthUser;
    campaign: { id: number; municipalityId: number };
    participants: OpenedSending['participants'];
    content: Awaited<ReturnType<typeof buildAnnouncementContent>>;
  },
): Promise<Letter> {
  const { user, campaign, participants } = options;
  const docx = await buildAnnouncementDocx(options.content);
  const fileName = `${safeFileName(`Информационное письмо ${options.content.title}`)}.docx`;
  const file = await insertFile(tx, {
    municipalityId: campaign.municipalityId,
    name: fileName,
    mimeType: DOCX,
    size: docx.length,
    content: docx,
    uploadedBy: user.fullName,
  });
  const [announcement] = await tx
    .insert(campaignAnnouncements)
    .values({
      campaignId: campaign.id,
      fileId: file.id,
      sentByUserId: accountIdOf(user),
      sentByName: user.fullName,
      status: 'running',
      total: participants.length,
    })
    .returning();
  return { announcement, participants, reached: [], resumed: false, fileName, docx };
}

/**
 * «Продолжить рассылку»: the last sending, cut off by a restart or a server error, runs again with the
 * letter it sent, to the participants it has no row of — those it reached are not written to twice.
 */
async function reopenCutOffSending(
  tx: Db,
  previous: SendingRow | undefined,
  participants: OpenedSending['participants'],
): Promise<Letter> {
  if (!previous)
    throw new AppError('conflict', 'Письмо по этому мониторингу ещё не рассылалось: продолжать нечего.');
  if (previous.status !== 'failed')
    throw new AppError(
      'conflict',
      `Последняя рассылка письма (${sentDay(previous)}, ${previous.sentByName}) не прерывалась: продолжать нечего.`,
    );
  const reached = new Set(previous.recipients.map((r) => r.organizationId));
  const rest = participants.filter((p) => !reached.has(p.organizationId));
  if (!rest.length)
    throw new AppError(
      'conflict',
      `Рассылка письма ${sentDay(previous)} прервана, когда письмо уже ушло всем участникам: продолжать нечего.`,
    );
  const file = await findFile(tx, previous.fileId);
  if (!file) throw notFound('Письмо прерванной рассылки');
  const announcement = await reopenAnnouncement(tx, previous.id, {
    done: previous.recipients.length,
    total: previous.recipients.length + rest.length,
  });
  if (!announcement) throw alreadyRunning(await findRunningAnnouncement(tx, previous.campaignId));
  return {
    announcement,
    participants: rest,
    reached: previous.recipients,
    resumed: true,
    fileName: file.name,
    docx: file.content,
  };
}

/**
 * Sends an opened sending: one e-mail per organization and a notice to its heads, each organization's
 * outcome written as it comes (the progress a poll reads; a crash loses nothing already sent), then the
 * outcome of the whole. The e-mails go outside any transaction: a slow SMTP server holds no connection.
 */
export async function runSending(
  sending: OpenedSending,
  onProgress?: (done: number, total: number, organization: string) => void,
): Promise<AnnouncementSending> {
  const { db, actor, campaign, announcement, participants } = sending;
  // A continued sending counts on from where it was cut off.
  const total = announcement.total;
  let done = announcement.done;
  try {
    const orgIds = participants.map((p) => p.organizationId);
    const [heads, orgEmails] = [
      await findResponsibleUsers(db, orgIds),
      await findOrganizationEmails(db, orgIds),
    ];
    for (const p of participants) {
      const people = heads.filter((h) => h.organizationId === p.organizationId);
      const emails = [
        ...new Set(
          [orgEmails.get(p.organizationId), ...people.map((h) => h.email)]
            .map((e) => e?.trim().toLowerCase())
            .filter((e): e is string => Boolean(e)),
        ),
      ];
      let error: string | null = null;
      if (!emails.length) error = NO_ADDRESS;
      else {
        try {
          await sendMail(db, {
            to: emails,
            subject: `Информационное письмо: ${sending.title}`,
            text: `Здравствуйте!\n\n${p.organizationName}: ${sending.departmentName} направляет информационное письмо «${sending.title}» (во вложении).\n\nФорма мониторинга: ${sending.appUrl}/campaigns/${campaign.id}/organizations/${p.organizationId}\n\nЭто письмо отправлено системой pedmonitor.`,
            attachments: [{ filename: sending.fileName, content: sending.docx, contentType: DOCX }],
          });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      await notifyUsers(
        db,
        people.map((h) => h.userId),
        {
          title: `Информационное письмо: ${sending.title}`,
          body: `${campaign.title}: письмо отдела образования о мониторинге — откройте форму, чтобы скачать его.`,
          link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
        },
      );
      await recordAnnouncementRecipient(db, {
        announcementId: announcement.id,
        organizationId: p.organizationId,
        organizationName: p.organizationName,
        emails: error ? [] : emails,
        notifiedUsers: new Set(people.map((h) => h.userId)).size,
        error,
      });
      done++;
      onProgress?.(done, total, p.organizationName);
    }
    await finishAnnouncement(db, announcement.id, 'done');
  } catch (error) {
    // Nobody waits for the job's answer: its row and the audit say it stopped (the log has the error).
    const cause = 'из-за ошибки сервера';
    try {
      const reason = `Рассылка прервана ${cause}: разослано ${done} из ${total}`;
      if (await finishAnnouncement(db, announcement.id, 'failed', reason))
        await auditFailedSending(db, actor, campaign, { id: announcement.id, done, total }, cause);
    } catch {
      // The database may be what failed: the error thrown below is the one to log.
    }
    throw error;
  }
  const result = presentSending(
    (await findAnnouncements(db, campaign.id)).find((a) => a.id === announcement.id)!,
  );
  await recordAudit(db, actor, {
    action: 'send',
    entity: 'campaign_announcement',
    entityId: announcement.id,
    municipalityId: campaign.municipalityId,
    summary: `${sending.resumed ? `Продолжена рассылка информационного письма по мониторингу «${campaign.title}» (ещё ${countOf(participants.length, ORGANIZATION_FORMS)}), разослано` : `Разослано информационное письмо по мониторингу «${campaign.title}»`}: ${countOf(result.organizations, ORGANIZATION_FORMS)}, по почте ${result.emailed}, без письма ${result.failures.length}`,
  });
  return result;
}

/**
 * «Разослать письмо» from the page: opens the sending and answers at once; the e-mails go on in the
 * background of this process, and the page polls the sending's progress (`getSendingProgress`).
 */
export async function startAnnouncement(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  appUrl: string;
  confirmResend: boolean;
  resume?: boolean;
  onError: (error: unknown) => void;
}): Promise<AnnouncementSending> {
  if (runningHere.has(options.campaignId)) {
    throw alreadyRunning(await findRunningAnnouncement(options.db, options.campaignId));
  }
  runningHere.add(options.campaignId);
  let opened: OpenedSending;
  try {
    opened = await openSending(options);
  } catch (error) {
    runningHere.delete(options.campaignId);
    throw error;
  }
  void runSending(opened)
    .catch(options.onError)
    .finally(() => runningHere.delete(options.campaignId));
  return presentSending({ ...opened.announcement, recipients: opened.reached });
}

/**
 * At server start: a sending left «running» by the previous process is over — its job died with it.
 * Marked failed with how far it got; the organizations it reached keep their rows (and letters).
 */
export async function failInterruptedSendings(db: Db) {
  // A sending that had reached everyone when the server stopped is marked done, not cut off.
  const failed = (await failRunningAnnouncements(db, [...runningHere])).filter((s) => s.status === 'failed');
  for (const sending of failed) {
    const campaign = await requireCampaign(db, sending.campaignId);
    await auditFailedSending(db, systemActor, campaign, sending, 'перезапуском сервера');
  }
  return failed.map(({ id, campaignId }) => ({ id, campaignId }));
}

/**
 * A sending that ended failed is audited as the finished one is (by whoever started it, or the system at
 * a restart), saying how far it got: the organizations it reached did get the letter.
 */
async function auditFailedSending(
  db: Db,
  actor: Actor,
  campaign: { title: string; municipalityId: number },
  sending: { id: number; done: number; total: number },
  cause: string,
) {
  await recordAudit(db, actor, {
    action: 'send',
    entity: 'campaign_announcement',
    entityId: sending.id,
    municipalityId: campaign.municipalityId,
    summary: `Рассылка информационного письма по мониторингу «${campaign.title}» прервана ${cause}: разослано ${sending.done} из ${sending.total}`,
    after: { status: 'failed', done: sending.done, total: sending.total },
  });
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
}

/** Whether the user is the department or a user of one of these organizations. */
function mayReadLetterOf(user: AuthUser, municipalityId: number, organizationId: number) {
  return isDepartmentOf(user, municipalityId) || ownOrganizationIds(user).includes(organizationId);
}

/** The letter last sent to an organization: its own users and the department download it. */
export async function downloadSentAnnouncement(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  organizationId: number;
}) {
  const campaign = await requireCampaign(options.db, options.campaignId);
  if (!mayReadLetterOf(options.user, campaign.municipalityId, options.organizationId))
    throw forbidden('Письмо скачивают пользователи организации, которой оно направлено, и координатор.');
  const sent = await findLastAnnouncementTo(options.db, campaign.id, [options.organizationId]);
  if (!sent) throw notFound('Разосланное письмо');
  const [file] = await options.db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, content: files.content })
    .from(files)
    .where(eq(files.id, sent.fileId));
  if (!file) throw notFound('Разосланное письмо');
  return file;
}

/** A stored letter reached through /api/files/:id: only its recipients' users and the department. */
export async function assertMayDownloadAnnouncementFile(db: Db, user: AuthUser, fileId: number) {
  const rows = await db
    .select({
      campaignId: campaignAnnouncements.campaignId,
      organizationId: campaignAnnouncementRecipients.organizationId,
      municipalityId: files.municipalityId,
    })
    .from(campaignAnnouncements)
    .innerJoin(files, eq(files.id, campaignAnnouncements.fileId))
    .leftJoin(
      campaignAnnouncementRecipients,
      eq(campaignAnnouncementRecipients.announcementId, campaignAnnouncements.id),
    )
    .where(eq(campaignAnnouncements.fileId, fileId));
  if (!rows.length) return;
  if (isDepartmentOf(user, rows[0].municipalityId)) return;
  const own = new Set(ownOrganizationIds(user));
  if (!rows.some((r) => r.organizationId !== null && own.has(r.organizationId)))
    throw forbidden('Нет доступа к этому файлу.');
}
