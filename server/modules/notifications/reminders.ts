import { addDays, formatRuDate } from '../../../core/dates.ts';
import type { Db } from '../../db/client.ts';
import {
  claimReminder,
  findActiveCampaigns,
  findParticipants,
  findResponsibleUsers,
  findSubmissions,
  recordReminderOutcome,
  type CampaignRow,
} from '../campaigns/campaigns.repository.ts';
import { sendMail } from './mailer.ts';
import { notifyUsers } from './notifications.repository.ts';

export interface ReminderReport {
  sent: {
    campaignId: number;
    organizationId: number;
    kind: 'before_deadline' | 'after_deadline';
    recipients: string[];
    error: string | null;
  }[];
}

/**
 * Reminds the responsible persons of organizations that have not sent their form: `reminderDaysBefore`
 * days before the deadline (or later, if the server was off that day) and the day after it passes. Each
 * reminder goes out once (a unique row per campaign, organization, kind and deadline), by e-mail through
 * the configured SMTP server and in the application.
 */
export async function runReminders(options: {
  db: Db;
  today: string;
  baseUrl?: string;
  /** The municipalities whose campaigns to remind of; the hourly job (null) reminds of all. */
  municipalityIds?: number[] | null;
}): Promise<ReminderReport> {
  const { db, today } = options;
  const report: ReminderReport = { sent: [] };
  const active = await findActiveCampaigns(db, options.municipalityIds ?? null);
  for (const campaign of active) {
    const participants = await findParticipants(db, campaign.id);
    const sentForms = new Set(
      (await findSubmissions(db, campaign.id))
        .filter((s) => s.status === 'submitted' || s.status === 'accepted')
        .map((s) => s.organizationId),
    );
    for (const p of participants) {
      if (sentForms.has(p.organizationId)) continue;
      const deadline =
        p.reopenedUntil && p.reopenedUntil > campaign.mainEnd ? p.reopenedUntil : campaign.mainEnd;
      const kind =
        today > deadline
          ? 'after_deadline'
          : today >= addDays(deadline, -campaign.reminderDaysBefore) && today >= campaign.mainStart
            ? 'before_deadline'
            : null;
      if (!kind) continue;
      const reminderId = await claimReminder(db, {
        campaignId: campaign.id,
        organizationId: p.organizationId,
        kind,
        deadline,
      });
      if (reminderId === null) continue;
      const people = await findResponsibleUsers(db, [p.organizationId]);
      const recipients = people.map((x) => x.email).filter((e): e is string => Boolean(e));
      const message = reminderText(campaign, p.organizationName, deadline, kind, options.baseUrl);
      let error: string | null = null;
      if (recipients.length) {
        try {
          await sendMail(db, { to: recipients, subject: message.subject, text: message.text });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      } else error = 'нет адреса электронной почты у ответственного';
      await notifyUsers(
        db,
        people.map((x) => x.userId),
        {
          title: message.subject,
          body: message.short,
          link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
        },
      );
      await recordReminderOutcome(db, reminderId, recipients, error);
      report.sent.push({
        campaignId: campaign.id,
        organizationId: p.organizationId,
        kind,
        recipients,
        error,
      });
    }
  }
  return report;
}

function reminderText(
  campaign: CampaignRow,
  organizationName: string,
  deadline: string,
  kind: 'before_deadline' | 'after_deadline',
  baseUrl?: string,
) {
  const link = `${baseUrl ?? 'http://127.0.0.1:3000'}/campaigns/${campaign.id}/organizations`;
  if (kind === 'before_deadline') {
    return {
      subject: `Напоминание: срок сдачи формы мониторинга — ${formatRuDate(deadline)}`,
      short: `${campaign.title}: форма не отправлена, срок — ${formatRuDate(deadline)}.`,
      text: `Здравствуйте!\n\n${organizationName}: форма мониторинга «${campaign.title}» ещё не отправлена. Срок — ${formatRuDate(deadline)}.\n\nЗаполнить форму: ${link}\n\nЭто письмо отправлено автоматически системой pedmonitor.`,
    };
  }
  return {
    subject: `Срок сдачи формы мониторинга истёк ${formatRuDate(deadline)}`,
    short: `${campaign.title}: срок истёк ${formatRuDate(deadline)}, форма не отправлена.`,
    text: `Здравствуйте!\n\n${organizationName}: срок сдачи формы мониторинга «${campaign.title}» истёк ${formatRuDate(deadline)}, форма не отправлена. Свяжитесь с муниципальным координатором.\n\n${link}\n\nЭто письмо отправлено автоматически системой pedmonitor.`,
  };
}

/** Runs the reminders every hour while the server is up (and shortly after it starts). */
export function scheduleReminders(options: {
  db: Db;
  today: () => string;
  baseUrl: string;
  log(message: string): void;
}) {
  const tick = () =>
    runReminders({ db: options.db, today: options.today(), baseUrl: options.baseUrl })
      .then((r) => r.sent.length && options.log(`Напоминания: отправлено ${r.sent.length}`))
      .catch((e) => options.log(`Напоминания не отправлены: ${e instanceof Error ? e.message : String(e)}`));
  const first = setTimeout(tick, 60_000);
  const every = setInterval(tick, 3600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
