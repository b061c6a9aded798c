import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { files, practiceFiles } from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../errors.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { attachStoredFile, REPORT_FILE_TYPES, removeStoredFile } from '../management/stored-files.ts';
import { canEditPractice, canReadPractice } from './practices.policy.ts';
import { filesOf } from './practices.repository.ts';
import { loadPractice } from './practices.service.ts';

/**
 * Files of an entry of the bank of practices, stored in `files` like the management documents and the
 * report files (so the backup carries them): the author's organization or the department attaches them
 * while the entry is a draft or returned; whoever may read the entry downloads them.
 */
export const PRACTICE_FILE_TYPES = REPORT_FILE_TYPES;
export const MAX_PRACTICE_FILES = 10;

export async function attachPracticeFile(options: {
  db: Db;
  actor: Actor;
  id: number;
  name: string;
  content: Buffer;
  limit: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadPractice(db, options.id);
  if (!canEditPractice(user, facts))
    throw forbidden(
      'Файлы прикрепляет организация автора или отдел образования, пока материал — черновик или на доработке.',
    );
  return attachStoredFile({
    db,
    actor,
    upload: { name: options.name, content: options.content, limit: options.limit },
    label: 'Файл материала',
    count: {
      existing: (await filesOf(db, row.id)).length,
      max: MAX_PRACTICE_FILES,
      tooMany: `К материалу можно прикрепить не больше ${MAX_PRACTICE_FILES} файлов.`,
    },
    owner: { municipalityId: row.municipalityId, organizationId: row.organizationId },
    link: (tx, fileId) => tx.insert(practiceFiles).values({ practiceId: row.id, fileId }),
    audit: {
      entity: 'practice_file',
      summary: (name) => `К материалу «${row.title}» прикреплён файл «${name}»`,
    },
  });
}

export async function downloadPracticeFile(options: { db: Db; user: AuthUser; id: number; fileId: number }) {
  const { facts } = await loadPractice(options.db, options.id);
  if (!canReadPractice(options.user, facts)) throw forbidden('Нет доступа к файлам этого материала.');
  const [file] = await options.db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, content: files.content })
    .from(practiceFiles)
    .innerJoin(files, eq(files.id, practiceFiles.fileId))
    .where(and(eq(practiceFiles.practiceId, options.id), eq(practiceFiles.fileId, options.fileId)));
  if (!file) throw notFound('Файл материала');
  return file;
}

export async function removePracticeFile(options: { db: Db; actor: Actor; id: number; fileId: number }) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { row, facts } = await loadPractice(db, options.id);
  if (!canEditPractice(user, facts))
    throw forbidden(
      'Файлы удаляет организация автора или отдел образования, пока материал — черновик или на доработке.',
    );
  const file = await downloadPracticeFile({ db, user, id: row.id, fileId: options.fileId });
  await removeStoredFile({
    db,
    actor,
    file,
    owner: { municipalityId: row.municipalityId, organizationId: row.organizationId },
    audit: {
      entity: 'practice_file',
      summary: (name) => `Из материала «${row.title}» удалён файл «${name}»`,
    },
  });
}

/** A stored file of an entry is downloaded through /api/files/:id only by those who may read the entry. */
export async function assertMayDownloadPracticeFile(db: Db, user: AuthUser, fileId: number) {
  const links = await db
    .select({ practiceId: practiceFiles.practiceId })
    .from(practiceFiles)
    .where(eq(practiceFiles.fileId, fileId));
  for (const link of links) {
    const { facts } = await loadPractice(db, link.practiceId);
    if (!canReadPractice(user, facts)) throw forbidden('Нет доступа к этому файлу.');
  }
}
