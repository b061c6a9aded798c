import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { mentoringPairs, mentoringPrograms, organizations } from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { containsPattern } from '../shared/http.ts';
import { municipalityOfOrganization, ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, outer, paged } from '../shared/paging.ts';
import { teacherNameOf } from '../shared/teachers.ts';
import type { ListMentoringPairsQuery, ListMentoringProgramsQuery } from './mentoring.schema.ts';

const programColumns = {
  id: mentoringPrograms.id,
  organizationId: mentoringPrograms.organizationId,
  organizationShortName: organizations.shortName,
  municipalityId: organizations.municipalityId,
  title: mentoringPrograms.title,
  startDate: mentoringPrograms.startDate,
  endDate: mentoringPrograms.endDate,
  pairCount: sql<number>`(select count(*)::int from ${mentoringPairs} where ${outer(mentoringPairs.programId)} = ${outer(mentoringPrograms.id)})`,
  version: mentoringPrograms.version,
};

export type MentoringProgramRow = Awaited<ReturnType<typeof findMentoringProgramById>> & object;

const selectPrograms = (db: Db) =>
  db
    .select(programColumns)
    .from(mentoringPrograms)
    .innerJoin(organizations, eq(organizations.id, mentoringPrograms.organizationId));

export async function findMentoringProgramById(db: Db, id: number) {
  const [row] = await selectPrograms(db).where(eq(mentoringPrograms.id, id));
  return row;
}

const inMunicipality = (organizationId: PgColumn, id: number | undefined) =>
  id ? sql`${municipalityOfOrganization(organizationId)} = ${id}` : undefined;

export function findMentoringPrograms(db: Db, user: AuthUser, q: ListMentoringProgramsQuery) {
  const organizationId = mentoringPrograms.organizationId;
  const where = and(
    ownerReadCondition(user, { municipalityId: municipalityOfOrganization(organizationId), organizationId }),
    q.organizationId ? eq(organizationId, q.organizationId) : undefined,
    inMunicipality(organizationId, q.municipalityId),
    q.q ? ilike(mentoringPrograms.title, containsPattern(q.q)) : undefined,
  );
  return paged(
    selectPrograms(db)
      .where(where)
      .orderBy(asc(organizations.shortName), desc(mentoringPrograms.startDate))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, mentoringPrograms, where),
  );
}

const pairColumns = {
  id: mentoringPairs.id,
  programId: mentoringPairs.programId,
  programTitle: mentoringPrograms.title,
  organizationId: mentoringPairs.organizationId,
  organizationShortName: organizations.shortName,
  municipalityId: organizations.municipalityId,
  mentorId: mentoringPairs.mentorId,
  mentorName: teacherNameOf(mentoringPairs.mentorId),
  menteeId: mentoringPairs.menteeId,
  menteeName: teacherNameOf(mentoringPairs.menteeId),
  form: mentoringPairs.form,
  startDate: mentoringPairs.startDate,
  endDate: mentoringPairs.endDate,
  outcome: mentoringPairs.outcome,
  version: mentoringPairs.version,
};

export type MentoringPairRow = Awaited<ReturnType<typeof findMentoringPairById>> & object;

const selectPairs = (db: Db) =>
  db
    .select(pairColumns)
    .from(mentoringPairs)
    .innerJoin(organizations, eq(organizations.id, mentoringPairs.organizationId))
    .leftJoin(mentoringPrograms, eq(mentoringPrograms.id, mentoringPairs.programId));

export async function findMentoringPairById(db: Db, id: number) {
  const [row] = await selectPairs(db).where(eq(mentoringPairs.id, id));
  return row;
}

export function findMentoringPairs(db: Db, user: AuthUser, q: ListMentoringPairsQuery) {
  const organizationId = mentoringPairs.organizationId;
  const where = and(
    ownerReadCondition(user, { municipalityId: municipalityOfOrganization(organizationId), organizationId }),
    q.organizationId ? eq(organizationId, q.organizationId) : undefined,
    inMunicipality(organizationId, q.municipalityId),
    q.programId ? eq(mentoringPairs.programId, q.programId) : undefined,
    q.teacherId
      ? or(eq(mentoringPairs.mentorId, q.teacherId), eq(mentoringPairs.menteeId, q.teacherId))
      : undefined,
  );
  return paged(
    selectPairs(db)
      .where(where)
      .orderBy(asc(organizations.shortName), desc(mentoringPairs.startDate), asc(mentoringPairs.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, mentoringPairs, where),
  );
}
