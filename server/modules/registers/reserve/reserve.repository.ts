import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import {
  events,
  organizations,
  reserveCandidates,
  reservePlanItems,
  reservePositionKinds,
  routes,
  teachers,
  trainings,
} from '../../../db/schema/index.ts';
import { municipalityScope, type AuthUser } from '../../auth/access.ts';
import { containsPattern } from '../shared/http.ts';
import { ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, outer, paged } from '../shared/paging.ts';
import { currentPositionOf, teacherNameOf } from '../shared/teachers.ts';
import type { ListCandidatesFilter, ListPositionKindsQuery } from './reserve.schema.ts';

// ——— the catalog of kinds of position ———

const kindColumns = {
  id: reservePositionKinds.id,
  code: reservePositionKinds.code,
  name: reservePositionKinds.name,
  municipalityId: reservePositionKinds.municipalityId,
  organizationId: sql<null>`null::int`,
  candidateCount: sql<number>`(select count(*)::int from ${reserveCandidates} where ${reserveCandidates.positionKindId} = ${outer(reservePositionKinds.id)})`,
  version: reservePositionKinds.version,
};

export type PositionKindRow = Awaited<ReturnType<typeof findPositionKindById>> & object;

export async function findPositionKindById(db: Db, id: number) {
  const [row] = await db
    .select(kindColumns)
    .from(reservePositionKinds)
    .where(eq(reservePositionKinds.id, id));
  return row;
}

