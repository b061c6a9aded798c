import { formatRuMonth } from '../../../core/months.ts';
import { monthOf, vacancyReminderKind, vacancyReminderText } from '../../../core/vacancy-reports.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import type { Db } from '../../db/client.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import {
  claimVacancyReminder,
  findOrganizationsWithoutReport,
  recordVacancyReminderOutcome,
} from '../registers/vacancies/vacancies.repository.ts';
import { sendMail } from './mailer.ts';
import { notifyUsers } from './notifications.repository.ts';

const NO_EMAIL = 'нет адреса электронной почты у ответственного';

export interface VacancyReminderSent {
  organizationId: number;
  month: string;
  kind: 'before' | 'after' | 'manual';
  recipients: string[];
  error: string | null;
}

/** Sends one reminder about a month's vacancy report: e-mail to the heads through SMTP, and in the application. */
async function deliver(
  db: Db,
  options: {
    organization: { organizationId: number; organizationName: string };
    month: string;
    kind: 'before' | 'after';
    baseUrl?: string;
  },
) {
  const people = await findResponsibleUsers(db, [options.organization.organizationId]);
  const recipients = people.map((x) => x.email).filter((e): e is string => Boolean(e));
  const path = `/vacancies?organizationId=${options.organization.organizationId}`;
  const message = vacancyReminderText({
    kind: options.kind,
    month: options.month,
    monthName: formatRuMonth(options.month),
    organizationName: options.organization.organizationName,
    link: `${options.baseUrl ?? 'http://127.0.0.1:3000'}${path}`,
  });
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
    { title: message.subject, body: message.short, link: path },
  );
  return { recipients, error };
}

/**
 * The daily job of the monthly vacancy report: from the 7th to the 10th «до 10-го», from the 11th «не сдано»,
 * to every active organization without a record for the month — each at most once per organization and month
 * (a unique reminder row), so the hourly tick may run it any number of times.
 */
export async function runVacancyReminders(options: {
  db: Db;
  today: string;
  baseUrl?: string;
  municipalityIds?: number[] | null;
}): Promise<VacancyReminderSent[]> {
  const { db, today } = options;
  const kind = vacancyReminderKind(today);
  if (!kind) return [];
  const month = monthOf(today);
  const sent: VacancyReminderSent[] = [];
  const municipalities = options.municipalityIds ?? [null];
  for (const municipalityId of municipalities) {
    for (const organization of await findOrganizationsWithoutReport(db, { municipalityId, month })) {
      const id = await claimVacancyReminder(db, {
        organizationId: organization.organizationId,
        month,
        kind,
        day: month,
      });
      if (id === null) continue;
      const { recipients, error } = await deliver(db, {
        organization,
        month,
        kind,
        baseUrl: options.baseUrl,
      });
      await recordVacancyReminderOutcome(db, id, recipients, error);
      sent.push({ organizationId: organization.organizationId, month, kind, recipients, error });
    }
  }
  return sent;
}

/**
 * «Напомнить» on the completeness table: reminds the organizations of a municipality that have not reported
 * this month (or the chosen ones of them) now — «до 10-го» before the due day, «не сдано» after it; one
 * organization at most once a day.
 */
export async function remindAboutVacancies(options: {
  db: Db;
  municipalityId: number;
  today: string;
  organizationIds?: number[];
  baseUrl?: string;
}) {
  const { db, today } = options;
  const month = monthOf(today);
  const kind = vacancyReminderKind(today) === 'after' ? 'after' : 'before';
  const missing = await findOrganizationsWithoutReport(db, {
    municipalityId: options.municipalityId,
    month,
    organizationIds: options.organizationIds,
  });
  let sent = 0;
  let alreadyToday = 0;
  const notDelivered: { organizationId: number; organizationName: string; error: string }[] = [];
  for (const organization of missing) {
    const id = await claimVacancyReminder(db, {
      organizationId: organization.organizationId,
      month,
      kind: 'manual',
      day: today,
    });
    if (id === null) {
      alreadyToday += 1;
      continue;
    }
    const { recipients, error } = await deliver(db, { organization, month, kind, baseUrl: options.baseUrl });
    await recordVacancyReminderOutcome(db, id, recipients, error);
    if (error) notDelivered.push({ ...organization, error });
    else sent += 1;
  }
  const parts = [
    missing.length
      ? `Не сдали сведения за ${formatRuMonth(month)}: ${countOf(missing.length, ORGANIZATION_FORMS)}. Писем отправлено: ${sent}.`
      : `Сведения за ${formatRuMonth(month)} сдали все организации: напоминать некому.`,
  ];
  if (notDelivered.length)
    parts.push(
      `Только уведомление в системе, без письма: ${notDelivered.map((x) => `${x.organizationName} — ${x.error}`).join('; ')}.`,
    );
  if (alreadyToday) parts.push(`Сегодня уже напомнили: ${countOf(alreadyToday, ORGANIZATION_FORMS)}.`);
  return { month, sent, alreadyToday, notDelivered, message: parts.join(' ') };
}
