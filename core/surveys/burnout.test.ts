import { describe, expect, it } from 'vitest';
import { questionsOf } from './definition.ts';
import { CBI_ITEMS, cbiItemScore, cbiScoreItems, cbiScores, highBurnoutShares } from './burnout.ts';
import { SURVEY_TEMPLATES } from './templates.ts';

const template = SURVEY_TEMPLATES.find((t) => t.code === 'burnout_risk')!;
const item = (name: string) => CBI_ITEMS.find((i) => i.name === name)!;

/** Respondent 1, scored by hand (see each line). */
const first: Record<string, unknown> = {
  // personal: 100 + 75 + 50 + 25 + 0 + 50 = 300; / 6 = 50 → high risk
  cbi_p1: 'always',
  cbi_p2: 'often',
  cbi_p3: 'sometimes',
  cbi_p4: 'seldom',
  cbi_p5: 'never',
  cbi_p6: 'sometimes',
  // work: 100 + 75 + 50 + 75 + 25 + 0 + (w7 «всегда» reversed) 0 = 325; / 7 = 46.43 → not high
  cbi_w1: 'very_high',
  cbi_w2: 'high',
  cbi_w3: 'somewhat',
  cbi_w4: 'often',
  cbi_w5: 'seldom',
  cbi_w6: 'never',
  cbi_w7: 'always',
  // students: 25 × 6 = 150; / 6 = 25
  cbi_s1: 'low',
  cbi_s2: 'low',
  cbi_s3: 'low',
  cbi_s4: 'low',
  cbi_s5: 'seldom',
  cbi_s6: 'seldom',
};

describe('the Copenhagen Burnout Inventory', () => {
  it('has the 19 items of the original in three subscales, one of them reversed', () => {
    const count = (s: string) => CBI_ITEMS.filter((i) => i.subscale === s).length;
    expect([CBI_ITEMS.length, count('personal'), count('work'), count('students')]).toEqual([19, 6, 7, 6]);
    expect(CBI_ITEMS.filter((i) => i.isReversed).map((i) => i.name)).toEqual(['cbi_w7']);
    expect(template.source).toContain('Kristensen');
    expect(template.source).toContain('Work & Stress. 2005');
    expect(questionsOf(template.definition).filter((q) => q.name.startsWith('cbi_'))).toHaveLength(19);
  });

  it('scores an answer 100/75/50/25/0, the reversed item the other way round', () => {
    expect(
      ['always', 'often', 'sometimes', 'seldom', 'never'].map((a) => cbiItemScore(item('cbi_p1'), a)),
    ).toEqual([100, 75, 50, 25, 0]);
    expect(
      ['always', 'often', 'sometimes', 'seldom', 'never'].map((a) => cbiItemScore(item('cbi_w7'), a)),
    ).toEqual([0, 25, 50, 75, 100]);
    expect(cbiItemScore(item('cbi_w1'), 'very_low')).toBe(0);
    expect(cbiItemScore(item('cbi_w1'), 'always')).toBeNull();
  });

  it('a subscale score is the mean of its items; an unanswered item leaves the subscale without a score', () => {
    expect(cbiScores(first)).toEqual({ personal: 50, work: 325 / 7, students: 25 });
    expect(cbiScores({ ...first, cbi_w7: 'never' }).work).toBeCloseTo(425 / 7, 10);
    const { cbi_w7: _skipped, ...withoutW7 } = first;
    expect(cbiScores(withoutW7)).toEqual({ personal: 50, work: null, students: 25 });
  });

  it('stores the subscale scores as answer items when the survey asks all their items', () => {
    expect(cbiScoreItems(questionsOf(template.definition), first)).toEqual([
      { question: 'cbi.personal', value: 50, text: null },
      { question: 'cbi.work', value: 325 / 7, text: null },
      { question: 'cbi.students', value: 25, text: null },
    ]);
    const withoutStudents = questionsOf(template.definition).filter((q) => q.name !== 'cbi_s6');
    expect(cbiScoreItems(withoutStudents, first).map((i) => i.question)).toEqual([
      'cbi.personal',
      'cbi.work',
    ]);
  });

  it('the share at high risk (score ≥ 50) per subscale, hidden below the threshold', () => {
    // personal 0; work without a score (w7 unanswered); students 25
    const second: Record<string, unknown> = Object.fromEntries(
      CBI_ITEMS.filter((i) => i.name !== 'cbi_w7').map((i) => [
        i.name,
        i.subscale === 'personal' ? 'never' : i.scale === 'degree' ? 'low' : 'seldom',
      ]),
    );
    const third = { ...first, cbi_w7: 'never', cbi_s1: 'very_high' }; // work 425/7 ≥ 50; students (100+125)/6 = 37.5
    expect(cbiScores(third).students).toBe(37.5);
    expect(highBurnoutShares([first, second, third], 2)).toEqual({
      personal: { respondents: 3, high: 2, share: 2 / 3 },
      work: { respondents: 2, high: 1, share: 0.5 },
      students: { respondents: 3, high: 0, share: 0 },
    });
    expect(highBurnoutShares([first, second, third], 3).work).toEqual({
      respondents: null,
      high: null,
      share: null,
    });
  });
});
