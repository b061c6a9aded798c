import { inOrder } from '../../db/in-order.ts';
import { draftConclusions, type AnalysisInput } from '../../../core/analysis/drafts.ts';
import { checkEvidence, describeDiscrepancy } from '../../../core/analysis/evidence.ts';
import type { Db } from '../../db/client.ts';
import { conclusions } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, systemAdmin, type Actor } from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import {
  findParticipants,
  findPreviousCampaign,
  type CampaignRow,
} from '../campaigns/campaigns.repository.ts';
import {
  getCampaignResults,
  requireCampaign,
  requireDepartmentCampaign,
} from '../campaigns/campaigns.service.ts';
import {
  deleteConclusion,
  findConclusion,
  findConclusions,
  insertConclusion,
  replaceConclusions,
} from './analysis.repository.ts';
import { indicatorsOf } from './analysis.service.ts';
import { findSurveyTitles } from '../surveys/surveys.repository.ts';

/** What the drafts are made of: the campaign's indicators, organizations, results and the previous campaign's. */
export async function analysisInputOf(db: Db, actor: Actor, campaignId: number): Promise<AnalysisInput> {
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, campaignId);
  const [indicators, participants, current, surveys] = await inOrder([
    () => indicatorsOf(db, campaign),
    () => findParticipants(db, campaign.id),
    () => getCampaignResults({ db, user, id: campaign.id }),
    () => findSurveyTitles(db, campaign.municipalityId),
  ]);
  const previous = await findPreviousCampaign(db, campaign);
  return {
    indicators,
    organizations: participants.map((p) => ({ id: p.organizationId, name: p.organizationName })),
    results: current.results,
    year: campaign.year,
    surveys,
    previous: previous
      ? { year: previous.year, results: (await getCampaignResults({ db, user, id: previous.id })).results }
      : undefined,
  };
}

export async function listConclusions(options: { db: Db; actor: Actor; campaignId: number }) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  return findConclusions(options.db, campaign.id);
}

/** Drafts the conclusions from the data again, replacing the current list. */
export async function generateConclusions(options: { db: Db; actor: Actor; campaignId: number }) {
  const { db, actor } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(requireUser(actor.user), campaign.municipalityId);
  const drafts = draftConclusions(await analysisInputOf(db, actor, campaign.id));
  await db.transaction(async (tx) => {
    await replaceConclusions(
      tx,
      campaign.id,
      drafts.map((d, i) => ({
        text: d.text,
        kind: d.kind,
        indicatorCode: d.indicatorCode,
        organizationIds: d.organizationIds,
        evidence: d.evidence,
        sortOrder: i,
      })),
    );
    await recordAudit(tx, actor, {
      action: 'generate',
      entity: 'conclusions',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Выводы сформированы по данным мониторинга: ${drafts.length}`,
    });
  });
  return findConclusions(db, campaign.id);
}

export async function addConclusion(options: { db: Db; actor: Actor; campaignId: number; text: string }) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  const existing = await findConclusions(options.db, campaign.id);
  return options.db.transaction(async (tx) => {
    const row = await insertConclusion(tx, {
      campaignId: campaign.id,
      text: options.text,
      kind: 'manual',
      sortOrder: existing.length,
    });
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'conclusion',
      entityId: row.id,
      municipalityId: campaign.municipalityId,
      after: { text: options.text },
    });
    return row;
  });
}

export async function editConclusion(options: {
  db: Db;
  actor: Actor;
  id: number;
  text?: string;
  sortOrder?: number;
  version: number;
}) {
  const before = await findConclusion(options.db, options.id);
  if (!before) throw notFound('Вывод');
  const campaign = await requireDepartmentCampaign(options.db, options.actor, before.campaignId);
  return options.db.transaction(async (tx) => {
    const patch = {
      ...(options.text !== undefined ? { text: options.text } : {}),
      ...(options.sortOrder !== undefined ? { sortOrder: options.sortOrder } : {}),
    };
    if (!(await updateIfVersion(tx, conclusions, options.id, options.version, patch)))
      throw versionConflict();
    await recordAudit(tx, options.actor, {
      action: 'update',
      entity: 'conclusion',
      entityId: options.id,
      municipalityId: campaign.municipalityId,
      before: { text: before.text },
      after: patch,
    });
    return (await findConclusion(tx, options.id))!;
  });
}

export async function removeConclusion(options: { db: Db; actor: Actor; id: number }) {
  const before = await findConclusion(options.db, options.id);
  if (!before) throw notFound('Вывод');
  const campaign = await requireDepartmentCampaign(options.db, options.actor, before.campaignId);
  await options.db.transaction(async (tx) => {
    await deleteConclusion(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'conclusion',
      entityId: options.id,
      municipalityId: campaign.municipalityId,
      before: { text: before.text },
    });
  });
}

/** A conclusion that the computed results no longer bear out, with what differs, in Russian. */
export interface ConclusionCheck {
  conclusionId: number;
  text: string;
  discrepancies: string[];
}

/**
 * Re-checks every drafted conclusion of a campaign against the results computed now (frozen once the
 * campaign is closed), over all its organizations whoever asks: each organization it names must still
 * have the stated value, the claim must still hold and the indicator must still apply. A drafted
 * conclusion without evidence (drafted before evidence was kept) cannot be checked and fails. The
 * coordinator's own conclusions (kind «manual») name no data and are not checked.
 */
export async function checkConclusions(db: Db, campaign: CampaignRow): Promise<ConclusionCheck[]> {
  const rows = await findConclusions(db, campaign.id);
  const drafted = rows.filter((r) => r.kind !== 'manual');
  if (!drafted.length) return [];
  const reader = systemAdmin('public');
  const [{ results }, indicators, participants] = await inOrder([
    () => getCampaignResults({ db, user: reader, id: campaign.id }),
    () => indicatorsOf(db, campaign),
    () => findParticipants(db, campaign.id),
  ]);
  const names = {
    organization: (id: number | null) =>
      participants.find((p) => p.organizationId === id)?.organizationName ?? `организация № ${id}`,
    unit: (code: string) => indicators.find((i) => i.code === code)?.unit ?? 'number',
  };
  return drafted
    .map((row) => ({
      conclusionId: row.id,
      text: row.text,
      discrepancies: row.evidence
        ? checkEvidence(row.evidence, results).map((d) => describeDiscrepancy(d, names))
        : ['вывод сформирован без сведений о значениях, на которых он основан, — проверить его нельзя'],
    }))
    .filter((c) => c.discrepancies.length);
}

/**
 * Refuses to publish or to put the conclusions into a letter or the справка while any of them is not borne
 * out by the data: the Russian message lists the discrepancies and offers to draft the conclusions again.
 */
export async function assertConclusionsVerified(db: Db, campaign: CampaignRow) {
  const failed = await checkConclusions(db, campaign);
  if (!failed.length) return;
  const lines = failed.flatMap((c) => c.discrepancies.map((d) => `«${shorten(c.text)}» — ${d}`));
  const shown = lines.slice(0, 10).join('; ');
  const more = lines.length > 10 ? `; и ещё ${lines.length - 10}` : '';
  throw new AppError(
    'conflict',
    `Выводы не подтверждаются текущими данными мониторинга (${lines.length}): ${shown}${more}. ` +
      'Сформируйте выводы заново («Сформировать по данным») или исправьте и удалите неверные.',
    { conclusions: failed, canRedraft: true },
  );
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

export async function getConclusionsCheck(options: { db: Db; actor: Actor; campaignId: number }) {
  const campaign = await requireDepartmentCampaign(options.db, options.actor, options.campaignId);
  return checkConclusions(options.db, campaign);
}
