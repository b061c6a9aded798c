import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatFormValue,
  formatIndicatorValue,
  indicatorDigits,
  formatNumber,
  formatPercent,
  formatQuantity,
  parseRuNumber,
  plural,
  ORGANIZATION_FORMS,
} from './format.ts';

describe('Russian number formatting', () => {
  it.each([
    [1, 'организация'],
    [2, 'организации'],
    [5, 'организаций'],
    [11, 'организаций'],
    [21, 'организация'],
    [24, 'организации'],
    [112, 'организаций'],
    [0, 'организаций'],
    [1.5, 'организации'],
    [101, 'организация'],
  ])('plural(%i)', (n, form) => expect(plural(n, ORGANIZATION_FORMS)).toBe(form));

  it('writes the decimal comma and groups thousands', () => {
    expect(formatNumber(18.1818, 1)).toBe('18,2');
    expect(formatNumber(60000, 0)).toBe('60\u00a0000');
    expect(formatNumber(-0.04, 1)).toBe('0,0');
    expect(formatNumber(-3.5, 1)).toBe('−3,5');
    expect(formatNumber(null)).toBe('—');
    expect(formatPercent(18.18)).toBe('18,2\u00a0%');
    expect(countOf(25, ORGANIZATION_FORMS)).toBe('25 организаций');
  });

  it('writes a typed value without trailing zeros and a form value for people', () => {
    expect(formatQuantity(12)).toBe('12');
    expect(formatQuantity(57.5)).toBe('57,5');
    expect(formatQuantity(1 / 3)).toBe('0,33');
    expect(formatQuantity(2.999)).toBe('3');
    expect(formatFormValue(true)).toBe('да');
    expect(formatFormValue(false)).toBe('нет');
    expect(formatFormValue(null)).toBe('—');
    expect(formatFormValue(1.5)).toBe('1,5');
  });

  it('writes an indicator value one way everywhere: shares always with one decimal', () => {
    expect(formatIndicatorValue(0, 'percent')).toBe('0,0\u00a0%');
    expect(formatIndicatorValue(57.5, 'percent')).toBe('57,5\u00a0%');
    expect(formatIndicatorValue(100, 'percent', { withUnit: false })).toBe('100,0');
    expect(formatIndicatorValue(7, 'count')).toBe('7');
    expect(formatIndicatorValue(2.25, 'number')).toBe('2,3');
    expect(formatIndicatorValue(1, 'presence')).toBe('есть');
    expect(formatIndicatorValue(0, 'presence')).toBe('нет');
    expect(formatIndicatorValue(null, 'percent')).toBe('—');
    expect(formatIndicatorValue(undefined, 'count', { empty: 'нет данных' })).toBe('нет данных');
  });

  it('reads a number written either way', () => {
    expect(parseRuNumber('18,2')).toBe(18.2);
    expect(parseRuNumber('1 234,5')).toBe(1234.5);
    expect(parseRuNumber('abc')).toBeNull();
  });
});

describe('one number of decimals per indicator', () => {
  it('a percent always has one: «0,0 %» beside «57,5 %», never «0 %»', () => {
    const digits = indicatorDigits('percent', [0, 57.5, 100]);
    expect([0, 57.5, 100].map((v) => formatIndicatorValue(v, 'percent', { digits }))).toEqual([
      '0,0\u00a0%',
      '57,5\u00a0%',
      '100,0\u00a0%',
    ]);
  });

  it('a count has none when all its values are whole, one for all of them when one is not', () => {
    expect(indicatorDigits('count', [0, 7, 12])).toBe(0);
    expect([0, 7, 12].map((v) => formatIndicatorValue(v, 'count', { digits: 0 }))).toEqual(['0', '7', '12']);
    const digits = indicatorDigits('count', [7, 7.5, null]);
    expect(digits).toBe(1);
    expect([7, 7.5].map((v) => formatIndicatorValue(v, 'count', { digits }))).toEqual(['7,0', '7,5']);
    // 6.999 shows as «7,0»: whole to the decimal shown.
    expect(indicatorDigits('number', [6.999, 3])).toBe(0);
    expect(indicatorDigits('presence', [0.5])).toBe(0);
  });
});
