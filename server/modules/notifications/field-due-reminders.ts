import { eq } from 'drizzle-orm';
import { addDays, formatRuDate } from '../../../core/dates.ts';
import { fieldDueDates } from '../../../core/campaigns/due-dates.ts';
import { fieldsNotAskedOf } from '../../../core/indicators/applicability.ts';
import type { Db } from '../../db/client.ts';
import { campaignParticipants, organizations } from '../../db/schema/index.ts';
import {
  claimReminder,
  findResponsibleUsers,
  findSubmissions,
  recordReminderOutcome,
  type CampaignRow,
} from '../campaigns/campaigns.repository.ts';
import { groupIdsOf } from '../groups/groups.repository.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { dueRulesOf } from '../communications/materials.service.ts';
import { sendMail } from './mailer.ts';
import { notifyUsers } from './notifications.repository.ts';

export interface FieldDueReminder {
  campaignId: number;
  organizationId: number;
  dueDate: string;
  fields: string[];
  recipients: string[];
  error: string | null;
}

const isFilled = (value: unknown) => value !== null && value !== undefined && value !== '';

/**
 * Reminds of form fields whose indicator has its own due date (campaign_indicator_due_dates): from
 * `reminderDaysBefore` days before that day until the day itself, an organization whose form is not sent
 * and whose fields due that day are not filled hears once per due day (the reminder row of kind
 * «field_due» carries the day), by e-mail and in the application. A monthly rule reminds every month.
 */
export async function runFieldDueReminders(options: {
  db: Db;
  campaign: CampaignRow;
  today: string;
  baseUrl?: string;
}): Promise<FieldDueReminder[]> {
  const { db, campaign, today } = options;
  const rules = await dueRulesOf(db, campaign.id);
  if (!rules.size || today < campaign.mainStart) return [];
  const tree = await findProgramTree(db, campaign.programId);
  if (!tree) return [];
  const due = fieldDueDates(tree.indicators, rules, today);
  const near = [...due.values()].filter(
    (d) => d.dueDate >= today && addDays(d.dueDate, -campaign.reminderDaysBefore) <= today,
  );
  if (!near.length) return [];
  const labels = new Map(tree.formFields.map((f) => [f.code, f.label]));
  const participants = await db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.shortName,
      kind: organizations.kind,
      isLowResults: organizations.isLowResults,
      isHardSocialConditions: organizations.isHardSocialConditions,
      groupIds: groupIdsOf(organizations.id),
    })
    .from(campaignParticipants)
    .innerJoin(organizations, eq(organizations.id, campaignParticipants.organizationId))
    .where(eq(campaignParticipants.campaignId, campaign.id));
  const submissions = new Map((await findSubmissions(db, campaign.id)).map((s) => [s.organizationId, s]));
  const sent: FieldDueReminder[] = [];
  for (const p of participants) {
    const submission = submissions.get(p.organizationId);
    if (submission && (submission.status === 'submitted' || submission.status === 'accepted')) continue;
    const notAsked = fieldsNotAskedOf(tree.indicators, p);
    const byDay = new Map<string, string[]>();
    for (const d of near) {
      if (!labels.has(d.fieldCode) || notAsked.has(d.fieldCode)) continue;
      if (isFilled(submission?.values?.[d.fieldCode])) continue;
      byDay.set(d.dueDate, [...(byDay.get(d.dueDate) ?? []), d.fieldCode]);
    }
    for (const [dueDate, fields] of byDay) {
      const reminderId = await claimReminder(db, {
        campaignId: campaign.id,
        organizationId: p.organizationId,
        kind: 'field_due',
        deadline: dueDate,
      });
      if (reminderId === null) continue;
      const people = await findResponsibleUsers(db, [p.organizationId]);
      const recipients = [...new Set(people.map((x) => x.email).filter((e): e is string => Boolean(e)))];
      const link = `${options.baseUrl ?? 'http://127.0.0.1:3000'}/campaigns/${campaign.id}/organizations/${p.organizationId}`;
      const list = fields.map((f) => `— ${labels.get(f)}`).join('\n');
      const subject = `Напоминание: до ${formatRuDate(dueDate)} заполните поля формы мониторинга`;
      let error: string | null = null;
      if (recipients.length) {
        try {
          await sendMail(db, {
            to: recipients,
            subject,
            text: `Здравствуйте!\n\n${p.organizationName}: в форме мониторинга «${campaign.title}» не заполнены поля со сроком сбора ${formatRuDate(dueDate)}:\n${list}\n\nЗаполнить форму: ${link}\n\nЭто письмо отправлено автоматически системой pedmonitor.`,
          });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      } else error = 'нет адреса электронной почты у ответственного';
      await notifyUsers(
        db,
        people.map((x) => x.userId),
        {
          title: subject,
          body: `${campaign.title}: не заполнено ${fields.map((f) => `«${labels.get(f)}»`).join(', ')} — срок ${formatRuDate(dueDate)}.`,
          link: `/campaigns/${campaign.id}/organizations/${p.organizationId}`,
        },
      );
      await recordReminderOutcome(db, reminderId, recipients, error);
      sent.push({
        campaignId: campaign.id,
        organizationId: p.organizationId,
        dueDate,
        fields,
        recipients,
        error,
      });
    }
  }
  return sent;
}
