import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  events,
  organizationGroupMembers,
  organizationGroups,
  organizations,
  schoolPartnershipEvents,
  schoolPartnerships,
} from '../../db/schema/index.ts';

/**
 * The ids of the department's groups an organization is in, as one SQL column: what decides an indicator's
 * applicability and a recommendation's audience (`groupIds` of ApplicabilityTarget). Every query that loads
 * organizations for those decisions selects it.
 */
export const groupIdsOf = (organizationId: SQL | typeof organizations.id) =>
  sql<
    number[]
  >`coalesce((select array_agg(gm.group_id order by gm.group_id) from organization_group_members gm where gm.organization_id = ${organizationId}), '{}')`.mapWith(
    (v: unknown) => (Array.isArray(v) ? v.map(Number) : parseIntArray(v)),
  );

/** PostgreSQL's text form of an int array («{1,2}»), when a driver hands the array over as text. */
function parseIntArray(v: unknown): number[] {
  const text = String(v ?? '').replace(/[{}]/g, '');
  return text ? text.split(',').map(Number) : [];
}

export type GroupRow = typeof organizationGroups.$inferSelect & { organizationIds: number[] };

const memberIds = sql<
  number[]
>`coalesce((select array_agg(gm.organization_id order by gm.organization_id) from organization_group_members gm where gm.group_id = ${organizationGroups.id}), '{}')`.mapWith(
  (v: unknown) => (Array.isArray(v) ? v.map(Number) : parseIntArray(v)),
);

/** Groups of some municipalities (all when null), optionally only those an organization is in. */
export async function findGroups(
  db: Db,
  filter: { municipalityIds: number[] | null; organizationId?: number },
): Promise<GroupRow[]> {
  const conditions = [
    filter.municipalityIds
      ? inArray(
          organizationGroups.municipalityId,
          filter.municipalityIds.length ? filter.municipalityIds : [-1],
        )
      : undefined,
    filter.organizationId
      ? sql`exists (select 1 from organization_group_members gm where gm.group_id = ${organizationGroups.id} and gm.organization_id = ${filter.organizationId})`
      : undefined,
  ];
  return db
    .select({
      id: organizationGroups.id,
      municipalityId: organizationGroups.municipalityId,
      name: organizationGroups.name,
      description: organizationGroups.description,
      createdAt: organizationGroups.createdAt,
      updatedAt: organizationGroups.updatedAt,
      version: organizationGroups.version,
      organizationIds: memberIds,
    })
    .from(organizationGroups)
    .where(and(...conditions))
    .orderBy(asc(organizationGroups.name), asc(organizationGroups.id));
}

export async function findGroup(db: Db, id: number): Promise<GroupRow | undefined> {
  const [row] = await db
    .select({
      id: organizationGroups.id,
      municipalityId: organizationGroups.municipalityId,
      name: organizationGroups.name,
      description: organizationGroups.description,
      createdAt: organizationGroups.createdAt,
      updatedAt: organizationGroups.updatedAt,
      version: organizationGroups.version,
      organizationIds: memberIds,
    })
    .from(organizationGroups)
    .where(eq(organizationGroups.id, id));
  return row;
}

export async function findGroupsById(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: organizationGroups.id,
      municipalityId: organizationGroups.municipalityId,
      name: organizationGroups.name,
    })
    .from(organizationGroups)
    .where(inArray(organizationGroups.id, ids));
}

export async function isGroupNameTaken(db: Db, municipalityId: number, name: string, exceptId?: number) {
  const rows = await db
    .select({ id: organizationGroups.id })
    .from(organizationGroups)
    .where(
      and(
        eq(organizationGroups.municipalityId, municipalityId),
        sql`lower(${organizationGroups.name}) = lower(${name})`,
        exceptId ? sql`${organizationGroups.id} <> ${exceptId}` : undefined,
      ),
    );
  return rows.length > 0;
}

export async function insertGroup(
  db: Db,
  values: { municipalityId: number; name: string; description: string | null },
) {
  const [row] = await db.insert(organizationGroups).values(values).returning({ id: organizationGroups.id });
  return row.id;
}

/** Replaces the members of a group. */
export async function setGroupMembers(db: Db, groupId: number, organizationIds: number[]) {
  await db.delete(organizationGroupMembers).where(eq(organizationGroupMembers.groupId, groupId));
  if (organizationIds.length)
    await db
      .insert(organizationGroupMembers)
      .values(organizationIds.map((organizationId) => ({ groupId, organizationId })));
}

export async function deleteGroup(db: Db, id: number) {
  await db.delete(organizationGroups).where(eq(organizationGroups.id, id));
}

