import { eq } from 'drizzle-orm';
import { describeDueRule, suggestDueRule, type DueRule } from '../../../core/campaigns/due-dates.ts';
import { formFieldsOf } from '../../../core/indicators/applicability.ts';
import type { Db } from '../../db/client.ts';
import { campaignIndicatorDueDates } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { dueRulesOf } from './materials.service.ts';

/**
 * The coordinator's table of collection due dates: every indicator of the campaign's program with its
 * rule in this campaign, what the program's «срок» text suggests, and the form fields it reads.
 */
export async function listDueDates(options: { db: Db; user: AuthUser; campaignId: number }) {
  const campaign = await requireCampaign(options.db, options.campaignId);
  assertDepartment(options.user, campaign.municipalityId);
  const tree = await findProgramTree(options.db, campaign.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const rules = await dueRulesOf(options.db, campaign.id);
  return tree.indicators.map((i) => {
    const rule = rules.get(i.code) ?? null;
    const suggested = suggestDueRule(i.deadline, campaign.initialStart);
    return {
      indicatorCode: i.code,
      indicatorName: i.name,
      programDeadline: i.deadline,
      fieldCodes: [...new Set([...formFieldsOf(i.numerator), ...formFieldsOf(i.denominator)])],
      rule,
      label: rule ? describeDueRule(rule) : null,
      suggested,
    };
  });
}

export async function replaceDueDates(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  items: { indicatorCode: string; rule: DueRule }[];
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(user, campaign.municipalityId);
  if (campaign.status === 'closed')
    throw new AppError('conflict', 'Мониторинг закрыт: сроки сбора больше не меняются.');
  const tree = await findProgramTree(db, campaign.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const known = new Set(tree.indicators.map((i) => i.code));
  const seen = new Set<string>();
  for (const [n, item] of options.items.entries()) {
    if (!known.has(item.indicatorCode))
      throw new AppError(
        'validation_failed',
        `Сроки сбора, строка ${n + 1} (поле indicatorCode): показателя «${item.indicatorCode}» нет в программе мониторинга.`,
        { field: `items.${n}.indicatorCode` },
      );
    if (seen.has(item.indicatorCode))
      throw new AppError(
        'validation_failed',
        `Сроки сбора, строка ${n + 1} (поле indicatorCode): срок показателя «${item.indicatorCode}» указан дважды.`,
        { field: `items.${n}.indicatorCode` },
      );
    seen.add(item.indicatorCode);
  }
  await db.transaction(async (tx) => {
    await tx.delete(campaignIndicatorDueDates).where(eq(campaignIndicatorDueDates.campaignId, campaign.id));
    if (options.items.length)
      await tx.insert(campaignIndicatorDueDates).values(
        options.items.map((item) => ({
          campaignId: campaign.id,
          indicatorCode: item.indicatorCode,
          dueDate: item.rule.kind === 'date' ? item.rule.date : null,
          monthlyDay: item.rule.kind === 'monthly' ? item.rule.day : null,
        })),
      );
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'campaign_due_dates',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Сроки сбора по показателям мониторинга «${campaign.title}»: ${
        options.items.map((i) => `${i.indicatorCode} — ${describeDueRule(i.rule)}`).join('; ') || 'не заданы'
      }`,
    });
  });
  return listDueDates({ db, user, campaignId: campaign.id });
}
