import { inOrder } from '../../db/in-order.ts';
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  associations,
  municipalities,
  organizations,
  regions,
  teachers,
  userRoles,
  users,
} from '../../db/schema/index.ts';
import type { GrantInput, ListUsersQuery } from './users.schema.ts';

const userColumns = {
  id: users.id,
  login: users.login,
  fullName: users.fullName,
  email: users.email,
  isActive: users.isActive,
  teacherId: users.teacherId,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
};

export type UserRow = typeof users.$inferSelect;

/** Users holding at least one grant inside the given municipalities (all users when `municipalityIds` is null). */
export async function findUsers(db: Db, municipalityIds: number[] | null, query: ListUsersQuery) {
  const conditions: (SQL | undefined)[] = [];
  if (municipalityIds) conditions.push(inArray(users.id, usersOfMunicipalities(db, municipalityIds)));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(users.login, pattern), ilike(users.fullName, pattern), ilike(users.email, pattern)),
    );
  }
  if (query.role) {
    conditions.push(
      inArray(
        users.id,
        db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, query.role)),
      ),
    );
  }
  if (query.organizationId) {
    conditions.push(
      inArray(
        users.id,
        db
          .select({ id: userRoles.userId })
          .from(userRoles)
          .where(eq(userRoles.organizationId, query.organizationId)),
      ),
    );
  }
  const where = and(...conditions);
  const [rows, [{ total }]] = await inOrder([
    db
      .select(userColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.fullName))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(where),
  ]);
  return { rows, total };
}

function usersOfMunicipalities(db: Db, municipalityIds: number[]) {
  return db
    .select({ id: userRoles.userId })
    .from(userRoles)
    .leftJoin(organizations, eq(organizations.id, userRoles.organizationId))
    .leftJoin(associations, eq(associations.id, userRoles.associationId))
    .where(
      inArray(
        sql`coalesce(${userRoles.municipalityId}, ${organizations.municipalityId}, ${associations.municipalityId})`,
        municipalityIds,
      ),
    );
}

export async function findUserById(db: Db, id: number) {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function isLoginTaken(db: Db, login: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  return rows.length > 0;
}

/** Grants of many users at once, with the name of their scope for display. */
export async function findGrantsWithNames(db: Db, userIds: number[]) {
  if (!userIds.length) return [];
  return db
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      municipalityId: sql<
        number | null
      >`coalesce(${userRoles.municipalityId}, ${organizations.municipalityId}, ${associations.municipalityId})`,
      organizationId: userRoles.organizationId,
      associationId: userRoles.associationId,
      regionId: userRoles.regionId,
      personalData: userRoles.personalData,
      scopeName: sql<
        string | null
      >`coalesce(${organizations.shortName}, ${associations.name}, ${municipalities.name}, ${regions.name})`,
    })
    .from(userRoles)
    .leftJoin(organizations, eq(organizations.id, userRoles.organizationId))
    .leftJoin(associations, eq(associations.id, userRoles.associationId))
    .leftJoin(municipalities, eq(municipalities.id, userRoles.municipalityId))
    .leftJoin(regions, eq(regions.id, userRoles.regionId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.id));
}

export async function insertUser(
  db: Db,
  values: {
    login: string;
    fullName: string;
    email?: string | null;
    passwordHash: string;
    teacherId?: number | null;
  },
) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row.id;
}

export async function replaceGrants(db: Db, userId: number, grants: GrantInput[]) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (grants.length) {
    await db.insert(userRoles).values(
      grants.map((g) => ({
        userId,
        role: g.role,
        municipalityId: g.municipalityId ?? null,
        organizationId: g.organizationId ?? null,
        associationId: g.associationId ?? null,
        regionId: g.regionId ?? null,
        personalData: g.personalData ?? false,
      })),
    );
  }
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

export async function findPasswordHash(db: Db, id: number) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.passwordHash;
}

export async function countUsers(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

/** The municipality each organization / association belongs to, for checking grants against a scope. */
export async function findScopeMunicipalities(db: Db, grants: GrantInput[]) {
  const orgIds = grants.flatMap((g) => (g.organizationId ? [g.organizationId] : []));
  const assocIds = grants.flatMap((g) => (g.associationId ? [g.associationId] : []));
  const orgs = orgIds.length
    ? await db
        .select({ id: organizations.id, municipalityId: organizations.municipalityId })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
    : [];
  const assocs = assocIds.length
    ? await db
        .select({ id: associations.id, municipalityId: associations.municipalityId })
        .from(associations)
        .where(inArray(associations.id, assocIds))
    : [];
  return {
    organizations: new Map(orgs.map((o) => [o.id, o.municipalityId])),
    associations: new Map(assocs.map((a) => [a.id, a.municipalityId])),
  };
}

export async function regionExists(db: Db, id: number) {
  const rows = await db.select({ id: regions.id }).from(regions).where(eq(regions.id, id));
  return rows.length > 0;
}

export async function municipalityExists(db: Db, id: number) {
  const rows = await db
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return rows.length > 0;
}

export async function findTeacherMunicipality(db: Db, teacherId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ municipalityId: teachers.municipalityId })
    .from(teachers)
    .where(eq(teachers.id, teacherId));
  return row?.municipalityId;
}
