import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog, teacherSubjects } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/access.ts';
import { requestAttach } from '../teachers/attach-requests.ts';
import { findTeacherById } from '../teachers/teachers.repository.ts';
import { deleteRows, insertPlainRows, insertRows, lockVersions, updateRows } from './bulk.ts';
import { TABLES, type TableKey } from './exchange.repository.ts';
import type { ImportPlan } from './plan/plan.ts';
import { REF_FIELDS, type AuditNote, type Ref } from './plan/types.ts';

/** Parents before children: inserts go in this order, removals in the reverse one. */
const ORDER: TableKey[] = [
  'teachers',
  'positions',
  'educations',
  'certifications',
  'diagnostics',
  'trainings',
  'routes',
  'routeSteps',
  'competitionParticipations',
  'mentoringPairs',
  'associationMembers',
  'events',
  'eventParticipations',
  'vacancies',
  'normativeActs',
];

export const STALE_MESSAGE =
  'Данные организации изменились после проверки файла (их изменил другой пользователь или другая загрузка). ' +
  'Загрузите файл ещё раз, чтобы увидеть актуальные изменения.';

const stale = () => new AppError('version_conflict', STALE_MESSAGE);

type Table = (typeof TABLES)[TableKey];
const tableOf = (key: TableKey) => TABLES[key] as Table & { id: never; version: never };

/** Every record the plan changes or removes still has the version the preview saw; every record it refers to exists. */
async function checkUnchanged(tx: Db, plan: ImportPlan) {
  for (const key of ORDER) {
    const expected = new Map<number, number>();
    for (const op of plan.ops.updates) if (op.table === key) expected.set(op.id, op.version);
    for (const op of plan.ops.deletes) if (op.table === key) expected.set(op.id, op.version);
    const referenced = [...(plan.ops.references[key] ?? [])].filter((id) => !expected.has(id));
    if (!expected.size && !referenced.length) continue;
    const current = await lockVersions(tx, tableOf(key), [...expected.keys(), ...referenced]);
    for (const [id, version] of expected) if (current.get(id) !== version) throw stale();
    for (const id of referenced) if (!current.has(id)) throw stale();
  }
}

function isConstraintViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23503' || e.code === '23505') return true;
  }
  return false;
}

export interface ApplyResult {
  added: number;
  changed: number;
  removed: number;
  sheets: { sheet: string; added: number; changed: number; removed: number }[];
}

/**
 * Applies a checked plan in one transaction: all of it or nothing. Records the plan saw are re-checked first;
 * if anything changed since the preview the answer is 409 and nothing is written.
 */
export async function applyPlan(
  db: Db,
  options: { plan: ImportPlan; actor: Actor; importId: string; fileName: string },
): Promise<ApplyResult> {
  const { plan } = options;
  const result: ApplyResult = {
    added: 0,
    changed: 0,
    removed: 0,
    sheets: plan.previews
      .filter((p) => p.isPresent)
      .map((p) => ({
        sheet: p.sheet,
        added: p.counts.added,
        changed: p.counts.changed,
        removed: p.counts.removed,
      })),
  };
  for (const s of result.sheets) {
    result.added += s.added;
    result.changed += s.changed;
    result.removed += s.removed;
  }
  try {
    await db.transaction(async (tx) => {
      await checkUnchanged(tx, plan);
      const ids = new Map<string, number>();
      const resolve = (values: Record<string, unknown>) => {
        const out = { ...values };
        for (const f of REF_FIELDS) {
          const v = out[f];
          if (typeof v === 'string') out[f] = ids.get(v);
        }
        return out;
      };
      for (const key of [...ORDER].reverse()) {
        const list = plan.ops.deletes.filter((op) => op.table === key).map((op) => op.id);
        if (list.length) await deleteRows(tx, tableOf(key), list);
      }
      for (const key of ORDER) {
        const ops = plan.ops.inserts.filter((op) => op.table === key);
        if (!ops.length) continue;
        const inserted = await insertRows(
          tx,
          tableOf(key),
          ops.map((op) => resolve(op.values)),
        );
        ops.forEach((op, i) => ids.set(op.temp, inserted[i]));
      }
      for (const key of ORDER) {
        const ops = plan.ops.updates.filter((op) => op.table === key);
        if (ops.length)
          await updateRows(
            tx,
            tableOf(key),
            ops.map((op) => ({ id: op.id, patch: resolve(op.patch) })),
          );
      }
      await replaceSubjects(tx, plan, (ref) => (typeof ref === 'number' ? ref : ids.get(ref)!));
      await sendAttachRequests(tx, plan, options.actor);
      await writeAudit(tx, { ...options, result, idOf: (temp) => ids.get(temp) ?? null });
    });
  } catch (error) {
    if (isConstraintViolation(error)) throw stale();
    throw error;
  }
  return result;
}

