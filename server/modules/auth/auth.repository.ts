import { and, eq, lt, ne, sql } from 'drizzle-orm';
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

/** Grants with their scope resolved: an organization or association grant learns its municipality. */
export async function findGrantsOfUser(db: Db, userId: number): Promise<RoleGrant[]> {
  // Every request with a session reads the user's grants: built once (db/prepared.ts).
  const rows = await preparedQuery(db, 'grants_of_user', (d) =>
    d
      .select({
        role: userRoles.role,
        municipalityId: sql<
          number | null
        >`coalesce(${userRoles.municipalityId}, ${organizations.municipalityId}, ${associations.municipalityId})`,
        organizationId: sql<
          number | null
        >`coalesce(${userRoles.organizationId}, ${associations.organizationId})`,
        associationId: userRoles.associationId,
        regionId: userRoles.regionId,
        personalData: userRoles.personalData,
      })
      .from(userRoles)
      .leftJoin(organizations, eq(organizations.id, userRoles.organizationId))
      .leftJoin(associations, eq(associations.id, userRoles.associationId))
      .where(eq(userRoles.userId, sql.placeholder('userId')))
      .orderBy(userRoles.id)
      .prepare('grants_of_user'),
  ).execute({ userId });
  const grants: RoleGrant[] = [];
  for (const r of rows) {
    const grant: RoleGrant = {
      role: r.role,
      municipalityId: r.municipalityId === null ? null : Number(r.municipalityId),
      organizationId: r.organizationId === null ? null : Number(r.organizationId),
      associationId: r.associationId,
    };
    if (r.role === 'regional_coordinator' && r.regionId !== null) {
      grant.regionId = r.regionId;
      grant.personalData = r.personalData;
      grant.regionMunicipalityIds = await findMunicipalitiesOfRegion(db, r.regionId);
    }
    grants.push(grant);
  }
  return grants;
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
      user: Omit<AuthUser, 'roles'>;
    }
  | undefined
> {
  // Every request with a cookie: built once (db/prepared.ts).
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
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sql.placeholder('id')), sql`${sessions.expiresAt} > now()`))
      .prepare('active_session'),
  ).execute({ id });
  if (!row || !row.isActive) return undefined;
  return {
    session: { id: row.id, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt },
    user: { id: row.userId, login: row.login, fullName: row.fullName, teacherId: row.teacherId },
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
