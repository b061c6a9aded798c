import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCalls, parseFormula, type AggregateCallNode } from '../../../core/formula/index.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase, recordQueries } from '../../test/harness.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';
import { computeParts, sumParts } from './compiler/parts.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';

/**
 * A region of two municipalities, A and B, and a teacher who works in both (main job in A, a second position
 * in B): the region counts her once, so its share is not the sum of the municipal numerators over the sum
 * of the municipal denominators. Share of young teachers (the default rule: under 35 with under 5 years).
 */
let database: Database;
const ids = { a: 0, b: 0, schoolA: 0, schoolB: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);
const YOUNG = { birthDate: '1998-05-01', pedagogicalStartDate: '2023-09-01' };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const a = await createMunicipality(db, { name: 'Район А' });
  const b = await createMunicipality(db, { name: 'Район Б', regionId: a.regionId });
  const schoolA = await createOrganization(db, a.id, { shortName: 'СОШ А' });
  const schoolB = await createOrganization(db, b.id, { shortName: 'СОШ Б' });
  Object.assign(ids, { a: a.id, b: b.id, schoolA: schoolA.id, schoolB: schoolB.id });
  // A: the young teacher in both, and one other; B: one other besides her.
  const shared = await createTeacher(db, schoolA, { lastName: 'Двумя', ...YOUNG });
  await db.insert(s.positions).values({
    teacherId: shared.id,
    organizationId: schoolB.id,
    title: 'учитель',
    isMainJob: false,
    rate: 0.5,
    startDate: '2024-09-01',
  });
  await createTeacher(db, schoolA, { lastName: 'Аова' });
  await createTeacher(db, schoolB, { lastName: 'Бова' });
});
afterAll(() => database.close());

const SHARE = indicator('1', 'teachers(young)', 'teachers()');

async function compute(ctx: Parameters<typeof computeIndicators>[0]['ctx']) {
  const { results, problems } = await computeIndicators({ db: database.db, ctx, indicators: [SHARE] });
  expect(problems).toEqual([]);
  return results.find((r) => r.organization === null)!;
}

describe('a region’s roll-up over its municipalities', () => {
  it('counts a teacher of two municipalities once for the region, once in each municipality', async () => {
    const a = await compute({ municipalityId: ids.a, period });
    const b = await compute({ municipalityId: ids.b, period });
    expect(a).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(b).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    const region = await compute({ municipalityId: ids.a, municipalityIds: [ids.a, ids.b], period });
    expect(region).toMatchObject({ numerator: 1, denominator: 3 });
    expect(region.value).toBeCloseTo(33.33, 1);
    // The naive sum of the municipal rows would say 2 of 4 = 50 %.
    expect((a.numerator! + b.numerator!) / (a.denominator! + b.denominator!)).toBe(0.5);
  });

  it('reports every organization of the set, and limits to campaigns’ participants when asked', async () => {
    const { results } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.a, municipalityIds: [ids.a, ids.b], period },
      indicators: [SHARE],
    });
    expect(results.map((r) => r.organization).sort()).toEqual([ids.schoolA, ids.schoolB, null].sort());
    const none = await compute({
      municipalityId: ids.a,
      municipalityIds: [ids.a, ids.b],
      campaignIds: [],
      period,
    });
    expect(none.denominator).toBe(0);
  });

  it('splits a region’s teachers(…) query by teacher ids on PostgreSQL, with the same values', async () => {
    const indicators = [
      SHARE,
      indicator('2', 'teachers(young, orgKind = school)', 'teachers(mainJob)'),
      indicator('3', 'positions()', 'teachers()'),
    ];
    const ctx = { municipalityId: ids.a, municipalityIds: [ids.a, ids.b], period };
    const run = async (parts: string) => {
      const before = process.env.PEDMONITOR_PG_COMPUTE_PARTS;
      process.env.PEDMONITOR_PG_COMPUTE_PARTS = parts;
      const recorded = recordQueries(database);
      try {
        const { results } = await computeIndicators({ db: database.db, ctx, indicators });
        const split = recorded.queries.filter((q) => /from positions p/.test(q) && /between/.test(q));
        return { results, split: split.length };
      } finally {
        recorded.stop();
        if (before === undefined) delete process.env.PEDMONITOR_PG_COMPUTE_PARTS;
        else process.env.PEDMONITOR_PG_COMPUTE_PARTS = before;
      }
    };
    const whole = await run('1');
    expect(whole.split).toBe(0);
    for (const parts of ['2', '3']) {
      const split = await run(parts);
      expect(split.results, parts).toEqual(whole.results);
      // Only PostgreSQL's pool has connections to run the parts on; PGlite has one.
      expect(split.split, parts).toBe(database.kind === 'postgres' ? Number(parts) : 0);
    }
    expect(whole.results.find((r) => r.indicator === '3' && r.organization === null)).toMatchObject({
      numerator: 4, // the shared teacher's two positions
      denominator: 3,
    });
    // One municipality is never split: its query is a few milliseconds.
    const before = process.env.PEDMONITOR_PG_COMPUTE_PARTS;
    process.env.PEDMONITOR_PG_COMPUTE_PARTS = '2';
    const recorded = recordQueries(database);
    await computeIndicators({ db: database.db, ctx: { municipalityId: ids.a, period }, indicators });
    recorded.stop();
    if (before === undefined) delete process.env.PEDMONITOR_PG_COMPUTE_PARTS;
    else process.env.PEDMONITOR_PG_COMPUTE_PARTS = before;
    expect(recorded.queries.filter((q) => /between/.test(q) && /from positions p/.test(q))).toEqual([]);
  });

  it('adds the parts’ values up, and reads the number of parts from the setting', () => {
    const part = (total: number, a: number) => ({
      total,
      byOrganization: new Map([[1, a]]),
      withoutOrganization: 0,
      isSharedWithOrganizations: false,
    });
    const [[, sum]] = sumParts([new Map([['x', part(3, 2)]]), new Map([['x', part(4, 1)]])]);
    expect(sum.total).toBe(7);
    expect(sum.byOrganization.get(1)).toBe(3);
    expect(computeParts({})).toBe(2);
    expect(computeParts({ PEDMONITOR_PG_COMPUTE_PARTS: '1' })).toBe(1);
    expect(() => computeParts({ PEDMONITOR_PG_COMPUTE_PARTS: 'два' })).toThrow(/целое число от 1 до 16/);
  });

  it('agrees with the reference implementation for the set', async () => {
    const data = await loadReferenceData(database.db);
    for (const formula of ['teachers(young)', 'teachers()']) {
      const parsed = parseFormula(formula);
      if (!parsed.ok) throw new Error(formula);
      const [{ call }] = collectCalls(parsed.ast);
      const count = referenceCount(data, [ids.a, ids.b], period, call as AggregateCallNode);
      const single = referenceCount(data, ids.b, period, call as AggregateCallNode);
      expect([count.total, single.total], formula).toEqual(formula === 'teachers()' ? [3, 2] : [1, 1]);
    }
  });
});
