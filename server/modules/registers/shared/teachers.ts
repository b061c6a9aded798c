import { and, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { organizations, positions, teachers } from '../../../db/schema/index.ts';
import { outer } from './paging.ts';

/**
 * What the registers need to know about teachers: their names for the rows people read, their
 * municipality, and where they work. (The teachers area owns the teacher records themselves.)
 */

/** «Иванова Мария Петровна» of the teacher a column points to. */
export const teacherNameOf = (teacherId: PgColumn) =>
  sql<string>`(select concat_ws(' ', ${outer(teachers.lastName)}, ${outer(teachers.firstName)}, ${outer(teachers.middleName)}) from ${teachers} where ${outer(teachers.id)} = ${outer(teacherId)})`;

/**
 * Current main place of work of a teacher on `today` (the server's «today», not the database's date):
 * the short name of the organization and the position title.
 */
export const currentPositionOf = (teacherId: PgColumn, today: string) => {
  const p = sql`(select ${outer(positions.organizationId)} as org, ${outer(positions.title)} as title from ${positions}
    where ${outer(positions.teacherId)} = ${outer(teacherId)}
    order by (${outer(positions.endDate)} is null or ${outer(positions.endDate)} >= ${today}::date) desc,
             ${outer(positions.isMainJob)} desc, ${outer(positions.startDate)} desc limit 1)`;
  return {
    organizationId: sql<number | null>`(select org from ${p} cp)`,
    organizationShortName: sql<
      string | null
    >`(select ${outer(organizations.shortName)} from ${organizations} where ${outer(organizations.id)} = (select org from ${p} cp))`,
    positionTitle: sql<string | null>`(select title from ${p} cp)`,
  };
};

/**
 * A teacher's place of work on a date that may be in the past (a meeting's, the end of a school year):
 * the position held on that day first (started by it, not ended before it), the main job before a second
 * one, the latest started; with none held that day, the latest position started by it. `onDate` is an SQL
 * date expression, so it can be a column or `least(…)` of the row.
 */
export const positionOnDateOf = (teacherId: PgColumn, onDate: SQL) => {
  const p = sql`(select ${outer(positions.organizationId)} as org, ${outer(positions.title)} as title from ${positions}
    where ${outer(positions.teacherId)} = ${outer(teacherId)}
    order by (${outer(positions.startDate)} <= ${onDate} and (${outer(positions.endDate)} is null or ${outer(positions.endDate)} >= ${onDate})) desc,
             (${outer(positions.startDate)} <= ${onDate}) desc,
             ${outer(positions.isMainJob)} desc, ${outer(positions.startDate)} desc limit 1)`;
  return {
    organizationShortName: sql<
      string | null
    >`(select ${outer(organizations.shortName)} from ${organizations} where ${outer(organizations.id)} = (select org from ${p} cp))`,
    positionTitle: sql<string | null>`(select title from ${p} cp)`,
  };
};

export interface TeacherBasics {
  id: number;
  municipalityId: number;
  name: string;
}

export async function findTeachers(db: Db, ids: number[]): Promise<Map<number, TeacherBasics>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: teachers.id,
      municipalityId: teachers.municipalityId,
      name: sql<string>`concat_ws(' ', ${teachers.lastName}, ${teachers.firstName}, ${teachers.middleName})`,
    })
    .from(teachers)
    .where(inArray(teachers.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Teachers (of the given ones) holding a position in the organization that has not ended before `from`
 * (today, or the start of what they are to join).
 */
export async function teachersWorkingIn(
  db: Db,
  organizationId: number,
  teacherIds: number[],
  from: string,
): Promise<Set<number>> {
  if (!teacherIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: positions.teacherId })
    .from(positions)
    .where(
      and(
        eq(positions.organizationId, organizationId),
        inArray(positions.teacherId, teacherIds),
        or(isNull(positions.endDate), gte(positions.endDate, from)),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Teachers (of the given ones) with any position in one of the organizations. */
export async function teachersOfOrganizations(
  db: Db,
  organizationIds: number[],
  teacherIds: number[],
): Promise<Set<number>> {
  if (!organizationIds.length || !teacherIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: positions.teacherId })
    .from(positions)
    .where(and(inArray(positions.organizationId, organizationIds), inArray(positions.teacherId, teacherIds)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Teachers one may add to an association or event: of the municipality, or of some organizations only,
 * matching a name, with their current workplace to tell namesakes apart. `members` is a subquery of the
 * teacher ids already linked (the event's participants, the association's current members): left out.
 * «Works there» and «current workplace» are on `today`.
 */
export async function findTeacherCandidates(
  db: Db,
  options: {
    municipalityId: number;
    organizationIds: number[] | null;
    members: SQL;
    q?: string;
    limit: number;
    today: string;
  },
) {
  const name = sql<string>`concat_ws(' ', ${teachers.lastName}, ${teachers.firstName}, ${teachers.middleName})`;
  const place = currentPositionOf(teachers.id, options.today);
  const words = (options.q ?? '').split(/\s+/).filter(Boolean).slice(0, 3);
  return db
    .select({
      id: teachers.id,
      fullName: name,
      organizationShortName: place.organizationShortName,
      positionTitle: place.positionTitle,
    })
    .from(teachers)
    .where(
      and(
        eq(teachers.municipalityId, options.municipalityId),
        options.organizationIds
          ? inArray(
              teachers.id,
              db
                .select({ id: positions.teacherId })
                .from(positions)
                .where(
                  and(
                    inArray(
                      positions.organizationId,
                      options.organizationIds.length ? options.organizationIds : [-1],
                    ),
                    or(isNull(positions.endDate), gte(positions.endDate, options.today)),
                  ),
                ),
            )
          : undefined,
        sql`${teachers.id} not in (${options.members})`,
        ...words.map((w) => sql`${name} ilike ${`%${w.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`),
      ),
    )
    .orderBy(teachers.lastName, teachers.firstName, teachers.id)
    .limit(options.limit);
}
