import { PGlite } from '@electric-sql/pglite';
import type { Db } from './client.ts';
import { PgliteThread } from './pglite-thread.ts';

/**
 * A query built once per database handle and run with placeholders (`sql.placeholder('id')`), for the
 * queries every request sends — the session, the user's grants, the campaign, the form's state. Drizzle
 * otherwise rebuilds the SQL text of a query each time it runs (column names, casing, the selection), and
 * on a burst of 100 form openings that building was a quarter of the server's time
 * (bench/form-load.bench.ts). On PostgreSQL the statement is also prepared once per pooled connection, so
 * it is planned once.
 *
 * PGlite has no named statements: each query is parsed and planned again, and for the form's state (a
 * campaign, its participation, the submission, last year's values and the history in one statement)
 * planning costs several times the execution. On PGlite a prepared SELECT is therefore run through a
 * PL/pgSQL function made for it on first use (`pg_temp`, so it lives as long as the database is open and
 * is never stored): PL/pgSQL keeps the plans of its statements, and the query sent each time is only the
 * function's call. The function returns the query's own columns with their own types, so the rows reach
 * Drizzle exactly as the query's would (`prepared.test.ts`). Should making it fail, the query runs as it is.
 *
 * Kept per handle: a transaction's handle builds its own (short-lived) copy, so a prepared query never
 * runs outside the transaction it was asked in, and no function is made inside a transaction (its
 * rollback would drop it). `name` must be unique per query shape.
 */
const kept = new WeakMap<Db, Map<string, unknown>>();

export function preparedQuery<Q>(db: Db, name: string, build: (db: Db) => Q): Q {
  let queries = kept.get(db);
  if (!queries) kept.set(db, (queries = new Map()));
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) {
    query = build(db);
    const client = (db as unknown as { $client?: unknown }).$client;
    if (client instanceof PGlite || client instanceof PgliteThread) query = withKeptPlan(client, name, query);
    queries.set(name, query);
  }
  return query;
}

/** The shape of Drizzle's PGlite prepared query this relies on: its SQL text, read at each execution. */
interface PglitePrepared {
  queryString: string;
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

/** What the kept plan needs of PGlite, in this thread or in its worker (pglite-thread.ts). */
interface PgliteClient {
  describeQuery(
    sql: string,
  ): Promise<{ queryParams: { dataTypeID: number }[]; resultFields: { dataTypeID: number }[] }>;
  query: PGlite['query'];
  exec(sql: string): Promise<unknown>;
}

function withKeptPlan<Q>(client: PgliteClient, name: string, query: Q): Q {
  const prepared = query as unknown as PglitePrepared;
  if (typeof prepared.queryString !== 'string' || !/^\s*select\b/i.test(prepared.queryString)) return query;
  const execute = prepared.execute.bind(prepared);
  let ready: Promise<void> | undefined;
  prepared.execute = async (values) => {
    await (ready ??= keepPlan(client, name, prepared));
    return execute(values);
  };
  return query;
}

/** Makes the function of one query and points the prepared query at its call. */
async function keepPlan(client: PgliteClient, name: string, prepared: PglitePrepared): Promise<void> {
  const text = prepared.queryString;
  try {
    if (text.includes('$kept$')) return;
    const { queryParams, resultFields } = await client.describeQuery(text);
    const oids = [...new Set([...queryParams, ...resultFields].map((f) => f.dataTypeID))];
    const { rows } = await client.query<{ oid: number; name: string }>(
      'select oid::int as oid, format_type(oid, null) as name from pg_type where oid = any($1::oid[])',
      [oids],
    );
    const typeOf = new Map(rows.map((r) => [r.oid, r.name]));
    const functionName = `pg_temp.kept_plan_${name.replace(/[^a-z0-9_]/gi, '_')}`;
    const params = queryParams.map((p) => typeOf.get(p.dataTypeID)!);
    const columns = resultFields.map((f, i) => `c${i} ${typeOf.get(f.dataTypeID)!}`);
    await client.exec(
      `create or replace function ${functionName}(${params.join(', ')}) returns setof record ` +
        `language plpgsql as $kept$ begin return query ${text}; end $kept$`,
    );
    prepared.queryString =
      `select * from ${functionName}(${params.map((_, i) => `$${i + 1}`).join(', ')}) ` +
      `as kept(${columns.join(', ')})`;
  } catch {
    // The query runs as it is: slower to plan, the same answer.
  }
}
