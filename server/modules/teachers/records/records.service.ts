import { getTableColumns } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { updateIfVersion } from '../../../db/versioned.ts';
import { AppError, versionConflict } from '../../../errors.ts';
import { diffRecords, recordAudit } from '../../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import type { IsoDate } from '../../../../core/dates.ts';
import { loadTeacherContext, shortNameOf, type TeacherContext } from '../teacher-access.ts';
import { assertRecordsRead, assertTeacherManage } from '../teachers.policy.ts';
import type { RecordType, RecordValues } from './record-types.ts';
import {
  deleteRecordRow,
  findRecordById,
  findRecordsOf,
  findRouteTeacherId,
  insertRecord,
  labelReferences,
  type StoredRecord,
} from './records.repository.ts';

/**
 * The use cases of every kind of teacher record (positions, education, diagnostics, ИОМ and its steps…):
 * one implementation, driven by the RecordType.
 */

function presentRecord(type: RecordType, row: StoredRecord, labels: Record<string, string>) {
  const out: RecordValues = {
    id: row.id,
    [type.parentKey]: row[type.parentKey],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    labels,
  };
  for (const f of type.kind.fields) {
    const value = row[f.key];
    const isList = f.type.kind === 'enumList' || f.type.kind === 'textList';
    const isFlag = f.type.kind === 'bool' && !f.type.nullable;
    out[f.key] = value ?? (isList ? [] : isFlag ? false : null);
  }
  return out;
}

async function presentRecords(db: Db, type: RecordType, rows: StoredRecord[]) {
  const labels = await labelReferences(db, type, rows);
  return rows.map((row, i) => presentRecord(type, row, labels[i]));
}

/** The stored values of the kind's fields, for the audit log. */
const auditValues = (type: RecordType, row: RecordValues) =>
  Object.fromEntries(type.kind.fields.map((f) => [f.key, row[f.key] ?? null]));

const recordNotFound = (type: RecordType) =>
  new AppError('not_found', `Запись «${type.kind.label}» не найдена: возможно, её уже удалили.`);

async function teacherOfParent(db: Db, type: RecordType, parentId: number): Promise<number> {
  if (type.parent === 'teacher') return parentId;
  const teacherId = await findRouteTeacherId(db, parentId);
  if (teacherId === undefined) throw new AppError('not_found', 'ИОМ не найден: возможно, его уже удалили.');
  return teacherId;
}

function auditTarget(type: RecordType, ctx: TeacherContext, row: RecordValues) {
  return {
    entity: type.entity,
    municipalityId: ctx.teacher.municipalityId,
    organizationId: type.entity === 'position' ? Number(row.organizationId) : ctx.organizationId,
  };
}

/** Cross-field rules over the record as it will be after a partial change. */
function assertChecks(type: RecordType, values: RecordValues) {
  for (const check of type.kind.checks ?? []) {
    if (!check.isValid(values)) {
      throw new AppError('validation_failed', check.message, {
        field: check.field,
        issues: [{ path: check.field, message: check.message }],
      });
    }
  }
}

export async function listRecords(options: {
  db: Db;
  actor: Actor;
  type: RecordType;
  parentId: number;
  today: IsoDate;
}) {
  const { db, actor, type, parentId, today } = options;
  const user = requireUser(actor.user);
  const ctx = await loadTeacherContext(db, user, await teacherOfParent(db, type, parentId), today);
  assertRecordsRead(ctx.access);
  const rows = await findRecordsOf(db, type, parentId);
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    entityId: ctx.teacher.id,
    municipalityId: ctx.teacher.municipalityId,
    organizationId: ctx.organizationId,
    summary: `Просмотр сведений педагога ${shortNameOf(ctx.teacher)}: ${type.kind.pluralLabel}`,
  });
  return presentRecords(db, type, rows);
}

/**
 * The organization a teacher's record is entered for (its owner, see the exchange workbook): the user's own
 * organization among the teacher's; none for the department or when that is not one organization. Undefined
 * for kinds without an owner (a position names its organization itself, a step is its route's).
 */
