import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import type { SurveyDefinition } from '../../../core/surveys/definition.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { CBI_ITEMS } from '../../../core/surveys/burnout.ts';
import { SURVEY_TEMPLATES } from '../../../core/surveys/templates.ts';
import { answerItems } from '../surveys/answers.ts';
import { collectCalls, parseFormula, type AggregateCallNode } from '../../../core/formula/index.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';

/**
 * Survey answers in formulas: `answers(…)` and `answerSum(…)` per organization and for the municipality,
 * with the threshold of anonymity — a school where four people answered gives «нет данных», not a value.
 */
let database: Database;
const ids = { m: 0, a: 0, b: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);
const definition: SurveyDefinition = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'rating', name: 'q1', title: 'Удовлетворённость' },
        { type: 'radiogroup', name: 'q2', title: 'Посещали?', choices: ['yes', 'no'] },
      ],
    },
  ],
};

/** A closed anonymous survey of the satisfaction definition in a municipality, and a way to answer it. */
async function satisfactionSurvey(municipalityId: number, code: string, organizationIds: number[]) {
  const db = database.db;
  const [survey] = await db
    .insert(s.surveys)
    .values({
      municipalityId,
      code,
      title: 'Удовлетворённость',
      kind: 'anonymous',
      audience: { target: 'teachers', organizationIds },
      opensOn: '2025-05-01',
      closesOn: '2025-05-31',
      status: 'closed',
    })
    .returning();
  const [version] = await db
    .insert(s.surveyVersions)
    .values({ surveyId: survey.id, number: 1, definition })
    .returning();
  return async (organizationId: number, q1: number, q2: string, answeredOn = '2025-05-10') => {
    const answers = { q1, q2 };
    const [r] = await db
      .insert(s.surveyResponses)
      .values({ surveyId: survey.id, versionId: version.id, organizationId, answeredOn, answers })
      .returning();
    await db.insert(s.surveyAnswerItems).values(
      answerItems(definition, answers).map((i) => ({
        ...i,
        responseId: r.id,
        surveyId: survey.id,
        organizationId,
      })),
    );
  };
}

const shareAndMean = (code: string) => [
  indicator(
    'share',
    `answers(survey = "${code}", question = "q1", value >= 4)`,
    `answers(survey = "${code}", question = "q1")`,
  ),
  {
    ...indicator(
      'mean',
      `answerSum(survey = "${code}", question = "q1")`,
      `answers(survey = "${code}", question = "q1")`,
    ),
    factor: 1,
    unit: 'number' as never,
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const m = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'А' });
  const b = await createOrganization(db, m.id, { shortName: 'Б' });
  Object.assign(ids, { m: m.id, a: a.id, b: b.id });
  const answer = await satisfactionSurvey(m.id, 'sat', [a.id, b.id]);
  for (const v of [5, 5, 4, 3, 2, 4]) await answer(a.id, v, v >= 4 ? 'yes' : 'no');
  for (const v of [5, 4, 1, 1]) await answer(b.id, v, 'no');
  await answer(b.id, 5, 'yes', '2024-05-10'); // another reporting period
});

afterAll(() => database.close());

describe('answers(…) and answerSum(…)', () => {
  it('the share satisfied and the mean score, per school and for the municipality, hidden below the threshold', async () => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [
        ...shareAndMean('sat'),
        indicator('yes', 'answers(survey = "sat", question = "q2", answer = "yes")'),
      ],
    });
    expect(problems).toEqual([]);
    const r = (code: string, org: number | null) =>
      results.find((x) => x.indicator === code && x.organization === org)!;
    expect(r('share', ids.a).value).toBeCloseTo(66.667, 2);
    expect(r('mean', ids.a).value).toBeCloseTo(23 / 6, 3);
    // School Б: four answers in 2025 — every value of it is «нет данных», even a count of matching answers;
    // alone below the threshold, it is left out of the municipal value too (else total − А would reveal it).
    expect(r('share', null)).toMatchObject({ numerator: 4, denominator: 6 });
    expect(r('mean', null).value).toBeCloseTo(23 / 6, 3);
    expect(r('share', ids.b)).toMatchObject({ value: null, numerator: null, denominator: null });
    expect(r('mean', ids.b).value).toBeNull();
    expect(r('yes', ids.b).value).toBeNull();
    expect(r('yes', ids.a).value).toBe(4);
    expect(r('yes', null).value).toBe(4);
  });
});