/** The built-in kinds and those of the municipalities the user reads (or of the one asked for). */
export function findPositionKinds(db: Db, user: AuthUser, q: ListPositionKindsQuery) {
  const scope = municipalityScope(user, 'read');
  const visible = scope.all
    ? undefined
    : or(
        isNull(reservePositionKinds.municipalityId),
        scope.ids.length ? inArray(reservePositionKinds.municipalityId, scope.ids) : sql`false`,
      );
  const where = and(
    visible,
    q.municipalityId
      ? or(
          isNull(reservePositionKinds.municipalityId),
          eq(reservePositionKinds.municipalityId, q.municipalityId),
        )
      : undefined,
  );
  return paged(
    db
      .select(kindColumns)
      .from(reservePositionKinds)
      .where(where)
      .orderBy(sql`${reservePositionKinds.code} is null`, asc(reservePositionKinds.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, reservePositionKinds, where),
  );
}

export async function isPositionKindNameTaken(
  db: Db,
  municipalityId: number | null,
  name: string,
  exceptId?: number,
) {
  const rows = await db
    .select({ id: reservePositionKinds.id })
    .from(reservePositionKinds)
    .where(
      and(
        sql`lower(${reservePositionKinds.name}) = lower(${name})`,
        or(
          isNull(reservePositionKinds.municipalityId),
          municipalityId === null ? undefined : eq(reservePositionKinds.municipalityId, municipalityId),
        ),
      ),
    );
  return rows.some((r) => r.id !== exceptId);
}

// ——— candidates ———

const appointedOrg = alias(organizations, 'appointed_org');
const candidateColumns = (today: string) => {
  const place = currentPositionOf(reserveCandidates.teacherId, today);
  return {
    id: reserveCandidates.id,
    municipalityId: reserveCandidates.municipalityId,
    organizationId: reserveCandidates.organizationId,
    organizationShortName: organizations.shortName,
    teacherId: reserveCandidates.teacherId,
    name: sql<string>`coalesce(${teacherNameOf(reserveCandidates.teacherId)}, ${reserveCandidates.fullName})`,
    fullName: reserveCandidates.fullName,
    contact: reserveCandidates.contact,
    currentOrganizationShortName: place.organizationShortName,
    currentPositionTitle: place.positionTitle,
    positionKindId: reserveCandidates.positionKindId,
    positionKindCode: reservePositionKinds.code,
    positionKindName: reservePositionKinds.name,
    orderNumber: reserveCandidates.orderNumber,
    orderDate: reserveCandidates.orderDate,
    includedDate: reserveCandidates.includedDate,
    reviewedDate: reserveCandidates.reviewedDate,
    status: reserveCandidates.status,
    decisionDate: reserveCandidates.decisionDate,
    appointedPosition: reserveCandidates.appointedPosition,
    appointedOrganizationId: reserveCandidates.appointedOrganizationId,
    appointedOrganizationShortName: appointedOrg.shortName,
    exclusionReason: reserveCandidates.exclusionReason,
    notes: reserveCandidates.notes,
    planItemCount: sql<number>`(select count(*)::int from ${reservePlanItems} where ${outer(reservePlanItems.candidateId)} = ${outer(reserveCandidates.id)})`,
    planDoneCount: sql<number>`(select count(*)::int from ${reservePlanItems} where ${outer(reservePlanItems.candidateId)} = ${outer(reserveCandidates.id)} and ${outer(reservePlanItems.doneDate)} is not null)`,
    version: reserveCandidates.version,
  };
};

export type CandidateRow = Awaited<ReturnType<typeof findCandidateById>> & object;

/** `today` for the candidate's current workplace (the server's «today»). */
const selectCandidates = (db: Db, today: string) =>
  db
    .select(candidateColumns(today))
    .from(reserveCandidates)
    .innerJoin(reservePositionKinds, eq(reservePositionKinds.id, reserveCandidates.positionKindId))
    .leftJoin(organizations, eq(organizations.id, reserveCandidates.organizationId))
    .leftJoin(appointedOrg, eq(appointedOrg.id, reserveCandidates.appointedOrganizationId));

export async function findCandidateById(db: Db, id: number, today: string) {
  const [row] = await selectCandidates(db, today).where(eq(reserveCandidates.id, id));
  return row;
}

/**
 * The reserve is personnel work: read by those who manage the owner (the organization's manager, the
 * department), not by every account of the organization.
 */
export const candidateReadCondition = (user: AuthUser) =>
  ownerReadCondition(
    user,
    { municipalityId: reserveCandidates.municipalityId, organizationId: reserveCandidates.organizationId },
    'manage',
  );

function candidatesWhere(user: AuthUser, q: ListCandidatesFilter) {
  const words = (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 3);
  return and(
    candidateReadCondition(user),
    q.organizationId ? eq(reserveCandidates.organizationId, q.organizationId) : undefined,
    q.municipalityId ? eq(reserveCandidates.municipalityId, q.municipalityId) : undefined,
    q.positionKindId ? eq(reserveCandidates.positionKindId, q.positionKindId) : undefined,
    q.status ? eq(reserveCandidates.status, q.status) : undefined,
    ...words.map(
      (w) =>
        sql`coalesce(${teacherNameOf(reserveCandidates.teacherId)}, ${reserveCandidates.fullName}) ilike ${containsPattern(w)}`,
    ),
  );
}

/** Those in the reserve first, then the appointed and the excluded; by kind of position and name. */
const candidateOrder = [
  sql`case ${reserveCandidates.status} when 'reserve' then 0 when 'appointed' then 1 else 2 end`,
  asc(reservePositionKinds.id),
  sql`coalesce(${teacherNameOf(reserveCandidates.teacherId)}, ${reserveCandidates.fullName})`,
  asc(reserveCandidates.id),
];

export function findCandidates(
  db: Db,
  user: AuthUser,
  q: ListCandidatesFilter & { page: number; pageSize: number },
  today: string,
) {
  const where = candidatesWhere(user, q);
  return paged(
    selectCandidates(db, today)
      .where(where)
      .orderBy(...candidateOrder)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, reserveCandidates, where),
  );
}

/** Every candidate of the filter, for the workbook. */
export function findAllCandidates(db: Db, user: AuthUser, q: ListCandidatesFilter, today: string) {
  return selectCandidates(db, today)
    .where(candidatesWhere(user, q))
    .orderBy(...candidateOrder);
}

