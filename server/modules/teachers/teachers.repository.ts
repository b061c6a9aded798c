import { inOrder } from '../../db/in-order.ts';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  associationMembers,
  certifications,
  educations,
  organizations,
  positions,
  teacherSubjects,
  teachers,
  users,
} from '../../db/schema/index.ts';
import type { TeacherFacts } from './teachers.policy.ts';

export type TeacherRow = typeof teachers.$inferSelect;
export type NewTeacherRow = typeof teachers.$inferInsert;
export type NewPositionRow = typeof positions.$inferInsert;

export async function findTeacherById(db: Db, id: number) {
  const [row] = await db.select().from(teachers).where(eq(teachers.id, id));
  return row;
}

/** Where the teacher works or worked and which associations it belongs to: what access is decided on. */
export async function findTeacherFacts(db: Db, teacher: Pick<TeacherRow, 'id' | 'municipalityId'>) {
  const [jobs, memberships] = await inOrder([
    db
      .select({ organizationId: positions.organizationId, endDate: positions.endDate })
      .from(positions)
      .where(eq(positions.teacherId, teacher.id)),
    db
      .select({ associationId: associationMembers.associationId })
      .from(associationMembers)
      .where(eq(associationMembers.teacherId, teacher.id)),
  ]);
  return {
    id: teacher.id,
    municipalityId: teacher.municipalityId,
    positions: jobs,
    associationIds: memberships.map((m) => m.associationId),
  } satisfies TeacherFacts;
}

export async function findSubjects(db: Db, teacherId: number) {
  const rows = await db
    .select({ subject: teacherSubjects.subject })
    .from(teacherSubjects)
    .where(eq(teacherSubjects.teacherId, teacherId))
    .orderBy(asc(teacherSubjects.subject));
  return rows.map((r) => r.subject);
}

export async function replaceSubjects(db: Db, teacherId: number, subjects: string[]) {
  await db.delete(teacherSubjects).where(eq(teacherSubjects.teacherId, teacherId));
  const unique = [...new Set(subjects.map((s) => s.trim()).filter(Boolean))];
  if (unique.length)
    await db.insert(teacherSubjects).values(unique.map((subject) => ({ teacherId, subject })));
}

export async function findPositionsOfTeacher(db: Db, teacherId: number) {
  return db
    .select({
      id: positions.id,
      organizationId: positions.organizationId,
      organizationShortName: organizations.shortName,
      title: positions.title,
      isMainJob: positions.isMainJob,
      rate: positions.rate,
      startDate: positions.startDate,
      endDate: positions.endDate,
      version: positions.version,
    })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .where(eq(positions.teacherId, teacherId))
    .orderBy(sql`${positions.endDate} is not null`, desc(positions.isMainJob), desc(positions.startDate));
}

export async function findEducationsAndCertifications(db: Db, teacherId: number) {
  const [educationRows, certificationRows] = await inOrder([
    db
      .select()
      .from(educations)
      .where(eq(educations.teacherId, teacherId))
      .orderBy(desc(educations.graduationYear), asc(educations.id)),
    db
      .select()
      .from(certifications)
      .where(eq(certifications.teacherId, teacherId))
      .orderBy(desc(certifications.date), asc(certifications.id)),
  ]);
  return { educations: educationRows, certifications: certificationRows };
}

export async function findOrganization(db: Db, id: number) {
  const [row] = await db
    .select({
      id: organizations.id,
      municipalityId: organizations.municipalityId,
      shortName: organizations.shortName,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row;
}

/** The teacher of the municipality with this СНИЛС (stored as 11 digits), if any. */
export async function findTeacherBySnils(db: Db, municipalityId: number, snils: string, exceptId?: number) {
  const [row] = await db
    .select()
    .from(teachers)
    .where(
      and(
        eq(teachers.municipalityId, municipalityId),
        eq(teachers.snils, snils),
        exceptId === undefined ? undefined : ne(teachers.id, exceptId),
      ),
    );
  return row;
}

/** Short names of the organizations a teacher works in now, for messages («… (МБОУ СОШ № 1)»). */
export async function findCurrentOrganizationNames(db: Db, teacherId: number, today: string) {
  const rows = await db
    .selectDistinct({ shortName: organizations.shortName })
    .from(positions)
    .innerJoin(organizations, eq(organizations.id, positions.organizationId))
    .where(
      and(
        eq(positions.teacherId, teacherId),
        sql`(${positions.endDate} is null or ${positions.endDate} >= ${today})`,
      ),
    );
  return rows.map((r) => r.shortName);
}

export async function insertTeacher(db: Db, values: NewTeacherRow) {
  const [row] = await db.insert(teachers).values(values).returning();
  return row;
}

export async function insertPosition(db: Db, values: NewPositionRow) {
  const [row] = await db.insert(positions).values(values).returning();
  return row;
}

export async function deleteTeacherRow(db: Db, id: number) {
  await db.delete(teachers).where(eq(teachers.id, id));
}

export async function deletePositionsIn(db: Db, teacherId: number, organizationIds: number[]) {
  return db
    .delete(positions)
    .where(and(eq(positions.teacherId, teacherId), inArray(positions.organizationId, organizationIds)))
    .returning();
}

export async function findLinkedTeacherId(db: Db, userId: number) {
  const [row] = await db.select({ teacherId: users.teacherId }).from(users).where(eq(users.id, userId));
  return row?.teacherId ?? null;
}
