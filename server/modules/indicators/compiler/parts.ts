import { sql } from 'drizzle-orm';
import pg from 'pg';
import { computeParts, queryRows, type Db } from '../../../db/client.ts';

export { computeParts };
import type { CallValues } from './aggregates.ts';
import type { ComputeContext } from './context.ts';

/**
 * A region's `teachers(…)` query split into parts by teacher id, each part on its own connection at once.
 *
 * PostgreSQL cannot run a distinct count or GROUPING SETS in parallel workers: the joins of a region's
 * 600,000 positions run in parallel, but every `FILTER` (each an EXISTS over the teacher's records) and
 * every distinct count is evaluated by one process, and that was two thirds of the region's computation.
 * Parts by teacher id share no teacher, so each organization's distinct count and the region's total are
 * the sums of the parts' (`sumParts`). Each part also bounds the records its conditions hash
 * (`teacherRange` in compiler/teachers.ts). Ranges, not `id % n`: the planner estimates a range of ids
 * from the column's statistics, while `id % n = k` is a guess of 0.5 % that turned the hashed conditions
 * into one index probe per row (tens of seconds).
 *
 * Only on PostgreSQL through its pool, outside any transaction (a transaction is one connection, whose
 * queries go one after another), and only for a computation over several municipalities: one district's
 * query is a few milliseconds, and a second connection would cost more than it saves.
 * PEDMONITOR_PG_COMPUTE_PARTS sets the number of parts (default 2; 1 turns the split off).
 */
export async function teacherPartsOf(
  db: Db,
  ctx: ComputeContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ from: number; to: number }[] | null> {
  const count = computeParts(env);
  if (count < 2 || ctx.teacherRange || (ctx.municipalityIds?.length ?? 1) < 2) return null;
  if (!((db as unknown as { $client?: unknown }).$client instanceof pg.Pool)) return null;
  // The ids of all teachers, from the primary key: a database holds one region (PostgreSQL is the engine
  // for a region), so the region's teachers spread over the whole range.
  const [range] = await queryRows<{ low: number | null; high: number | null }>(
    db,
    sql`select min(id)::int as low, max(id)::int as high from teachers`,
  );
  if (range?.low == null || range.high == null || range.high - range.low + 1 < count) return null;
  const size = Math.ceil((range.high - range.low + 1) / count);
  return Array.from({ length: count }, (_, i) => ({
    from: range.low! + i * size,
    to: Math.min(range.high!, range.low! + (i + 1) * size - 1),
  }));
}

/** The values of the parts added up: each organization's, the rows without one, and the total. */
export function sumParts(parts: Map<string, CallValues>[]): Map<string, CallValues> {
  const out = new Map<string, CallValues>();
  for (const part of parts)
    for (const [key, values] of part) {
      const sum = out.get(key);
      if (!sum) {
        out.set(key, { ...values, byOrganization: new Map(values.byOrganization) });
        continue;
      }
      sum.total += values.total;
      sum.withoutOrganization += values.withoutOrganization;
      for (const [organizationId, v] of values.byOrganization)
        sum.byOrganization.set(organizationId, (sum.byOrganization.get(organizationId) ?? 0) + v);
    }
  return out;
}
