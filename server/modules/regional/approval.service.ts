import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  campaignResults,
  campaigns,
  type AcceptedForm,
  type AcceptedResult,
  type RegionalSubmissionStatus,
} from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  accountIdOf,
  isGlobalAdmin,
  isRegionalReaderOf,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findFrozenResults, findSubmissions, type CampaignRow } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import {
  findCampaignRegionalProgram,
  findRegionalSubmissionById,
  findRegionalSubmissionEvents,
  findRegionalSubmissionList,
  findRegionalSubmissionOfCampaign,
  insertRegionalSubmission,
  insertRegionalSubmissionEvent,
  type RegionalSubmissionEventRow,
  type RegionalSubmissionRow,
} from './approval.repository.ts';
import { regionalSubmissions } from '../../db/schema/index.ts';
import { dropRegionParts, findRegionParts } from './region-row.ts';

/**
 * The two-level approval of a regional program's results: the municipality sends the results of its closed
 * campaign to the region; the region's coordinator accepts them (a copy is frozen at the regional level) or
 * returns them with a comment. While sent or accepted the campaign cannot be reopened; after a return the
 * municipality reopens it, fixes what was asked and sends it again. Every transition checks the version.
 */

export const REGIONAL_STATUS_LABEL: Record<RegionalSubmissionStatus, string> = {
  sent: 'отправлено в регион',
  accepted: 'принято регионом',
  returned: 'возвращено на доработку',
};

const ACTION_LABEL: Record<RegionalSubmissionEventRow['action'], string> = {
  send: 'Отправлено в регион',
  accept: 'Принято регионом',
  return: 'Возвращено на доработку',
  reopen: 'Мониторинг открыт заново',
};

/** The regional coordinator of this very region: the only one who accepts or returns its municipalities' results. */
export function isRegionalCoordinatorOf(user: AuthUser, regionId: number) {
  return user.roles.some((g) => g.role === 'regional_coordinator' && g.regionId === regionId);
}

function assertRegionalCoordinatorOf(user: AuthUser, regionId: number) {
  if (!isRegionalCoordinatorOf(user, regionId))
    throw forbidden('Принимает и возвращает результаты региональный координатор этого региона.');
}

const presentEvent = (e: RegionalSubmissionEventRow) => ({
  at: e.at.toISOString(),
  userName: e.userName,
  action: e.action,
  actionLabel: ACTION_LABEL[e.action],
  statusAfter: e.statusAfter,
  comment: e.comment,
});

const presentSubmission = (row: RegionalSubmissionRow) => ({
  id: row.id,
  status: row.status,
  statusLabel: REGIONAL_STATUS_LABEL[row.status],
  sentAt: row.sentAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  acceptedAt: row.acceptedAt?.toISOString() ?? null,
  returnComment: row.returnComment,
  version: row.version,
});

const eventBy = (user: AuthUser) => ({ userId: accountIdOf(user), userName: user.fullName });

async function requireRegionalCampaign(db: Db, campaignId: number) {
  const campaign = await requireCampaign(db, campaignId);
  const regional = await findCampaignRegionalProgram(db, campaign.programId);
  return { campaign, regional };
}

/** The «Региональный уровень» block of a campaign page: its status, history and what the viewer may do. */
export async function getCampaignRegionalStatus(options: { db: Db; user: AuthUser; campaignId: number }) {
  const { db, user } = options;
  const { campaign, regional } = await requireRegionalCampaign(db, options.campaignId);
  const isDepartment = isDepartmentOf(user, campaign.municipalityId);
  if (!isDepartment && !isRegionalReaderOf(user, campaign.municipalityId))
    throw forbidden('Региональный уровень мониторинга видят муниципальный и региональный координаторы.');
  const row = regional ? await findRegionalSubmissionOfCampaign(db, campaign.id) : undefined;
  const history = row ? await findRegionalSubmissionEvents(db, row.id) : [];
  const isClosed = campaign.status === 'closed';
  const isLocked = row?.status === 'sent' || row?.status === 'accepted';
  return {
    regionalProgram: regional
      ? { id: regional.id, title: regional.title, programVersion: regional.programVersion }
      : null,
    submission: row ? presentSubmission(row) : null,
    /** The version the next send must carry: the submission's, 0 before the first one. */
    version: row?.version ?? 0,
    campaignVersion: campaign.version,
    history: history.map(presentEvent),
    canSend: Boolean(regional) && isDepartment && isClosed && !isLocked,
    canReopen: Boolean(regional) && isDepartment && isClosed && !isLocked,
  };
}

