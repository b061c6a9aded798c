import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { associationMembers, associations, organizations } from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { containsPattern, type Page } from '../shared/http.ts';
import { ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, outer, paged } from '../shared/paging.ts';
import { linkVisibleCondition } from '../shared/teacher-links.ts';
import { currentPositionOf, teacherNameOf } from '../shared/teachers.ts';
import { leaderAssociationIds } from './associations.policy.ts';
import type { ListAssociationsQuery } from './associations.schema.ts';

/** A membership not ended before `today` (the server's «today», not the database's date). */
const isCurrentMember = (today: string) =>
  sql`(${outer(associationMembers.leftOn)} is null or ${outer(associationMembers.leftOn)} >= ${today}::date)`;

const associationColumns = (today: string) => ({
  id: associations.id,
  municipalityId: associations.municipalityId,
  organizationId: associations.organizationId,
  organizationShortName: organizations.shortName,
  name: associations.name,
  level: associations.level,
  type: associations.type,
  subject: associations.subject,
  leaderId: associations.leaderId,
  leaderName: teacherNameOf(associations.leaderId),
  startDate: associations.startDate,
  endDate: associations.endDate,
  memberCount: sql<number>`(select count(*)::int from ${associationMembers} where ${outer(associationMembers.associationId)} = ${outer(associations.id)} and ${isCurrentMember(today)})`,
  version: associations.version,
});

export type AssociationRow = Awaited<ReturnType<typeof findAssociationById>> & object;

const selectAssociations = (db: Db, today: string) =>
  db
    .select(associationColumns(today))
    .from(associations)
    .leftJoin(organizations, eq(organizations.id, associations.organizationId));

export async function findAssociationById(db: Db, id: number, today: string) {
  const [row] = await selectAssociations(db, today).where(eq(associations.id, id));
  return row;
}

/** What a user may read: by the owner (municipal or ШМО), and a leader's own associations. */
export function associationReadCondition(user: AuthUser): SQL | undefined {
  const byOwner = ownerReadCondition(user, associations);
  const led = leaderAssociationIds(user);
  if (!led.length || byOwner === undefined) return byOwner;
  return or(byOwner, inArray(associations.id, led));
}

export function findAssociations(db: Db, user: AuthUser, q: ListAssociationsQuery, today: string) {
  const where = and(
    associationReadCondition(user),
    q.municipalityId ? eq(associations.municipalityId, q.municipalityId) : undefined,
    q.organizationId ? eq(associations.organizationId, q.organizationId) : undefined,
    q.level ? eq(associations.level, q.level) : undefined,
    q.type ? eq(associations.type, q.type) : undefined,
    q.q
      ? or(ilike(associations.name, containsPattern(q.q)), ilike(associations.subject, containsPattern(q.q)))
      : undefined,
  );
  return paged(
    selectAssociations(db, today)
      .where(where)
      // Municipal ones first, then the ШМО by organization; active before closed.
      .orderBy(
        sql`${associations.organizationId} is not null`,
        asc(organizations.shortName),
        sql`${associations.endDate} is not null`,
        asc(associations.name),
      )
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, associations, where),
  );
}

const memberTeacherName = teacherNameOf(associationMembers.teacherId);

const memberColumns = (today: string) => {
  const position = currentPositionOf(associationMembers.teacherId, today);
  return {
    id: associationMembers.id,
    associationId: associationMembers.associationId,
    teacherId: associationMembers.teacherId,
    teacherName: memberTeacherName,
    organizationShortName: position.organizationShortName,
    positionTitle: position.positionTitle,
    joinedOn: associationMembers.joinedOn,
    leftOn: associationMembers.leftOn,
    version: associationMembers.version,
    // The owner of a membership is the owner of its association.
    municipalityId: associations.municipalityId,
    organizationId: associations.organizationId,
    associationName: associations.name,
    associationLevel: associations.level,
    associationType: associations.type,
  };
};

export type MemberRow = Awaited<ReturnType<typeof findMemberById>> & object;

const selectMembers = (db: Db, today: string) =>
  db
    .select(memberColumns(today))
    .from(associationMembers)
    .innerJoin(associations, eq(associations.id, associationMembers.associationId));

export async function findMemberById(db: Db, id: number, today: string) {
  const [row] = await selectMembers(db, today).where(eq(associationMembers.id, id));
  return row;
}

/** Members a user may see: see linkVisibleCondition (an organization sees only its own teachers). */
const memberVisible = (user: AuthUser) =>
  linkVisibleCondition(
    user,
    {
      municipalityId: associations.municipalityId,
      organizationId: associations.organizationId,
      teacherId: associationMembers.teacherId,
      parentId: associationMembers.associationId,
    },
    leaderAssociationIds(user),
  );

export function findMembers(
  db: Db,
  user: AuthUser,
  filter: Page & { associationId?: number; teacherId?: number },
  today: string,
) {
  const where = and(
    memberVisible(user),
    filter.associationId ? eq(associationMembers.associationId, filter.associationId) : undefined,
    filter.teacherId ? eq(associationMembers.teacherId, filter.teacherId) : undefined,
  );
  return paged(
    selectMembers(db, today)
      .where(where)
      .orderBy(
        sql`${associationMembers.leftOn} is not null`,
        asc(memberTeacherName),
        asc(associationMembers.id),
      )
      .limit(filter.pageSize)
      .offset(offsetOf(filter)),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(associationMembers)
      .innerJoin(associations, eq(associations.id, associationMembers.associationId))
      .where(where),
  );
}

/** The current members of an association (not left before `today`), as a subquery. */
export const currentMembersOf = (associationId: number, today: string) =>
  sql`select ${associationMembers.teacherId} from ${associationMembers}
    where ${associationMembers.associationId} = ${associationId}
      and (${associationMembers.leftOn} is null or ${associationMembers.leftOn} >= ${today}::date)`;

/** Teachers with a current membership in the association (not left before `on`). */
export async function currentMemberIds(db: Db, associationId: number, teacherIds: number[], on: string) {
  if (!teacherIds.length) return new Set<number>();
  const rows = await db
    .select({ id: associationMembers.teacherId })
    .from(associationMembers)
    .where(
      and(
        eq(associationMembers.associationId, associationId),
        inArray(associationMembers.teacherId, teacherIds),
        or(isNull(associationMembers.leftOn), sql`${associationMembers.leftOn} >= ${on}`),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function insertMembers(
  db: Db,
  rows: { associationId: number; teacherId: number; joinedOn: string; leftOn: string | null }[],
) {
  if (!rows.length) return [];
  const inserted = await db.insert(associationMembers).values(rows).returning({ id: associationMembers.id });
  return inserted.map((r) => r.id);
}
