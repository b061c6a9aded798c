import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { files, recommendationFiles, recommendations } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { formatBytes } from '../exchange/workbook/file-errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { findRecommendation } from './analysis.repository.ts';

/**
 * Files of a school's report on a recommendation: the addressed organization attaches them while it
 * reports (pdf, docx, xlsx, odt, jpg, png — the content must be what the name says), the department of the
 * municipality and the organization itself download them, nobody else. Stored in `files` like the
 * documents of the management module, so the backup carries them.
 */

/** Allowed types: the extension and how the content of such a file begins. */
const SIGNATURES: Record<string, { mimeType: string; magic: number[] }> = {
  pdf: { mimeType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  docx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04], // a ZIP
  },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  odt: { mimeType: 'application/vnd.oasis.opendocument.text', magic: [0x50, 0x4b, 0x03, 0x04] },
  jpg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { mimeType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};
export const REPORT_FILE_TYPES = 'PDF, DOCX, XLSX, ODT, JPG, PNG';
/** Files one report may carry. */
export const MAX_REPORT_FILES = 10;

/** The stored name: the file's own name (Russian letters kept), without a path or control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '"');
  return printable.join('').trim().slice(0, 200);
}

/**
 * The type of an uploaded document by its name and content, or a Russian refusal naming the field «file»;
 * `label` names the file in the message (a report's file, a practice's file).
 */
export function checkReportFile(name: string, content: Buffer, limit: number, label = 'Файл отчёта') {
  const clean = cleanFileName(name);
  const extension = /\.([a-z0-9]+)$/i.exec(clean)?.[1]?.toLowerCase() ?? '';
  const type = SIGNATURES[extension];
  if (!clean || !type)
    throw new AppError('validation_failed', `${label}: допустимы ${REPORT_FILE_TYPES}.`, {
      field: 'file',
    });
  if (content.length === 0)
    throw new AppError('validation_failed', `${label} «${clean}» пустой.`, { field: 'file' });
  if (content.length > limit)
    throw new AppError(
      'payload_too_large',
      `${label} «${clean}» слишком велик: допускается до ${formatBytes(limit)}.`,
      { field: 'file' },
    );
  if (!type.magic.every((byte, i) => content[i] === byte))
    throw new AppError(
      'validation_failed',
      `${label} «${clean}» не является файлом ${extension.toUpperCase()}: его содержимое не соответствует расширению.`,
      { field: 'file' },
    );
  return { name: clean, mimeType: type.mimeType };
}

const fileColumns = {
  recommendationId: recommendationFiles.recommendationId,
  id: files.id,
  name: files.name,
  mimeType: files.mimeType,
  size: files.size,
  uploadedBy: files.uploadedBy,
  createdAt: files.createdAt,
};

/** The files of some recommendations' reports (without their content), by recommendation. */
export async function presentRecommendationFiles(db: Db, recommendationIds: number[]) {
  const byRecommendation = new Map<
    number,
    {
      id: number;
      name: string;
      mimeType: string;
      size: number;
      uploadedBy: string | null;
      createdAt: string;
    }[]
  >();
  if (!recommendationIds.length) return byRecommendation;
  const rows = await db
    .select(fileColumns)
    .from(recommendationFiles)
    .innerJoin(files, eq(files.id, recommendationFiles.fileId))
    .where(inArray(recommendationFiles.recommendationId, recommendationIds))
    .orderBy(asc(files.id));
  for (const { recommendationId, createdAt, ...file } of rows) {
    const list = byRecommendation.get(recommendationId) ?? [];
    list.push({ ...file, createdAt: createdAt.toISOString() });
    byRecommendation.set(recommendationId, list);
  }
  return byRecommendation;
}

const isOwnManager = (user: AuthUser, organizationId: number | null) =>
  organizationId !== null &&
  user.roles.some((g) => g.role === 'org_manager' && g.organizationId === organizationId);

/** The recommendation and its campaign, for someone who may see its report: the department or the addressee. */
async function requireReportReader(db: Db, user: AuthUser, recommendationId: number) {
  const recommendation = await findRecommendation(db, recommendationId);
  if (!recommendation) throw notFound('Рекомендация');
  const campaign = await requireCampaign(db, recommendation.campaignId);
  const isDepartment = isDepartmentOf(user, campaign.municipalityId);
  if (!isDepartment && !isOwnManager(user, recommendation.organizationId))
    throw forbidden('Отчёт по рекомендации видят адресат рекомендации и отдел образования.');
  return { recommendation, campaign, isDepartment };
}

/** Whether a stored file belongs to a recommendation's report, and who may then download it. */
export async function assertMayDownloadStoredFile(db: Db, user: AuthUser, fileId: number) {
  const links = await db
    .select({ recommendationId: recommendationFiles.recommendationId })
    .from(recommendationFiles)
    .where(eq(recommendationFiles.fileId, fileId));
  for (const link of links) await requireReportReader(db, user, link.recommendationId);
}

