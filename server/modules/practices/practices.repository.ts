import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  associations,
  deficits,
  events,
  files,
  organizations,
  practiceAuthors,
  practiceDeficits,
  practiceEvents,
  practiceFiles,
  practiceReviews,
  practices,
  practiceTransitions,
  teachers,
  users,
} from '../../db/schema/index.ts';
import { isGlobalAdmin, organizationScope, type AuthUser } from '../auth/access.ts';
import { containsPattern } from '../registers/shared/http.ts';
import { countWhere, offsetOf, paged } from '../registers/shared/paging.ts';
import { municipalitiesOf } from './practices.policy.ts';
import type { ListPracticesQuery } from './practices.schema.ts';

const practiceColumns = {
  id: practices.id,
  municipalityId: practices.municipalityId,
  organizationId: practices.organizationId,
  organizationShortName: organizations.shortName,
  title: practices.title,
  kind: practices.kind,
  subject: practices.subject,
  stage: practices.stage,
  description: practices.description,
  links: practices.links,
  status: practices.status,
  reviewBody: practices.reviewBody,
  associationId: practices.associationId,
  associationName: associations.name,
  reason: practices.reason,
  isPublic: practices.isPublic,
  publishedAt: practices.publishedAt,
  updatedAt: practices.updatedAt,
  version: practices.version,
};

const selectPractices = (db: Db) =>
  db
    .select(practiceColumns)
    .from(practices)
    .leftJoin(organizations, eq(organizations.id, practices.organizationId))
    .leftJoin(associations, eq(associations.id, practices.associationId));

export type PracticeRow = Awaited<ReturnType<ReturnType<typeof selectPractices>['execute']>>[number];

export async function findPracticeById(db: Db, id: number): Promise<PracticeRow | undefined> {
  const [row] = await selectPractices(db).where(eq(practices.id, id));
  return row;
}

const teacherName = sql<string>`concat_ws(' ', ${teachers.lastName}, ${teachers.firstName}, ${teachers.middleName})`;

/** The authors of some entries, by entry. */
export async function authorsOf(db: Db, ids: number[]) {
  const out = new Map<number, { id: number; name: string }[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ practiceId: practiceAuthors.practiceId, id: teachers.id, name: teacherName })
    .from(practiceAuthors)
    .innerJoin(teachers, eq(teachers.id, practiceAuthors.teacherId))
    .where(inArray(practiceAuthors.practiceId, ids))
    .orderBy(asc(teachers.lastName), asc(teachers.firstName));
  for (const { practiceId, ...author } of rows) out.set(practiceId, [...(out.get(practiceId) ?? []), author]);
  return out;
}

/** The deficits some entries address, by entry. */
export async function deficitsOf(db: Db, ids: number[]) {
  const out = new Map<number, { code: string; title: string }[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ practiceId: practiceDeficits.practiceId, code: deficits.code, title: deficits.title })
    .from(practiceDeficits)
    .innerJoin(deficits, eq(deficits.code, practiceDeficits.deficitCode))
    .where(inArray(practiceDeficits.practiceId, ids))
    .orderBy(asc(deficits.code));
  for (const { practiceId, ...d } of rows) out.set(practiceId, [...(out.get(practiceId) ?? []), d]);
  return out;
}

export const reviewsOf = (db: Db, practiceId: number) =>
  db
    .select({
      id: practiceReviews.id,
      reviewerId: practiceReviews.reviewerId,
      reviewerName: users.fullName,
      scores: practiceReviews.scores,
      total: practiceReviews.total,
      comment: practiceReviews.comment,
      reviewedAt: practiceReviews.reviewedAt,
      version: practiceReviews.version,
    })
    .from(practiceReviews)
    .innerJoin(users, eq(users.id, practiceReviews.reviewerId))
    .where(eq(practiceReviews.practiceId, practiceId))
    .orderBy(asc(practiceReviews.id));

export const historyOf = (db: Db, practiceId: number) =>
  db
    .select({
      fromStatus: practiceTransitions.fromStatus,
      toStatus: practiceTransitions.toStatus,
      comment: practiceTransitions.comment,
      userName: practiceTransitions.userName,
      at: practiceTransitions.at,
    })
    .from(practiceTransitions)
    .where(eq(practiceTransitions.practiceId, practiceId))
    .orderBy(asc(practiceTransitions.id));

