import { attachStoredFile, removeStoredFile } from '../management/stored-files.ts';
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { files, recommendationFiles } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { findGroupReportById, findRecommendation } from './analysis.repository.ts';
import {
  ensureGroupReport,
  isOwnManager,
  presentReportState,
  requireReportTarget,
  writeReport,
  type ReportState,
  type ReportTarget,
} from './group-reports.service.ts';

/**
 * Files of a school's report on a recommendation (its own report, or its report on a group recommendation —
 * a target, group-reports.service.ts): the addressed organization attaches them while it reports (pdf, docx, xlsx, odt, jpg, png — the content must be what the name says), the department of the
 * municipality and the organization itself download them, nobody else. Stored in `files` like the
 * documents of the management module, so the backup carries them.
 */

/** Files one report may carry. */
export const MAX_REPORT_FILES = 10;

const fileColumns = {
  recommendationId: recommendationFiles.recommendationId,
  reportId: recommendationFiles.reportId,
  id: files.id,
  name: files.name,
  mimeType: files.mimeType,
  size: files.size,
  uploadedBy: files.uploadedBy,
  createdAt: files.createdAt,
};

export interface ReportFile {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

/** Files of reports (without their content), grouped by `keyOf`. */
async function selectFiles(
  db: Db,
  where: SQL | undefined,
  keyOf: (row: { recommendationId: number; reportId: number | null }) => number,
) {
  const grouped = new Map<number, ReportFile[]>();
  const rows = await db
    .select(fileColumns)
    .from(recommendationFiles)
    .innerJoin(files, eq(files.id, recommendationFiles.fileId))
    .where(where)
    .orderBy(asc(files.id));
  for (const { recommendationId, reportId, createdAt, ...file } of rows) {
    const key = keyOf({ recommendationId, reportId });
    const list = grouped.get(key) ?? [];
    list.push({ ...file, createdAt: createdAt.toISOString() });
    grouped.set(key, list);
  }
  return grouped;
}

/** The files of some recommendations' own reports (one organization each), by recommendation. */
export async function presentRecommendationFiles(db: Db, recommendationIds: number[]) {
  if (!recommendationIds.length) return new Map<number, ReportFile[]>();
  return selectFiles(
    db,
    and(
      inArray(recommendationFiles.recommendationId, recommendationIds),
      isNull(recommendationFiles.reportId),
    ),
    (r) => r.recommendationId,
  );
}

/** The files of some organizations' reports on group recommendations, by report. */
export async function presentReportFiles(db: Db, reportIds: number[]) {
  if (!reportIds.length) return new Map<number, ReportFile[]>();
  return selectFiles(db, inArray(recommendationFiles.reportId, reportIds), (r) => r.reportId!);
}

/** The files of the report a target names. */
async function filesOfState(db: Db, recommendationId: number, state: ReportState) {
  if (state.reportId !== null)
    return (await presentReportFiles(db, [state.reportId])).get(state.reportId) ?? [];
  if (state.version === 0) return [];
  return (await presentRecommendationFiles(db, [recommendationId])).get(recommendationId) ?? [];
}

/** Whether a stored file belongs to a recommendation's report, and who may then download it. */
export async function assertMayDownloadStoredFile(db: Db, user: AuthUser, fileId: number) {
  const links = await db
    .select({
      recommendationId: recommendationFiles.recommendationId,
      reportId: recommendationFiles.reportId,
    })
    .from(recommendationFiles)
    .where(eq(recommendationFiles.fileId, fileId));
  for (const link of links) {
    const report = link.reportId === null ? undefined : await findGroupReportById(db, link.reportId);
    await requireReportTarget(db, user, {
      recommendationId: link.recommendationId,
      organizationId: report?.organizationId,
    });
  }
}

export async function listReportFiles(options: { db: Db; user: AuthUser; target: ReportTarget }) {
  const { state } = await requireReportTarget(options.db, options.user, options.target);
  return filesOfState(options.db, options.target.recommendationId, state);
}

/** The target's report for its own organization's manager while the recommendation is open, or a refusal. */
async function requireOwnOpenReport(db: Db, user: AuthUser, target: ReportTarget, refusal: string) {
  const found = await requireReportTarget(db, user, target);
  if (!isOwnManager(user, found.state.organizationId)) throw forbidden(refusal);
  if (found.state.status === 'done' || found.state.status === 'cancelled')
    throw forbidden('Рекомендация закрыта методическим отделом: файлы отчёта больше не меняются.');
  return found;
}

/** The addressed organization attaches a file to its report while the recommendation is open. */
export async function attachReportFile(options: {
  db: Db;
  actor: Actor;
  target: ReportTarget;
  name: string;
  content: Buffer;
  limit: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign, state } = await requireOwnOpenReport(
    db,
    user,
    options.target,
    'Файлы к отчёту прикрепляет организация, которой адресована рекомендация.',
  );
  return attachStoredFile({
    db,
    actor,
    upload: { name: options.name, content: options.content, limit: options.limit },
    label: 'Файл отчёта',
    count: {
      existing: (await filesOfState(db, recommendation.id, state)).length,
      max: MAX_REPORT_FILES,
      tooMany: `К отчёту можно прикрепить не больше ${MAX_REPORT_FILES} файлов: удалите ненужные.`,
    },
    owner: { municipalityId: campaign.municipalityId, organizationId: state.organizationId },
    link: async (tx, fileId) => {
      // A group recommendation: the file belongs to this organization's report, made when it is first needed.
      const reportId =
        options.target.organizationId === undefined
          ? null
          : (await ensureGroupReport(tx, recommendation.id, options.target.organizationId)).id;
      await tx.insert(recommendationFiles).values({ recommendationId: recommendation.id, fileId, reportId });
    },
    audit: {
      entity: 'recommendation_file',
      summary: (name) => `К отчёту по рекомендации прикреплён файл «${name}»`,
    },
  });
}

export async function downloadReportFile(options: {
  db: Db;
  user: AuthUser;
  target: ReportTarget;
  fileId: number;
}) {
  const { state } = await requireReportTarget(options.db, options.user, options.target);
  const [file] = await options.db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, content: files.content })
    .from(recommendationFiles)
    .innerJoin(files, eq(files.id, recommendationFiles.fileId))
    .where(
      and(
        eq(recommendationFiles.recommendationId, options.target.recommendationId),
        eq(recommendationFiles.fileId, options.fileId),
        // Another school's file of the same group recommendation is not found through this report.
        state.reportId === null
          ? isNull(recommendationFiles.reportId)
          : eq(recommendationFiles.reportId, state.reportId),
      ),
    );
  if (!file || (options.target.organizationId !== undefined && state.reportId === null))
    throw notFound('Файл отчёта');
  return file;
}

