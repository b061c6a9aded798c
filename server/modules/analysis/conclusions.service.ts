import { inOrder } from '../../db/in-order.ts';
import { draftConclusions, type AnalysisInput } from '../../../core/analysis/drafts.ts';
import type { Db } from '../../db/client.ts';
import { conclusions } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor } from '../auth/access.ts';
import { assertDepartment } from '../campaigns/campaigns.policy.ts';
import { findParticipants, findPreviousCampaign } from '../campaigns/campaigns.repository.ts';
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

/** What the drafts are made of: the campaign's indicators, organizations, results and the previous campaign's. */
export async function analysisInputOf(db: Db, actor: Actor, campaignId: number): Promise<AnalysisInput> {
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, campaignId);
  const [indicators, participants, current] = await inOrder([
    () => indicatorsOf(db, campaign),
    () => findParticipants(db, campaign.id),
    () => getCampaignResults({ db, user, id: campaign.id }),
  ]);
  const previous = await findPreviousCampaign(db, campaign);
  return {
    indicators,
    organizations: participants.map((p) => ({ id: p.organizationId, name: p.organizationName })),
    results: current.results,
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
