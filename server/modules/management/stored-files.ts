import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { files } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor } from '../auth/access.ts';
import { formatBytes } from '../exchange/workbook/file-errors.ts';
import { insertFile } from './management.repository.ts';

/**
 * Files people attach to something (a campaign, an entry of the bank of practices, a school's report on a
 * recommendation, a measure or a decision) are stored in `files`, so the backup carries them: the type
 * checked by name and content, at most so many per owner, the row, the owner's link and the audit entry in
 * one transaction — and the removal with its entry.
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
  ods: { mimeType: 'application/vnd.oasis.opendocument.spreadsheet', magic: [0x50, 0x4b, 0x03, 0x04] },
  jpg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { mimeType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};
export const REPORT_FILE_TYPES = 'PDF, DOCX, XLSX, ODT, JPG, PNG';
/** The extensions of a report's files (ODS is for the files of a campaign: see communications/). */
export const REPORT_FILE_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'odt', 'jpg', 'jpeg', 'png'] as const;

export interface AllowedTypes {
  extensions: readonly string[];
  /** The types as the refusal names them: «PDF, DOCX, …». */
  label: string;
}

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
export function checkReportFile(
  name: string,
  content: Buffer,
  limit: number,
  label = 'Файл отчёта',
  allowed: AllowedTypes = { extensions: REPORT_FILE_EXTENSIONS, label: REPORT_FILE_TYPES },
) {
  const clean = cleanFileName(name);
  const extension = /\.([a-z0-9]+)$/i.exec(clean)?.[1]?.toLowerCase() ?? '';
  const type = allowed.extensions.includes(extension) ? SIGNATURES[extension] : undefined;
  if (!clean || !type)
    throw new AppError('validation_failed', `${label}: допустимы ${allowed.label}.`, {
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

/** Whose the file is, for its row and its audit entry. */
interface FileOwner {
  municipalityId: number;
  organizationId?: number | null;
}

/** What the audit says of a stored or removed file: its entity and a sentence naming the file. */
interface FileAudit {
  entity: string;
  summary: (fileName: string) => string;
}

/**
 * Stores a checked file: the row, the owner's link (`link`, in the same transaction) and the audit entry
 * «upload». Answers the row without its content.
 */
export async function storeFile(options: {
  db: Db;
  actor: Actor;
  owner: FileOwner;
  file: { name: string; mimeType: string; content: Buffer };
  link?: (tx: Db, fileId: number) => Promise<unknown>;
  audit: FileAudit;
}) {
  const { actor, owner, file } = options;
  return options.db.transaction(async (tx) => {
    const row = await insertFile(tx, {
      municipalityId: owner.municipalityId,
      name: file.name,
      mimeType: file.mimeType,
      size: file.content.length,
      content: file.content,
      uploadedBy: actor.user?.fullName ?? null,
    });
    await options.link?.(tx, row.id);
    await recordAudit(tx, actor, {
      action: 'upload',
      entity: options.audit.entity,
      entityId: row.id,
      municipalityId: owner.municipalityId,
      organizationId: owner.organizationId,
      summary: options.audit.summary(row.name),
    });
    return row;
  });
}

/**
 * An upload attached to its owner: its type and size checked (`checkReportFile`), refused past `max`
 * files of the owner (`tooMany` says so), then stored with its link and audit entry (`storeFile`).
 */
export async function attachStoredFile(options: {
  db: Db;
  actor: Actor;
  upload: { name: string; content: Buffer; limit: number };
  /** What the refusals call the file («Файл мониторинга») and the types it may be. */
  label: string;
  types?: AllowedTypes;
  /** The owner's files so far, the most it may carry, and the refusal past them. */
  count: { existing: number; max: number; tooMany: string };
  owner: FileOwner;
  link: (tx: Db, fileId: number) => Promise<unknown>;
  audit: FileAudit;
}) {
  requireUser(options.actor.user);
  const { upload } = options;
  const checked = checkReportFile(upload.name, upload.content, upload.limit, options.label, options.types);
  if (options.count.existing >= options.count.max)
    throw new AppError('validation_failed', options.count.tooMany, { field: 'file' });
  return storeFile({ ...options, file: { ...checked, content: upload.content } });
}

/** A stored file removed (its links go with it) with the audit entry «delete». */
export async function removeStoredFile(options: {
  db: Db;
  actor: Actor;
  file: { id: number; name: string };
  owner: FileOwner;
  audit: FileAudit;
}) {
  const { actor, file, owner } = options;
  await options.db.transaction(async (tx) => {
    await tx.delete(files).where(eq(files.id, file.id));
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: options.audit.entity,
      entityId: file.id,
      municipalityId: owner.municipalityId,
      organizationId: owner.organizationId,
      summary: options.audit.summary(file.name),
    });
  });
}