/**
 * A group's name as indicators' applicability and recommendations' audiences store it beside its id (what a
 * letter prints): renamed there too, in the same transaction. A frozen campaign snapshot keeps its own.
 */
export async function renameGroupReferences(db: Db, id: number, name: string) {
  const ref = JSON.stringify([{ id }]);
  const renamed = (column: SQL, key: string) =>
    sql`jsonb_set(${column}, ${`{${key}}`}::text[], (select jsonb_agg(case when (g->>'id')::int = ${id} then jsonb_build_object('id', ${id}::int, 'name', ${name}::text) else g end) from jsonb_array_elements(${column}->${key}) g))`;
  await db.execute(
    sql`update indicators set applicability = ${renamed(sql`applicability`, 'orgGroups')} where applicability->'orgGroups' @> ${ref}::jsonb`,
  );
  await db.execute(
    sql`update recommendations set audience = ${renamed(sql`audience`, 'orgGroups')} where audience->'orgGroups' @> ${ref}::jsonb`,
  );
}

/** Organizations by id with their municipality: to check that members belong to the group's municipality. */
export async function findOrganizationsOf(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: organizations.id,
      municipalityId: organizations.municipalityId,
      shortName: organizations.shortName,
      kind: organizations.kind,
    })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}

// ——— school partnerships ———

export type PartnershipRow = typeof schoolPartnerships.$inferSelect & { eventIds: number[] };

const eventIdsOf = sql<
  number[]
>`coalesce((select array_agg(pe.event_id order by pe.event_id) from school_partnership_events pe where pe.partnership_id = ${schoolPartnerships.id}), '{}')`.mapWith(
  (v: unknown) => (Array.isArray(v) ? v.map(Number) : parseIntArray(v)),
);

const partnershipColumns = {
  id: schoolPartnerships.id,
  municipalityId: schoolPartnerships.municipalityId,
  strongOrganizationId: schoolPartnerships.strongOrganizationId,
  weakOrganizationId: schoolPartnerships.weakOrganizationId,
  title: schoolPartnerships.title,
  startDate: schoolPartnerships.startDate,
  endDate: schoolPartnerships.endDate,
  plan: schoolPartnerships.plan,
  outcomes: schoolPartnerships.outcomes,
  createdAt: schoolPartnerships.createdAt,
  updatedAt: schoolPartnerships.updatedAt,
  version: schoolPartnerships.version,
  eventIds: eventIdsOf,
};

/** Partnerships of some municipalities (all when null) and/or those some organizations take part in. */
export async function findPartnerships(
  db: Db,
  filter: { municipalityIds: number[] | null; organizationIds: number[] | null },
): Promise<PartnershipRow[]> {
  const orgs = filter.organizationIds?.length ? filter.organizationIds : [-1];
  return db
    .select(partnershipColumns)
    .from(schoolPartnerships)
    .where(
      and(
        filter.municipalityIds
          ? inArray(
              schoolPartnerships.municipalityId,
              filter.municipalityIds.length ? filter.municipalityIds : [-1],
            )
          : undefined,
        filter.organizationIds
          ? or(
              inArray(schoolPartnerships.strongOrganizationId, orgs),
              inArray(schoolPartnerships.weakOrganizationId, orgs),
            )
          : undefined,
      ),
    )
    .orderBy(asc(schoolPartnerships.startDate), asc(schoolPartnerships.id));
}

export async function findPartnership(db: Db, id: number): Promise<PartnershipRow | undefined> {
  const [row] = await db
    .select(partnershipColumns)
    .from(schoolPartnerships)
    .where(eq(schoolPartnerships.id, id));
  return row;
}

export async function insertPartnership(db: Db, values: typeof schoolPartnerships.$inferInsert) {
  const [row] = await db.insert(schoolPartnerships).values(values).returning({ id: schoolPartnerships.id });
  return row.id;
}

export async function setPartnershipEvents(db: Db, partnershipId: number, eventIds: number[]) {
  await db.delete(schoolPartnershipEvents).where(eq(schoolPartnershipEvents.partnershipId, partnershipId));
  if (eventIds.length)
    await db.insert(schoolPartnershipEvents).values(eventIds.map((eventId) => ({ partnershipId, eventId })));
}

export async function deletePartnership(db: Db, id: number) {
  await db.delete(schoolPartnerships).where(eq(schoolPartnerships.id, id));
}

export async function findEventsById(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: events.id,
      municipalityId: events.municipalityId,
      title: events.title,
      date: events.date,
      level: events.level,
      format: events.format,
    })
    .from(events)
    .where(inArray(events.id, ids))
    .orderBy(asc(events.date), asc(events.id));
}