/** The candidates (other than `exceptId`) of a teacher for a kind of position, still in the reserve. */
export async function findTeacherInReserve(
  db: Db,
  teacherId: number,
  positionKindId: number,
  exceptId?: number,
) {
  const rows = await db
    .select({ id: reserveCandidates.id })
    .from(reserveCandidates)
    .where(
      and(
        eq(reserveCandidates.teacherId, teacherId),
        eq(reserveCandidates.positionKindId, positionKindId),
        eq(reserveCandidates.status, 'reserve'),
      ),
    );
  return rows.filter((r) => r.id !== exceptId);
}

// ——— development plan ———

const itemColumns = {
  id: reservePlanItems.id,
  candidateId: reservePlanItems.candidateId,
  municipalityId: reserveCandidates.municipalityId,
  organizationId: reserveCandidates.organizationId,
  kind: reservePlanItems.kind,
  trainingId: reservePlanItems.trainingId,
  routeId: reservePlanItems.routeId,
  eventId: reservePlanItems.eventId,
  title: reservePlanItems.title,
  /** What the linked record is, as people read it. */
  linkedTitle: sql<string | null>`case ${reservePlanItems.kind}
    when 'training' then (select ${outer(trainings.title)} || ', ' || to_char(${outer(trainings.startDate)}, 'DD.MM.YYYY') || '–' || to_char(${outer(trainings.endDate)}, 'DD.MM.YYYY') from ${trainings} where ${outer(trainings.id)} = ${outer(reservePlanItems.trainingId)})
    when 'route' then (select 'ИОМ на ' || to_char(${outer(routes.startDate)}, 'DD.MM.YYYY') || '–' || to_char(${outer(routes.endDate)}, 'DD.MM.YYYY') from ${routes} where ${outer(routes.id)} = ${outer(reservePlanItems.routeId)})
    when 'event' then (select ${outer(events.title)} || ', ' || to_char(${outer(events.date)}, 'DD.MM.YYYY') from ${events} where ${outer(events.id)} = ${outer(reservePlanItems.eventId)})
    end`,
  dueDate: reservePlanItems.dueDate,
  doneDate: reservePlanItems.doneDate,
  version: reservePlanItems.version,
};

export type PlanItemRow = Awaited<ReturnType<typeof findPlanItemById>> & object;

const selectItems = (db: Db) =>
  db
    .select(itemColumns)
    .from(reservePlanItems)
    .innerJoin(reserveCandidates, eq(reserveCandidates.id, reservePlanItems.candidateId));

export async function findPlanItemById(db: Db, id: number) {
  const [row] = await selectItems(db).where(eq(reservePlanItems.id, id));
  return row;
}

export function findPlanItems(db: Db, candidateId: number) {
  return selectItems(db)
    .where(eq(reservePlanItems.candidateId, candidateId))
    .orderBy(sql`${reservePlanItems.dueDate} nulls last`, asc(reservePlanItems.id));
}

/** The teacher a training or a route belongs to, and the municipality of an event. */
export async function findLinkOwners(
  db: Db,
  ids: { trainingId?: number | null; routeId?: number | null; eventId?: number | null },
) {
  const [training] = ids.trainingId
    ? await db
        .select({ teacherId: trainings.teacherId })
        .from(trainings)
        .where(eq(trainings.id, ids.trainingId))
    : [];
  const [route] = ids.routeId
    ? await db.select({ teacherId: routes.teacherId }).from(routes).where(eq(routes.id, ids.routeId))
    : [];
  const [event] = ids.eventId
    ? await db
        .select({ municipalityId: events.municipalityId })
        .from(events)
        .where(eq(events.id, ids.eventId))
    : [];
  return { training, route, event };
}

export const teacherMunicipality = async (db: Db, teacherId: number) =>
  (
    await db
      .select({ municipalityId: teachers.municipalityId })
      .from(teachers)
      .where(eq(teachers.id, teacherId))
  )[0]?.municipalityId;
