import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization } from '../seed/factories.ts';
import { createTestDatabase, recordQueries } from '../test/harness.ts';
import type { Database, Db } from './client.ts';
import { preparedQuery } from './prepared.ts';
import { campaigns, municipalities, organizations, registryGeneration } from './schema/index.ts';

/**
 * A prepared query answers exactly what the same query built afresh answers — every column type, nulls,
 * nested selections, JSON — on both engines; on PGlite it is sent as the call of a PL/pgSQL function that
 * keeps its plan, but never from inside a transaction.
 */
let database: Database;
let organizationId = 0;

const build = (d: Db) =>
  d
    .select({
      organization: organizations,
      municipalityName: municipalities.name,
      generation: registryGeneration.value,
      isSchool: sql<boolean>`${organizations.kind} = 'school'`,
      tags: sql<{
        a: number;
        b: string[];
      } | null>`jsonb_build_object('a', 1, 'b', jsonb_build_array('x', 'ы'))`,
      nothing: sql<string | null>`null::text`,
      at: sql<Date>`timestamptz '2025-11-01 10:00:00.123+03'`.mapWith(campaigns.closedAt),
      campaign: campaigns,
    })
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .innerJoin(registryGeneration, eq(registryGeneration.id, 1))
    .leftJoin(campaigns, eq(campaigns.municipalityId, sql`-1`))
    .where(eq(organizations.id, sql.placeholder('id')));

beforeAll(async () => {
  database = await createTestDatabase();
  const m = await createMunicipality(database.db);
  organizationId = (await createOrganization(database.db, m.id)).id;
});
afterAll(() => database?.close());

describe('prepared queries', () => {
  it('answer what the query built afresh answers', async () => {
    const expected = await build(database.db).prepare('fresh').execute({ id: organizationId });
    expect(expected).toHaveLength(1);
    const recorded = recordQueries(database);
    let first: unknown, second: unknown;
    try {
      first = await preparedQuery(database.db, 'prepared_test', (d) =>
        build(d).prepare('prepared_test'),
      ).execute({ id: organizationId });
      second = await preparedQuery(database.db, 'prepared_test', (d) =>
        build(d).prepare('prepared_test'),
      ).execute({ id: organizationId });
    } finally {
      recorded.stop();
    }
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    const [row] = expected;
    expect(row.organization.id).toBe(organizationId);
    expect(row.campaign).toBeNull();
    expect(row.tags).toEqual({ a: 1, b: ['x', 'ы'] });
    expect(row.at).toEqual(new Date('2025-11-01T07:00:00.123Z'));
    if (database.kind === 'pglite') {
      // Both executions are calls of the function; it was made once.
      const calls = recorded.queries.filter((q) => q.includes('pg_temp.kept_plan_prepared_test('));
      expect(calls).toHaveLength(2);
    }
  });

  it('inside a transaction: the same answer, and no function is made there', async () => {
    const expected = await build(database.db).prepare('fresh_tx').execute({ id: organizationId });
    const recorded = recordQueries(database);
    let answer: unknown;
    try {
      answer = await database.db.transaction(async (tx) =>
        preparedQuery(tx as unknown as Db, 'prepared_tx_test', (d) =>
          build(d).prepare('prepared_tx_test'),
        ).execute({
          id: organizationId,
        }),
      );
    } finally {
      recorded.stop();
    }
    expect(answer).toEqual(expected);
    expect(recorded.queries.join('\n')).not.toMatch(/kept_plan_prepared_tx_test/);
  });

  it('a plan kept across a change of the data and of the table still answers right', async () => {
    const run = () =>
      preparedQuery(database.db, 'prepared_test', (d) => build(d).prepare('prepared_test')).execute({
        id: organizationId,
      });
    await database.db
      .update(organizations)
      .set({ shortName: 'Переименована' })
      .where(eq(organizations.id, organizationId));
    expect((await run())[0].organization.shortName).toBe('Переименована');
    await database.db.execute(
      sql`create index if not exists organizations_short_name_test on organizations (short_name)`,
    );
    expect((await run())[0].organization.shortName).toBe('Переименована');
  });
});
