import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCalls, evaluate, parseFormula, callKey, type CallNode } from '../../../core/formula/index.ts';
import { indicatorValue } from '../../../core/indicators/levels.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import { PROGRAM_TEMPLATES } from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';

/**
 * Every seed template computed on the demo district, every value of every organization and of the
 * municipality compared with an independent count made in JavaScript from the raw rows.
 */
let database: Database;
let municipalityId: number;
let data: Awaited<ReturnType<typeof loadReferenceData>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const demo = await seedDemo({ db: database.db, seed: 7, today: '2026-11-01', password: 'demo-password-1' });
  municipalityId = demo.municipalityId;
  data = await loadReferenceData(database.db);
}, 300_000);
afterAll(() => database.close());

describe.each(PROGRAM_TEMPLATES.map((t) => [t.code, t] as const))(
  'template %s on the demo district',
  (_code, template) => {
    it.each([2025, 2026])('year %i: every value equals the independent count', async (year) => {
      const period = reportingPeriod(template.parameters, year);
      const indicators = template.criteria.flatMap((c) => c.indicators);
      const { results, problems } = await computeIndicators({
        db: database.db,
        ctx: { municipalityId, period },
        indicators: indicators.map((i) => ({
          code: i.code,
          name: i.name,
          unit: i.unit,
          numerator: i.numerator,
          denominator: i.denominator ?? null,
          factor: i.factor ?? 1,
          direction: i.direction ?? 'higher',
          levelHigh: i.levelHigh ?? null,
          levelMedium: i.levelMedium ?? null,
        })),
      });
      expect(problems).toEqual([]);
      const counts = new Map<string, ReturnType<typeof referenceCount>>();
      const valueOf = (organization: number | null) => (call: CallNode) => {
        if (call.name === 'form') return null;
        const key = callKey(call);
        if (!counts.has(key)) counts.set(key, referenceCount(data, municipalityId, period, call));
        const c = counts.get(key)!;
        return organization === null
          ? c.total
          : (c.byOrg.get(organization) ?? 0) + (c.shared ? c.withoutOrg : 0);
      };
      let compared = 0;
      for (const i of indicators) {
        const numerator = parseFormula(i.numerator);
        const denominator = i.denominator ? parseFormula(i.denominator) : null;
        if (!numerator.ok || (denominator && !denominator.ok)) throw new Error(`bad formula in ${i.code}`);
        for (const r of results.filter((x) => x.indicator === i.code)) {
          const n = evaluate(numerator.ast, valueOf(r.organization));
          const d = denominator?.ok ? evaluate(denominator.ast, valueOf(r.organization)) : null;
          const expected = indicatorValue(i.unit, n, denominator ? d : undefined, i.factor ?? 1);
          expect({
            code: i.code,
            org: r.organizationName,
            numerator: r.numerator,
            denominator: r.denominator,
            value: r.value,
          }).toEqual({
            code: i.code,
            org: r.organizationName,
            numerator: n,
            denominator: denominator ? d : null,
            value: expected,
          });
          compared++;
        }
        // The formula's calls were all exercised.
        expect(collectCalls(numerator.ast).length).toBeGreaterThan(0);
      }
      expect(compared).toBe(indicators.length * 26); // 25 organizations and the municipality
    });
  },
);

describe('the demo district gives the analysis something to show', () => {
  it('diagnostics coverage grows from 2025 to 2026 and some schools never diagnose', async () => {
    const template = PROGRAM_TEMPLATES.find((t) => t.code === 'seed-004-myasnikovsky')!;
    const indicator = template.criteria[0].indicators[0];
    const compute = (year: number) =>
      computeIndicators({
        db: database.db,
        ctx: { municipalityId, period: reportingPeriod(template.parameters, year) },
        indicators: [
          {
            ...indicator,
            denominator: indicator.denominator!,
            factor: 100,
            direction: 'higher',
            levelHigh: 70,
            levelMedium: 40,
          },
        ],
      });
    const [y2024, y2025] = [await compute(2024), await compute(2025)];
    const municipal = (r: Awaited<ReturnType<typeof compute>>) =>
      r.results.find((x) => x.organization === null)!.value!;
    expect(municipal(y2025)).toBeGreaterThan(municipal(y2024));
    expect(
      y2025.results.filter((x) => x.organization !== null && x.value === 0).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('the reserve is worth looking at: about twenty candidates, a few appointed, one excluded, with plans', async () => {
    const own = data.candidates.filter((c) => c.municipalityId === municipalityId);
    expect(own.length).toBeGreaterThanOrEqual(15);
    expect(own.length).toBeLessThanOrEqual(25);
    expect(own.filter((c) => c.status === 'appointed')).toHaveLength(3);
    expect(own.filter((c) => c.status === 'excluded')).toHaveLength(1);
    expect(own.filter((c) => c.teacherId === null && c.fullName)).toHaveLength(2);
    expect(own.every((c) => c.includedDate <= '2026-11-01' && (c.decisionDate ?? '') <= '2026-11-01')).toBe(
      true,
    );
    // Every built-in kind of position has candidates, and so has the district's own kind.
    const kinds = new Set(own.map((c) => data.positionKinds.get(c.positionKindId)!.code ?? 'own'));
    expect(kinds.size).toBe(7);
    const items = await database.db.select().from(s.reservePlanItems);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['training', 'event', 'free']));
    expect(items.some((i) => i.doneDate !== null)).toBe(true);
  });

  it('mentoring runs in the school year under way, beside the finished pairs of the years before', () => {
    const today = '2026-11-01';
    const isRunning = (r: { startDate: string; endDate: string | null }) =>
      r.startDate <= today && (r.endDate === null || r.endDate >= today);
    const running = data.pairs.filter(isRunning);
    const schools = data.organizations.filter(
      (o) => o.municipalityId === municipalityId && o.kind === 'school',
    );
    const withPairs = new Set(running.map((p) => p.organizationId));
    expect(running.length).toBeGreaterThanOrEqual(10);
    expect(schools.filter((o) => withPairs.has(o.id)).length).toBeGreaterThanOrEqual(schools.length / 2);
    const programs = data.programs.filter(isRunning);
    expect(programs.length).toBeGreaterThanOrEqual(schools.length / 2);
    expect(programs.every((p) => p.startDate === '2026-09-01' && p.endDate === '2027-08-31')).toBe(true);
    // Running pairs belong to this year's programs; the last year's ended with the school year, with an outcome.
    const current = new Set(programs.map((p) => p.id));
    expect(running.filter((p) => p.programId !== null && !current.has(p.programId))).toEqual([]);
    const finished = data.pairs.filter((p) => p.endDate === '2026-06-30');
    expect(finished.length).toBeGreaterThanOrEqual(10);
    expect(finished.every((p) => p.outcome)).toBe(true);
  });
});
