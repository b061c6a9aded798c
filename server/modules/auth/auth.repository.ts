import { and, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import {
  associations,
  grantGeneration,
  municipalities,
  organizations,
  sessions,
  userRoles,
  users,
} from '../../db/schema/index.ts';
import type { AuthUser, RoleGrant } from './access.ts';

export async function findUserForLogin(db: Db, login: string) {
  const [row] = await db
    .select({
      id: users.id,
      login: users.login,
      fullName: users.fullName,
      passwordHash: users.passwordHash,
      isActive: users.isActive,
      teacherId: users.teacherId,
    })
    .from(users)
    .where(eq(users.login, login.trim().toLowerCase()));
  return row;
}

/**
 * A user's grants as one JSON array, with their scope resolved: an organization or association grant learns
 * its municipality, a regional grant the municipalities of its region (a new municipality counts from the
 * next request). The one definition of a grant's columns: the login reads it alone, every request with
 * a session reads it with the session (one round trip).
 */
const grantsOf = (userId: SQL) => sql<GrantRow[]>`coalesce((select json_agg(json_build_object(
    'role', ur.role,
    'municipalityId', coalesce(ur.municipality_id, o.municipality_id, a.municipality_id),
    'organizationId', coalesce(ur.organization_id, a.organization_id),
    'associationId', ur.association_id,
    'regionId', case when ur.role = 'regional_coordinator' then ur.region_id end,
    'personalData', ur.personal_data,
    'regionMunicipalityIds', case when ur.role = 'regional_coordinator' then
      coalesce((select json_agg(m.id order by m.id) from ${municipalities} m where m.region_id = ur.region_id),
        '[]'::json) end) order by ur.id)
  from ${userRoles} ur
  left join ${organizations} o on o.id = ur.organization_id
  left join ${associations} a on a.id = ur.association_id
  where ur.user_id = ${userId}), '[]'::json)`;

type GrantRow = Omit<RoleGrant, 'regionId' | 'personalData' | 'regionMunicipalityIds'> & {
  regionId: number | null;
  personalData: boolean;
  regionMunicipalityIds: number[] | null;
};

const grantsFromJson = (rows: GrantRow[] | string): RoleGrant[] =>
  (typeof rows === 'string' ? (JSON.parse(rows) as GrantRow[]) : rows).map((r) => {
    const grant: RoleGrant = {
      role: r.role,
      municipalityId: r.municipalityId === null ? null : Number(r.municipalityId),
      organizationId: r.organizationId === null ? null : Number(r.organizationId),
      associationId: r.associationId === null ? null : Number(r.associationId),
    };
    if (r.regionId !== null) {
      grant.regionId = Number(r.regionId);
      grant.personalData = r.personalData;
      grant.regionMunicipalityIds = (r.regionMunicipalityIds ?? []).map(Number);
    }
    return grant;
  });

/**
 * A user's grants, read with the grant generation in one statement (one snapshot) and kept under it: the
 * login reads them so, and the user's first request after it uses them as they are.
 */
export async function findGrantsOfUser(db: Db, userId: number): Promise<RoleGrant[]> {
  const [fresh] = await preparedQuery(db, 'grants_with_generation', (d) =>
    d
      .select({
        generation: grantGeneration.value,
        grants: grantsOf(sql`${sql.placeholder('userId')}::int`),
      })
      .from(grantGeneration)
      .where(eq(grantGeneration.id, 1))
      .prepare('grants_with_generation'),
  ).execute({ userId });
  return keepGrants(db, userId, fresh.generation, grantsFromJson(fresh.grants)) as RoleGrant[];
}

export async function insertSession(
  db: Db,
  values: { id: string; userId: number; expiresAt: Date; ip?: string; userAgent?: string },
) {
  await db.insert(sessions).values(values);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, values.userId));
}

/**
 * The grants of users seen lately, each with the grant generation it was read at (migration
 * `grant_generation`): a request whose session row carries the same generation uses them as they are, so
 * the common request reads one plain row instead of resolving the grants again. Kept per database handle;
 * at most `GRANTS_KEPT` users, the longest unseen let go first. Kept grants are frozen: they are shared.
 */
const GRANTS_KEPT = 20_000;
const keptGrants = new WeakMap<Db, Map<number, { generation: number; grants: readonly RoleGrant[] }>>();

function keepGrants(db: Db, userId: number, generation: number, grants: RoleGrant[]) {
  let kept = keptGrants.get(db);
  if (!kept) keptGrants.set(db, (kept = new Map()));
  kept.delete(userId);
  if (kept.size >= GRANTS_KEPT) kept.delete(kept.keys().next().value!);
  const frozen = Object.freeze(grants.map((g) => Object.freeze(g)));
  kept.set(userId, { generation, grants: frozen });
  return frozen;
}

export async function findActiveSession(
  db: Db,
  id: string,
): Promise<
  | {
      session: { id: string; expiresAt: Date; lastSeenAt: Date };
      user: AuthUser;
    }
  | undefined
> {
  // Every request with a cookie: the session, its user and the grant generation in one plain row, built
  // once (db/prepared.ts); the grants themselves only when the generation moved or the user is new here.
  const [row] = await preparedQuery(db, 'active_session', (d) =>
    d
      .select({
        id: sessions.id,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        userId: users.id,
        login: users.login,
        fullName: users.fullName,
        teacherId: users.teacherId,
        isActive: users.isActive,
        generation: grantGeneration.value,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(grantGeneration, eq(grantGeneration.id, 1))
      .where(and(eq(sessions.id, sql.placeholder('id')), sql`${sessions.expiresAt} > now()`))
      .prepare('active_session'),
  ).execute({ id });
  if (!row || !row.isActive) return undefined;
  const kept = keptGrants.get(db)?.get(row.userId);
  let roles: readonly RoleGrant[];
  if (kept?.generation === row.generation) {
    roles = kept.grants;
    // Seen again: the last to be let go.
    keptGrants.get(db)!.delete(row.userId);
    keptGrants.get(db)!.set(row.userId, kept);
  } else {
    roles = await findGrantsOfUser(db, row.userId);
  }
  return {
    session: { id: row.id, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt },
    user: {
      id: row.userId,
      login: row.login,
      fullName: row.fullName,
      teacherId: row.teacherId,
      roles: roles as RoleGrant[],
    },
  };
}

export async function extendSession(db: Db, id: string, expiresAt: Date) {
  await db.update(sessions).set({ expiresAt, lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends the user's sessions, except `keepSessionId` (the session a password is changed in). */
export async function deleteSessionsOfUser(db: Db, userId: number, keepSessionId?: string) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined));
}

export async function deleteExpiredSessions(db: Db) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
