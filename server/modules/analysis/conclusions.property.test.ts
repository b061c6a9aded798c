import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftConclusions, type AnalysisInput } from '../../../core/analysis/drafts.ts';
import { checkEvidence } from '../../../core/analysis/evidence.ts';
import { appliesTo } from '../../../core/indicators/applicability.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import {
  PROGRAM_TEMPLATES,
  templateApplicability,
  type IndicatorTemplate,
  type ProgramTemplate,
} from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import { DEMO_ORGANIZATIONS } from '../../seed/demo-district.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestDatabase } from '../../test/harness.ts';
import {
  computeIndicators,
  findComputedOrganizations,
  type IndicatorDefinition,
} from '../indicators/compute.ts';
import { queryRows } from '../../db/client.ts';
import { sql } from 'drizzle-orm';

/**
 * Every statement pedmonitor drafts is true: conclusions drafted for every seed template on several small
 * seeded districts never name an organization that contradicts its own value, never name one the
 * indicator does not apply to, and never repeat each other.
 */

let database: Database;
const districts: { seed: number; municipalityId: number }[] = [];

/** Small districts: a few schools (with ШНОР/ШССУ), kindergartens and a ДО, at a quarter of the size. */
const SPECS = [
  [0, 2, 3, 4, 5, 13, 14, 15, 22],
  [1, 3, 4, 6, 7, 8, 16, 17, 23],
  [0, 1, 2, 5, 9, 18, 19, 24],
].map((indexes) =>
  indexes
    .filter((i) => i < DEMO_ORGANIZATIONS.length)
    .map((i) => ({
      ...DEMO_ORGANIZATIONS[i],
      size: Math.max(4, Math.round(DEMO_ORGANIZATIONS[i].size / 4)),
    })),
);

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [n, organizations] of SPECS.entries()) {
    const seed = 101 + n;
    const demo = await seedDemo({
      db: database.db,
      seed,
      today: '2026-11-01',
      organizations,
      isRegistryOnly: true,
    });
    districts.push({ seed, municipalityId: demo.municipalityId });
  }
}, 120_000);
afterAll(() => database.close());

const definition = (i: IndicatorTemplate, template?: ProgramTemplate): IndicatorDefinition => ({
  code: i.code,
  name: i.name,
  unit: i.unit,
  numerator: i.numerator,
  denominator: i.denominator ?? null,
  factor: i.factor ?? 1,
  direction: i.direction ?? 'higher',
  levelHigh: i.levelHigh ?? null,
  levelMedium: i.levelMedium ?? null,
  applicability: template ? templateApplicability(template, i) : null,
});

/** What the department reads into a sentence, written as the formula that must back it for every named organization. */
const MEANINGS: { phrase: RegExp; formula: string; claim: 'zero' }[] = [
  {
    phrase: /школьн\S* методическ\S* объединени/i,
    formula: 'associations(level = institutional)',
    claim: 'zero',
  },
  { phrase: /^(?!.*куратор).*не разработаны.*(ИОМ|маршрут)/i, formula: 'teachers(route)', claim: 'zero' },
  { phrase: /не реализуются программы.*наставничеств/i, formula: 'mentoringPrograms()', claim: 'zero' },
];
const ZERO_WORDS = /не созданы|не разработаны|отсутству|не реализуются|значение 0|«нет»/i;

/** Independent of the templates' own resolution: what the seed documents say each indicator is about. */
const expectedApplicability = (template: ProgramTemplate, i: IndicatorTemplate) => {
  if (template.code === 'seed-000-kardymovsky') return { kinds: ['school' as const], groups: null };
  const formula = i.denominator ?? i.numerator;
  if (formula.includes('orgKind = school')) return { kinds: ['school' as const], groups: null };
  if (formula.includes('orgKind = preschool')) return { kinds: ['preschool' as const], groups: null };
  if (formula.includes('lowResults or hardSocial'))
    return { kinds: null, groups: ['lowResults' as const, 'hardSocial' as const] };
  return null;
};

