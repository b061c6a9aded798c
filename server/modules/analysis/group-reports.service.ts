import { inAudience } from '../../../core/analysis/audience.ts';
import type { Db } from '../../db/client.ts';
import { RECOMMENDATION_STATUSES, recommendationReports, recommendations } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { presentReportFiles } from './recommendation-files.service.ts';
import {
  findGroupRecommendationsOfParticipants,
  findGroupReport,
  findRecommendation,
  type GroupRecommendationRow,
  type RecommendationRow,
} from './analysis.repository.ts';

/**
 * Reports on a recommendation addressed to a group of organizations (an audience: all, a kind, ШНОР/ШССУ,
 * a list): each organization of the group reports for itself (`recommendation_reports`), and the department
 * accepts or returns each report separately. A recommendation to one organization keeps its report on its
 * own row; both are read through one shape, the report state.
 */

type Status = (typeof RECOMMENDATION_STATUSES)[number];

/** Which report: the recommendation's own (one organization), or one organization's report on a group one. */
export interface ReportTarget {
  recommendationId: number;
  /** The reporting organization of a group recommendation; absent: the recommendation's own report. */
  organizationId?: number;
}

/** A report as it stands: status, text, the department's comment and the version to send back. */
export interface ReportState {
  /** The reporting organization (null: a recommendation to the department). */
  organizationId: number | null;
  /** The row of `recommendation_reports`; null: the recommendation's own report, or a group one not started. */
  reportId: number | null;
  status: Status;
  report: string | null;
  reportedAt: Date | null;
  reportedBy: string | null;
  reviewComment: string | null;
  /** The version an edit sends back: 0 for a group report not started yet. */
  version: number;
}

type GroupReportRow = NonNullable<GroupRecommendationRow['groupReport']>;

/**
 * One organization's report on a group recommendation: its own row, or «planned» when it has none yet. A
 * recommendation the department closed as a whole (done, cancelled) is closed for every organization.
 */
export function groupReportState(
  recommendation: Pick<RecommendationRow, 'status'>,
  organizationId: number,
  row: GroupReportRow | null | undefined,
): ReportState {
  const closed = recommendation.status === 'done' || recommendation.status === 'cancelled';
  return {
    organizationId,
    reportId: row?.id ?? null,
    status: closed ? recommendation.status : (row?.status ?? 'planned'),
    report: row?.report ?? null,
    reportedAt: row?.reportedAt ?? null,
    reportedBy: row?.reportedBy ?? null,
    reviewComment: row?.reviewComment ?? null,
    version: row?.version ?? 0,
  };
}

/** The recommendation's own report (one organization, or the department). */
export function ownReportState(recommendation: RecommendationRow): ReportState {
  return {
    organizationId: recommendation.organizationId,
    reportId: null,
    status: recommendation.status,
    report: recommendation.report,
    reportedAt: recommendation.reportedAt,
    reportedBy: recommendation.reportedBy,
    reviewComment: recommendation.reviewComment,
    version: recommendation.version,
  };
}

/**
 * The organizations a group recommendation reaches — the campaign's participants in its audience — each
 * with its report; restricted to some organizations when `organizationIds` is given.
 */
export async function groupAddressees(
  db: Db,
  of: { recommendationIds?: number[]; organizationIds?: number[] },
) {
  if (of.recommendationIds?.length === 0 || of.organizationIds?.length === 0) return [];
  const rows = await findGroupRecommendationsOfParticipants(
    db,
    of.organizationIds ?? null,
    of.recommendationIds,
  );
  return rows
    .filter((r) => r.audience && inAudience(r.audience, { ...r, id: r.organizationId }))
    .map((r) => ({ ...r, state: groupReportState(r, r.organizationId, r.groupReport) }));
}

/** How the addressees of a group recommendation stand: how many reach it, work on it, await review, are done. */
export interface GroupProgress {
  total: number;
  inProgress: number;
  reported: number;
  done: number;
}
export const NO_GROUP_PROGRESS: GroupProgress = { total: 0, inProgress: 0, reported: 0, done: 0 };

/** «Выполнено»: the per-organization progress of group recommendations, by recommendation. */
export async function groupProgress(db: Db, recommendationIds: number[]) {
  const progress = new Map<number, GroupProgress>();
  for (const a of await groupAddressees(db, { recommendationIds })) {
    const p = progress.get(a.id) ?? { ...NO_GROUP_PROGRESS };
    p.total += 1;
    if (a.state.status === 'in_progress') p.inProgress += 1;
    if (a.state.status === 'reported') p.reported += 1;
    if (a.state.status === 'done') p.done += 1;
    progress.set(a.id, p);
  }
  return progress;
}

/**
 * The status of a group recommendation as a whole, read off its addressees' reports (its own row holds only
 * whether the department closed it): done or cancelled as the department closed it; done when every
 * addressee's report is accepted; «отчёт на проверке» while any report awaits the department; «выполняется»
 * once any addressee started or finished; «запланировано» otherwise. The department's list counts and
 * filters group recommendations by this, so «выполнено» never stands for a group where schools still work.
 */
export function groupStatus(own: Status, progress: GroupProgress): Status {
  if (own === 'done' || own === 'cancelled') return own;
  if (progress.total > 0 && progress.done === progress.total) return 'done';
  if (progress.reported > 0) return 'reported';
  if (progress.inProgress > 0 || progress.done > 0) return 'in_progress';
  return 'planned';
}

