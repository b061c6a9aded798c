import { assertMayDownloadCampaignFile } from '../communications/materials.service.ts';
import { assertMayDownloadAnnouncementFile } from '../communications/announcements.service.ts';
import { assertMayDownloadPracticeFile } from '../practices/practice-files.service.ts';
import { assertMayDownloadStoredFile } from '../analysis/recommendation-files.service.ts';
import { inOrder } from '../../db/in-order.ts';
import type { Db } from '../../db/client.ts';
import { decisions } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  assertMunicipalityAccess,
  municipalityScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { assertLinksInMunicipality } from './links.ts';
import { storeFile } from './stored-files.ts';
import {
  deleteDecision,
  findDecision,
  findConclusionSummaries,
  findDecisions,
  findFile,
  findFileMeta,
  insertDecision,
  findMeasureSummaries,
} from './management.repository.ts';

export interface DecisionInput {
  municipalityId: number;
  kind: 'order' | 'protocol' | 'publication' | 'other';
  number?: string | null;
  date: string;
  title: string;
  url?: string | null;
  fileId?: number | null;
  conclusionIds?: number[];
  measureIds?: number[];
  isPublic?: boolean;
}

export const DECISION_KIND_LABEL = {
  order: 'приказ',
  protocol: 'протокол',
  publication: 'публикация',
  other: 'другое',
} as const;

/**
 * The decisions with the measures and conclusions they answer, named. A measure or conclusion deleted since
 * (conclusions are replaced when drafted again) is left out rather than shown as a dead link. Conclusions are
 * the department's analysis, so only the department sees their texts; others see how many there are.
 */
export async function listDecisions(options: {
  db: Db;
  user: AuthUser;
  linkedTo?: { measureId?: number; conclusionId?: number };
}) {
  const scope = municipalityScope(options.user, 'read');
  const rows = await findDecisions(options.db, scope.all ? null : scope.ids, options.linkedTo);
  const [files, measures, conclusions] = await inOrder([
    () =>
      findFileMeta(
        options.db,
        rows.flatMap((r) => (r.fileId ? [r.fileId] : [])),
      ),
    () => findMeasureSummaries(options.db, [...new Set(rows.flatMap((r) => r.measureIds))]),
    () =>
      findConclusionSummaries(options.db, [
        ...new Set(
          rows.flatMap((r) => (isDepartmentOf(options.user, r.municipalityId) ? r.conclusionIds : [])),
        ),
      ]),
  ]);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    file: files.find((f) => f.id === r.fileId) ?? null,
    measures: measures.filter((m) => r.measureIds.includes(m.id)),
    conclusions: isDepartmentOf(options.user, r.municipalityId)
      ? conclusions.filter((c) => r.conclusionIds.includes(c.id))
      : [],
  }));
}

async function checkFile(db: Db, fileId: number | null | undefined, municipalityId: number) {
  if (!fileId) return;
  const [file] = await findFileMeta(db, [fileId]);
  if (!file || file.municipalityId !== municipalityId)
    throw new AppError('validation_failed', 'Файл документа не найден.', { field: 'fileId' });
}

const assertDecisionLinks = (db: Db, municipalityId: number, values: Partial<DecisionInput>) =>
  assertLinksInMunicipality(db, municipalityId, {
    conclusions: values.conclusionIds,
    measures: values.measureIds,
  });

export async function createDecision(options: { db: Db; actor: Actor; values: DecisionInput }) {
  assertDepartment(requireUser(options.actor.user), options.values.municipalityId);
  await checkFile(options.db, options.values.fileId, options.values.municipalityId);
  await assertDecisionLinks(options.db, options.values.municipalityId, options.values);
  return options.db.transaction(async (tx) => {
    const row = await insertDecision(tx, {
      ...options.values,
      conclusionIds: options.values.conclusionIds ?? [],
      measureIds: options.values.measureIds ?? [],
    });
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'decision',
      entityId: row.id,
      municipalityId: row.municipalityId,
      summary: `${DECISION_KIND_LABEL[row.kind]} ${row.number ?? ''} «${row.title}»`.replace('  ', ' '),
      after: options.values,
    });
    return row;
  });
}

export async function updateDecision(options: {
  db: Db;
  actor: Actor;
  id: number;
  values: Partial<Omit<DecisionInput, 'municipalityId'>> & { version: number };
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const before = await findDecision(tx, options.id);
    if (!before) throw notFound('Решение');
    assertDepartment(user, before.municipalityId);
    await checkFile(tx, options.values.fileId, before.municipalityId);
    await assertDecisionLinks(tx, before.municipalityId, options.values);
    const { version, ...patch } = options.values;
    if (!(await updateIfVersion(tx, decisions, options.id, version, patch))) throw versionConflict();
    const after = (await findDecision(tx, options.id))!;
    await recordUpdate(tx, options.actor, {
      entity: 'decision',
      entityId: options.id,
      municipalityId: after.municipalityId,
      before,
      after,
    });
    return after;
  });
}

export async function removeDecision(options: { db: Db; actor: Actor; id: number }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const before = await findDecision(tx, options.id);
    if (!before) throw notFound('Решение');
    assertDepartment(user, before.municipalityId);
    await deleteDecision(tx, options.id);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'decision',
      entityId: options.id,
      municipalityId: before.municipalityId,
      before,
    });
  });
}

const MAX_FILE = 20 * 1024 * 1024;
const ALLOWED = /\.(pdf|docx?|xlsx?|odt|ods|jpe?g|png|txt|zip)$/i;

/** Stores an uploaded document (evidence of a measure, the text of a decision). */
export async function uploadFile(options: {
  db: Db;
  actor: Actor;
  municipalityId: number;
  name: string;
  mimeType: string;
  content: Buffer;
}) {
  assertDepartment(requireUser(options.actor.user), options.municipalityId);
  if (!ALLOWED.test(options.name))
    throw new AppError(
      'validation_failed',
      'Допустимы документы PDF, Word, Excel, OpenDocument, изображения JPG/PNG, текст и ZIP.',
      { field: 'file' },
    );
  if (options.content.length > MAX_FILE) throw new AppError('payload_too_large', 'Файл больше 20 МБ.');
  return storeFile({
    db: options.db,
    actor: options.actor,
    owner: { municipalityId: options.municipalityId },
    file: { name: options.name, mimeType: options.mimeType, content: options.content },
    audit: { entity: 'file', summary: (name) => `Загружен файл «${name}»` },
  });
}

export async function downloadFile(options: { db: Db; user: AuthUser; id: number }) {
  const file = await findFile(options.db, options.id);
  if (!file) throw notFound('Файл');
  try {
    assertMunicipalityAccess(options.user, file.municipalityId, 'read');
  } catch {
    throw forbidden('Нет доступа к этому файлу.');
  }
  // A file of a school's report on a recommendation: only the school and the department.
  await assertMayDownloadStoredFile(options.db, options.user, file.id);
  // A file of an entry of the bank of practices: only those who may read the entry.
  await assertMayDownloadPracticeFile(options.db, options.user, file.id);
  // A campaign's file or its sent announcement letter: its participants (their recipients) and the department.
  await assertMayDownloadCampaignFile(options.db, options.user, file.id);
  await assertMayDownloadAnnouncementFile(options.db, options.user, file.id);
  return file;
}