describe.each(PROGRAM_TEMPLATES.map((t) => [t.code, t] as const))('template %s', (_code, template) => {
  it.each([0, 1, 2])('district %i: no drafted conclusion contradicts the data', async (n) => {
    const { municipalityId } = districts[n];
    const db = database.db;
    const period = reportingPeriod(template.parameters, 2026);
    const indicators = template.criteria.flatMap((c) => c.indicators);
    const ctx = { municipalityId, period };
    const { results } = await computeIndicators({
      db,
      ctx,
      indicators: indicators.map((i) => definition(i, template)),
    });
    const orgs = await queryRows<{
      id: number;
      name: string;
      kind: 'school' | 'preschool' | 'additional';
      isLowResults: boolean;
      isHardSocialConditions: boolean;
    }>(
      db,
      sql`select id, short_name as name, kind, is_low_results as "isLowResults",
        is_hard_social_conditions as "isHardSocialConditions" from organizations where municipality_id = ${municipalityId}`,
    );
    const computedOrgs = await findComputedOrganizations(db, ctx);
    // The plan of the year: the template's own targets, and the threshold «высокий» where it has none.
    const targetsOf = (i: IndicatorTemplate) =>
      i.targets ?? (i.levelHigh === undefined ? {} : { [String(period.year)]: i.levelHigh });
    const input: AnalysisInput = {
      indicators: indicators.map((i) => ({ ...definition(i, template), targets: targetsOf(i) })),
      organizations: computedOrgs.map((o) => ({ ...orgs.find((x) => x.id === o.id)! })),
      results,
      year: period.year,
    };
    const drafts = draftConclusions(input);
    const meaningValues = await computeIndicators({
      db,
      ctx,
      indicators: MEANINGS.map((m, k) => ({
        ...definition({ code: `m${k}`, name: '', unit: 'count', numerator: m.formula } as IndicatorTemplate),
      })),
    });
    expect(meaningValues.problems).toEqual([]);
    const contradictions: string[] = [];
    for (const d of drafts) {
      const codes = [...new Set(d.evidence.items.map((x) => x.indicator))];
      for (const orgId of d.organizationIds) {
        const org = orgs.find((o) => o.id === orgId)!;
        for (const code of codes) {
          const indicator = indicators.find((i) => i.code === code)!;
          if (!appliesTo(expectedApplicability(template, indicator), org))
            contradictions.push(`${code}: «${org.name}» вне применимости — ${d.text}`);
          const r = results.find((x) => x.indicator === code && x.organization === orgId);
          if (!r || r.value === null) contradictions.push(`${code}: «${org.name}» без значения — ${d.text}`);
          else if (ZERO_WORDS.test(d.text) && r.value !== 0)
            contradictions.push(`${code}: «${org.name}» = ${r.value} — ${d.text}`);
          else if (/низк/i.test(d.text) && !ZERO_WORDS.test(d.text) && r.level !== 'low')
            contradictions.push(`${code}: «${org.name}» уровень ${r.level} — ${d.text}`);
        }
        for (const [k, m] of MEANINGS.entries()) {
          if (!m.phrase.test(d.text)) continue;
          const v = meaningValues.results.find((x) => x.indicator === `m${k}` && x.organization === orgId);
          if (v?.value !== 0) contradictions.push(`«${org.name}»: ${m.formula} = ${v?.value} — ${d.text}`);
        }
      }
    }
    for (const r of results) {
      if (r.organization === null) continue;
      const org = orgs.find((o) => o.id === r.organization)!;
      const i = indicators.find((x) => x.code === r.indicator)!;
      if (appliesTo(expectedApplicability(template, i), org) !== r.isApplicable)
        contradictions.push(`${i.code}: «${org.name}» применимость ${r.isApplicable}`);
      if (!r.isApplicable && (r.value !== null || r.level !== null))
        contradictions.push(`${i.code}: «${org.name}» не применяется, но значение ${r.value}`);
    }
    for (const d of drafts)
      if (checkEvidence(d.evidence, results).length) contradictions.push(`не подтверждается: ${d.text}`);
    // «целевой показатель … не достигнут»: the municipal value is on the wrong side of that year's plan.
    for (const d of drafts.filter((x) => /целевой показатель/.test(x.text))) {
      const i = indicators.find((x) => x.code === d.indicatorCode)!;
      const plan = targetsOf(i)[String(period.year)];
      const total = results.find((x) => x.indicator === i.code && x.organization === null)?.value;
      const isMet = (i.direction ?? 'higher') === 'higher' ? total! >= plan : total! <= plan;
      if (plan === undefined || total === null || total === undefined || isMet)
        contradictions.push(`план ${plan}, значение ${total} — ${d.text}`);
      if (!d.text.includes(`${period.year} года`)) contradictions.push(`не тот год — ${d.text}`);
    }
    const planned = indicators.filter((i) => {
      const plan = targetsOf(i)[String(period.year)];
      const total = results.find((x) => x.indicator === i.code && x.organization === null);
      if (plan === undefined || !total || total.value === null || total.isApplicable === false) return false;
      return (i.direction ?? 'higher') === 'higher' ? total.value < plan : total.value > plan;
    });
    expect(planned.length).toBeGreaterThan(0);
    expect(drafts.filter((x) => /целевой показатель/.test(x.text)).map((x) => x.indicatorCode)).toEqual(
      planned.map((i) => i.code),
    );
    const texts = drafts.map((d) => d.text);
    const repeated = texts.filter((t, i) => texts.indexOf(t) !== i);
    expect({ contradictions, repeated }).toEqual({ contradictions: [], repeated: [] });
  });
});
