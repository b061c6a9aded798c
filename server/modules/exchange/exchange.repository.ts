import { inOrder } from '../../db/in-order.ts';
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  associationMembers,
  associations,
  certifications,
  competitionParticipations,
  deficits,
  diagnostics,
  educations,
  eventParticipations,
  events,
  mentoringPairs,
  mentoringPrograms,
  normativeActs,
  organizations,
  positions,
  providers,
  routeSteps,
  routes,
  teacherSubjects,
  teachers,
  trainings,
  vacancies,
} from '../../db/schema/index.ts';

/** The tables an import writes, by the name the plan uses. */
export const TABLES = {
  teachers,
  positions,
  educations,
  certifications,
  diagnostics,
  trainings,
  routes,
  routeSteps,
  competitionParticipations,
  mentoringPairs,
  associationMembers,
  events,
  eventParticipations,
  vacancies,
  normativeActs,
} as const;
export type TableKey = keyof typeof TABLES;

export type TeacherRow = typeof teachers.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type RouteRow = typeof routes.$inferSelect;
export type DiagnosticRow = typeof diagnostics.$inferSelect;

/** Any row of a plan table: an id, a version and its fields. */
export type AnyRow = { id: number; version: number } & Record<string, unknown>;

const CHUNK = 5000;

/** Runs a query per chunk of a long id list and concatenates the rows. */
export async function inChunks<T>(ids: number[], query: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

export async function findOrganization(db: Db, id: number) {
  const [row] = await db
    .select({
      id: organizations.id,
      municipalityId: organizations.municipalityId,
      shortName: organizations.shortName,
      name: organizations.name,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row;
}

export type OrganizationRef = NonNullable<Awaited<ReturnType<typeof findOrganization>>>;

export async function findOrganizationsOfMunicipality(db: Db, municipalityId: number | null) {
  return db
    .select({ id: organizations.id, shortName: organizations.shortName })
    .from(organizations)
    .where(municipalityId === null ? undefined : eq(organizations.municipalityId, municipalityId))
    .orderBy(organizations.id);
}

async function subjectsOf(db: Db, teacherIds: number[]) {
  const rows = await inChunks(teacherIds, (chunk) =>
    db.select().from(teacherSubjects).where(inArray(teacherSubjects.teacherId, chunk)),
  );
  const map = new Map<number, string[]>();
  for (const r of rows) {
    const list = map.get(r.teacherId) ?? [];
    list.push(r.subject);
    map.set(r.teacherId, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.localeCompare(b, 'ru'));
  return map;
}

/**
 * What an organization's workbook is built from and compared with, apart from the teachers' own records:
 * every position in it (also ended ones), the teachers who hold or held them, the catalogs and lists that
 * names refer to, and the registers of the organization itself.
 */
export async function loadOrganizationData(db: Db, organization: OrganizationRef) {
  const orgId = organization.id;
  const m = organization.municipalityId;
  const positionRows = await db
    .select()
    .from(positions)
    .where(eq(positions.organizationId, orgId))
    .orderBy(positions.id);
  const pairs = await db
    .select()
    .from(mentoringPairs)
    .where(eq(mentoringPairs.organizationId, orgId))
    .orderBy(mentoringPairs.id);
  // Pairs may name a mentor who never worked here: the workbook still shows who it is.
  const teacherIds = [
    ...new Set([...positionRows.map((p) => p.teacherId), ...pairs.flatMap((p) => [p.mentorId, p.menteeId])]),
  ];
  const [teacherRows, subjects, elsewhereRows] = await inOrder([
    () => inChunks(teacherIds, (chunk) => db.select().from(teachers).where(inArray(teachers.id, chunk))),
    () => subjectsOf(db, teacherIds),
    () =>
      inChunks(teacherIds, (chunk) =>
        db
          .select({
            teacherId: positions.teacherId,
            organizationId: positions.organizationId,
            shortName: organizations.shortName,
            endDate: positions.endDate,
          })
          .from(positions)
          .innerJoin(organizations, eq(organizations.id, positions.organizationId))
          .where(and(inArray(positions.teacherId, chunk), ne(positions.organizationId, orgId))),
      ),
  ]);
  const ownOrMunicipal = (t: { municipalityId: PgColumn; organizationId: PgColumn }) =>
    and(eq(t.municipalityId, m), or(isNull(t.organizationId), eq(t.organizationId, orgId)));
  const [programs, associationRows, eventRows, vacancyRows, actRows, providerRows, deficitRows] =
    await inOrder([
      db.select().from(mentoringPrograms).where(eq(mentoringPrograms.organizationId, orgId)),
      db.select().from(associations).where(ownOrMunicipal(associations)).orderBy(associations.name),
      db.select().from(events).where(ownOrMunicipal(events)),
      db
        .select()
        .from(vacancies)
        .where(eq(vacancies.organizationId, orgId))
        .orderBy(vacancies.month, vacancies.id),
      db
        .select()
        .from(normativeActs)
        .where(eq(normativeActs.organizationId, orgId))
        .orderBy(normativeActs.date, normativeActs.id),
      db.select({ id: providers.id, name: providers.name }).from(providers).orderBy(providers.name),
      db.select({ code: deficits.code, title: deficits.title }).from(deficits).orderBy(deficits.code),
    ]);
  return {
    organization,
    positions: positionRows,
    teachers: teacherRows,
    subjects,
    elsewhere: new Set(elsewhereRows.map((r) => r.teacherId)),
    /** The positions of these teachers in other organizations (who else employs a shared teacher). */
    positionsElsewhere: elsewhereRows,
    pairs,
    programs,
    associations: associationRows,
    events: eventRows,
    vacancies: vacancyRows,
    acts: actRows,
    providers: providerRows,
    deficits: deficitRows,
  };
}

export type OrganizationData = Awaited<ReturnType<typeof loadOrganizationData>>;

/**
 * The records of the given teachers that the workbook shows: education, certification, diagnostics,
 * training, ИОМ with steps, competitions, and memberships and participations in the associations and events
 * the organization sees.
 */
export async function loadTeacherRecords(
  db: Db,
  teacherIds: number[],
  scope: { associationIds: number[]; eventIds: number[] },
) {
  const byTeacher = <
    T extends
      | typeof educations
      | typeof certifications
      | typeof diagnostics
      | typeof trainings
      | typeof routes
      | typeof competitionParticipations,
  >(
    table: T,
  ) =>
    inChunks(teacherIds, (chunk) =>
      db
        .select()
        .from(table as typeof educations)
        .where(inArray((table as typeof educations).teacherId, chunk))
        .orderBy((table as typeof educations).id),
    );
  const [educationRows, certificationRows, diagnosticRows, trainingRows, routeRows, competitionRows] =
    await inOrder([
      () => byTeacher(educations),
      () => byTeacher(certifications),
      () => byTeacher(diagnostics),
      () => byTeacher(trainings),
      () => byTeacher(routes),
      () => byTeacher(competitionParticipations),
    ]);
  const associationSet = new Set(scope.associationIds);
  const eventSet = new Set(scope.eventIds);
  const [stepRows, memberRows, participationRows] = await inOrder([
    () =>
      inChunks(
        routeRows.map((r) => r.id),
        (chunk) =>
          db.select().from(routeSteps).where(inArray(routeSteps.routeId, chunk)).orderBy(routeSteps.id),
      ),
    () =>
      inChunks(teacherIds, (chunk) =>
        db
          .select()
          .from(associationMembers)
          .where(inArray(associationMembers.teacherId, chunk))
          .orderBy(associationMembers.id),
      ),
    () =>
      inChunks(teacherIds, (chunk) =>
        db
          .select()
          .from(eventParticipations)
          .where(inArray(eventParticipations.teacherId, chunk))
          .orderBy(eventParticipations.id),
      ),
  ]);
  return {
    educations: educationRows as unknown as (typeof educations.$inferSelect)[],
    certifications: certificationRows as unknown as (typeof certifications.$inferSelect)[],
    diagnostics: diagnosticRows as unknown as DiagnosticRow[],
    trainings: trainingRows as unknown as (typeof trainings.$inferSelect)[],
    routes: routeRows as unknown as RouteRow[],
    routeSteps: stepRows,
    competitions: competitionRows as unknown as (typeof competitionParticipations.$inferSelect)[],
    memberships: memberRows.filter((r) => associationSet.has(r.associationId)),
    participations: participationRows.filter((r) => eventSet.has(r.eventId)),
  };
}

export type TeacherRecords = Awaited<ReturnType<typeof loadTeacherRecords>>;

/** Teachers of the municipality with these СНИЛС (11 digits), and their subjects. */
export async function findTeachersBySnils(db: Db, municipalityId: number, snils: string[]) {
  if (!snils.length) return { rows: [] as TeacherRow[], subjects: new Map<number, string[]>() };
  const rows = await db
    .select()
    .from(teachers)
    .where(and(eq(teachers.municipalityId, municipalityId), inArray(teachers.snils, snils)));
  return {
    rows,
    subjects: await subjectsOf(
      db,
      rows.map((r) => r.id),
    ),
  };
}

/** Which of these ids exist in a table at all (to tell «another organization's record» from «no such record»). */
export async function findExistingIds(db: Db, table: TableKey, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const t = TABLES[table] as unknown as typeof educations;
  const rows = await inChunks(ids, (chunk) => db.select({ id: t.id }).from(t).where(inArray(t.id, chunk)));
  return new Set(rows.map((r) => r.id));
}
