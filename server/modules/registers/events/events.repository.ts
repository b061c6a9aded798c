import { and, asc, desc, eq, gte, ilike, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { eventParticipations, events, organizations } from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { containsPattern, type Page } from '../shared/http.ts';
import { ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, outer, paged } from '../shared/paging.ts';
import { linkVisibleCondition } from '../shared/teacher-links.ts';
import { currentPositionOf, teacherNameOf } from '../shared/teachers.ts';
import type { ListEventsQuery } from './events.schema.ts';

const eventColumns = {
  id: events.id,
  municipalityId: events.municipalityId,
  organizationId: events.organizationId,
  organizationShortName: organizations.shortName,
  title: events.title,
  level: events.level,
  date: events.date,
  format: events.format,
  type: events.type,
  deficitCodes: events.deficitCodes,
  participantCount: sql<number>`(select count(*)::int from ${eventParticipations} where ${outer(eventParticipations.eventId)} = ${outer(events.id)})`,
  version: events.version,
};

export type EventRow = Awaited<ReturnType<typeof findEventById>> & object;

const selectEvents = (db: Db) =>
  db.select(eventColumns).from(events).leftJoin(organizations, eq(organizations.id, events.organizationId));

export async function findEventById(db: Db, id: number) {
  const [row] = await selectEvents(db).where(eq(events.id, id));
  return row;
}

export function findEvents(db: Db, user: AuthUser, q: ListEventsQuery) {
  const where = and(
    ownerReadCondition(user, events),
    q.municipalityId ? eq(events.municipalityId, q.municipalityId) : undefined,
    q.organizationId ? eq(events.organizationId, q.organizationId) : undefined,
    q.level ? eq(events.level, q.level) : undefined,
    q.type ? eq(events.type, q.type) : undefined,
    q.from ? gte(events.date, q.from) : undefined,
    q.to ? lte(events.date, q.to) : undefined,
    q.q ? ilike(events.title, containsPattern(q.q)) : undefined,
  );
  return paged(
    selectEvents(db)
      .where(where)
      .orderBy(desc(events.date), asc(events.title))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, events, where),
  );
}

const teacherName = teacherNameOf(eventParticipations.teacherId);

const participationColumns = (today: string) => {
  const position = currentPositionOf(eventParticipations.teacherId, today);
  return {
    id: eventParticipations.id,
    eventId: eventParticipations.eventId,
    teacherId: eventParticipations.teacherId,
    teacherName,
    organizationShortName: position.organizationShortName,
    positionTitle: position.positionTitle,
    role: eventParticipations.role,
    version: eventParticipations.version,
    // The owner of a participation is the owner of its event.
    municipalityId: events.municipalityId,
    organizationId: events.organizationId,
    eventTitle: events.title,
    eventLevel: events.level,
    eventDate: events.date,
    eventFormat: events.format,
  };
};

export type ParticipationRow = Awaited<ReturnType<typeof findParticipationById>> & object;

const selectParticipations = (db: Db, today: string) =>
  db
    .select(participationColumns(today))
    .from(eventParticipations)
    .innerJoin(events, eq(events.id, eventParticipations.eventId));

export async function findParticipationById(db: Db, id: number, today: string) {
  const [row] = await selectParticipations(db, today).where(eq(eventParticipations.id, id));
  return row;
}

export function findParticipations(
  db: Db,
  user: AuthUser,
  filter: Page & { eventId?: number; teacherId?: number },
  today: string,
) {
  const where = and(
    linkVisibleCondition(user, {
      municipalityId: events.municipalityId,
      organizationId: events.organizationId,
      teacherId: eventParticipations.teacherId,
      parentId: eventParticipations.eventId,
    }),
    filter.eventId ? eq(eventParticipations.eventId, filter.eventId) : undefined,
    filter.teacherId ? eq(eventParticipations.teacherId, filter.teacherId) : undefined,
  );
  return paged(
    selectParticipations(db, today)
      .where(where)
      .orderBy(desc(events.date), asc(teacherName), asc(eventParticipations.id))
      .limit(filter.pageSize)
      .offset(offsetOf(filter)),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(eventParticipations)
      .innerJoin(events, eq(events.id, eventParticipations.eventId))
      .where(where),
  );
}

/** The teachers taking part in an event, as a subquery (the candidates leave them out). */
export const participantsOf = (eventId: number) =>
  sql`select ${eventParticipations.teacherId} from ${eventParticipations} where ${eventParticipations.eventId} = ${eventId}`;

export async function participantIds(db: Db, eventId: number, teacherIds: number[]) {
  if (!teacherIds.length) return new Set<number>();
  const rows = await db
    .select({ id: eventParticipations.teacherId })
    .from(eventParticipations)
    .where(and(eq(eventParticipations.eventId, eventId), inArray(eventParticipations.teacherId, teacherIds)));
  return new Set(rows.map((r) => r.id));
}

export async function insertParticipations(
  db: Db,
  rows: { eventId: number; teacherId: number; role: 'participant' | 'speaker' | 'organizer' }[],
) {
  if (!rows.length) return [];
  const inserted = await db
    .insert(eventParticipations)
    .values(rows)
    .returning({ id: eventParticipations.id });
  return inserted.map((r) => r.id);
}