/** «Отправить в регион»: the municipal coordinator sends the results of a closed campaign of a regional program. */
export async function sendToRegion(options: { db: Db; actor: Actor; campaignId: number; version: number }) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const { campaign, regional } = await requireRegionalCampaign(tx, options.campaignId);
    assertDepartment(user, campaign.municipalityId);
    if (!regional)
      throw new AppError(
        'conflict',
        'Мониторинг проводится по муниципальной программе: в регион отправляются результаты только по принятой региональной программе.',
      );
    if (campaign.status !== 'closed')
      throw new AppError(
        'conflict',
        'Мониторинг ещё не закрыт: в регион отправляются замороженные результаты закрытого мониторинга.',
      );
    const existing = await findRegionalSubmissionOfCampaign(tx, campaign.id);
    if (existing?.status === 'sent')
      throw new AppError('conflict', 'Результаты уже отправлены в регион и ждут решения.');
    if (existing?.status === 'accepted') throw new AppError('conflict', 'Результаты уже приняты регионом.');
    const now = new Date();
    let row: RegionalSubmissionRow;
    if (!existing) {
      if (options.version !== 0) throw versionConflict();
      row = await insertRegionalSubmission(tx, {
        campaignId: campaign.id,
        regionId: regional.regionId,
        municipalityId: campaign.municipalityId,
        regionalProgramId: regional.id,
        status: 'sent',
        sentAt: now,
      }).catch((error: unknown) => {
        // Two coordinators sending at once: the unique index on the campaign stops the second.
        if (isUniqueViolation(error)) throw versionConflict();
        throw error;
      });
    } else {
      const isCurrent = await updateIfVersion(tx, regionalSubmissions, existing.id, options.version, {
        status: 'sent',
        sentAt: now,
        decidedAt: null,
      });
      if (!isCurrent) throw versionConflict();
      row = (await findRegionalSubmissionById(tx, existing.id))!;
    }
    await insertRegionalSubmissionEvent(tx, {
      submissionId: row.id,
      ...eventBy(user),
      action: 'send',
      statusAfter: 'sent',
    });
    await recordAudit(tx, options.actor, {
      action: 'submit',
      entity: 'regional_submission',
      entityId: row.id,
      municipalityId: campaign.municipalityId,
      summary: `Результаты мониторинга «${campaign.title}» отправлены в регион`,
    });
    return presentSubmission(row);
  });
}

async function decide(options: {
  db: Db;
  actor: Actor;
  id: number;
  version: number;
  action: 'accept' | 'return';
  comment?: string;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const row = await findRegionalSubmissionById(tx, options.id);
    if (!row) throw notFound('Отправка результатов в регион');
    assertRegionalCoordinatorOf(user, row.regionId);
    if (row.status !== 'sent')
      throw new AppError(
        'conflict',
        row.status === 'accepted'
          ? 'Результаты уже приняты регионом.'
          : 'Результаты возвращены муниципалитету: решение примут после повторной отправки.',
      );
    if (row.version !== options.version) throw versionConflict();
    const campaign = await requireCampaign(tx, row.campaignId);
    const now = new Date();
    const patch: Partial<typeof regionalSubmissions.$inferInsert> =
      options.action === 'accept'
        ? { status: 'accepted', decidedAt: now, acceptedAt: now, ...(await acceptedCopy(tx, campaign)) }
        : { status: 'returned', decidedAt: now, returnComment: options.comment! };
    if (!(await updateIfVersion(tx, regionalSubmissions, row.id, options.version, patch)))
      throw versionConflict();
    const statusAfter = options.action === 'accept' ? 'accepted' : 'returned';
    await insertRegionalSubmissionEvent(tx, {
      submissionId: row.id,
      ...eventBy(user),
      action: options.action,
      statusAfter,
      comment: options.comment ?? null,
    });
    await recordAudit(tx, options.actor, {
      action: options.action,
      entity: 'regional_submission',
      entityId: row.id,
      municipalityId: campaign.municipalityId,
      summary:
        options.action === 'accept'
          ? `Регион принял результаты мониторинга «${campaign.title}»`
          : `Регион вернул результаты мониторинга «${campaign.title}»: ${options.comment}`,
    });
    return presentSubmission((await findRegionalSubmissionById(tx, row.id))!);
  });
}

/**
 * The copy the region keeps: the campaign's frozen values, its counted forms and its program snapshot as they
 * are at acceptance. Nothing the municipality does later changes it.
 */
async function acceptedCopy(db: Db, campaign: CampaignRow) {
  const results: AcceptedResult[] = (await findFrozenResults(db, campaign.id)).map((r) => ({
    indicator: r.indicatorCode,
    organization: r.organizationId,
    organizationName: r.organizationName,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    level: r.level,
    isApplicable: r.isApplicable,
  }));
  const forms: AcceptedForm[] = (await findSubmissions(db, campaign.id))
    .filter((s) => s.status === 'submitted' || s.status === 'accepted')
    .map((s) => ({
      organizationId: s.organizationId,
      status: s.status as AcceptedForm['status'],
      values: s.values,
    }));
  return {
    acceptedResults: results,
    acceptedForms: forms,
    acceptedSnapshot: campaign.programSnapshot,
    acceptedRegionParts: await findRegionParts(db, campaign.id),
  };
}

export const acceptRegionalSubmission = (options: { db: Db; actor: Actor; id: number; version: number }) =>
  decide({ ...options, action: 'accept' });

