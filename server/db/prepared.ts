import type { Db } from './client.ts';

/**
 * A query built once per database handle and run with placeholders (`sql.placeholder('id')`), for the
 * queries every request sends — the session, the user's grants, the campaign, the form's state. Drizzle
 * otherwise rebuilds the SQL text of a query each time it runs (column names, casing, the selection), and
 * on a burst of 100 form openings that building was a quarter of the server's time
 * (bench/form-load.bench.ts). On PostgreSQL the statement is also prepared once per pooled connection.
 *
 * Kept per handle: a transaction's handle builds its own (short-lived) copy, so a prepared query never
 * runs outside the transaction it was asked in. `name` must be unique per query shape.
 */
const kept = new WeakMap<Db, Map<string, unknown>>();

export function preparedQuery<Q>(db: Db, name: string, build: (db: Db) => Q): Q {
  let queries = kept.get(db);
  if (!queries) kept.set(db, (queries = new Map()));
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) queries.set(name, (query = build(db)));
  return query;
}
