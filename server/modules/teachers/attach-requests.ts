import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations, positions, teacherAttachRequests, teachers } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { accountIdOf, organizationScope, requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { findCoordinators, findResponsibleUsers } from '../campaigns/campaigns.repository.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { fullNameOf, shortNameOf } from './teacher-access.ts';
import { isDepartmentOf } from './teachers.policy.ts';
import {
  findTeacherById,
  findTeacherFacts,
  insertPosition,
  type NewPositionRow,
} from './teachers.repository.ts';

/**
 * Attaching a teacher of another organization (found by СНИЛС) is a request: knowing a СНИЛС must not be
 * enough to read and edit someone else's card. The teacher's current organization (its head) or the
 * coordinator of the municipality confirms or refuses it; only on confirmation is the position added, and
 * with it the asking school's access to the card. Until then the asking school sees the teacher's name on
 * its request, nothing more (no СНИЛС, no birth date).
 */
export type AttachRequestRow = typeof teacherAttachRequests.$inferSelect;
export type AttachRequestStatus = AttachRequestRow['status'];

export const ATTACH_STATUS_LABEL: Record<AttachRequestStatus, string> = {
  pending: 'ждёт подтверждения',
  confirmed: 'подтверждён',
  refused: 'отклонён',
};

const LINK = '/teachers/attach-requests';
const NOT_FOUND_MESSAGE = 'Запрос на добавление педагога не найден.';
const MAY_NOT_DECIDE_MESSAGE =
  'Подтвердить или отклонить запрос может ответственный организации, где педагог работает сейчас, или координатор.';

const managedOrganizations = (user: AuthUser) => organizationScope(user, 'manage').organizationIds;

/** Where the teacher works today: the organizations whose heads confirm a request. */
async function currentOrganizationsOf(db: Db, teacherId: number, today: string) {
  const rows = await db
    .select({ organizationId: positions.organizationId })
    .from(positions)
    .where(
      and(
        eq(positions.teacherId, teacherId),
        sql`(${positions.endDate} is null or ${positions.endDate} >= ${today})`,
      ),
    );
  return [...new Set(rows.map((r) => r.organizationId))];
}

/** Whether the caller decides on the request: the department of the municipality or a current employer. */
async function mayDecide(db: Db, user: AuthUser, request: AttachRequestRow, today: string) {
  if (isDepartmentOf(user, request.municipalityId)) return true;
  const own = managedOrganizations(user);
  const current = await currentOrganizationsOf(db, request.teacherId, today);
  return current.some((id) => id !== request.organizationId && own.includes(id));
}

/** Creates the request and tells the confirming side; refuses a second pending request of the same school. */
export async function requestAttach(
  db: Db,
  actor: Actor,
  input: {
    teacher: {
      id: number;
      municipalityId: number;
      lastName: string;
      firstName: string;
      middleName: string | null;
    };
    organization: { id: number; shortName: string };
    position: Record<string, unknown>;
    today: string;
  },
) {
  const user = requireUser(actor.user);
  const [pending] = await db
    .select({ id: teacherAttachRequests.id })
    .from(teacherAttachRequests)
    .where(
      and(
        eq(teacherAttachRequests.teacherId, input.teacher.id),
        eq(teacherAttachRequests.organizationId, input.organization.id),
        eq(teacherAttachRequests.status, 'pending'),
      ),
    );
  if (pending)
    throw new AppError(
      'conflict',
      `Запрос на добавление педагога ${fullNameOf(input.teacher)} в ${input.organization.shortName} уже отправлен и ждёт подтверждения.`,
      { requestId: pending.id },
    );
  const [row] = await db
    .insert(teacherAttachRequests)
    .values({
      teacherId: input.teacher.id,
      municipalityId: input.teacher.municipalityId,
      organizationId: input.organization.id,
      position: input.position,
      requestedBy: accountIdOf(user),
      requestedByName: user.fullName,
    })
    .returning();
  const current = await currentOrganizationsOf(db, input.teacher.id, input.today);
  const heads = await findResponsibleUsers(
    db,
    current.filter((id) => id !== input.organization.id),
  );
  const coordinators = await findCoordinators(db, input.teacher.municipalityId);
  await notifyUsers(
    db,
    [...heads, ...coordinators].map((u) => u.userId),
    {
      title: `${input.organization.shortName}: запрос на добавление педагога`,
      body: `${input.organization.shortName} просит добавить должность «${String(input.position.title)}» педагогу ${fullNameOf(input.teacher)}. Подтвердите или отклоните запрос.`,
      link: LINK,
    },
  );
  await recordAudit(db, actor, {
    action: 'create',
    entity: 'teacher_attach_request',
    entityId: row.id,
    municipalityId: input.teacher.municipalityId,
    organizationId: input.organization.id,
    summary: `Запрос на добавление педагога ${shortNameOf(input.teacher)} в ${input.organization.shortName}`,
  });
  return (await findRequestViews(db, sql`${teacherAttachRequests.id} = ${row.id}`))[0];
}

/** The request as both sides see it: the teacher's name only, never its СНИЛС or birth date. */
async function findRequestViews(db: Db, where: SQL | undefined, limit = 200) {
  const rows = await db
    .select({
      id: teacherAttachRequests.id,
      teacherId: teacherAttachRequests.teacherId,
      lastName: teachers.lastName,
      firstName: teachers.firstName,
      middleName: teachers.middleName,
      organizationId: teacherAttachRequests.organizationId,
      organizationName: organizations.shortName,
      position: teacherAttachRequests.position,
      status: teacherAttachRequests.status,
      requestedByName: teacherAttachRequests.requestedByName,
      createdAt: teacherAttachRequests.createdAt,
      decidedByName: teacherAttachRequests.decidedByName,
      decidedAt: teacherAttachRequests.decidedAt,
      comment: teacherAttachRequests.comment,
      version: teacherAttachRequests.version,
    })
    .from(teacherAttachRequests)
    .innerJoin(teachers, eq(teachers.id, teacherAttachRequests.teacherId))
    .innerJoin(organizations, eq(organizations.id, teacherAttachRequests.organizationId))
    .where(where)
    .orderBy(desc(teacherAttachRequests.id))
    .limit(limit);
  return rows.map(({ lastName, firstName, middleName, position, ...r }) => ({
    ...r,
    teacherName: fullNameOf({ lastName, firstName, middleName }),
    statusLabel: ATTACH_STATUS_LABEL[r.status],
    position: {
      title: String(position.title ?? ''),
      rate: Number(position.rate ?? 1),
      isMainJob: position.isMainJob === undefined ? false : Boolean(position.isMainJob),
      startDate: String(position.startDate ?? ''),
    },
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

export type AttachRequestView = Awaited<ReturnType<typeof findRequestViews>>[number];

/**
 * The caller's requests: incoming — pending ones it decides on (the department: of its municipalities; a
 * head: for teachers working in its organization now); outgoing — those its organizations sent.
 */
export async function listAttachRequests(db: Db, user: AuthUser, today: string) {
  const scope = organizationScope(user, 'manage');
  const own = scope.organizationIds;
  const employer = own.length
    ? sql`exists (select 1 from ${positions} where ${positions.teacherId} = ${teacherAttachRequests.teacherId}
        and ${inArray(positions.organizationId, own)}
        and ${positions.organizationId} <> ${teacherAttachRequests.organizationId}
        and (${positions.endDate} is null or ${positions.endDate} >= ${today}))`
    : undefined;
  const department = scope.all
    ? sql`true`
    : scope.municipalityIds.length
      ? inArray(teacherAttachRequests.municipalityId, scope.municipalityIds)
      : undefined;
  const decides = [department, employer].filter((c): c is SQL => c !== undefined);
  const incoming = decides.length
    ? await findRequestViews(db, and(eq(teacherAttachRequests.status, 'pending'), or(...decides)))
    : [];
  const outgoing = own.length
    ? await findRequestViews(db, inArray(teacherAttachRequests.organizationId, own), 100)
    : [];
  return { incoming, outgoing };
}

async function requireDecidable(db: Db, user: AuthUser, id: number, version: number, today: string) {
  const [request] = await db.select().from(teacherAttachRequests).where(eq(teacherAttachRequests.id, id));
  const isRequester = request && managedOrganizations(user).includes(request.organizationId);
  if (!request) throw new AppError('not_found', NOT_FOUND_MESSAGE);
  if (!(await mayDecide(db, user, request, today))) {
    // The asking school learns that it may not decide; anyone else does not learn the request exists.
    if (isRequester) throw forbidden(MAY_NOT_DECIDE_MESSAGE);
    throw new AppError('not_found', NOT_FOUND_MESSAGE);
  }
  if (request.status !== 'pending')
    throw new AppError('conflict', `Запрос уже ${ATTACH_STATUS_LABEL[request.status]}.`);
  if (request.version !== version) throw versionConflict();
  return request;
}

/** Confirms or refuses a pending request; on confirmation the position is added. The asking school is told. */
export async function decideAttachRequest(options: {
  db: Db;
  actor: Actor;
  id: number;
  decision: 'confirm' | 'refuse';
  version: number;
  comment?: string;
  today: string;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const request = await requireDecidable(tx, user, options.id, options.version, options.today);
    const teacher = (await findTeacherById(tx, request.teacherId))!;
    const [organization] = await tx
      .select({ shortName: organizations.shortName })
      .from(organizations)
      .where(eq(organizations.id, request.organizationId));
    const status = options.decision === 'confirm' ? 'confirmed' : 'refused';
    if (
      !(await updateIfVersion(tx, teacherAttachRequests, request.id, request.version, {
        status,
        decidedBy: accountIdOf(user),
        decidedByName: user.fullName,
        decidedAt: new Date(),
        comment: options.comment?.trim() || null,
      }))
    )
      throw versionConflict();
    if (status === 'confirmed') {
      const job = await insertPosition(tx, {
        ...request.position,
        organizationId: request.organizationId,
        teacherId: request.teacherId,
      } as NewPositionRow);
      await recordAudit(tx, options.actor, {
        action: 'create',
        entity: 'position',
        entityId: job.id,
        municipalityId: request.municipalityId,
        organizationId: request.organizationId,
        summary: `Педагогу ${shortNameOf(teacher)} добавлена должность «${job.title}» в ${organization.shortName} (запрос подтверждён)`,
        after: job,
      });
    }
    await recordAudit(tx, options.actor, {
      action: options.decision,
      entity: 'teacher_attach_request',
      entityId: request.id,
      municipalityId: request.municipalityId,
      organizationId: request.organizationId,
      summary: `Запрос на добавление педагога ${shortNameOf(teacher)} в ${organization.shortName} ${ATTACH_STATUS_LABEL[status]}`,
    });
    const askers = await findResponsibleUsers(tx, [request.organizationId]);
    await notifyUsers(
      tx,
      [...askers.map((a) => a.userId), ...(request.requestedBy ? [request.requestedBy] : [])],
      {
        title:
          status === 'confirmed'
            ? 'Запрос на добавление педагога подтверждён'
            : 'Запрос на добавление педагога отклонён',
        body:
          `${fullNameOf(teacher)}, «${String(request.position.title)}»: запрос ${ATTACH_STATUS_LABEL[status]}` +
          `${options.comment?.trim() ? ` (${options.comment.trim()})` : ''}.`,
        link: status === 'confirmed' ? `/teachers/${teacher.id}` : LINK,
      },
    );
    return (await findRequestViews(tx, sql`${teacherAttachRequests.id} = ${request.id}`))[0];
  });
}

/** Whether the caller already manages the teacher: then attaching adds the position at once. */
export async function managesTeacherAlready(
  db: Db,
  user: AuthUser,
  teacher: { id: number; municipalityId: number },
  today: string,
) {
  if (isDepartmentOf(user, teacher.municipalityId)) return true;
  const facts = await findTeacherFacts(db, teacher);
  const own = managedOrganizations(user);
  return facts.positions.some(
    (p) => own.includes(p.organizationId) && (p.endDate === null || p.endDate >= today),
  );
}