/** The organization removes a file from its report while the recommendation is open. */
export async function removeReportFile(options: {
  db: Db;
  actor: Actor;
  target: ReportTarget;
  fileId: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { campaign, state } = await requireOwnOpenReport(
    db,
    user,
    options.target,
    'Файлы отчёта удаляет организация, которой адресована рекомендация.',
  );
  const file = await downloadReportFile({ db, user, target: options.target, fileId: options.fileId });
  await removeStoredFile({
    db,
    actor,
    file,
    owner: { municipalityId: campaign.municipalityId, organizationId: state.organizationId },
    audit: {
      entity: 'recommendation_file',
      summary: (name) => `Из отчёта по рекомендации удалён файл «${name}»`,
    },
  });
}

/**
 * The department's review of a report: «Принять отчёт» closes it as done; «Вернуть на доработку» sends it
 * back to the organization (in progress) with a comment it reads. On a group recommendation each
 * organization's report is accepted or returned by itself.
 */
export async function reviewReport(options: {
  db: Db;
  actor: Actor;
  target: ReportTarget;
  decision: 'accept' | 'return';
  comment?: string | null;
  version: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign, isDepartment, state } = await requireReportTarget(
    db,
    user,
    options.target,
  );
  if (!isDepartment) throw forbidden('Принимает и возвращает отчёты методический отдел.');
  if (state.status !== 'reported')
    throw new AppError('conflict', 'Организация ещё не отправила отчёт по этой рекомендации.', {
      field: 'status',
    });
  const comment = options.comment?.trim() || null;
  if (options.decision === 'return' && !comment)
    throw new AppError('validation_failed', 'Комментарий: напишите, что доработать в отчёте.', {
      field: 'comment',
    });
  const patch = {
    status: options.decision === 'accept' ? ('done' as const) : ('in_progress' as const),
    reviewComment: comment,
  };
  return db.transaction(async (tx) => {
    if (!(await writeReport(tx, recommendation, state, options.version, patch))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: options.target.organizationId === undefined ? 'recommendation' : 'recommendation_report',
      entityId: recommendation.id,
      municipalityId: campaign.municipalityId,
      organizationId: state.organizationId,
      summary:
        options.decision === 'accept'
          ? 'Отчёт по рекомендации принят'
          : 'Отчёт по рекомендации возвращён на доработку',
      before: { status: state.status, reviewComment: state.reviewComment },
      after: patch,
    });
    // The school that reported hears the decision in its bell, with what to improve when it is returned.
    if (state.organizationId !== null) {
      const responsible = await findResponsibleUsers(tx, [state.organizationId]);
      const text =
        recommendation.text.length > 160
          ? `${recommendation.text.slice(0, 159).trimEnd()}…`
          : recommendation.text;
      await notifyUsers(
        tx,
        responsible.map((r) => r.userId),
        {
          title:
            options.decision === 'accept'
              ? 'Отчёт по рекомендации принят'
              : 'Отчёт по рекомендации возвращён на доработку',
          body:
            options.decision === 'accept'
              ? `${campaign.title}: «${text}» — отчёт принят, рекомендация выполнена.`
              : `${campaign.title}: «${text}». Что доработать: ${comment}`,
          link: '/my-recommendations',
        },
      );
    }
    if (options.target.organizationId === undefined) return findRecommendation(tx, recommendation.id);
    const after = await requireReportTarget(tx, user, options.target);
    return presentReportState(after.state);
  });
}