function enteringOrganization(
  user: AuthUser,
  ctx: TeacherContext,
  type: RecordType,
): number | null | undefined {
  if (type.parentKey !== 'teacherId' || type.kind.fields.some((f) => f.key === 'organizationId'))
    return undefined;
  if (!('organizationId' in getTableColumns(type.table))) return undefined;
  const own = new Set(
    user.roles
      .filter((g) => g.organizationId !== null && g.role !== 'admin' && g.role !== 'coordinator')
      .map((g) => g.organizationId),
  );
  const mine = [...new Set(ctx.facts.positions.map((p) => p.organizationId))].filter((id) => own.has(id));
  return mine.length === 1 ? mine[0] : null;
}

export async function createRecord(options: {
  db: Db;
  actor: Actor;
  type: RecordType;
  parentId: number;
  input: RecordValues;
  today: IsoDate;
}) {
  const { db, actor, type, parentId, input, today } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const ctx = await loadTeacherContext(tx, user, await teacherOfParent(tx, type, parentId), today);
    assertTeacherManage(ctx.access);
    const looked = await type.check?.({ db: tx, kind: type.kind, teacher: ctx, values: input, parentId });
    const values = { ...(type.derive?.(input, undefined, today) ?? input), ...(looked ?? {}) };
    const owner = enteringOrganization(user, ctx, type);
    const row = await insertRecord(tx, type, {
      ...values,
      [type.parentKey]: parentId,
      ...(owner === undefined ? {} : { organizationId: owner }),
    });
    await type.afterWrite?.({ db: tx, actor, parentId, after: row });
    await recordAudit(tx, actor, {
      action: 'create',
      entityId: row.id,
      ...auditTarget(type, ctx, row),
      summary: `Добавлена запись: ${type.describe(row)} — ${shortNameOf(ctx.teacher)}`,
      after: auditValues(type, row),
    });
    return (await presentRecords(tx, type, [row]))[0];
  });
}

export async function updateRecord(options: {
  db: Db;
  actor: Actor;
  type: RecordType;
  id: number;
  input: RecordValues & { version: number };
  today: IsoDate;
}) {
  const { db, actor, type, id, today } = options;
  const user = requireUser(actor.user);
  const { version, ...patch } = options.input;
  return db.transaction(async (tx) => {
    const before = await findRecordById(tx, type, id);
    if (!before) throw recordNotFound(type);
    const parentId = Number(before[type.parentKey]);
    const ctx = await loadTeacherContext(tx, user, await teacherOfParent(tx, type, parentId), today);
    assertTeacherManage(ctx.access);
    const merged = { ...before, ...patch };
    assertChecks(type, merged);
    const looked = await type.check?.({
      db: tx,
      kind: type.kind,
      teacher: ctx,
      values: merged,
      before,
      parentId,
    });
    const values = { ...(type.derive?.(patch, before, today) ?? patch), ...(looked ?? {}) };
    if (!(await updateIfVersion(tx, type.table as never, id, version, values as never)))
      throw versionConflict();
    const after = (await findRecordById(tx, type, id))!;
    await type.afterWrite?.({ db: tx, actor, parentId, before, after });
    const diff = diffRecords(auditValues(type, before), auditValues(type, after));
    await recordAudit(tx, actor, {
      action: 'update',
      entityId: id,
      ...auditTarget(type, ctx, after),
      summary: `Изменена запись: ${type.describe(after)} — ${shortNameOf(ctx.teacher)}`,
      before: diff.before,
      after: diff.after,
    });
    return (await presentRecords(tx, type, [after]))[0];
  });
}

export async function deleteRecord(options: {
  db: Db;
  actor: Actor;
  type: RecordType;
  id: number;
  today: IsoDate;
}) {
  const { db, actor, type, id, today } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const before = await findRecordById(tx, type, id);
    if (!before) throw recordNotFound(type);
    const ctx = await loadTeacherContext(
      tx,
      user,
      await teacherOfParent(tx, type, Number(before[type.parentKey])),
      today,
    );
    assertTeacherManage(ctx.access);
    const parentId = Number(before[type.parentKey]);
    await type.check?.({ db: tx, kind: type.kind, teacher: ctx, before, parentId });
    await deleteRecordRow(tx, type, id);
    await type.afterWrite?.({ db: tx, actor, parentId, before });
    await recordAudit(tx, actor, {
      action: 'delete',
      entityId: id,
      ...auditTarget(type, ctx, before),
      summary: `Удалена запись: ${type.describe(before)} — ${shortNameOf(ctx.teacher)}`,
      before: auditValues(type, before),
    });
    return { deleted: true as const, message: `Запись «${type.kind.label}» удалена.` };
  });
}
