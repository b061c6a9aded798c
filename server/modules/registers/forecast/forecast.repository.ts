import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { TeacherHistory } from '../../../../core/registry/staffing-forecast.ts';
import type { Db } from '../../../db/client.ts';
import { inOrder } from '../../../db/in-order.ts';
import * as s from '../../../db/schema/index.ts';

/**
 * The rows the staffing forecast is computed from (core/registry/staffing-forecast.ts): the teachers of a
 * municipality with their jobs since a date and their subjects, the vacancies, the students of целевое
 * обучение. The rates are the municipality's, so the teachers are all of it; the organizations narrow the rest.
 */
export async function loadTeacherHistories(db: Db, municipalityId: number, since: string) {
  const [teachers, positions, subjects] = await inOrder([
    () =>
      db
        .select({
          id: s.teachers.id,
          sex: s.teachers.sex,
          birthDate: s.teachers.birthDate,
          pedagogicalStartDate: s.teachers.pedagogicalStartDate,
        })
        .from(s.teachers)
        .where(eq(s.teachers.municipalityId, municipalityId)),
    () =>
      db
        .select({
          teacherId: s.positions.teacherId,
          organizationId: s.positions.organizationId,
          startDate: s.positions.startDate,
          endDate: s.positions.endDate,
          isMainJob: s.positions.isMainJob,
        })
        .from(s.positions)
        .innerJoin(s.organizations, eq(s.organizations.id, s.positions.organizationId))
        .where(
          and(
            eq(s.organizations.municipalityId, municipalityId),
            sql`(${s.positions.endDate} is null or ${s.positions.endDate} >= ${since}::date)`,
          ),
        ),
    () =>
      db
        .select({ teacherId: s.teacherSubjects.teacherId, subject: s.teacherSubjects.subject })
        .from(s.teacherSubjects)
        .innerJoin(s.teachers, eq(s.teachers.id, s.teacherSubjects.teacherId))
        .where(eq(s.teachers.municipalityId, municipalityId)),
  ]);
  const byTeacher = new Map<number, TeacherHistory>();
  for (const t of teachers) byTeacher.set(t.id, { ...t, subjects: [], positions: [] });
  for (const p of positions) byTeacher.get(p.teacherId)?.positions.push(p);
  for (const x of subjects) byTeacher.get(x.teacherId)?.subjects.push(x.subject);
  return [...byTeacher.values()].filter((t) => t.positions.length > 0);
}

/** The vacancies of each organization's last reported month not after the date. */
export async function loadOpenVacancies(db: Db, organizationIds: number[], date: string) {
  if (!organizationIds.length) return [];
  return db
    .select({
      organizationId: s.vacancies.organizationId,
      subject: s.vacancies.subject,
      count: s.vacancies.count,
      month: s.vacancies.month,
    })
    .from(s.vacancies)
    .where(
      and(
        inArray(s.vacancies.organizationId, organizationIds),
        sql`${s.vacancies.month} = (select max(v2.month) from vacancies v2
          where v2.organization_id = ${s.vacancies.organizationId} and v2.month <= ${date}::date)`,
      ),
    );
}

/** The sum of the organizations' vacancies by reported month, within the range. */
export async function loadVacancyMonths(db: Db, organizationIds: number[], from: string, to: string) {
  if (!organizationIds.length) return [];
  const rows = await db
    .select({ month: s.vacancies.month, count: sql<number>`sum(${s.vacancies.count})::int` })
    .from(s.vacancies)
    .where(
      and(
        inArray(s.vacancies.organizationId, organizationIds),
        gte(s.vacancies.month, from),
        lte(s.vacancies.month, to),
      ),
    )
    .groupBy(s.vacancies.month)
    .orderBy(s.vacancies.month);
  return rows.map((r) => ({ month: r.month, count: Number(r.count) }));
}

export async function loadGraduates(db: Db, organizationIds: number[], fromYear: number, toYear: number) {
  if (!organizationIds.length) return [];
  return db
    .select({
      organizationId: s.targetStudents.organizationId,
      subject: s.targetStudents.subject,
      graduationYear: s.targetStudents.graduationYear,
    })
    .from(s.targetStudents)
    .where(
      and(
        inArray(s.targetStudents.organizationId, organizationIds),
        gte(s.targetStudents.graduationYear, fromYear),
        lte(s.targetStudents.graduationYear, toYear),
      ),
    );
}

/** The active organizations of a municipality (or those of the ids), in the natural order of their names. */
export async function loadOrganizations(db: Db, municipalityId: number, ids: number[] | null) {
  return db
    .select({ id: s.organizations.id, shortName: s.organizations.shortName, kind: s.organizations.kind })
    .from(s.organizations)
    .where(
      and(
        eq(s.organizations.municipalityId, municipalityId),
        eq(s.organizations.isActive, true),
        ids ? inArray(s.organizations.id, ids) : undefined,
      ),
    )
    .orderBy(
      sql`case ${s.organizations.kind} when 'school' then 0 when 'preschool' then 1 else 2 end`,
      sql`nullif(substring(${s.organizations.shortName} from '№\\s*(\\d+)'), '')::int nulls last`,
      s.organizations.shortName,
    );
}
