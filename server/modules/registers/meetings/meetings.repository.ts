import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  associationMeetings,
  associationMembers,
  associations,
  meetingAttendance,
  organizations,
} from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { associationReadCondition } from '../associations/associations.repository.ts';
import { outer } from '../shared/paging.ts';
import { positionOnDateOf, teacherNameOf } from '../shared/teachers.ts';

export type MeetingRow = typeof associationMeetings.$inferSelect;

const countOf = (isPresent: boolean) =>
  sql<number>`(select count(*)::int from ${meetingAttendance} where ${outer(meetingAttendance.meetingId)} = ${outer(associationMeetings.id)} and ${outer(meetingAttendance.isPresent)} = ${isPresent})`;

const meetingColumns = {
  id: associationMeetings.id,
  associationId: associationMeetings.associationId,
  date: associationMeetings.date,
  topic: associationMeetings.topic,
  plan: associationMeetings.plan,
  isHeld: associationMeetings.isHeld,
  notes: associationMeetings.notes,
  version: associationMeetings.version,
  presentCount: countOf(true),
  absentCount: countOf(false),
};
export type MeetingWithCounts = Awaited<ReturnType<typeof findMeetings>>[number];

export function findMeetings(db: Db, associationId: number, period: { from: string; to: string }) {
  return db
    .select(meetingColumns)
    .from(associationMeetings)
    .where(
      and(
        eq(associationMeetings.associationId, associationId),
        gte(associationMeetings.date, period.from),
        lte(associationMeetings.date, period.to),
      ),
    )
    .orderBy(asc(associationMeetings.date), asc(associationMeetings.id));
}

export async function findMeetingById(db: Db, id: number) {
  const [row] = await db
    .select(meetingColumns)
    .from(associationMeetings)
    .where(eq(associationMeetings.id, id));
  return row;
}

/** The school years (by their start) in which the association has meetings. */
export async function findMeetingYears(db: Db, associationId: number) {
  const rows = await db
    .selectDistinct({
      year: sql<number>`(extract(year from ${associationMeetings.date})::int - case when extract(month from ${associationMeetings.date}) < 9 then 1 else 0 end)`,
    })
    .from(associationMeetings)
    .where(eq(associationMeetings.associationId, associationId));
  return rows.map((r) => Number(r.year));
}

export async function insertMeeting(db: Db, values: typeof associationMeetings.$inferInsert) {
  const [row] = await db.insert(associationMeetings).values(values).returning({ id: associationMeetings.id });
  return row.id;
}

export async function deleteMeeting(db: Db, id: number) {
  await db.delete(associationMeetings).where(eq(associationMeetings.id, id));
}

export async function findAttendance(db: Db, meetingIds: number[]) {
  if (!meetingIds.length) return [];
  return db.select().from(meetingAttendance).where(inArray(meetingAttendance.meetingId, meetingIds));
}

export async function replaceAttendance(
  db: Db,
  meetingId: number,
  entries: { teacherId: number; isPresent: boolean }[],
) {
  await db.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  if (entries.length) await db.insert(meetingAttendance).values(entries.map((e) => ({ ...e, meetingId })));
}

/**
 * Members whose membership overlaps the period (joined by its end, not left before its start), with their
 * workplace on their last day in it: the period's end, the day they left or today, whichever comes first.
 * A past year's attendance names the school a member worked at then, not the one they moved to since.
 */
export function findMembersDuring(
  db: Db,
  associationId: number,
  period: { from: string; to: string },
  today: string,
) {
  const position = positionOnDateOf(
    associationMembers.teacherId,
    sql`least(${period.to}::date, ${today}::date, coalesce(${outer(associationMembers.leftOn)}, ${period.to}::date))`,
  );
  return db
    .select({
      teacherId: associationMembers.teacherId,
      teacherName: teacherNameOf(associationMembers.teacherId),
      organizationShortName: position.organizationShortName,
      positionTitle: position.positionTitle,
      joinedOn: associationMembers.joinedOn,
      leftOn: associationMembers.leftOn,
    })
    .from(associationMembers)
    .where(
      and(
        eq(associationMembers.associationId, associationId),
        lte(associationMembers.joinedOn, period.to),
        or(isNull(associationMembers.leftOn), gte(associationMembers.leftOn, period.from)),
      ),
    )
    .orderBy(asc(teacherNameOf(associationMembers.teacherId)), asc(associationMembers.id));
}

/**
 * Per association the user may read, active in the period: its meetings planned and held in the period
 * and the date of the next one from `today`.
 */
export function findMeetingOverview(
  db: Db,
  user: AuthUser,
  period: { from: string; to: string },
  today: string,
) {
  const inPeriod = sql`${outer(associationMeetings.associationId)} = ${outer(associations.id)} and ${outer(associationMeetings.date)} between ${period.from} and ${period.to}`;
  return db
    .select({
      id: associations.id,
      municipalityId: associations.municipalityId,
      organizationId: associations.organizationId,
      organizationShortName: sql<
        string | null
      >`(select ${outer(organizations.shortName)} from ${organizations} where ${outer(organizations.id)} = ${outer(associations.organizationId)})`,
      name: associations.name,
      type: associations.type,
      level: associations.level,
      leaderName: teacherNameOf(associations.leaderId),
      memberCount: sql<number>`(select count(*)::int from ${associationMembers} where ${outer(associationMembers.associationId)} = ${outer(associations.id)} and (${outer(associationMembers.leftOn)} is null or ${outer(associationMembers.leftOn)} >= ${today}))`,
      planned: sql<number>`(select count(*)::int from ${associationMeetings} where ${inPeriod})`,
      held: sql<number>`(select count(*)::int from ${associationMeetings} where ${inPeriod} and ${outer(associationMeetings.isHeld)})`,
      nextDate: sql<
        string | null
      >`(select min(${outer(associationMeetings.date)})::text from ${associationMeetings} where ${outer(associationMeetings.associationId)} = ${outer(associations.id)} and ${outer(associationMeetings.date)} >= ${today} and not ${outer(associationMeetings.isHeld)})`,
    })
    .from(associations)
    .where(
      and(
        associationReadCondition(user),
        lte(associations.startDate, period.to),
        or(isNull(associations.endDate), gte(associations.endDate, period.from)),
      ),
    )
    .orderBy(sql`${associations.organizationId} is not null`, asc(associations.name));
}
