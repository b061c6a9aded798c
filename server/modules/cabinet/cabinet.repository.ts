import { and, asc, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  associationMeetings,
  associationMembers,
  associations,
  certifications,
  competitionParticipations,
  deficits,
  diagnostics,
  eventParticipations,
  events,
  meetingAttendance,
  mentoringPairs,
  mentoringPrograms,
  organizations,
  providers,
  routes,
  teacherSubjects,
  trainings,
} from '../../db/schema/index.ts';
import { outer } from '../registers/shared/paging.ts';
import { teacherNameOf } from '../registers/shared/teachers.ts';

/** Everything of one teacher the cabinet shows; every query is filtered by that teacher's id. */

export function findLastCertification(db: Db, teacherId: number) {
  return db
    .select({ date: certifications.date, result: certifications.result })
    .from(certifications)
    .where(eq(certifications.teacherId, teacherId))
    .orderBy(desc(certifications.date))
    .limit(1);
}

export async function findSubjectsOf(db: Db, teacherId: number) {
  const rows = await db
    .select({ subject: teacherSubjects.subject })
    .from(teacherSubjects)
    .where(eq(teacherSubjects.teacherId, teacherId))
    .orderBy(asc(teacherSubjects.subject));
  return rows.map((r) => r.subject);
}

export function findDiagnosticsOf(db: Db, teacherId: number) {
  return db
    .select({
      id: diagnostics.id,
      date: diagnostics.date,
      level: diagnostics.level,
      instrument: diagnostics.instrument,
      score: diagnostics.score,
      maxScore: diagnostics.maxScore,
      deficitCodes: diagnostics.deficitCodes,
      routeId: sql<
        number | null
      >`(select min(${outer(routes.id)}) from ${routes} where ${outer(routes.diagnosticId)} = ${outer(diagnostics.id)})`,
    })
    .from(diagnostics)
    .where(eq(diagnostics.teacherId, teacherId))
    .orderBy(desc(diagnostics.date), desc(diagnostics.id));
}

export async function findDeficitTitles(db: Db, codes: string[]) {
  if (!codes.length) return new Map<string, { title: string; area: string }>();
  const rows = await db
    .select({ code: deficits.code, title: deficits.title, area: deficits.area })
    .from(deficits)
    .where(inArray(deficits.code, codes));
  return new Map(rows.map((r) => [r.code, r]));
}

export function findTrainingsOf(db: Db, teacherId: number) {
  return db
    .select({
      id: trainings.id,
      type: trainings.type,
      title: trainings.title,
      providerName: providers.name,
      hours: trainings.hours,
      endDate: trainings.endDate,
    })
    .from(trainings)
    .leftJoin(providers, eq(providers.id, trainings.providerId))
    .where(eq(trainings.teacherId, teacherId))
    .orderBy(desc(trainings.endDate));
}

export function findPairsOf(db: Db, teacherId: number) {
  return db
    .select({
      id: mentoringPairs.id,
      mentorId: mentoringPairs.mentorId,
      mentorName: teacherNameOf(mentoringPairs.mentorId),
      menteeId: mentoringPairs.menteeId,
      menteeName: teacherNameOf(mentoringPairs.menteeId),
      form: mentoringPairs.form,
      programTitle: mentoringPrograms.title,
      organizationShortName: organizations.shortName,
      startDate: mentoringPairs.startDate,
      endDate: mentoringPairs.endDate,
      outcome: mentoringPairs.outcome,
    })
    .from(mentoringPairs)
    .innerJoin(organizations, eq(organizations.id, mentoringPairs.organizationId))
    .leftJoin(mentoringPrograms, eq(mentoringPrograms.id, mentoringPairs.programId))
    .where(or(eq(mentoringPairs.mentorId, teacherId), eq(mentoringPairs.menteeId, teacherId)))
    .orderBy(desc(mentoringPairs.startDate));
}

export function findMembershipsOf(db: Db, teacherId: number) {
  return db
    .select({
      associationId: associations.id,
      name: associations.name,
      type: associations.type,
      level: associations.level,
      leaderName: teacherNameOf(associations.leaderId),
      joinedOn: associationMembers.joinedOn,
      leftOn: associationMembers.leftOn,
    })
    .from(associationMembers)
    .innerJoin(associations, eq(associations.id, associationMembers.associationId))
    .where(eq(associationMembers.teacherId, teacherId))
    .orderBy(sql`${associationMembers.leftOn} is not null`, asc(associations.name));
}

/** Meetings of the associations in the period, with the teacher's own mark (null: not marked). */
export function findMeetingsOfAssociations(
  db: Db,
  teacherId: number,
  associationIds: number[],
  period: { from: string; to: string },
) {
  if (!associationIds.length) return Promise.resolve([]);
  return db
    .select({
      id: associationMeetings.id,
      associationId: associationMeetings.associationId,
      date: associationMeetings.date,
      topic: associationMeetings.topic,
      plan: associationMeetings.plan,
      isHeld: associationMeetings.isHeld,
      isPresent: meetingAttendance.isPresent,
    })
    .from(associationMeetings)
    .leftJoin(
      meetingAttendance,
      and(
        eq(meetingAttendance.meetingId, associationMeetings.id),
        eq(meetingAttendance.teacherId, teacherId),
      ),
    )
    .where(
      and(
        inArray(associationMeetings.associationId, associationIds),
        gte(associationMeetings.date, period.from),
        lte(associationMeetings.date, period.to),
      ),
    )
    .orderBy(asc(associationMeetings.date));
}

export function findParticipationsOf(db: Db, teacherId: number) {
  return db
    .select({
      id: eventParticipations.id,
      title: events.title,
      date: events.date,
      level: events.level,
      format: events.format,
      role: eventParticipations.role,
    })
    .from(eventParticipations)
    .innerJoin(events, eq(events.id, eventParticipations.eventId))
    .where(eq(eventParticipations.teacherId, teacherId))
    .orderBy(desc(events.date));
}

export function findCompetitionsOf(db: Db, teacherId: number) {
  return db
    .select({
      id: competitionParticipations.id,
      name: competitionParticipations.name,
      level: competitionParticipations.level,
      date: competitionParticipations.date,
      result: competitionParticipations.result,
    })
    .from(competitionParticipations)
    .where(eq(competitionParticipations.teacherId, teacherId))
    .orderBy(desc(competitionParticipations.date));
}
