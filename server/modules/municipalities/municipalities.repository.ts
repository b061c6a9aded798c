import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { municipalities, organizations, regions } from '../../db/schema/index.ts';

const columns = {
  id: municipalities.id,
  regionId: municipalities.regionId,
  regionName: regions.name,
  name: municipalities.name,
  departmentName: municipalities.departmentName,
  departmentAddress: municipalities.departmentAddress,
  departmentPhone: municipalities.departmentPhone,
  departmentEmail: municipalities.departmentEmail,
  departmentRequisites: municipalities.departmentRequisites,
  headName: municipalities.headName,
  headPosition: municipalities.headPosition,
  organizationCount: sql<number>`(select count(*)::int from ${organizations} where ${organizations.municipalityId} = ${municipalities.id})`,
  version: municipalities.version,
};

export async function findMunicipalities(db: Db, ids: number[] | null) {
  return db
    .select(columns)
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(ids ? inArray(municipalities.id, ids.length ? ids : [-1]) : undefined)
    .orderBy(asc(municipalities.name));
}

export async function findMunicipalityById(db: Db, id: number) {
  const [row] = await db
    .select(columns)
    .from(municipalities)
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(eq(municipalities.id, id));
  return row;
}

export async function findOrCreateRegion(db: Db, name: string) {
  const [found] = await db.select({ id: regions.id }).from(regions).where(eq(regions.name, name));
  if (found) return found.id;
  const [created] = await db.insert(regions).values({ name }).returning({ id: regions.id });
  return created.id;
}

export async function insertMunicipality(db: Db, values: typeof municipalities.$inferInsert) {
  const [row] = await db.insert(municipalities).values(values).returning({ id: municipalities.id });
  return row.id;
}
