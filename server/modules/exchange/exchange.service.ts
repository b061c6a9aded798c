import { formatRuDate } from '../../../core/dates.ts';
import type { FileLimits } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor } from '../auth/access.ts';
import { applyPlan, type ApplyResult } from './apply.ts';
import { authorizeExchange, isDepartmentOf } from './exchange.policy.ts';
import { findOrganization, loadOrganizationData, type OrganizationRef } from './exchange.repository.ts';
import type { ImportPreviewOutput } from './exchange.schema.ts';
import { findImport, forgetImport, storeImport, type StoredImport } from './import-store.ts';
import { loadWorkbookData, planImport } from './plan/plan.ts';
import { fileTooLarge } from './workbook/file-errors.ts';
import { parseUpload } from './workbook/parse-pool.ts';
import { buildWorkbook } from './workbook/write.ts';
import { countOf } from '../../../core/format.ts';

async function organizationFor(db: Db, actor: Actor, organizationId: number): Promise<OrganizationRef> {
  const user = requireUser(actor.user);
  const organization = await findOrganization(db, organizationId);
  if (!organization) throw notFound('Организация');
  authorizeExchange(user, organization);
  return organization;
}

/** A file name without characters Windows forbids. */
const safeFileName = (name: string) =>
  name
    .replace(/[\\/:*?"<>|«»]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The organization's workbook with its current data, or the empty template. */
export async function exportWorkbook(options: {
  db: Db;
  actor: Actor;
  organizationId: number;
  isTemplate: boolean;
  today: string;
}) {
  const { db, actor, today } = options;
  const organization = await organizationFor(db, actor, options.organizationId);
  const content = options.isTemplate
    ? { data: await loadOrganizationData(db, organization), rows: null }
    : await loadWorkbookData(db, organization, today);
  const buffer = await buildWorkbook({ organization, data: content.data, rows: content.rows, today });
  if (content.rows) {
    const total = [...content.rows.values()].reduce((sum, rows) => sum + rows.length, 0);
    await recordAudit(db, actor, {
      action: 'export',
      entity: 'exchange',
      municipalityId: organization.municipalityId,
      organizationId: organization.id,
      summary: `Выгружена книга сведений организации ${organization.shortName}: ${countOf(total, ['строка', 'строки', 'строк'])}`,
    });
  }
  const fileName = safeFileName(
    `${options.isTemplate ? 'Шаблон' : 'Сведения'} ${organization.shortName} ${formatRuDate(today)}.xlsx`,
  );
  return { buffer, fileName, asciiName: `pedmonitor-${organization.id}-${today}.xlsx` };
}

/** `attachment` with a Russian file name (RFC 5987) and an ASCII fallback. */
export function contentDisposition(fileName: string, asciiName: string) {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The preview of a checked upload: the first `errorsListed` errors and the count of all of them. */
export function presentPreview(
  stored: StoredImport,
  upload: StoredImport['upload'],
  errorsListed: number,
): ImportPreviewOutput {
  const { plan } = stored;
  const totals = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const p of plan.previews) {
    totals.added += p.counts.added;
    totals.changed += p.counts.changed;
    totals.removed += p.counts.removed;
    totals.unchanged += p.counts.unchanged;
  }
  return {
    importId: stored.id,
    organizationId: plan.organization.id,
    organizationName: plan.organization.shortName,
    fileName: stored.fileName,
    format: upload.format,
    encoding: upload.encoding ?? null,
    expiresAt: new Date(stored.expiresAt).toISOString(),
    canApply: plan.errors.length === 0,
    totals,
    sheets: plan.previews,
    errors: plan.errors.slice(0, errorsListed),
    errorCount: plan.errors.length,
  };
}

/** Reads, validates and compares an uploaded file; writes nothing. The plan waits for confirmImport. */
export async function previewImport(options: {
  db: Db;
  actor: Actor;
  organizationId: number;
  file: { buffer: Buffer; fileName: string };
  today: string;
  limits: FileLimits;
}) {
  const { db, actor, limits } = options;
  const user = requireUser(actor.user);
  const organization = await organizationFor(db, actor, options.organizationId);
  // The HTTP route has multipart's limit already; the CLI reads a file of any size.
  if (options.file.buffer.length > limits.uploadBytes) throw fileTooLarge(limits.uploadBytes);
  // In the worker thread: a hostile file must not hold up the server (parse-pool.ts).
  const upload = await parseUpload(options.file.buffer, options.file.fileName, limits);
  const plan = await planImport(db, {
    organization,
    sheets: upload.sheets,
    fileErrors: upload.errors,
    isDepartment: isDepartmentOf(user, organization.municipalityId),
    today: options.today,
  });
  const stored = storeImport({ userId: user.id, fileName: options.file.fileName, plan, upload });
  return { stored, preview: presentPreview(stored, upload, limits.errorsListed) };
}

function storedFor(actor: Actor, importId: string): StoredImport {
  const user = requireUser(actor.user);
  const stored = findImport(importId);
  // Another user's upload is answered as missing: its existence is not theirs to know.
  if (!stored || stored.userId !== user.id) {
    throw new AppError(
      'not_found',
      'Проверенный файл не найден: проверка хранится час и действует один раз. Загрузите файл ещё раз.',
    );
  }
  return stored;
}

export function getImportPreview(options: { actor: Actor; importId: string; errorsListed: number }) {
  const stored = storedFor(options.actor, options.importId);
  return presentPreview(stored, stored.upload, options.errorsListed);
}

/** Applies a checked upload in one transaction. Refused while the file has errors. */
export async function confirmImport(options: {
  db: Db;
  actor: Actor;
  importId: string;
}): Promise<ApplyResult> {
  const { db, actor } = options;
  const stored = storedFor(actor, options.importId);
  await organizationFor(db, actor, stored.plan.organization.id);
  const errorCount = stored.plan.errors.length;
  if (errorCount) {
    throw new AppError(
      'validation_failed',
      `В файле есть ошибки (${errorCount}): исправьте их и загрузите файл ещё раз. Изменения не применены.`,
      { errorCount },
    );
  }
  try {
    return await applyPlan(db, { plan: stored.plan, actor, importId: stored.id, fileName: stored.fileName });
  } finally {
    forgetImport(stored.id);
  }
}

export function cancelImport(options: { actor: Actor; importId: string }) {
  storedFor(options.actor, options.importId);
  forgetImport(options.importId);
}
