import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.ts';
import { queryRows, type Database } from './client.ts';

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
});
