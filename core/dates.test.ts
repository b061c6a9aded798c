import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageAt,
  experienceAt,
  formatRuDate,
  isValidIsoDate,
  isYoungTeacher,
  parseRuDate,
} from './dates.ts';

describe('date rules', () => {
  it('counts full years as age is counted', () => {
    expect(ageAt('1990-05-10', '2025-05-09')).toBe(34);
    expect(ageAt('1990-05-10', '2025-05-10')).toBe(35);
    expect(experienceAt('2023-09-01', '2026-01-01')).toBe(2);
    expect(experienceAt('2027-09-01', '2026-01-01')).toBe(0);
  });

  it('applies the young-teacher rule of seed 001: under 35 and in the first three years', () => {
    const rule = { maxAge: 35, maxExperience: 3 };
    expect(
      isYoungTeacher({ birthDate: '1995-01-01', pedagogicalStartDate: '2024-09-01' }, '2026-01-01', rule),
    ).toBe(true);
    expect(
      isYoungTeacher({ birthDate: '1995-01-01', pedagogicalStartDate: '2022-09-01' }, '2026-01-01', rule),
    ).toBe(false);
    expect(
      isYoungTeacher({ birthDate: '1985-01-01', pedagogicalStartDate: '2025-09-01' }, '2026-01-01', rule),
    ).toBe(false);
  });

  it('reads and writes дд.мм.гггг', () => {
    expect(formatRuDate('2026-01-05')).toBe('05.01.2026');
    expect(parseRuDate('5.1.2026')).toBe('2026-01-05');
    expect(parseRuDate('31.02.2026')).toBeNull();
    expect(isValidIsoDate('2024-06-31')).toBe(false);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});
