import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { organizations, targetStudents } from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { containsPattern } from '../shared/http.ts';
import { municipalityOfOrganization, ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, paged } from '../shared/paging.ts';
import type { ExportTargetStudentsQuery, ListTargetStudentsQuery } from './target-students.schema.ts';

const columns = {
  id: targetStudents.id,
  organizationId: targetStudents.organizationId,
  organizationShortName: organizations.shortName,
  municipalityId: organizations.municipalityId,
  fullName: targetStudents.fullName,
  university: targetStudents.university,
  specialty: targetStudents.specialty,
  subject: targetStudents.subject,
  graduationYear: targetStudents.graduationYear,
  contractNumber: targetStudents.contractNumber,
  contractDate: targetStudents.contractDate,
  notes: targetStudents.notes,
  version: targetStudents.version,
};

export type TargetStudentRow = Awaited<ReturnType<typeof findTargetStudentById>> & object;

const select = (db: Db) =>
  db
    .select(columns)
    .from(targetStudents)
    .innerJoin(organizations, eq(organizations.id, targetStudents.organizationId));

export async function findTargetStudentById(db: Db, id: number) {
  const [row] = await select(db).where(eq(targetStudents.id, id));
  return row;
}

function whereOf(user: AuthUser, q: ExportTargetStudentsQuery) {
  const municipalityId = municipalityOfOrganization(targetStudents.organizationId);
  return and(
    ownerReadCondition(user, { municipalityId, organizationId: targetStudents.organizationId }),
    q.organizationId ? eq(targetStudents.organizationId, q.organizationId) : undefined,
    q.municipalityId ? sql`${municipalityId} = ${q.municipalityId}` : undefined,
    q.graduationYear ? eq(targetStudents.graduationYear, q.graduationYear) : undefined,
    q.q ? ilike(targetStudents.fullName, containsPattern(q.q)) : undefined,
  );
}

const order = [
  asc(targetStudents.graduationYear),
  asc(organizations.shortName),
  asc(targetStudents.fullName),
];

export function findTargetStudents(db: Db, user: AuthUser, q: ListTargetStudentsQuery) {
  const where = whereOf(user, q);
  return paged(
    select(db)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, targetStudents, where),
  );
}

/** Every student of the filter, for the workbook. */
export function findAllTargetStudents(db: Db, user: AuthUser, q: ExportTargetStudentsQuery) {
  return select(db)
    .where(whereOf(user, q))
    .orderBy(...order);
}