describe('the municipal value never reveals a hidden school by subtraction', () => {
  const org = { m: 0, small: 0, five: 0, six: 0, third: 0, kindergarten: 0 };
  const compute = async (code: string) => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: org.m, period },
      indicators: shareAndMean(code),
    });
    expect(problems).toEqual([]);
    return (code: string, organization: number | null) =>
      results.find((x) => x.indicator === code && x.organization === organization)!;
  };

  beforeAll(async () => {
    const db = database.db;
    const m = await createMunicipality(db);
    const make = (shortName: string) => createOrganization(db, m.id, { shortName, kind: 'school' });
    const [small, five, six, third] = [
      await make('Малая'),
      await make('Пять'),
      await make('Шесть'),
      await make('Третья'),
    ];
    const kindergarten = await createOrganization(db, m.id, { shortName: 'Сад', kind: 'preschool' });
    Object.assign(org, {
      m: m.id,
      small: small.id,
      five: five.id,
      six: six.id,
      third: third.id,
      kindergarten: kindergarten.id,
    });
    // «one»: the small school has 2 answers (mean 1), the others 5 and 6 (means 4 and 3).
    const one = await satisfactionSurvey(m.id, 'one', [small.id, five.id, six.id]);
    for (const v of [1, 1]) await one(small.id, v, 'no');
    for (const v of [4, 4, 4, 4, 4]) await one(five.id, v, 'yes');
    for (const v of [3, 3, 3, 3, 3, 3]) await one(six.id, v, 'no');
    // «two»: two small schools of 3 answers each — together 6, at least the threshold: both count in the total.
    const two = await satisfactionSurvey(m.id, 'two', [small.id, third.id, five.id]);
    for (const v of [1, 1, 1]) await two(small.id, v, 'no');
    for (const v of [2, 2, 2]) await two(third.id, v, 'no');
    for (const v of [5, 5, 5, 5, 5]) await two(five.id, v, 'yes');
    // «three»: the same two small schools (6 together) and a kindergarten of 2: the preschool kind alone
    // falls below the threshold, so every hidden organization is left out (else total − schools reveals it).
    const three = await satisfactionSurvey(m.id, 'three', [small.id, third.id, five.id, kindergarten.id]);
    for (const v of [1, 1, 1]) await three(small.id, v, 'no');
    for (const v of [2, 2, 2]) await three(third.id, v, 'no');
    for (const v of [5, 5, 5, 5, 5]) await three(five.id, v, 'yes');
    for (const v of [4, 4]) await three(kindergarten.id, v, 'yes');
  });

  it('one school of 2 answers: no value of its own and none in the municipal numerator or denominator', async () => {
    const r = await compute('one');
    expect(r('mean', org.small)).toMatchObject({ value: null, numerator: null, denominator: null });
    expect(r('share', org.small).value).toBeNull();
    expect(r('mean', org.five).value).toBe(4);
    expect(r('mean', org.six).value).toBe(3);
    // Over the 11 answers of the shown schools, not 13 (then 40 / 13 minus the shown schools would give the small one its 2 / 2).
    expect(r('mean', null)).toMatchObject({ numerator: 38, denominator: 11 });
    expect(r('share', null)).toMatchObject({ numerator: 5, denominator: 11 });
  });

  it('hidden schools that together reach the threshold count in the municipal value', async () => {
    const r = await compute('two');
    expect(r('mean', org.small).value).toBeNull();
    expect(r('mean', org.third).value).toBeNull();
    expect(r('mean', null)).toMatchObject({ numerator: 34, denominator: 11 });
  });

  it('a hidden kindergarten alone below the threshold: all hidden organizations are left out', async () => {
    const r = await compute('three');
    expect(r('mean', org.kindergarten).value).toBeNull();
    expect(r('mean', null)).toMatchObject({ numerator: 25, denominator: 5 });
    expect(r('share', null)).toMatchObject({ numerator: 5, denominator: 5 });
  });

  it('the compiled SQL equals the reference evaluation (reference.ts) on every call', async () => {
    const calls = ['one', 'two', 'three'].flatMap((code) => [
      `answers(survey = "${code}", question = "q1")`,
      `answers(survey = "${code}", question = "q1", value >= 4)`,
      `answerSum(survey = "${code}", question = "q1")`,
      `answers(survey = "${code}", question = "q2", answer = "yes")`,
      `answers(survey = "${code}", question = "q1", orgKind = "school")`,
    ]);
    calls.push('answers(survey in ("one", "two"), question = "q1")', 'answerSum(question = "q1")');
    const data = await loadReferenceData(database.db);
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: org.m, period },
      indicators: calls.map((formula, i) => indicator(`c${i}`, formula)),
    });
    expect(problems).toEqual([]);
    const asValue = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? null : n);
    calls.forEach((formula, i) => {
      const parsed = parseFormula(formula);
      if (!parsed.ok) throw new Error(formula);
      const [{ call }] = collectCalls(parsed.ast);
      const reference = referenceCount(data, org.m, period, call as AggregateCallNode);
      const orgIds = [org.small, org.five, org.six, org.third, org.kindergarten];
      const value = (o: number | null) =>
        results.find((x) => x.indicator === `c${i}` && x.organization === o)?.value ?? null;
      expect([...orgIds.map(value), value(null)], formula).toEqual([
        ...orgIds.map((o) => (reference.byOrg.has(o) ? asValue(reference.byOrg.get(o)) : 0)),
        asValue(reference.total),
      ]);
    });
  });
});

