import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { acquireDataLock, type DataLock } from './lock.ts';
import { DRIZZLE_TEXT_TYPES, isDrizzleParsers, PgliteThread } from './pglite-thread.ts';

export type Schema = typeof schema;
/** The database handle every repository takes: embedded PGlite and PostgreSQL share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives, for messages: the folder of PGlite or the server of PostgreSQL (no password). */
  location: string;
  /** Applies the migrations of `migrationsFolder` (the code's own by default) not applied yet. */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(import.meta.dirname, 'migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` or undefined with `inMemory` for tests. */
  dataDir?: string;
  inMemory?: boolean;
  /** In memory: start from this copy of a data folder (`PGlite.dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Who holds the data folder, written into its lock file (the server records its port). */
  lockOwner?: { role: string; port?: number };
  /** Settings of every PostgreSQL connection; from the environment when absent (see `postgresSettings`). */
  postgres?: PostgresSettings;
  /**
   * Where PGlite runs: in a worker thread (pglite-thread.ts; the default for a data folder, so that the
   * server's event loop never waits on the database) or in this thread (the default in memory: tests,
   * whose databases are small and many). From PEDMONITOR_PGLITE_THREAD (worker/main) when absent.
   */
  pgliteThread?: PgliteThreadKind;
}

export type PgliteThreadKind = 'worker' | 'main';

/** PEDMONITOR_PGLITE_THREAD: `worker`, `main` or unset (worker for a data folder, main in memory). */
export function pgliteThreadSetting(env: NodeJS.ProcessEnv = process.env): PgliteThreadKind | undefined {
  const value = env.PEDMONITOR_PGLITE_THREAD?.trim().toLowerCase();
  if (!value) return undefined;
  if (value !== 'worker' && value !== 'main')
    throw new Error(
      `Некорректное значение PEDMONITOR_PGLITE_THREAD: «${env.PEDMONITOR_PGLITE_THREAD}». Укажите worker или main.`,
    );
  return value;
}

/**
 * How each pooled PostgreSQL connection is configured for this workload: one query per aggregate function
 * over every teacher of the municipality, grouped by organization.
 * - `jit`: off. The planner's cost of these queries passes the JIT thresholds, and compiling them costs
 *   0.4–0.7 s a call — more than the query itself at 2,000 organizations.
 * - `work_mem`: 64MB. The distinct counts sort the teachers of each organization; with the default 4MB
 *   the sorts spill to disk at region scale (20,000 organizations).
 * Both are overridable: PEDMONITOR_PG_JIT (on/off), PEDMONITOR_PG_WORK_MEM (e.g. 128MB).
 */
export interface PostgresSettings {
  jit: 'on' | 'off';
  workMem: string;
}

export const DEFAULT_POSTGRES_SETTINGS: PostgresSettings = { jit: 'off', workMem: '64MB' };

/** The settings from PEDMONITOR_PG_JIT and PEDMONITOR_PG_WORK_MEM; a bad value is an error naming it. */
export function postgresSettings(env: NodeJS.ProcessEnv = process.env): PostgresSettings {
  const jit = (env.PEDMONITOR_PG_JIT ?? DEFAULT_POSTGRES_SETTINGS.jit).trim().toLowerCase();
  if (jit !== 'on' && jit !== 'off')
    throw new Error(
      `Некорректное значение PEDMONITOR_PG_JIT: «${env.PEDMONITOR_PG_JIT}». Укажите on или off.`,
    );
  const workMem = (env.PEDMONITOR_PG_WORK_MEM ?? DEFAULT_POSTGRES_SETTINGS.workMem).trim();
  if (!/^\d+\s*(kB|MB|GB)?$/.test(workMem))
    throw new Error(
      `Некорректное значение PEDMONITOR_PG_WORK_MEM: «${env.PEDMONITOR_PG_WORK_MEM}». Укажите размер, например 64MB (единицы: kB, MB, GB).`,
    );
  // Read by the compiler at each regional computation (compiler/parts.ts); checked here so that a bad
  // value stops the start, not a region's computation later.
  computeParts(env);
  return { jit, workMem: workMem.replace(/\s+/g, '') };
}

/**
 * PEDMONITOR_PG_COMPUTE_PARTS: the parts a region's `teachers(…)` query is split into on PostgreSQL
 * (compiler/parts.ts; default 2, 1 turns the split off). Not a whole number from 1 to 16: refused.
 */
export function computeParts(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PEDMONITOR_PG_COMPUTE_PARTS?.trim();
  if (!raw) return 2;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new Error(`PEDMONITOR_PG_COMPUTE_PARTS: ожидается целое число от 1 до 16, получено «${raw}»`);
  return n;
}