/** The attach requests of a school head's rows naming teachers of other organizations (see AttachRequestOp). */
async function sendAttachRequests(tx: Db, plan: ImportPlan, actor: Actor) {
  for (const op of plan.ops.attachRequests) {
    const teacher = await findTeacherById(tx, op.teacherId);
    if (!teacher) throw stale();
    try {
      await requestAttach(tx, actor, {
        teacher,
        organization: plan.organization,
        position: op.position,
        today: op.today,
      });
    } catch (error) {
      // A request of this school for this teacher already waits: the file asks for nothing new.
      if (error instanceof AppError && error.code === 'conflict') continue;
      throw error;
    }
  }
}

async function replaceSubjects(tx: Db, plan: ImportPlan, idOf: (ref: Ref) => number) {
  if (!plan.ops.subjects.length) return;
  const teacherIds = plan.ops.subjects.map((s) => idOf(s.teacher));
  for (let i = 0; i < teacherIds.length; i += 5000)
    await tx.delete(teacherSubjects).where(inArray(teacherSubjects.teacherId, teacherIds.slice(i, i + 5000)));
  const rows = plan.ops.subjects.flatMap((s) =>
    [...new Set(s.subjects)].map((subject) => ({ teacherId: idOf(s.teacher), subject })),
  );
  await insertPlainRows(tx, teacherSubjects, rows);
}

const json = (value: unknown) => (value === undefined ? null : value);

/** One entry for the import with its counts, then one per changed record, written in bulk. */
async function writeAudit(
  tx: Db,
  o: {
    plan: ImportPlan;
    actor: Actor;
    importId: string;
    fileName: string;
    result: ApplyResult;
    idOf: (temp: string) => number | null;
  },
) {
  const { organization } = o.plan;
  const base = {
    userId: o.actor.user?.id || null,
    userLogin: o.actor.user?.login ?? 'system',
    municipalityId: organization.municipalityId,
    organizationId: organization.id,
    requestId: o.actor.requestId ?? null,
  };
  const entry = (action: string, entityId: number | string | null, note: AuditNote) => ({
    ...base,
    action,
    entity: note.entity,
    entityId: entityId === null ? null : String(entityId),
    summary: note.summary,
    before: json(note.before),
    after: json(note.after),
  });
  const r = o.result;
  const rows = [
    entry('import', o.importId, {
      entity: 'exchange',
      summary:
        `Загрузка книги «${o.fileName}» в ${organization.shortName}: добавлено ${r.added}, изменено ${r.changed}, ` +
        `удалено ${r.removed}`,
      after: { fileName: o.fileName, sheets: r.sheets },
    }),
    ...o.plan.ops.inserts.map((op) => entry('create', o.idOf(op.temp), op.audit)),
    ...o.plan.ops.updates.map((op) => entry('update', op.id, op.audit)),
    ...o.plan.ops.deletes.map((op) => entry('delete', op.id, op.audit)),
  ];
  await insertPlainRows(tx, auditLog, rows);
}
