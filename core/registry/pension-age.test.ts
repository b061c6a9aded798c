import { describe, expect, it } from 'vitest';
import {
  formatPensionAge,
  isOfPensionAge,
  LEGAL_PENSION_RULE,
  pensionAgeMonths,
  pensionDate,
} from './pension-age.ts';

describe('the retirement age of 350-ФЗ (приложение 6 к 400-ФЗ, ч. 3 ст. 10 350-ФЗ)', () => {
  it('men: 60 before 1959, then 60,5 / 61,5 / 63 / 64, and 65 from 1963', () => {
    const years = (birthYear: number) => pensionAgeMonths('male', `${birthYear}-06-15`) / 12;
    expect([1958, 1959, 1960, 1961, 1962, 1963, 1975].map(years)).toEqual([60, 60.5, 61.5, 63, 64, 65, 65]);
  });

  it('women: 55 before 1964, then 55,5 / 56,5 / 58 / 59, and 60 from 1968 — five years after the men', () => {
    const years = (birthYear: number) => pensionAgeMonths('female', `${birthYear}-06-15`) / 12;
    expect([1959, 1963, 1964, 1965, 1966, 1967, 1968, 1990].map(years)).toEqual([
      55, 55, 55.5, 56.5, 58, 59, 60, 60,
    ]);
  });

  it('the day of retirement: the transition ends in 2028', () => {
    expect(pensionDate({ sex: 'male', birthDate: '1959-03-10' })).toBe('2019-09-10');
    expect(pensionDate({ sex: 'female', birthDate: '1965-01-31' })).toBe('2021-07-31');
    expect(pensionDate({ sex: 'male', birthDate: '1963-02-01' })).toBe('2028-02-01');
    expect(pensionDate({ sex: 'female', birthDate: '1968-12-31' })).toBe('2028-12-31');
    expect(isOfPensionAge({ sex: 'female', birthDate: '1966-05-01' }, '2024-05-01')).toBe(true);
    expect(isOfPensionAge({ sex: 'female', birthDate: '1966-05-01' }, '2024-04-30')).toBe(false);
  });

  it('a parameter of the program: other final ages, with or without the schedule', () => {
    const flat = { male: 63, female: 58, transition: false };
    expect(pensionAgeMonths('male', '1950-01-01', flat)).toBe(63 * 12);
    expect(pensionAgeMonths('female', '1990-01-01', flat)).toBe(58 * 12);
    // With the schedule, an age lower than the final one caps the step.
    const lower = { ...LEGAL_PENSION_RULE, male: 62 };
    expect(pensionAgeMonths('male', '1961-01-01', lower)).toBe(62 * 12);
    expect(pensionAgeMonths('male', '1958-01-01', lower)).toBe(60 * 12);
  });

  it('is written in Russian', () => {
    expect(formatPensionAge(61 * 12 + 6)).toBe('61 год 6 мес.');
    expect(formatPensionAge(60 * 12)).toBe('60 лет');
    expect(formatPensionAge(64 * 12)).toBe('64 года');
  });
});