/** The `options` startup parameter of a connection that applies the settings (`-c name=value`). */
export const postgresStartupOptions = (settings: PostgresSettings) =>
  `-c jit=${settings.jit} -c work_mem=${settings.workMem}`;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.postgres ?? postgresSettings());
  return openPglite(options);
}

/**
 * The type parsers Drizzle passes with every PGlite query: dates, timestamps, intervals and their arrays
 * kept as the text PostgreSQL sends (drizzle-orm/pglite/session.js). PGlite merges a query's parsers into a
 * copy of its own table of every type and array type at each query (`{...parsers, ...options.parsers}` in
 * parseResults), which cost 0.16 ms a query — more than half of `select 1` through Drizzle (0.29 ms against
 * 0.10 ms without them). The same parsers are installed once in the instance's table, and dropped from a
 * query's options when they are exactly these, so each query reads the table as it is.
 */
const asText = (value: unknown) => value;

type QueryFn = (
  query: string,
  params?: unknown[],
  options?: { parsers?: Record<number, unknown> },
) => unknown;

function withoutDrizzleParsers(query: QueryFn): QueryFn {
  return (text, params, options) => {
    const parsers = options?.parsers;
    if (!parsers) return query(text, params, options);
    if (!isDrizzleParsers(parsers)) return query(text, params, options);
    return query(text, params, { ...options, parsers: undefined });
  };
}

function installTextParsers(client: PGlite) {
  for (const oid of DRIZZLE_TEXT_TYPES) client.parsers[oid] = asText;
  const target = client as unknown as {
    query: QueryFn;
    transaction: (fn: (tx: { query: QueryFn }) => Promise<unknown>) => Promise<unknown>;
  };
  target.query = withoutDrizzleParsers(target.query.bind(client));
  const transaction = target.transaction.bind(client);
  target.transaction = (fn) =>
    transaction((tx) => {
      tx.query = withoutDrizzleParsers(tx.query);
      return fn(tx);
    });
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let lock: DataLock | undefined;
  let client: PGlite | PgliteThread;
  let location = 'memory';
  const inMemory = options.inMemory || !options.dataDir;
  const thread = options.pgliteThread ?? pgliteThreadSetting() ?? (inMemory ? 'main' : 'worker');
  const start = async (dataDir: string | undefined) => {
    const loadDataDir = inMemory ? options.loadDataDir : undefined;
    if (thread === 'worker') {
      const worker = new PgliteThread({ dataDir, loadDataDir });
      try {
        await worker.waitReady;
      } catch (error) {
        await worker.close().catch(() => undefined);
        throw error;
      }
      return worker;
    }
    const own = dataDir ? new PGlite(dataDir) : new PGlite(loadDataDir ? { loadDataDir } : {});
    await own.waitReady;
    // After waitReady: PGlite fills its table with the array types then.
    installTextParsers(own);
    return own;
  };
  if (inMemory) {
    client = await start(undefined);
  } else {
    const dataDir = path.resolve(options.dataDir!);
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataLock(dataDir, options.lockOwner ?? { role: 'cli' });
    location = dataDir;
    try {
      client = await start(path.join(dataDir, 'pgdata'));
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = drizzlePglite({ client: client as PGlite, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location,
    migrate: (migrationsFolder = MIGRATIONS_FOLDER) => migratePglite(db as never, { migrationsFolder }),
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, settings: PostgresSettings): Promise<Database> {
  // A date column is a calendar day, not an instant: keep it as 'YYYY-MM-DD', as PGlite does.
  pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
  // Sent with each new connection of the pool, so every query runs with them (no SET to forget).
  const pool = new pg.Pool({ connectionString: url, max: 10, options: postgresStartupOptions(settings) });
  // An idle connection the server ends (a restart, an administrator, a dropped test database) is an
  // 'error' event on the pool; unheard, it would bring the whole process down. The pool replaces the
  // connection on the next query, and a query in flight fails on its own with its own error.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL: соединение закрыто сервером (${error.message})`);
  });
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  await pool.query('select 1');
  return {
    db,
    kind: 'postgres',
    location: describeUrl(url),
    migrate: (migrationsFolder = MIGRATIONS_FOLDER) => migratePg(db as never, { migrationsFolder }),
    close: () => pool.end(),
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** Rows of a raw SQL query; PGlite and node-postgres both answer `{ rows }`. */
export async function queryRows<T = Record<string, unknown>>(
  db: Db,
  query: import('drizzle-orm').SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