export const returnRegionalSubmission = (options: {
  db: Db;
  actor: Actor;
  id: number;
  version: number;
  comment: string;
}) => decide({ ...options, action: 'return' });

/**
 * The municipality reopens a closed campaign of a regional program to fix it: its frozen values are dropped
 * (closing again computes them anew). Refused while the results are with the region or accepted by it, and
 * for a campaign of a municipal program (a closed campaign stays history).
 */
export async function reopenCampaign(options: { db: Db; actor: Actor; campaignId: number; version: number }) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const { campaign, regional } = await requireRegionalCampaign(tx, options.campaignId);
    assertDepartment(user, campaign.municipalityId);
    if (campaign.status !== 'closed') throw new AppError('conflict', 'Мониторинг не закрыт.');
    if (!regional)
      throw new AppError(
        'conflict',
        'Закрытый мониторинг по муниципальной программе не открывается заново: его результаты — история.',
      );
    const row = await findRegionalSubmissionOfCampaign(tx, campaign.id);
    if (row?.status === 'sent')
      throw new AppError(
        'conflict',
        'Результаты отправлены в регион и ждут решения: открыть мониторинг заново нельзя, пока регион не вернёт их на доработку.',
      );
    if (row?.status === 'accepted')
      throw new AppError(
        'conflict',
        'Результаты приняты регионом и заморожены: открыть мониторинг заново нельзя.',
      );
    const isCurrent = await updateIfVersion(tx, campaigns, campaign.id, options.version, {
      status: 'active',
      closedAt: null,
      programSnapshot: null,
    });
    if (!isCurrent) throw versionConflict();
    await tx.delete(campaignResults).where(eq(campaignResults.campaignId, campaign.id));
    await dropRegionParts(tx, campaign.id);
    if (row)
      await insertRegionalSubmissionEvent(tx, {
        submissionId: row.id,
        ...eventBy(user),
        action: 'reopen',
        statusAfter: row.status,
      });
    await recordAudit(tx, options.actor, {
      action: 'reopen',
      entity: 'campaign',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      summary: `Мониторинг «${campaign.title}» открыт заново, замороженные результаты сняты`,
    });
  });
}

/** «Приём результатов»: the submissions of the caller's regions, newest first. */
export async function listRegionalSubmissions(options: {
  db: Db;
  user: AuthUser;
  status?: RegionalSubmissionStatus;
}) {
  const { user } = options;
  const regionIds = isGlobalAdmin(user)
    ? null
    : user.roles.filter((g) => g.role === 'regional_coordinator' && g.regionId).map((g) => g.regionId!);
  if (regionIds !== null && !regionIds.length)
    throw forbidden('Приём результатов ведёт региональный координатор.');
  const rows = await findRegionalSubmissionList(options.db, regionIds, options.status);
  return rows.map((r) => ({
    ...r,
    statusLabel: REGIONAL_STATUS_LABEL[r.status],
    sentAt: r.sentAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/**
 * One submission as the region reviews it: the municipal values of the regional indicators (the accepted copy
 * once accepted, else the campaign's frozen values) and the history.
 */
export async function getRegionalSubmission(options: { db: Db; user: AuthUser; id: number }) {
  const { db, user } = options;
  const row = await findRegionalSubmissionById(db, options.id);
  if (!row) throw notFound('Отправка результатов в регион');
  if (!isGlobalAdmin(user)) assertRegionalCoordinatorOf(user, row.regionId);
  const campaign = await requireCampaign(db, row.campaignId);
  const tree = await findProgramTree(db, campaign.programId);
  const regionalIndicators = (tree?.indicators ?? []).filter((i) => i.isRegional);
  const values = await municipalValuesOf(db, row, campaign);
  return {
    ...presentSubmission(row),
    campaign: { id: campaign.id, title: campaign.title, year: campaign.year, status: campaign.status },
    municipalityId: row.municipalityId,
    /** Where the values come from: the region's accepted copy, or the campaign's frozen values. */
    source: row.status === 'accepted' ? ('accepted' as const) : ('closed' as const),
    results: regionalIndicators.map((i) => {
      const r = values.find((v) => v.indicator === i.code && v.organization === null);
      return {
        indicator: i.code,
        name: i.name,
        unit: i.unit,
        value: r?.value ?? null,
        numerator: r?.numerator ?? null,
        denominator: r?.denominator ?? null,
      };
    }),
    history: (await findRegionalSubmissionEvents(db, row.id)).map(presentEvent),
  };
}

/** The values the region reads for a submission: its accepted copy, else the campaign's current frozen values. */
export async function municipalValuesOf(
  db: Db,
  row: RegionalSubmissionRow,
  campaign: CampaignRow,
): Promise<AcceptedResult[]> {
  if (row.status === 'accepted' && row.acceptedResults) return row.acceptedResults;
  if (campaign.status !== 'closed') return [];
  return (await acceptedCopy(db, campaign)).acceptedResults;
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
}