describe('the share of teachers at high risk of burnout (CBI)', () => {
  const burnout = SURVEY_TEMPLATES.find((t) => t.code === 'burnout_risk')!.definition;
  /** Every item answered with the option at `index` (0 — the strongest, 100 points); w7 reversed. */
  const uniform = (index: number) =>
    Object.fromEntries(
      CBI_ITEMS.map((i) => [
        i.name,
        (i.scale === 'frequency'
          ? ['always', 'often', 'sometimes', 'seldom', 'never']
          : ['very_high', 'high', 'somewhat', 'low', 'very_low'])[index],
      ]),
    );

  beforeAll(async () => {
    const db = database.db;
    const [survey] = await db
      .insert(s.surveys)
      .values({
        municipalityId: ids.m,
        code: 'burnout',
        title: 'Риск выгорания',
        kind: 'anonymous',
        audience: { target: 'teachers', organizationIds: [ids.a] },
        opensOn: '2025-03-01',
        closesOn: '2025-03-31',
        status: 'closed',
      })
      .returning();
    const [version] = await db
      .insert(s.surveyVersions)
      .values({ surveyId: survey.id, number: 1, definition: burnout })
      .returning();
    // Work-related scores: option 0 → (6 × 100 + 0) / 7 = 85.7; option 1 → (6 × 75 + 25) / 7 = 67.9;
    // option 2 → 50 (exactly the threshold: high); option 3 → (6 × 25 + 75) / 7 = 32.1; option 4 → 14.3.
    for (const index of [0, 1, 2, 3, 4]) {
      const answers = uniform(index);
      const [r] = await db
        .insert(s.surveyResponses)
        .values({
          surveyId: survey.id,
          versionId: version.id,
          organizationId: ids.a,
          answeredOn: '2025-03-10',
          answers,
        })
        .returning();
      await db.insert(s.surveyAnswerItems).values(
        answerItems(burnout, answers).map((i) => ({
          ...i,
          responseId: r.id,
          surveyId: survey.id,
          organizationId: ids.a,
        })),
      );
    }
  });

  it('answers(question = "cbi.work", value >= 50) over those scored: 3 of 5', async () => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [
        indicator(
          'burnout',
          'answers(survey = "burnout", question = "cbi.work", value >= 50)',
          'answers(survey = "burnout", question = "cbi.work")',
        ),
      ],
    });
    expect(problems).toEqual([]);
    const school = results.find((x) => x.indicator === 'burnout' && x.organization === ids.a)!;
    expect(school).toMatchObject({ numerator: 3, denominator: 5, value: 60 });
    expect(results.find((x) => x.indicator === 'burnout' && x.organization === null)!.value).toBe(60);
  });
});