export const filesOf = (db: Db, practiceId: number) =>
  db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, size: files.size })
    .from(practiceFiles)
    .innerJoin(files, eq(files.id, practiceFiles.fileId))
    .where(eq(practiceFiles.practiceId, practiceId))
    .orderBy(asc(files.id));

export const eventsOf = (db: Db, practiceId: number) =>
  db
    .select({ id: events.id, title: events.title, date: events.date })
    .from(practiceEvents)
    .innerJoin(events, eq(events.id, practiceEvents.eventId))
    .where(eq(practiceEvents.practiceId, practiceId))
    .orderBy(asc(events.date));

/** Entries of the bank the user may see: see practices.policy.ts canReadPractice, in SQL. */
function visibleTo(user: AuthUser): SQL | undefined {
  if (isGlobalAdmin(user)) return undefined;
  const department = user.roles
    .filter((g) => (g.role === 'admin' || g.role === 'coordinator') && g.municipalityId !== null)
    .map((g) => g.municipalityId!);
  const own = organizationScope(user, 'manage').organizationIds;
  const readable = municipalitiesOf(user);
  const conditions: SQL[] = [
    sql`${practices.id} in (select practice_id from practice_reviews where reviewer_id = ${user.id})`,
  ];
  if (department.length) conditions.push(inArray(practices.municipalityId, department));
  if (own.length) conditions.push(inArray(practices.organizationId, own));
  if (user.teacherId !== null)
    conditions.push(
      sql`${practices.id} in (select practice_id from practice_authors where teacher_id = ${user.teacherId})`,
    );
  if (readable.length)
    conditions.push(and(eq(practices.status, 'published'), inArray(practices.municipalityId, readable))!);
  return or(...conditions);
}

export async function findPractices(db: Db, user: AuthUser, q: ListPracticesQuery) {
  const search = q.q ? containsPattern(q.q) : null;
  const where = and(
    visibleTo(user),
    q.municipalityId ? eq(practices.municipalityId, q.municipalityId) : undefined,
    q.organizationId ? eq(practices.organizationId, q.organizationId) : undefined,
    q.status ? eq(practices.status, q.status) : undefined,
    q.kind ? eq(practices.kind, q.kind) : undefined,
    q.stage ? eq(practices.stage, q.stage) : undefined,
    q.subject ? ilike(practices.subject, containsPattern(q.subject)) : undefined,
    q.deficitCode
      ? sql`${practices.id} in (select practice_id from practice_deficits where deficit_code = ${q.deficitCode})`
      : undefined,
    q.mine
      ? sql`${practices.id} in (select practice_id from practice_reviews where reviewer_id = ${user.id})`
      : undefined,
    search
      ? or(
          ilike(practices.title, search),
          ilike(practices.description, search),
          sql`${practices.id} in (select pa.practice_id from practice_authors pa join teachers t on t.id = pa.teacher_id
            where concat_ws(' ', t.last_name, t.first_name, t.middle_name) ilike ${search})`,
        )
      : undefined,
  );
  return paged(
    selectPractices(db)
      .where(where)
      .orderBy(desc(practices.updatedAt), desc(practices.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, practices, where),
  );
}

/** Published entries the coordinator showed on the public page, of one municipality. */
export const findPublicPractices = (db: Db, municipalityId: number) =>
  selectPractices(db)
    .where(
      and(
        eq(practices.municipalityId, municipalityId),
        eq(practices.status, 'published'),
        eq(practices.isPublic, true),
      ),
    )
    .orderBy(desc(practices.publishedAt), desc(practices.id));

/** Accounts with a role in the municipality (its teachers, association leaders, school managers): reviewers. */
export async function findReviewerCandidates(db: Db, municipalityId: number, q?: string) {
  return db
    .selectDistinct({ id: users.id, fullName: users.fullName, login: users.login })
    .from(users)
    .innerJoin(sql`user_roles ur`, sql`ur.user_id = ${users.id}`)
    .where(
      and(
        eq(users.isActive, true),
        sql`(ur.municipality_id = ${municipalityId}
          or ur.organization_id in (select id from organizations where municipality_id = ${municipalityId})
          or ur.association_id in (select id from associations where municipality_id = ${municipalityId}))`,
        q ? ilike(users.fullName, containsPattern(q)) : undefined,
      ),
    )
    .orderBy(asc(users.fullName))
    .limit(50);
}
