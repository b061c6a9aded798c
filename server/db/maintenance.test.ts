import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMunicipality, createOrganization } from '../seed/factories.ts';
import { createTestDatabase } from '../test/harness.ts';
import { queryRows, type Database } from './client.ts';
import { maintainDatabase, scheduleMaintenance } from './maintenance.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('database maintenance', () => {
  it('gives the embedded database the statistics its planner needs; PostgreSQL is left to autovacuum', async () => {
    const municipality = await createMunicipality(database.db);
    for (let i = 1; i <= 30; i++)
      await createOrganization(database.db, municipality.id, { shortName: `Школа № ${i}` });
    const tuples = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select reltuples::int as n from pg_class where relname = 'organizations'`,
        )
      )[0].n;
    // Nothing has counted the rows yet: the planner would think the table empty.
    if (database.kind === 'pglite') expect(await tuples()).not.toBe(30);
    const ran = await maintainDatabase(database);
    expect(ran).toBe(database.kind === 'pglite');
    if (ran) expect(await tuples()).toBe(30);
  });

  it('runs in the background soon after start and every six hours, on the embedded database only', async () => {
    vi.useFakeTimers();
    try {
      const runs = { pglite: 0, postgres: 0 };
      const fake = (kind: 'pglite' | 'postgres') =>
        ({ kind, db: { execute: async () => void runs[kind]++ } }) as unknown as Database;
      const stops = [
        scheduleMaintenance(fake('pglite'), () => {}),
        scheduleMaintenance(fake('postgres'), () => {}),
      ];
      expect(runs.pglite).toBe(0);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(runs.pglite).toBe(1);
      await vi.advanceTimersByTimeAsync(6 * 3600_000);
      expect(runs.pglite).toBe(2);
      stops.forEach((stop) => stop());
      await vi.advanceTimersByTimeAsync(6 * 3600_000);
      expect(runs).toEqual({ pglite: 2, postgres: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
