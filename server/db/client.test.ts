import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestDatabase } from '../test/harness.ts';
import { openDatabase, postgresSettings, queryRows, type Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the database connection', () => {
  it.skipIf(!process.env.DATABASE_URL)(
    'survives PostgreSQL ending its idle connections: no crash, the next query opens a new one',
    async () => {
      // Two connections in the pool, both idle afterwards.
      await Promise.all([
        queryRows(database.db, sql`select pg_sleep(0.05)`),
        queryRows(database.db, sql`select pg_sleep(0.05)`),
      ]);
      const [{ name }] = await queryRows<{ name: string }>(
        database.db,
        sql`select current_database() as name`,
      );
      // Another session ends them, as an administrator or a server restart would.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const ended = await admin.query(
        'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      await admin.end();
      expect(ended.rows[0].n).toBeGreaterThanOrEqual(2);
      // The pool hears the closed connections (their 'error' events; unheard they end the process).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const rows = await queryRows<{ one: number }>(database.db, sql`select 1 as one`);
      expect(rows[0].one).toBe(1);
    },
  );

  it('answers a query', async () => {
    const rows = await queryRows<{ two: number }>(database.db, sql`select 2 as two`);
    expect(rows[0].two).toBe(2);
  });

  it('keeps dates, timestamps, intervals and their arrays as text, in and out of a transaction', async () => {
    const query = sql`select '2025-11-01'::date as d, '2025-11-01 10:00:00+00'::timestamptz as tz,
      '2025-11-01 10:00:00'::timestamp as ts, '1 day'::interval as i, array['2025-11-01'::date] as ds,
      array[1.5]::numeric[] as ns, 7::int as n, '{"a":1}'::json as j`;
    const expected = (rows: Record<string, unknown>[]) => {
      const [row] = rows;
      expect(row.d).toBe('2025-11-01');
      expect(String(row.tz)).toMatch(/^2025-11-01 10:00:00\+00/);
      expect(row.ts).toBe('2025-11-01 10:00:00');
      expect(row.i).toBe('1 day');
      expect(row.n).toBe(7);
      expect(row.j).toEqual({ a: 1 });
    };
    expected(await queryRows(database.db, query));
    await database.db.transaction(async (tx) => expected(await queryRows(tx as never, query)));
  });

  it.skipIf(!!process.env.DATABASE_URL)(
    "on PGlite: Drizzle's parsers are read from the instance's own table, other parsers still apply",
    async () => {
      // PGlite in this thread: its table of parsers is not reachable in a worker (pglite-thread.test.ts).
      const own = await openDatabase({ inMemory: true, pgliteThread: 'main' });
      const client = (own.db as unknown as { $client: PGlite }).$client;
      onTestFinished(() => own.close());
      for (const oid of [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182])
        expect(client.parsers[oid]('x', oid)).toBe('x');
      // A caller's own parsers are not dropped.
      const { rows } = await client.query<{ n: unknown }>('select 7::int as n', [], {
        parsers: { 23: (value: string) => `n=${value}` },
      });
      expect(rows[0].n).toBe('n=7');
    },
  );
});

describe('PostgreSQL connections configured for the computation', () => {
  it('takes JIT off and work_mem 64MB by default; the environment overrides both; a bad value names the variable', () => {
    expect(postgresSettings({})).toEqual({ jit: 'off', workMem: '64MB' });
    expect(postgresSettings({ PEDMONITOR_PG_JIT: 'ON', PEDMONITOR_PG_WORK_MEM: '128 MB' })).toEqual({
      jit: 'on',
      workMem: '128MB',
    });
    expect(() => postgresSettings({ PEDMONITOR_PG_JIT: 'maybe' })).toThrow(/PEDMONITOR_PG_JIT/);
    // The compiler reads it later, at a region's computation: a bad value stops the start instead.
    expect(() => postgresSettings({ PEDMONITOR_PG_COMPUTE_PARTS: 'two' })).toThrow(
      /PEDMONITOR_PG_COMPUTE_PARTS.*от 1 до 16/,
    );
    expect(() => postgresSettings({ PEDMONITOR_PG_WORK_MEM: 'much' })).toThrow(/PEDMONITOR_PG_WORK_MEM/);
    expect(() => postgresSettings({ PEDMONITOR_PG_WORK_MEM: '64MB; drop table x' })).toThrow(
      /PEDMONITOR_PG_WORK_MEM/,
    );
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'every pooled connection has jit off and the work_mem asked for, also those opened under load',
    async () => {
      const opened = await openDatabase({
        databaseUrl: process.env.DATABASE_URL,
        postgres: { jit: 'off', workMem: '48MB' },
      });
      try {
        // Several at once: the pool opens several connections, and each must carry the settings.
        const answers = await Promise.all(
          Array.from({ length: 4 }, () =>
            queryRows<{ jit: string; work_mem: string; pid: number }>(
              opened.db,
              sql`select current_setting('jit') as jit, current_setting('work_mem') as work_mem,
                pg_backend_pid() as pid, pg_sleep(0.05)::text`,
            ),
          ),
        );
        expect(new Set(answers.map(([a]) => a.pid)).size).toBeGreaterThan(1);
        for (const [a] of answers)
          expect({ jit: a.jit, workMem: a.work_mem }).toEqual({ jit: 'off', workMem: '48MB' });
      } finally {
        await opened.close();
      }
      // The defaults, as the server opens its database.
      const server = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
      try {
        const [jit] = await queryRows<{ jit: string }>(server.db, sql`show jit`);
        const [mem] = await queryRows<{ work_mem: string }>(server.db, sql`show work_mem`);
        expect([jit.jit, mem.work_mem]).toEqual(['off', '64MB']);
      } finally {
        await server.close();
      }
    },
  );
});
