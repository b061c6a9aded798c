import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pgliteThreadSetting, queryRows, type Database } from './client.ts';
import { PgliteThread } from './pglite-thread.ts';
import { preparedQuery } from './prepared.ts';
import { organizations } from './schema/index.ts';
import { eq } from 'drizzle-orm';

// PGlite in a worker thread: the same answers, errors and transactions as in the main thread, while the
// event loop keeps running during a long statement.
const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-pglite-thread-'));
let database: Database;

beforeAll(async () => {
  database = await openDatabase({ dataDir: dir });
  await database.migrate();
}, 60_000);
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const clientOf = (db: Database) => (db.db as unknown as { $client: unknown }).$client;

describe.skipIf(Boolean(process.env.DATABASE_URL))('PGlite in a worker thread', () => {
  it('is where a data folder opens by default; in memory stays in this thread unless asked', async () => {
    expect(clientOf(database)).toBeInstanceOf(PgliteThread);
    const memory = await openDatabase({ inMemory: true, pgliteThread: 'main' });
    expect(clientOf(memory)).not.toBeInstanceOf(PgliteThread);
    await memory.close();
    expect(pgliteThreadSetting({ PEDMONITOR_PGLITE_THREAD: 'worker' })).toBe('worker');
    expect(pgliteThreadSetting({})).toBeUndefined();
    expect(() => pgliteThreadSetting({ PEDMONITOR_PGLITE_THREAD: 'both' })).toThrow(
      /PEDMONITOR_PGLITE_THREAD.*worker или main/,
    );
  });

  it('answers with the types Drizzle expects: dates and timestamps as text, json parsed, bytea bytes', async () => {
    const [row] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select '2025-11-01'::date as d, '2025-11-01 10:00:00'::timestamp as ts, 7::int as n,
        '{"a":1}'::json as j, '\\x0102'::bytea as b, ${'Иванова'}::text as t`,
    );
    expect(row).toMatchObject({
      d: '2025-11-01',
      ts: '2025-11-01 10:00:00',
      n: 7,
      j: { a: 1 },
      t: 'Иванова',
    });
    expect([...(row.b as Uint8Array)]).toEqual([1, 2]);
  });

  it('brings errors back with their SQLSTATE code, constraint and detail', async () => {
    await database.db.execute(sql`create table t_unique (v int constraint t_unique_v unique)`);
    await database.db.execute(sql`insert into t_unique values (1)`);
    const error = await database.db.execute(sql`insert into t_unique values (1)`).catch((e: unknown) => e);
    const cause = (error as { cause?: Record<string, unknown> }).cause ?? (error as Record<string, unknown>);
    expect(cause).toMatchObject({ code: '23505', constraint: 't_unique_v' });
    expect(String(cause.detail)).toMatch(/already exists/);
    // The database goes on answering after an error.
    expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('commits a transaction that ends well and rolls back one that throws, savepoints included', async () => {
    await database.db.execute(sql`create table t_tx (v int)`);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t_tx values (1)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into t_tx values (2)`);
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into t_tx values (3)`);
        throw new Error('outer');
      })
      .catch(() => undefined);
    expect(await queryRows(database.db, sql`select v from t_tx order by v`)).toEqual([{ v: 1 }]);
  });

  it('makes a statement from outside a transaction wait until the transaction ends', async () => {
    await database.db.execute(sql`create table t_wait (v int)`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t_wait values (1)`);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from t_wait`);
    let answered = false;
    void outside.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await outside).toEqual([{ n: 1 }]);
  });

  it('keeps the plans of prepared queries, as in the main thread', async () => {
    const query = preparedQuery(database.db, 'thread_test_organization', (db) =>
      db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, sql.placeholder('id')))
        .prepare('thread_test_organization'),
    );
    expect(await query.execute({ id: 1 })).toEqual([]);
    expect((query as unknown as { queryString: string }).queryString).toMatch(/pg_temp\.kept_plan_/);
  });

  it('keeps the event loop running during a long statement', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await queryRows(
      database.db,
      sql`select count(*) from generate_series(1, 3000000) g, lateral (select g % 7) x`,
    );
    const took = Date.now() - started;
    clearInterval(timer);
    // In the main thread no timer fires while PGlite runs a statement; here they go on.
    expect(took).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(took / 10 / 4));
  });

  it('copies its data folder (dumpDataDir) into a new database that holds what was written', async () => {
    const dump = await (clientOf(database) as PgliteThread).dumpDataDir();
    expect(dump.size).toBeGreaterThan(1_000_000);
    const copy = await openDatabase({ inMemory: true, loadDataDir: dump, pgliteThread: 'worker' });
    expect(await queryRows(copy.db, sql`select v from t_tx`)).toEqual([{ v: 1 }]);
    await copy.close();
  });

  it('refuses a parameter that cannot cross threads, and goes on answering', async () => {
    const client = clientOf(database) as PgliteThread;
    await expect(client.query('select $1::text as t', [() => 1])).rejects.toThrow(/could not be cloned/);
    expect((await client.query<{ t: string }>('select $1::text as t', ['да'])).rows).toEqual([{ t: 'да' }]);
  });

  it('fails every call waiting and every later one once the worker is gone, naming why', async () => {
    const other = await openDatabase({ inMemory: true, pgliteThread: 'worker' });
    const client = clientOf(other) as PgliteThread;
    const waiting = client.query('select pg_sleep(1)');
    await (client as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(waiting).rejects.toThrow(/Поток встроенной базы данных завершился/);
    await expect(client.query('select 1')).rejects.toThrow(/Поток встроенной базы данных завершился/);
    await other.close();
  });

  it('closes once when asked twice at once; a call still waiting then fails instead of hanging', async () => {
    const other = await openDatabase({ inMemory: true, pgliteThread: 'worker' });
    const client = clientOf(other) as PgliteThread;
    const waiting = client.query('select 1 as one');
    await Promise.all([other.close(), other.close()]);
    // The query sent before the close was answered first: PGlite runs one statement at a time.
    expect((await waiting).rows).toEqual([{ one: 1 }]);
    await expect(client.query('select 1')).rejects.toThrow(/закрыта/);
  });
});
