import { describe, expect, it } from 'vitest';
import { draftConclusions, type AnalysisInput } from './drafts.ts';
import { checkEvidence, valueText } from './evidence.ts';
import { surveyCodesOf } from './survey-conclusions.ts';

const input: AnalysisInput = {
  indicators: [
    {
      code: 'S1',
      name: 'Доля удовлетворённых методической службой',
      unit: 'percent',
      direction: 'higher',
      numerator: 'answers(survey = "sat", question = "q1", value >= 4)',
      levelHigh: 80,
      levelMedium: 50,
    },
    {
      code: 'B1',
      name: 'Доля педагогов с высоким риском выгорания',
      unit: 'percent',
      direction: 'lower',
      numerator: 'answers(survey = "burnout", question = "cbi.work", value >= 50)',
    },
  ],
  organizations: [
    { id: 1, name: 'Школа А' },
    { id: 2, name: 'Школа Б' },
    { id: 3, name: 'Школа В' },
  ],
  results: [
    { indicator: 'S1', organization: 1, value: 66.667, level: 'medium' },
    { indicator: 'S1', organization: 2, value: null, level: null }, // fewer answers than the threshold
    { indicator: 'S1', organization: 3, value: 90, level: 'high' },
    { indicator: 'S1', organization: null, value: 75, level: 'medium' },
    { indicator: 'B1', organization: 1, value: null, level: null },
    { indicator: 'B1', organization: 2, value: null, level: null },
    { indicator: 'B1', organization: 3, value: null, level: null },
    { indicator: 'B1', organization: null, value: null, level: null },
  ],
  surveys: [{ code: 'sat', title: 'Удовлетворённость методической службой' }],
};

describe('conclusions from survey answers', () => {
  it('reads the survey codes of answers() and answerSum() from a formula', () => {
    expect(
      surveyCodesOf('answerSum(survey = "sat", question = "q1") / answers(survey = "sat", question = "q1")'),
    ).toEqual(['sat']);
    expect(surveyCodesOf('teachers(young)')).toEqual([]);
  });

  it('names the survey and the values it rests on; a school below the threshold is counted, not named', () => {
    const drafts = draftConclusions(input).filter((d) => d.text.startsWith('По данным анкетирования'));
    expect(drafts).toHaveLength(1); // B1 has no value anywhere: nothing to state
    const [s1] = drafts;
    const p = (v: number) => valueText(v, 'percent'); // «75,0 %» with a no-break space
    expect(s1.text).toBe(
      `По данным анкетирования «Удовлетворённость методической службой» (код «sat»): показатель S1 «Доля удовлетворённых методической службой»: по муниципалитету в целом — ${p(75)}; Школа А — ${p(66.667)}, Школа В — ${p(90)}. В 1 ОО ответов меньше порога анонимности — значение не показывается; в значение по муниципалитету они входят, только если вместе их ответов не меньше порога.`,
    );
    expect(p(66.667)).toBe('66,7\u00a0%');
    expect(s1.organizationIds).toEqual([1, 3]);
    expect(s1.evidence).toEqual({
      claim: 'value',
      items: [
        { indicator: 'S1', organization: null, value: 75, level: 'medium' },
        { indicator: 'S1', organization: 1, value: 66.667, level: 'medium' },
        { indicator: 'S1', organization: 3, value: 90, level: 'high' },
      ],
    });
    expect(s1.text).not.toContain('Школа Б');
  });

  it('is re-checked: holds on the same results, flagged when a value changes or falls below the threshold', () => {
    const [s1] = draftConclusions(input).filter((d) => d.text.startsWith('По данным анкетирования'));
    expect(checkEvidence(s1.evidence, input.results)).toEqual([]);
    const changed = input.results.map((r) =>
      r.indicator === 'S1' && r.organization === 3 ? { ...r, value: null, level: null } : r,
    );
    expect(checkEvidence(s1.evidence, changed)).toEqual([
      { indicator: 'S1', organization: 3, stated: 90, actual: null, reason: 'claim' },
    ]);
  });
});
