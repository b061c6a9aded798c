import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFormulas } from '../../../core/formula/corpus.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import { PROGRAM_TEMPLATES } from '../../../core/templates/index.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { notifications, teachers, websiteCheckItems, websiteCheckRuns } from '../../db/schema/index.ts';
import { finishRun, insertRun, saveSiteOutcome } from '../websites/websites.repository.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestDatabase, recordQueries } from '../../test/harness.ts';
import { measureIndicators } from './compute.ts';
import { keptCount, keptFor, keptIfReady, readRegistryGeneration } from './kept.ts';

let database: Database;
let municipalityId = 0;
let organization: { id: number; municipalityId: number };

beforeAll(async () => {
  database = await createTestDatabase();
  municipalityId = (await createMunicipality(database.db)).id;
  organization = await createOrganization(database.db, municipalityId);
});
afterAll(() => database.close());

const generation = () => readRegistryGeneration(database.db);

describe('the registry generation', () => {
  it('every table a formula of the catalog reads raises it', async () => {
    const formulas = catalogFormulas();
    const recorded = recordQueries(database);
    try {
      await measureIndicators(
        database.db,
        {
          municipalityId,
          period: reportingPeriod(PROGRAM_TEMPLATES[0].parameters, 2025),
          organizationIds: [organization.id],
        },
        formulas.map((numerator, i) => ({
          code: `f${i}`,
          name: numerator,
          unit: 'count' as const,
          numerator,
          denominator: null,
          factor: 1,
          direction: 'higher' as const,
          levelHigh: null,
          levelMedium: null,
        })),
      );
    } finally {
      recorded.stop();
    }
    const tables = await queryRows<{ name: string }>(
      database.db,
      sql`select tablename as name from pg_tables where schemaname = 'public'`,
    );
    const known = new Set(tables.map((t) => t.name));
    const read = new Set(
      recorded.queries.flatMap((q) =>
        [...q.matchAll(/\b(?:from|join)\s+"?([a-z_]+)"?/g)].map((m) => m[1]).filter((n) => known.has(n)),
      ),
    );
    // The catalog reaches every kind of record: a table missing here would be a formula nobody tests.
    expect(read.size).toBeGreaterThan(15);
    const triggered = await queryRows<{ name: string }>(
      database.db,
      sql`select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
        where g.tgname like '%_note_registry_change'`,
    );
    const raising = new Set(triggered.map((t) => t.name));
    expect([...read].filter((table) => !raising.has(table))).toEqual([]);
  });

  it('rises once per committed transaction, however many rows and statements it wrote', async () => {
    const before = await generation();
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await createTeacher(tx, organization);
    });
    expect(await generation()).toBe(before + 1);
    await database.db.update(teachers).set({ isManager: false });
    expect(await generation()).toBe(before + 2);
    const [{ n }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from registry_generation_bumps`,
    );
    expect(n).toBe(0);
  });

  it('is seen by another reader only when the change is committed, and not at all when rolled back', async () => {
    const before = await generation();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.update(teachers).set({ isManager: true });
        expect(await readRegistryGeneration(tx)).toBe(before);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await generation()).toBe(before);
  });

  it('rises for a website check when its run finishes, not at each site it checks', async () => {
    const db = database.db;
    const before = await generation();
    const run = await insertRun(db, { municipalityId, total: 2, startedBy: null });
    await saveSiteOutcome(db, {
      runId: run.id,
      organizationId: organization.id,
      siteUrl: 'https://school.example',
      error: null,
      pagesVisited: 3,
      items: [{ code: 'mentoring', title: 'Наставничество', url: 'https://school.example/m' }],
    });
    // websites() reads finished runs only: a check going on changes nothing kept.
    expect(await generation()).toBe(before);
    await finishRun(db, run.id, 'done');
    expect(await generation()).toBe(before + 1);
    await db.insert(websiteCheckItems).values({
      runId: run.id,
      organizationId: organization.id,
      requirementCode: 'results',
      requirementTitle: 'Результаты мониторинга',
      isFound: false,
      url: null,
    });
    expect(await generation()).toBe(before + 2);
    await db.delete(websiteCheckRuns).where(eq(websiteCheckRuns.id, run.id));
    expect(await generation()).toBe(before + 3);
  });

  it('does not rise for writes indicators do not read (accounts, notifications)', async () => {
    const before = await generation();
    const user = await createUser(database.db, {
      login: 'kept-user',
      password: 'kept-password-1',
      grants: [{ role: 'org_manager', organizationId: organization.id }],
    });
    await database.db.insert(notifications).values({ userId: user.id, title: 'x', body: 'y' });
    expect(await generation()).toBe(before);
  });
});

describe('keptFor', () => {
  it('computes once per key and generation, shares a computation in flight, and keeps no failure', async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([
      keptFor(database.db, 'k', 1, compute),
      keptFor(database.db, 'k', 1, compute),
    ]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await keptFor(database.db, 'k', 1, compute)).toBe(1);
    expect(await keptFor(database.db, 'k', 2, compute)).toBe(2);
    // A reader that saw the older generation computes for itself and does not replace the newer value.
    expect(await keptFor(database.db, 'k', 1, compute)).toBe(3);
    expect(await keptFor(database.db, 'k', 2, compute)).toBe(2);
    await expect(keptFor(database.db, 'bad', 1, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await keptFor(database.db, 'bad', 1, compute)).toBe(4);
    expect(keptCount(database.db)).toBe(2);
  });

  it('hands a transaction only a finished value of the same generation, never a computation in flight', async () => {
    let finish!: (v: string) => void;
    const inFlight = keptFor(database.db, 'slow', 7, () => new Promise<string>((r) => (finish = r)));
    expect(keptIfReady(database.db, 'slow', 7)).toBeUndefined();
    finish('готово');
    await inFlight;
    expect(keptIfReady(database.db, 'slow', 7)).toBe('готово');
    expect(keptIfReady(database.db, 'slow', 8)).toBeUndefined();
    expect(keptIfReady(database.db, 'never', 7)).toBeUndefined();
  });
});
