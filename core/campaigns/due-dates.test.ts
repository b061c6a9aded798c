import { describe, expect, it } from 'vitest';
import { describeDueRule, fieldDueDates, nextDueDate, suggestDueRule } from './due-dates.ts';

describe('due dates of indicators', () => {
  it('reads the program’s «срок» texts of seed 004', () => {
    expect(suggestDueRule('Ежегодно, до 15 октября', '2025-09-01')).toEqual({
      kind: 'date',
      date: '2025-10-15',
    });
    // «до 1 марта» after a campaign starting in September: March of the next year.
    expect(suggestDueRule('Ежегодно до 1 марта', '2025-09-01')).toEqual({ kind: 'date', date: '2026-03-01' });
    expect(suggestDueRule('Ежемесячно до 10 числа', '2025-09-01')).toEqual({ kind: 'monthly', day: 10 });
    expect(suggestDueRule('Ежегодно', '2025-09-01')).toBeNull();
    expect(suggestDueRule(null, '2025-09-01')).toBeNull();
    expect(suggestDueRule('до 30 февраля', '2025-01-01')).toBeNull();
  });

  it('finds the next monthly day, the month’s last when it is shorter', () => {
    expect(nextDueDate({ kind: 'monthly', day: 10 }, '2025-10-01')).toBe('2025-10-10');
    expect(nextDueDate({ kind: 'monthly', day: 10 }, '2025-10-10')).toBe('2025-10-10');
    expect(nextDueDate({ kind: 'monthly', day: 10 }, '2025-10-11')).toBe('2025-11-10');
    expect(nextDueDate({ kind: 'monthly', day: 31 }, '2026-02-05')).toBe('2026-02-28');
    expect(nextDueDate({ kind: 'monthly', day: 31 }, '2025-12-31')).toBe('2025-12-31');
    expect(nextDueDate({ kind: 'date', date: '2025-10-15' }, '2025-11-01')).toBe('2025-10-15');
    expect(describeDueRule({ kind: 'date', date: '2025-10-15' })).toBe('до 15.10.2025');
    expect(describeDueRule({ kind: 'monthly', day: 10 })).toBe('ежемесячно до 10 числа');
  });

  it('gives a field the earliest due date of the indicators reading it', () => {
    const indicators = [
      { code: '1', numerator: 'form("a")', denominator: 'form("b")' },
      { code: '2', numerator: 'form("b")', denominator: null },
      { code: '3', numerator: 'form("c")', denominator: null },
    ];
    const rules = new Map([
      ['1', { kind: 'date' as const, date: '2025-10-15' }],
      ['2', { kind: 'monthly' as const, day: 10 }],
    ]);
    const due = fieldDueDates(indicators, rules, '2025-10-01');
    expect(due.get('a')).toMatchObject({
      dueDate: '2025-10-15',
      label: 'до 15.10.2025',
      indicatorCodes: ['1'],
    });
    expect(due.get('b')).toMatchObject({
      dueDate: '2025-10-10',
      label: 'ежемесячно до 10 числа (ближайший срок — 10.10.2025)',
      indicatorCodes: ['2'],
    });
    expect(due.has('c')).toBe(false);
  });
});
