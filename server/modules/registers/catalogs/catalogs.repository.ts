import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { updateIfVersionBy } from '../../../db/versioned.ts';
import { deficits, diagnostics, providers, routeSteps, trainings } from '../../../db/schema/index.ts';
import { containsPattern } from '../shared/http.ts';
import { countWhere, offsetOf as offset, outer, paged } from '../shared/paging.ts';
import type { ListDeficitsQuery, ListProvidersQuery } from './catalogs.schema.ts';

const trainingCount = sql<number>`(select count(*)::int from ${trainings} where ${trainings.providerId} = ${outer(providers.id)})`;

const providerColumns = {
  id: providers.id,
  name: providers.name,
  kind: providers.kind,
  trainingCount,
  version: providers.version,
  // The owner: the municipality that added the entry, or none (system-wide); never an organization.
  municipalityId: providers.municipalityId,
  organizationId: sql<null>`null::int`,
};

export type ProviderRow = Awaited<ReturnType<typeof findProviderById>> & object;

export function findProviders(db: Db, q: ListProvidersQuery) {
  const where = and(
    q.q ? ilike(providers.name, containsPattern(q.q)) : undefined,
    q.kind ? eq(providers.kind, q.kind) : undefined,
  );
  return paged(
    db
      .select(providerColumns)
      .from(providers)
      .where(where)
      .orderBy(asc(providers.name))
      .limit(q.pageSize)
      .offset(offset(q)),
    countWhere(db, providers, where),
  );
}

export async function findProviderById(db: Db, id: number) {
  const [row] = await db.select(providerColumns).from(providers).where(eq(providers.id, id));
  return row;
}

export async function isProviderNameTaken(db: Db, name: string, exceptId?: number) {
  const rows = await db
    .select({ id: providers.id })
    .from(providers)
    .where(sql`lower(${providers.name}) = lower(${name})`);
  return rows.some((r) => r.id !== exceptId);
}

const diagnosticCount = sql<number>`(select count(*)::int from ${diagnostics} where ${outer(deficits.code)} = any(${diagnostics.deficitCodes}))`;
const stepCount = sql<number>`(select count(*)::int from ${routeSteps} where ${routeSteps.deficitCode} = ${outer(deficits.code)})`;

const deficitColumns = {
  code: deficits.code,
  area: deficits.area,
  title: deficits.title,
  description: deficits.description,
  municipalityId: deficits.municipalityId,
  version: deficits.version,
  diagnosticCount,
  stepCount,
};

export type DeficitRow = Awaited<ReturnType<typeof findDeficitByCode>> & object;

export function findDeficits(db: Db, q: ListDeficitsQuery) {
  const conditions: (SQL | undefined)[] = [q.area ? eq(deficits.area, q.area) : undefined];
  if (q.q) {
    const pattern = containsPattern(q.q);
    conditions.push(or(ilike(deficits.code, pattern), ilike(deficits.title, pattern)));
  }
  const where = and(...conditions);
  // П, М, О, ПП: the areas in the catalog's own order, then the number.
  const order = sql`case ${deficits.area} when 'subject' then 0 when 'methodical' then 1 when 'assessment' then 2 else 3 end`;
  return paged(
    db
      .select(deficitColumns)
      .from(deficits)
      .where(where)
      .orderBy(
        order,
        sql`nullif(substring(${deficits.code} from '(\\d+)$'), '')::int nulls last`,
        asc(deficits.code),
      )
      .limit(q.pageSize)
      .offset(offset(q)),
    countWhere(db, deficits, where),
  );
}

export async function findDeficitByCode(db: Db, code: string) {
  const [row] = await db.select(deficitColumns).from(deficits).where(eq(deficits.code, code));
  return row;
}

export async function insertDeficit(db: Db, values: typeof deficits.$inferInsert) {
  await db.insert(deficits).values(values);
}

/** False when the entry was changed since the client read `version`. */
export function updateDeficitIfVersion(
  db: Db,
  code: string,
  version: number,
  patch: Partial<typeof deficits.$inferInsert>,
) {
  return updateIfVersionBy(db, deficits, { column: deficits.code, value: code }, version, patch);
}

export async function deleteDeficit(db: Db, code: string) {
  await db.delete(deficits).where(eq(deficits.code, code));
}