/** What the department may set on a group recommendation's own row: open it, or close it for every addressee. */
export const GROUP_OWN_STATUSES: readonly Status[] = ['planned', 'done', 'cancelled'];

export const isOwnManager = (user: AuthUser, organizationId: number | null | undefined) =>
  organizationId !== null &&
  organizationId !== undefined &&
  user.roles.some((g) => g.role === 'org_manager' && g.organizationId === organizationId);

/**
 * The recommendation, its campaign and the report a target names, for someone who may see that report:
 * the department of the municipality, or the manager of the reporting organization — a school of the group
 * reads and writes its own report only, never another school's.
 */
export async function requireReportTarget(db: Db, user: AuthUser, target: ReportTarget) {
  const recommendation = await findRecommendation(db, target.recommendationId);
  if (!recommendation) throw notFound('Рекомендация');
  const campaign = await requireCampaign(db, recommendation.campaignId);
  const isDepartment = isDepartmentOf(user, campaign.municipalityId);
  if (target.organizationId === undefined) {
    if (!isDepartment && !isOwnManager(user, recommendation.organizationId))
      throw forbidden('Отчёт по рекомендации видят адресат рекомендации и отдел образования.');
    return { recommendation, campaign, isDepartment, state: ownReportState(recommendation) };
  }
  if (!isDepartment && !isOwnManager(user, target.organizationId))
    throw forbidden('Отчёт организации по рекомендации видят сама организация и отдел образования.');
  if (!recommendation.audience)
    throw new AppError(
      'validation_failed',
      'Рекомендация адресована одной организации: отчёт по ней отправляется без выбора организации.',
      { field: 'organizationId' },
    );
  const [addressee] = await groupAddressees(db, {
    recommendationIds: [recommendation.id],
    organizationIds: [target.organizationId],
  });
  if (!addressee) throw notFound('Организация среди адресатов рекомендации');
  return { recommendation, campaign, isDepartment, state: addressee.state };
}

/** The group report row of a target, made («planned») when the organization first writes to it. */
export async function ensureGroupReport(db: Db, recommendationId: number, organizationId: number) {
  const existing = await findGroupReport(db, recommendationId, organizationId);
  if (existing) return existing;
  const [row] = await db
    .insert(recommendationReports)
    .values({ recommendationId, organizationId })
    .onConflictDoNothing()
    .returning();
  return row ?? (await findGroupReport(db, recommendationId, organizationId))!;
}

/**
 * Writes a report: the recommendation's own row, or the organization's row of a group recommendation
 * (made on the first write, when the version sent is 0). false: someone changed it meanwhile.
 */
export async function writeReport(
  db: Db,
  recommendation: RecommendationRow,
  state: ReportState,
  version: number,
  patch: {
    status?: Status;
    report?: string | null;
    reportedAt?: Date;
    reportedBy?: string;
    reviewComment?: string | null;
  },
): Promise<boolean> {
  if (!recommendation.audience || state.organizationId === null)
    return updateIfVersion(db, recommendations, recommendation.id, version, patch);
  if (state.reportId === null) {
    if (version !== 0) return false;
    const [row] = await db
      .insert(recommendationReports)
      .values({ recommendationId: recommendation.id, organizationId: state.organizationId, ...patch })
      .onConflictDoNothing()
      .returning({ id: recommendationReports.id });
    return !!row;
  }
  return updateIfVersion(db, recommendationReports, state.reportId, version, patch);
}

/** A report as the API sends it: dates as ISO strings. */
export function presentReportState(state: ReportState) {
  return {
    organizationId: state.organizationId,
    status: state.status,
    report: state.report,
    reportedAt: state.reportedAt?.toISOString() ?? null,
    reportedBy: state.reportedBy,
    reviewComment: state.reviewComment,
    version: state.version,
  };
}

/** Every addressee of a group recommendation with its report: the department's per-organization table. */
export async function listGroupReports(options: { db: Db; actor: Actor; recommendationId: number }) {
  const { db } = options;
  const user = requireUser(options.actor.user);
  const recommendation = await findRecommendation(db, options.recommendationId);
  if (!recommendation) throw notFound('Рекомендация');
  const campaign = await requireCampaign(db, recommendation.campaignId);
  const isDepartment = isDepartmentOf(user, campaign.municipalityId);
  const own = user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
  if (!isDepartment && !own.length)
    throw forbidden('Отчёты организаций по рекомендации видят организации-адресаты и отдел образования.');
  if (!recommendation.audience) return [];
  const addressees = await groupAddressees(db, {
    recommendationIds: [recommendation.id],
    organizationIds: isDepartment ? undefined : own,
  });
  if (!isDepartment && !addressees.length) throw forbidden('Рекомендация не адресована вашей организации.');
  const files = await presentReportFiles(
    db,
    addressees.flatMap((a) => (a.state.reportId === null ? [] : [a.state.reportId])),
  );
  return addressees.map((a) => ({
    ...presentReportState(a.state),
    organizationId: a.organizationId,
    organizationName: a.organizationName,
    files: a.state.reportId === null ? [] : (files.get(a.state.reportId) ?? []),
  }));
}
