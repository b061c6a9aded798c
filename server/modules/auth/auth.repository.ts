import { and, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import {
  associations,
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

export async function findGrantsOfUser(db: Db, userId: number): Promise<RoleGrant[]> {
  const [row] = await preparedQuery(db, 'grants_of_user', (d) =>
    d
      .select({ grants: grantsOf(sql`${sql.placeholder('userId')}::int`) })
      .from(sql`(select 1) as one`)
      .prepare('grants_of_user'),
  ).execute({ userId });
  return grantsFromJson(row.grants);
}

/** The municipalities a regional grant reaches, read with the grants (a new municipality counts from the next request). */
export async function findMunicipalitiesOfRegion(db: Db, regionId: number): Promise<number[]> {
  const rows = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(eq(municipalities.regionId, regionId))
    .orderBy(municipalities.id);
  return rows.map((r) => r.id);
}

export async function insertSession(
  db: Db,
  values: { id: string; userId: number; expiresAt: Date; ip?: string; userAgent?: string },
) {
  await db.insert(sessions).values(values);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, values.userId));
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
  // Every request with a cookie, with the user's grants: one round trip, built once (db/prepared.ts).
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
        grants: grantsOf(sql`${users.id}`),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sql.placeholder('id')), sql`${sessions.expiresAt} > now()`))
      .prepare('active_session'),
  ).execute({ id });
  if (!row || !row.isActive) return undefined;
  return {
    session: { id: row.id, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt },
    user: {
      id: row.userId,
      login: row.login,
      fullName: row.fullName,
      teacherId: row.teacherId,
      roles: grantsFromJson(row.grants),
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
