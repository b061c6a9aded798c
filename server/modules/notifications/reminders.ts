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
import { ORGANIZATION_FORMS, countOf, plural } from '../../../core/format.ts';
import { AppError } from '../../errors.ts';
import { sendMail } from './mailer.ts';
import { notifyUsers } from './notifications.repository.ts';
import { runVacancyReminders } from './vacancy-reminders.ts';
import { runFieldDueReminders, type FieldDueReminder } from './field-due-reminders.ts';

export interface ReminderReport {
  /** Reminders of fields with their own due date (field-due-reminders.ts). */
  fields: FieldDueReminder[];
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
  const report: ReminderReport = { sent: [], fields: [] };
  const active = await findActiveCampaigns(db, options.municipalityIds ?? null);
  for (const campaign of active) {
    report.fields.push(...(await runFieldDueReminders({ db, campaign, today, baseUrl: options.baseUrl })));
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
      const { recipients, error } = await deliverReminder(db, {
        campaign,
        organization: p,
        deadline,
        kind,
        baseUrl: options.baseUrl,
      });
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

/**
 * Sends one reminder to the responsible persons of an organization: by e-mail through the configured SMTP
 * server and in the application. Returns the addresses written to and why the e-mail failed, if it did.
 */
async function deliverReminder(
  db: Db,
  options: {
    campaign: CampaignRow;
    organization: { organizationId: number; organizationName: string };
    deadline: string;
    kind: 'before_deadline' | 'after_deadline';
    baseUrl?: string;
  },
): Promise<{ recipients: string[]; error: string | null }> {
  const { campaign, organization } = options;
  const people = await findResponsibleUsers(db, [organization.organizationId]);
  const recipients = people.map((x) => x.email).filter((e): e is string => Boolean(e));
  const message = reminderText(campaign, organization, options.deadline, options.kind, options.baseUrl);
  let error: string | null = null;
  if (recipients.length) {
    try {
      await sendMail(db, { to: recipients, subject: message.subject, text: message.text });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  } else error = NO_EMAIL;
  await notifyUsers(
    db,
    people.map((x) => x.userId),
    {
      title: message.subject,
      body: message.short,
      link: `/campaigns/${campaign.id}/organizations/${organization.organizationId}`,
    },
  );
  return { recipients, error };
}

const NO_EMAIL = 'нет адреса электронной почты у ответственного';

export interface ManualReminderReport {
  /** Reminders delivered by e-mail. */
  sent: number;
  /** Organizations reminded in the application only: no e-mail address, or the SMTP server refused. */
  notDelivered: { organizationId: number; organizationName: string; error: string }[];
  /** Already sent their form: nothing to remind of. */
  alreadySent: number;
  /** Reminded today already (by a methodist): one reminder a day. */
  alreadyToday: number;
  /** The outcome in one Russian sentence. */
  message: string;
}

const REMINDER_FORMS = ['напоминание', 'напоминания', 'напоминаний'] as const;

/**
 * Reminds the chosen organizations of a running campaign now, at a methodist's click: those whose form is
 * not sent (not started, a draft, or returned for revision). The text says whether the deadline has passed.
 * An organization is reminded this way at most once a day (the reminder row of kind «manual» carries the
 * day in its `deadline`), so a double click or two methodists do not flood a school.
 */
export async function remindOrganizations(options: {
  db: Db;
  campaign: CampaignRow;
  organizationIds: number[];
  today: string;
  baseUrl?: string;
}): Promise<ManualReminderReport> {
  const { db, campaign, today } = options;
  const participants = new Map((await findParticipants(db, campaign.id)).map((p) => [p.organizationId, p]));
  const foreign = options.organizationIds.filter((id) => !participants.has(id));
  if (foreign.length)
    throw new AppError(
      'validation_failed',
      `Организации (поле organizationIds): № ${foreign.join(', ')} не участвуют в этом мониторинге.`,
      { field: 'organizationIds' },
    );
  const sentForms = new Set(
    (await findSubmissions(db, campaign.id))
      .filter((s) => s.status === 'submitted' || s.status === 'accepted')
      .map((s) => s.organizationId),
  );
  const report: ManualReminderReport = {
    sent: 0,
    notDelivered: [],
    alreadySent: 0,
    alreadyToday: 0,
    message: '',
  };
  for (const organizationId of [...new Set(options.organizationIds)]) {
    const p = participants.get(organizationId)!;
    if (sentForms.has(organizationId)) {
      report.alreadySent += 1;
      continue;
    }
    const reminderId = await claimReminder(db, {
      campaignId: campaign.id,
      organizationId,
      kind: 'manual',
      deadline: today,
    });
    if (reminderId === null) {
      report.alreadyToday += 1;
      continue;
    }
    const deadline =
      p.reopenedUntil && p.reopenedUntil > campaign.mainEnd ? p.reopenedUntil : campaign.mainEnd;
    const { recipients, error } = await deliverReminder(db, {
      campaign,
      organization: p,
      deadline,
      kind: today > deadline ? 'after_deadline' : 'before_deadline',
      baseUrl: options.baseUrl,
    });
    await recordReminderOutcome(db, reminderId, recipients, error);
    if (error) report.notDelivered.push({ organizationId, organizationName: p.organizationName, error });
    else report.sent += 1;
  }
  report.message = manualReminderMessage(report);
  return report;
}

/** «Отправлено 3 напоминания по электронной почте. Без письма (только в системе): 1 организация — …» */
export function manualReminderMessage(r: Omit<ManualReminderReport, 'message'>): string {
  const parts = [
    r.sent
      ? `Отправлено ${countOf(r.sent, REMINDER_FORMS)} по электронной почте.`
      : 'Напоминания по электронной почте не отправлены.',
  ];
  if (r.notDelivered.length)
    parts.push(
      `Только уведомление в системе, без письма: ${countOf(r.notDelivered.length, ORGANIZATION_FORMS)} (${r.notDelivered
        .map((x) => `${x.organizationName} — ${x.error}`)
        .join('; ')}).`,
    );
  if (r.alreadySent)
    parts.push(
      `${countOf(r.alreadySent, ORGANIZATION_FORMS)} уже ${plural(r.alreadySent, ['отправила', 'отправили', 'отправили'])} форму.`,
    );
  if (r.alreadyToday)
    parts.push(
      `${countOf(r.alreadyToday, ORGANIZATION_FORMS)} сегодня уже ${plural(r.alreadyToday, ['получила', 'получили', 'получили'])} напоминание.`,
    );
  return parts.join(' ');
}

function reminderText(
  campaign: CampaignRow,
  { organizationId, organizationName }: { organizationId: number; organizationName: string },
  deadline: string,
  kind: 'before_deadline' | 'after_deadline',
  baseUrl?: string,
) {
  const link = `${baseUrl ?? 'http://127.0.0.1:3000'}/campaigns/${campaign.id}/organizations/${organizationId}`;
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
  // The monthly vacancy report's reminders ride on the same tick: each is sent once, whenever the tick runs.
  const tick = () =>
    runReminders({ db: options.db, today: options.today(), baseUrl: options.baseUrl })
      .then(async (r) => {
        const vacancies = await runVacancyReminders({
          db: options.db,
          today: options.today(),
          baseUrl: options.baseUrl,
        });
        const sent = r.sent.length + r.fields.length + vacancies.length;
        if (sent) options.log(`Напоминания: отправлено ${sent}`);
      })
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
