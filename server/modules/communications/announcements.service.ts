import { insertFile } from '../management/management.repository.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { campaignAnnouncementRecipients, campaignAnnouncements, files } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { accountIdOf, requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findParticipants, findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { buildAnnouncementContent, buildAnnouncementDocx } from '../documents/announcement.ts';
import { safeFileName } from '../documents/docx-kit.ts';
import { sendMail } from '../notifications/mailer.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import {
  findAnnouncements,
  findLastAnnouncementTo,
  findOrganizationEmails,
} from './communications.repository.ts';
import { ownOrganizationIds } from './communications.policy.ts';
import { eq } from 'drizzle-orm';

/**
 * «Разослать письмо»: the campaign's announcement letter (documents/announcement.ts) goes to the heads of
 * its participants — in the application (a notice linking to the form, where the letter is downloaded by
 * that organization's users only) and by e-mail with the DOCX attached, to the organization's own address
 * and its heads' accounts where known, one letter per organization (no school sees another's addresses).
 * Every sending is kept: who, when, to whom, what failed; sending again needs `confirmResend`.
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const NO_ADDRESS = 'не известен адрес электронной почты организации и её руководителя';

export interface AnnouncementSending {
  id: number;
  sentAt: string;
  sentByName: string;
  organizations: number;
  emailed: number;
  failures: { organizationId: number; organizationName: string; error: string }[];
  recipients: { organizationId: number; organizationName: string; emails: string[]; error: string | null }[];
}

type SendingRow = Awaited<ReturnType<typeof findAnnouncements>>[number];

export function presentSending(row: SendingRow): AnnouncementSending {
  const recipients = row.recipients.map((r) => ({
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    emails: r.emails,
    error: r.error,
  }));
  return {
    id: row.id,
    sentAt: row.sentAt.toISOString(),
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
}

/** The sentence the page shows after a sending. */
export function sendingMessage(s: AnnouncementSending): string {
  const parts = [
    `Письмо разослано: ${countOf(s.organizations, ORGANIZATION_FORMS)} (уведомление в системе).`,
    `По электронной почте — ${countOf(s.emailed, ORGANIZATION_FORMS)}.`,
  ];
  if (s.failures.length)
    parts.push(`Без письма: ${s.failures.map((f) => `${f.organizationName} — ${f.error}`).join('; ')}.`);
  return parts.join(' ');
}

export async function listAnnouncements(options: { db: Db; user: AuthUser; campaignId: number }) {
  const campaign = await requireCampaign(options.db, options.campaignId);
  assertDepartment(options.user, campaign.municipalityId);
  return (await findAnnouncements(options.db, campaign.id)).map(presentSending);
}

export async function sendAnnouncement(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  appUrl: string;
  confirmResend: boolean;
}): Promise<AnnouncementSending & { message: string }> {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(user, campaign.municipalityId);
  if (campaign.status === 'closed')
    throw new AppError('conflict', 'Мониторинг закрыт: информационное письмо больше не рассылается.');
  const [previous] = await findAnnouncements(db, campaign.id);
  if (previous && !options.confirmResend)
    throw new AppError(
      'conflict',
      `Письмо уже разослано ${formatRuDate(previous.sentAt.toISOString().slice(0, 10))} (${previous.sentByName}, ${countOf(previous.recipients.length, ORGANIZATION_FORMS)}). Чтобы разослать его ещё раз, подтвердите повторную рассылку.`,
      { field: 'confirmResend', lastSentAt: previous.sentAt.toISOString() },
    );
  const content = await buildAnnouncementContent({
    db,
    user,
    campaignId: campaign.id,
    appUrl: options.appUrl,
  });
  const docx = await buildAnnouncementDocx(content);
  const fileName = `${safeFileName(`Информационное письмо ${content.title}`)}.docx`;
  const participants = await findParticipants(db, campaign.id);
  if (!participants.length)
    throw new AppError('conflict', 'В мониторинге нет участников: письмо некому разослать.');
  const orgIds = participants.map((p) => p.organizationId);
  const [heads, orgEmails] = [
    await findResponsibleUsers(db, orgIds),
    await findOrganizationEmails(db, orgIds),
  ];
  const announcement = await db.transaction(async (tx) => {
    const file = await insertFile(tx, {
      municipalityId: campaign.municipalityId,
      name: fileName,
      mimeType: DOCX,
      size: docx.length,
      content: docx,
      uploadedBy: user.fullName,
    });
    const [row] = await tx
      .insert(campaignAnnouncements)
      .values({
        campaignId: campaign.id,
        fileId: file.id,
        sentByUserId: accountIdOf(user),
        sentByName: user.fullName,
      })
      .returning();
    return row;
  });
  // The e-mails go outside the transaction: a slow SMTP server holds no connection of the database.
  const rows: (typeof campaignAnnouncementRecipients.$inferInsert)[] = [];
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
          subject: `Информационное письмо: ${content.title}`,
          text: `Здравствуйте!\n\n${p.organizationName}: ${content.letterhead.departmentName} направляет информационное письмо «${content.title}» (во вложении).\n\nФорма мониторинга: ${options.appUrl}/campaigns/${campaign.id}/organizations/${p.organizationId}\n\nЭто письмо отправлено системой pedmonitor.`,
          attachments: [{ filename: fileName, content: docx, contentType: DOCX }],
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    await notifyUsers(
      db,
      people.map((h) => h.userId),
      {
        title: `Информационное письмо: ${content.title}`,
        body: `${campaign.title}: письмо отдела образования о мониторинге — откройте форму, чтобы скачать его.`,
        link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
      },
    );
    rows.push({
      announcementId: announcement.id,
      organizationId: p.organizationId,
      organizationName: p.organizationName,
      emails: error ? [] : emails,
      notifiedUsers: new Set(people.map((h) => h.userId)).size,
      error,
    });
  }
  await db.insert(campaignAnnouncementRecipients).values(rows);
  const sending = presentSending({ ...announcement, recipients: rows as SendingRow['recipients'] });
  await recordAudit(db, actor, {
    action: 'send',
    entity: 'campaign_announcement',
    entityId: announcement.id,
    municipalityId: campaign.municipalityId,
    summary: `Разослано информационное письмо по мониторингу «${campaign.title}»: ${countOf(sending.organizations, ORGANIZATION_FORMS)}, по почте ${sending.emailed}, без письма ${sending.failures.length}`,
  });
  return { ...sending, message: sendingMessage(sending) };
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
