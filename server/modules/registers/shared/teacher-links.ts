import { and, exists, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { positions } from '../../../db/schema/index.ts';
import { AppError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { organizationScope, requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import type { OwnedKind, OwnedRow } from './owned-records.ts';
import { ownerReadCondition, registryUser } from './ownership.ts';
import { findTeachers, teachersWorkingIn, type TeacherBasics } from './teachers.ts';

/**
 * Records that link a teacher to a shared record — members of a methodical association, participants of
 * an event. Who sees which link is a question of personal data: the department sees everyone of its
 * municipality; an organization sees only its own teachers, even in a municipal association or event.
 */

/** Organization ids a user reads through organization grants (org_manager, teacher). */
export const ownOrganizationIds = (user: AuthUser) =>
  organizationScope(registryUser(user), 'read').organizationIds;

/**
 * The links a user may see: everything for a global admin; the parent's municipality for the department;
 * for an organization, its own teachers in the parents it may read; plus the parents named in `extraParentIds`
 * (an association leader's own association).
 */
export function linkVisibleCondition(
  user: AuthUser,
  columns: { municipalityId: SQLWrapper; organizationId: PgColumn; teacherId: PgColumn; parentId: PgColumn },
  extraParentIds: number[] = [],
): SQL | undefined {
  const scope = organizationScope(registryUser(user), 'read');
  if (scope.all) return undefined;
  const parts: (SQL | undefined)[] = [];
  if (scope.municipalityIds.length) parts.push(inArray(columns.municipalityId, scope.municipalityIds));
  if (scope.organizationIds.length) {
    parts.push(
      and(
        ownerReadCondition(user, columns),
        exists(
          sql`(select 1 from ${positions} where ${positions.teacherId} = ${columns.teacherId} and ${inArray(positions.organizationId, scope.organizationIds)})`,
        ),
      ),
    );
  }
  if (extraParentIds.length) parts.push(inArray(columns.parentId, extraParentIds));
  return parts.length ? or(...parts) : sql`false`;
}

export interface SkippedTeacher {
  teacherId: number;
  teacherName: string | null;
  reason: string;
}

/**
 * Sorts the teachers to add into those to insert and those to skip with the reason: unknown, of another
 * municipality, not of the required organization, or already linked.
 */
export async function planTeacherAdditions(
  db: Db,
  options: {
    teacherIds: number[];
    municipalityId: number;
    /** Only teachers working in this organization (a ШМО). */
    organizationId?: number | null;
    alreadyLinked: Set<number>;
    alreadyLinkedReason: string;
    /** «Works in the organization» on this day: the server's «today». */
    today: string;
  },
): Promise<{ accepted: TeacherBasics[]; skipped: SkippedTeacher[] }> {
  const ids = [...new Set(options.teacherIds)];
  const found = await findTeachers(db, ids);
  const working = options.organizationId
    ? await teachersWorkingIn(db, options.organizationId, ids, options.today)
    : new Set(ids);
  const accepted: TeacherBasics[] = [];
  const skipped: SkippedTeacher[] = [];
  for (const id of ids) {
    const teacher = found.get(id);
    const isElsewhere = teacher !== undefined && teacher.municipalityId !== options.municipalityId;
    // A teacher of another municipality is reported by number only: its name is that district's.
    const skip = (reason: string) =>
      skipped.push({ teacherId: id, teacherName: isElsewhere ? null : (teacher?.name ?? null), reason });
    if (!teacher) skip('педагог не найден в реестре');
    else if (isElsewhere) skip('педагог другого муниципалитета');
    else if (!working.has(id)) skip('педагог не работает в этой организации');
    else if (options.alreadyLinked.has(id)) skip(options.alreadyLinkedReason);
    else accepted.push(teacher);
  }
  return { accepted, skipped };
}

/**
 * Adds teachers to a parent record (association, event) in one transaction: authorizes, skips those that
 * cannot or need not be added (reported back), inserts the rest and writes an audit entry for each. A
 * request for a single teacher that has to be skipped is refused with the reason instead.
 */
export async function addTeacherLinks<
  Parent extends { municipalityId: number },
  Row extends OwnedRow,
>(options: {
  db: Db;
  actor: Actor;
  kind: Pick<OwnedKind<Row>, 'entity' | 'findById' | 'describe'>;
  teacherIds: number[];
  isSingle: boolean;
  loadParent(db: Db): Promise<Parent>;
  authorize(ctx: { db: Db; user: AuthUser; parent: Parent; teacherIds: number[] }): Promise<void> | void;
  /** Teachers must work in this organization of the parent (a ШМО), if any. */
  workplaceOf?(parent: Parent): number | null;
  alreadyLinked(db: Db, parent: Parent, teacherIds: number[]): Promise<Set<number>>;
  alreadyLinkedReason: string;
  insert(db: Db, parent: Parent, teacherIds: number[]): Promise<number[]>;
  today: string;
}): Promise<{ added: Row[]; skipped: SkippedTeacher[] }> {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const parent = await options.loadParent(tx);
    await options.authorize({ db: tx, user, parent, teacherIds: options.teacherIds });
    const plan = await planTeacherAdditions(tx, {
      teacherIds: options.teacherIds,
      municipalityId: parent.municipalityId,
      organizationId: options.workplaceOf?.(parent) ?? null,
      alreadyLinked: await options.alreadyLinked(tx, parent, options.teacherIds),
      alreadyLinkedReason: options.alreadyLinkedReason,
      today: options.today,
    });
    if (options.isSingle && plan.skipped.length) {
      const [skip] = plan.skipped;
      throw new AppError(
        skip.reason === options.alreadyLinkedReason ? 'conflict' : 'validation_failed',
        `${skip.teacherName ?? 'Педагог'}: ${skip.reason}.`,
        { field: 'teacherId' },
      );
    }
    const ids = await options.insert(
      tx,
      parent,
      plan.accepted.map((t) => t.id),
    );
    const added: Row[] = [];
    for (const id of ids) {
      const row = (await options.kind.findById(tx, id, options.today))!;
      added.push(row);
      await recordAudit(tx, options.actor, {
        action: 'create',
        entity: options.kind.entity,
        entityId: id,
        municipalityId: row.municipalityId,
        organizationId: row.organizationId,
        summary: `Добавлено: ${options.kind.describe(row)}`,
        after: row,
      });
    }
    return { added, skipped: plan.skipped };
  });
}
