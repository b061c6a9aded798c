import { describe, expect, it } from 'vitest';
import { isSmallGroup, publicResult, PUBLIC_MIN_GROUP } from './suppression.ts';

const result = (denominator: number | null, value: number | null = 50) => ({
  indicator: '1.1',
  organization: 7,
  organizationName: 'СОШ № 7',
  value,
  numerator: denominator === null ? value : 2,
  denominator,
  level: 'high' as const,
  isApplicable: true,
});

describe('small-number suppression on public pages', () => {
  it('hides a share over fewer than the threshold, and never sends the numerator or denominator', () => {
    expect(PUBLIC_MIN_GROUP).toBe(5);
    expect(publicResult(result(4))).toEqual({
      indicator: '1.1',
      organization: 7,
      organizationName: 'СОШ № 7',
      value: null,
      level: null,
      isApplicable: true,
      isSuppressed: true,
    });
    const shown = publicResult(result(5));
    expect(shown).toMatchObject({ value: 50, level: 'high', isSuppressed: false });
    expect(shown).not.toHaveProperty('numerator');
    expect(shown).not.toHaveProperty('denominator');
  });

  it('publishes counts, presence and an empty group as they are', () => {
    expect(isSmallGroup(result(null, 3))).toBe(false);
    expect(isSmallGroup(result(0, null))).toBe(false);
    expect(isSmallGroup(result(1))).toBe(true);
    expect(isSmallGroup(result(9), 10)).toBe(true);
  });
});