export async function listReportFiles(options: { db: Db; user: AuthUser; recommendationId: number }) {
  await requireReportReader(options.db, options.user, options.recommendationId);
  return (
    (await presentRecommendationFiles(options.db, [options.recommendationId])).get(
      options.recommendationId,
    ) ?? []
  );
}

/** The addressed organization attaches a file to its report while the recommendation is open. */
export async function attachReportFile(options: {
  db: Db;
  actor: Actor;
  recommendationId: number;
  name: string;
  content: Buffer;
  limit: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign } = await requireReportReader(db, user, options.recommendationId);
  if (!isOwnManager(user, recommendation.organizationId))
    throw forbidden('Файлы к отчёту прикрепляет организация, которой адресована рекомендация.');
  if (recommendation.status === 'done' || recommendation.status === 'cancelled')
    throw forbidden('Рекомендация закрыта методическим отделом: файлы к отчёту больше не добавляются.');
  const checked = checkReportFile(options.name, options.content, options.limit);
  const existing = await presentRecommendationFiles(db, [recommendation.id]);
  if ((existing.get(recommendation.id)?.length ?? 0) >= MAX_REPORT_FILES)
    throw new AppError(
      'validation_failed',
      `К отчёту можно прикрепить не больше ${MAX_REPORT_FILES} файлов: удалите ненужные.`,
      { field: 'file' },
    );
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({
        municipalityId: campaign.municipalityId,
        name: checked.name,
        mimeType: checked.mimeType,
        size: options.content.length,
        content: options.content,
        uploadedBy: user.fullName,
      })
      .returning({ id: files.id, name: files.name, mimeType: files.mimeType, size: files.size });
    await tx.insert(recommendationFiles).values({ recommendationId: recommendation.id, fileId: row.id });
    await recordAudit(tx, actor, {
      action: 'upload',
      entity: 'recommendation_file',
      entityId: row.id,
      municipalityId: campaign.municipalityId,
      organizationId: recommendation.organizationId,
      summary: `К отчёту по рекомендации прикреплён файл «${row.name}»`,
    });
    return row;
  });
}

export async function downloadReportFile(options: {
  db: Db;
  user: AuthUser;
  recommendationId: number;
  fileId: number;
}) {
  await requireReportReader(options.db, options.user, options.recommendationId);
  const [file] = await options.db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, content: files.content })
    .from(recommendationFiles)
    .innerJoin(files, eq(files.id, recommendationFiles.fileId))
    .where(
      and(
        eq(recommendationFiles.recommendationId, options.recommendationId),
        eq(recommendationFiles.fileId, options.fileId),
      ),
    );
  if (!file) throw notFound('Файл отчёта');
  return file;
}

/** The organization removes a file from its report while the recommendation is open. */
export async function removeReportFile(options: {
  db: Db;
  actor: Actor;
  recommendationId: number;
  fileId: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign } = await requireReportReader(db, user, options.recommendationId);
  if (!isOwnManager(user, recommendation.organizationId))
    throw forbidden('Файлы отчёта удаляет организация, которой адресована рекомендация.');
  if (recommendation.status === 'done' || recommendation.status === 'cancelled')
    throw forbidden('Рекомендация закрыта методическим отделом: файлы отчёта не меняются.');
  const file = await downloadReportFile({
    db,
    user,
    recommendationId: options.recommendationId,
    fileId: options.fileId,
  });
  await db.transaction(async (tx) => {
    await tx.delete(files).where(eq(files.id, file.id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'recommendation_file',
      entityId: file.id,
      municipalityId: campaign.municipalityId,
      organizationId: recommendation.organizationId,
      summary: `Из отчёта по рекомендации удалён файл «${file.name}»`,
    });
  });
}

/**
 * The department's review of a report: «Принять отчёт» closes the recommendation as done; «Вернуть на
 * доработку» sends it back to the organization (in progress) with a comment it reads.
 */
export async function reviewReport(options: {
  db: Db;
  actor: Actor;
  recommendationId: number;
  decision: 'accept' | 'return';
  comment?: string | null;
  version: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { recommendation, campaign, isDepartment } = await requireReportReader(
    db,
    user,
    options.recommendationId,
  );
  if (!isDepartment) throw forbidden('Принимает и возвращает отчёты методический отдел.');
  if (recommendation.status !== 'reported')
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
    if (!(await updateIfVersion(tx, recommendations, recommendation.id, options.version, patch)))
      throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'recommendation',
      entityId: recommendation.id,
      municipalityId: campaign.municipalityId,
      organizationId: recommendation.organizationId,
      summary:
        options.decision === 'accept'
          ? 'Отчёт по рекомендации принят'
          : 'Отчёт по рекомендации возвращён на доработку',
      before: { status: recommendation.status, reviewComment: recommendation.reviewComment },
      after: patch,
    });
    // The school that reported hears the decision in its bell, with what to improve when it is returned.
    if (recommendation.organizationId !== null) {
      const responsible = await findResponsibleUsers(tx, [recommendation.organizationId]);
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
    return findRecommendation(tx, recommendation.id);
  });
}
