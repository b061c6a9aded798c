import { and, asc, desc, eq, ilike, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import { inOrder } from '../../db/in-order.ts';
import type { Db } from '../../db/client.ts';
import { municipalities, organizations, positions } from '../../db/schema/index.ts';
import type { OrganizationScope } from '../auth/access.ts';
import type {
  CreateOrganizationInput,
  ListOrganizationsQuery,
  OrganizationFilters,
} from './organizations.schema.ts';

/** The SQL condition that keeps a query inside what the caller may see. */
export function organizationScopeCondition(
  scope: OrganizationScope,
  column = organizations.id,
): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.municipalityIds.length) parts.push(inArray(organizations.municipalityId, scope.municipalityIds));
  if (scope.organizationIds.length) parts.push(inArray(column, scope.organizationIds));
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * A position that lasts `today`: what «teachers of an organization» counts. The server's «today»
 * (config.fixedToday), not the database's date, so the count agrees with the pages beside it.
 */
const isCurrentPosition = (today: string) => sql`${positions.startDate} <= ${today}::date
    and (${positions.endDate} is null or ${positions.endDate} >= ${today}::date)`;

const teacherCountOn = (today: string) => sql<number>`(
  select count(distinct ${positions.teacherId})::int from ${positions}
  where ${positions.organizationId} = ${organizations.id}
    and ${isCurrentPosition(today)}
)`;

/** The organization as stored: what other modules read (name, municipality, flags). */
const storedColumns = {
  id: organizations.id,
  municipalityId: organizations.municipalityId,
  municipalityName: municipalities.name,
  name: organizations.name,
  shortName: organizations.shortName,
  kind: organizations.kind,
  isLowResults: organizations.isLowResults,
  isHardSocialConditions: organizations.isHardSocialConditions,
  address: organizations.address,
  headName: organizations.headName,
  phone: organizations.phone,
  email: organizations.email,
  website: organizations.website,
  inn: organizations.inn,
  responsibleName: organizations.responsibleName,
  responsiblePhone: organizations.responsiblePhone,
  isActive: organizations.isActive,
  version: organizations.version,
  updatedAt: organizations.updatedAt,
};

/** The organization's card and list row: the stored fields and how many teachers work there `today`. */
const columnsOn = (today: string) => ({ ...storedColumns, teacherCount: teacherCountOn(today) });

/** Schools first, then kindergartens, then additional education; «№ 2» before «№ 10». */
const kindOrder = sql`case ${organizations.kind} when 'school' then 0 when 'preschool' then 1 else 2 end`;
const naturalOrder = [
  kindOrder,
  sql`nullif(substring(${organizations.shortName} from '№\\s*(\\d+)'), '')::int nulls last`,
  asc(organizations.shortName),
];

export type OrganizationRow = Awaited<ReturnType<typeof findOrganizationWithTeacherCount>> & object;

function listCondition(scope: OrganizationScope, query: OrganizationFilters) {
  const conditions = [organizationScopeCondition(scope)];
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(organizations.name, pattern),
        ilike(organizations.shortName, pattern),
        ilike(organizations.address, pattern),
      ),
    );
  }
  if (query.kind) conditions.push(eq(organizations.kind, query.kind));
  if (query.isLowResults !== undefined) conditions.push(eq(organizations.isLowResults, query.isLowResults));
  if (query.isHardSocialConditions !== undefined) {
    conditions.push(eq(organizations.isHardSocialConditions, query.isHardSocialConditions));
  }
  if (query.isAtRisk !== undefined) {
    const atRisk = or(eq(organizations.isLowResults, true), eq(organizations.isHardSocialConditions, true))!;
    conditions.push(query.isAtRisk ? atRisk : not(atRisk));
  }
  if (query.municipalityId) conditions.push(eq(organizations.municipalityId, query.municipalityId));
  if (query.isActive !== undefined) conditions.push(eq(organizations.isActive, query.isActive));
  if (query.groupId)
    conditions.push(
      sql`exists (select 1 from organization_group_members gm where gm.group_id = ${query.groupId} and gm.organization_id = ${organizations.id})`,
    );
  return and(...conditions);
}

export async function findOrganizationsInScope(
  db: Db,
  scope: OrganizationScope,
  query: ListOrganizationsQuery,
  today: string,
) {
  const where = listCondition(scope, query);
  const columns = columnsOn(today);
  const order =
    query.sort === 'teacherCount'
      ? [desc(columns.teacherCount), ...naturalOrder]
      : query.sort === 'kind'
        ? [kindOrder, ...naturalOrder]
        : naturalOrder;
  const [rows, [{ total }]] = await inOrder([
    db
      .select(columns)
      .from(organizations)
      .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(organizations)
      .where(where),
  ]);
  return { rows, total };
}

/**
 * How many organizations the filters find and how many people work in them today: a teacher with positions
 * in two of them (a совместитель) is one person, unlike the sum of the organizations' own counts.
 */
export async function countOrganizationsInScope(
  db: Db,
  scope: OrganizationScope,
  query: OrganizationFilters,
  today: string,
) {
  const where = listCondition(scope, query);
  const [[{ organizationCount }], [{ teacherCount: teachers }]] = await inOrder([
    db
      .select({ organizationCount: sql<number>`count(*)::int` })
      .from(organizations)
      .where(where),
    db
      .select({ teacherCount: sql<number>`count(distinct ${positions.teacherId})::int` })
      .from(positions)
      .innerJoin(organizations, eq(organizations.id, positions.organizationId))
      .where(and(where, isCurrentPosition(today))),
  ]);
  return { organizationCount, teacherCount: teachers };
}

export async function findOrganizationById(db: Db, id: number) {
  const [row] = await db
    .select(storedColumns)
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(eq(organizations.id, id));
  return row;
}

export async function findOrganizationWithTeacherCount(db: Db, id: number, today: string) {
  const [row] = await db
    .select(columnsOn(today))
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(eq(organizations.id, id));
  return row;
}

export async function insertOrganization(db: Db, input: CreateOrganizationInput) {
  const [row] = await db.insert(organizations).values(input).returning({ id: organizations.id });
  return row.id;
}

export async function isShortNameTaken(db: Db, municipalityId: number, shortName: string, exceptId?: number) {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.municipalityId, municipalityId), eq(organizations.shortName, shortName)));
  return rows.some((r) => r.id !== exceptId);
}
