import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { methodicalSpecialists, routes, users } from '../../../db/schema/index.ts';
import { municipalityScope, type AuthUser } from '../../auth/access.ts';
import { containsPattern } from '../shared/http.ts';
import { countWhere, offsetOf, outer, paged } from '../shared/paging.ts';
import type { ListSpecialistsFilter } from './specialists.schema.ts';

const s = methodicalSpecialists;

const routesWhere = (column: 'curator_id' | 'tutor_id') =>
  sql<number>`(select count(*)::int from ${routes} where ${sql.identifier(column)} = ${outer(s.id)})`;

const specialistColumns = {
  id: s.id,
  municipalityId: s.municipalityId,
  fullName: s.fullName,
  roles: s.roles,
  otherRole: s.otherRole,
  workplace: s.workplace,
  subjects: s.subjects,
  email: s.email,
  phone: s.phone,
  isActive: s.isActive,
  userId: s.userId,
  login: users.login,
  notes: s.notes,
  curatedRouteCount: routesWhere('curator_id'),
  tutoredRouteCount: routesWhere('tutor_id'),
  version: s.version,
  // The owned-records block reads an owner: a specialist belongs to its municipality, no organization.
  organizationId: sql<number | null>`null::int`,
};

const selectSpecialists = (db: Db) =>
  db.select(specialistColumns).from(s).leftJoin(users, eq(users.id, s.userId));

export type SpecialistRow = Awaited<ReturnType<typeof findSpecialistById>> & object;

export async function findSpecialistById(db: Db, id: number) {
  const [row] = await selectSpecialists(db).where(eq(s.id, id));
  return row;
}

/** The municipalities whose register a user keeps and reads in full: the department's (admin, coordinator). */
export function departmentCondition(user: AuthUser): SQL | undefined {
  const scope = municipalityScope(user, 'manage');
  if (scope.all) return undefined;
  return scope.ids.length ? inArray(s.municipalityId, scope.ids) : sql`false`;
}

function specialistsWhere(user: AuthUser, q: ListSpecialistsFilter) {
  const words = (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 3);
  return and(
    departmentCondition(user),
    q.municipalityId ? eq(s.municipalityId, q.municipalityId) : undefined,
    q.role ? sql`${q.role} = any(${s.roles})` : undefined,
    q.isActive === undefined ? undefined : eq(s.isActive, q.isActive),
    q.workplace ? sql`coalesce(${s.workplace}, '') ilike ${containsPattern(q.workplace)}` : undefined,
    ...words.map((w) =>
      or(
        sql`${s.fullName} ilike ${containsPattern(w)}`,
        sql`coalesce(${s.workplace}, '') ilike ${containsPattern(w)}`,
        sql`array_to_string(${s.subjects}, ' ') ilike ${containsPattern(w)}`,
      ),
    ),
  );
}

const order = [sql`${s.isActive} desc`, asc(s.fullName), asc(s.id)];

export function findSpecialists(
  db: Db,
  user: AuthUser,
  q: ListSpecialistsFilter & { page: number; pageSize: number },
) {
  const where = specialistsWhere(user, q);
  return paged(
    selectSpecialists(db)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, s, where),
  );
}

/** Every specialist of the filter, for the workbook. */
export function findAllSpecialists(db: Db, user: AuthUser, q: ListSpecialistsFilter) {
  return selectSpecialists(db)
    .where(specialistsWhere(user, q))
    .orderBy(...order);
}

/** Names to pick a curator or a tutor from: the active specialists of the municipalities given. */
export function findSpecialistNames(db: Db, scope: { all: boolean; ids: number[] }, q?: string) {
  return db
    .select({
      id: s.id,
      municipalityId: s.municipalityId,
      fullName: s.fullName,
      roles: s.roles,
      workplace: s.workplace,
    })
    .from(s)
    .where(
      and(
        eq(s.isActive, true),
        scope.all ? undefined : scope.ids.length ? inArray(s.municipalityId, scope.ids) : sql`false`,
        q ? sql`${s.fullName} ilike ${containsPattern(q)}` : undefined,
      ),
    )
    .orderBy(asc(s.fullName), asc(s.id))
    .limit(500);
}

/** The specialist an account is linked to, if any. */
export async function findSpecialistOfUser(db: Db, userId: number) {
  const [row] = await db
    .select({ id: s.id, municipalityId: s.municipalityId, fullName: s.fullName, isActive: s.isActive })
    .from(s)
    .where(eq(s.userId, userId));
  return row;
}

/** What the approval rules need of the route's curator and tutor: who they are and whether they log in. */
export async function findSpecialistsByIds(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: s.id,
      municipalityId: s.municipalityId,
      fullName: s.fullName,
      userId: s.userId,
      isActive: s.isActive,
    })
    .from(s)
    .where(inArray(s.id, ids));
}

export async function linkSpecialistUser(db: Db, id: number, userId: number) {
  await db
    .update(s)
    .set({ userId, version: sql`${s.version} + 1` })
    .where(eq(s.id, id));
}
