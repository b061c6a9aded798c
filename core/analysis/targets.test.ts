import { describe, expect, it } from 'vitest';
import { deviationText, isTargetMet, planFact, targetOf, targetText } from '../indicators/targets.ts';
import { draftConclusions, type AnalysisIndicator, type AnalysisInput } from './drafts.ts';
import { checkEvidence } from './evidence.ts';

const share: AnalysisIndicator = {
  code: '4',
  name: 'Доля аттестованных педагогов',
  unit: 'percent',
  direction: 'higher',
  numerator: 'teachers(certified)',
  targets: { '2024': 10, '2025': 20 },
};
const vacancies: AnalysisIndicator = {
  code: 'V',
  name: 'Количество вакансий',
  unit: 'count',
  direction: 'lower',
  numerator: 'vacancies()',
  targets: { '2025': 3 },
};
const inputOf = (
  values: { share: number | null; vacancies: number | null },
  year?: number,
): AnalysisInput => ({
  indicators: [share, vacancies],
  organizations: [{ id: 1, name: 'МБОУ СОШ № 1' }],
  results: [
    { indicator: '4', organization: 1, value: values.share, level: null },
    { indicator: '4', organization: null, value: values.share, level: null },
    { indicator: 'V', organization: 1, value: values.vacancies, level: null },
    { indicator: 'V', organization: null, value: values.vacancies, level: null },
  ],
  year,
});
const missedOf = (input: AnalysisInput) =>
  draftConclusions(input).filter((c) => c.evidence.claim === 'missed');

describe('targets', () => {
  it('takes the target of the campaign year only, and compares by the direction', () => {
    expect(targetOf(share.targets, 2025)).toBe(20);
    expect(targetOf(share.targets, 2026)).toBeNull();
    expect(targetOf(undefined, 2025)).toBeNull();
    expect(isTargetMet(20, 20, 'higher')).toBe(true);
    expect(isTargetMet(19.99, 20, 'higher')).toBe(false);
    expect(isTargetMet(3, 3, 'lower')).toBe(true);
    expect(isTargetMet(4, 3, 'lower')).toBe(false);
    expect(planFact(share.targets, 2025, 12.4, 'higher')).toEqual({
      year: 2025,
      plan: 20,
      fact: 12.4,
      deviation: 12.4 - 20,
      isMet: false,
    });
    expect(planFact(share.targets, 2025, null, 'higher')).toMatchObject({ deviation: null, isMet: null });
    expect(deviationText(12.4 - 20, 'percent')).toBe('−7,6\u00a0п.\u00a0п.');
    expect(deviationText(2, 'count')).toBe('+2');
    expect(targetText(20, 'percent')).toBe('20\u00a0%');
    expect(targetText(12.5, 'percent')).toBe('12,5\u00a0%');
  });

  it('drafts the sentence only when the target of the year is missed, with the target in its evidence', () => {
    const missed = missedOf(inputOf({ share: 12.4, vacancies: 5 }, 2025));
    expect(missed.map((c) => c.text)).toEqual([
      'Показатель 4 «Доля аттестованных педагогов»: целевой показатель 2025 года не достигнут: 12,4\u00a0% при плане 20\u00a0%.',
      'Показатель V «Количество вакансий»: целевой показатель 2025 года не достигнут: 5 при плане 3.',
    ]);
    expect(missed[0].evidence).toEqual({
      claim: 'missed',
      target: { year: 2025, value: 20, direction: 'higher' },
      items: [{ indicator: '4', organization: null, value: 12.4, level: null }],
    });
    expect(missed[0].kind).toBe('municipal');
    // Met (at or beyond the plan), no value, no target of that year, or no year: no such conclusion.
    expect(missedOf(inputOf({ share: 20, vacancies: 3 }, 2025))).toEqual([]);
    expect(missedOf(inputOf({ share: null, vacancies: null }, 2025))).toEqual([]);
    expect(missedOf(inputOf({ share: 1, vacancies: 9 }, 2026))).toEqual([]);
    expect(missedOf(inputOf({ share: 1, vacancies: 9 }))).toEqual([]);
    expect(missedOf(inputOf({ share: 9, vacancies: 0 }, 2024)).map((c) => c.indicatorCode)).toEqual(['4']);
  });

  it('is re-checked: once the value reaches the plan, the conclusion is not borne out', () => {
    const [c] = missedOf(inputOf({ share: 12.4, vacancies: 0 }, 2025));
    const now = (value: number) => [{ indicator: '4', organization: null, value, level: null }];
    expect(checkEvidence(c.evidence, now(12.4))).toEqual([]);
    expect(checkEvidence(c.evidence, now(21))).toEqual([
      { indicator: '4', organization: null, stated: 12.4, actual: 21, reason: 'claim' },
    ]);
    // Evidence stored without its target cannot confirm a missed target.
    expect(checkEvidence({ ...c.evidence, target: undefined }, now(12.4))).toHaveLength(1);
  });
});
