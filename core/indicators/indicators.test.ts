import { describe, expect, it } from 'vitest';
import { indicatorValue, levelOf } from './levels.ts';
import { DEFAULT_PROGRAM_PARAMETERS, describeReferenceRule, reportingPeriod } from './period.ts';

describe('reporting period and reference date', () => {
  it('a calendar year is valued on 1 January of the next year by default (seed 004)', () => {
    expect(reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025)).toMatchObject({
      start: '2025-01-01',
      end: '2025-12-31',
      referenceDate: '2026-01-01',
    });
  });
  it('an academic year ends on 31 August and can be valued on a fixed date', () => {
    const p = {
      ...DEFAULT_PROGRAM_PARAMETERS,
      periodKind: 'academic' as const,
      referenceDate: { kind: 'fixed' as const, month: 10, day: 15, yearOffset: 0 },
    };
    expect(reportingPeriod(p, 2025)).toMatchObject({
      start: '2024-09-01',
      end: '2025-08-31',
      referenceDate: '2025-10-15',
    });
    expect(describeReferenceRule(p)).toBe('на 15.10 отчётного года');
  });
  it('a reference date inside the period ends it: a value «на 15.05» counts nothing after 15 May (seed 002)', () => {
    const p = {
      ...DEFAULT_PROGRAM_PARAMETERS,
      periodKind: 'academic' as const,
      referenceDate: { kind: 'fixed' as const, month: 5, day: 15, yearOffset: 0 },
    };
    expect(reportingPeriod(p, 2026)).toMatchObject({
      start: '2025-09-01',
      end: '2026-05-15',
      referenceDate: '2026-05-15',
    });
  });
});

describe('indicator value and level', () => {
  it('computes a share and never divides by zero', () => {
    expect(indicatorValue('percent', 2, 11, 100)).toBe(18.1818);
    expect(indicatorValue('percent', 0, 0, 100)).toBeNull();
    expect(indicatorValue('count', 7, undefined, 1)).toBe(7);
    expect(indicatorValue('presence', 3, undefined, 1)).toBe(1);
    expect(indicatorValue('presence', 0, undefined, 1)).toBe(0);
  });
  it('applies thresholds in the direction of the indicator', () => {
    const higher = { unit: 'percent' as const, direction: 'higher' as const, levelHigh: 70, levelMedium: 40 };
    expect(levelOf(75, higher)).toBe('high');
    expect(levelOf(70, higher)).toBe('high');
    expect(levelOf(50, higher)).toBe('medium');
    expect(levelOf(10, higher)).toBe('low');
    expect(levelOf(null, higher)).toBeNull();
    const lower = { unit: 'count' as const, direction: 'lower' as const, levelHigh: 0, levelMedium: 2 };
    expect(levelOf(0, lower)).toBe('high');
    expect(levelOf(2, lower)).toBe('medium');
    expect(levelOf(5, lower)).toBe('low');
    expect(levelOf(1, { unit: 'presence', direction: 'higher', levelHigh: null, levelMedium: null })).toBe(
      'high',
    );
  });
});
