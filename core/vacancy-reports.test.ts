import { describe, expect, it } from 'vitest';
import { usesVacancies, vacancyDueDate, vacancyMonthStatus, vacancyReminderKind } from './vacancy-reports.ts';

describe('the monthly vacancy report by the 10th', () => {
  it('tells «вакансий нет» (a record with 0) from «не сдано» (no record once the 10th has passed)', () => {
    const status = (records: number, count: number, today: string) =>
      vacancyMonthStatus({ month: '2026-11-01', records, count, today });
    expect(status(2, 3, '2026-11-05')).toBe('reported');
    expect(status(1, 0, '2026-11-05')).toBe('none');
    expect(status(0, 0, '2026-11-10')).toBe('pending');
    expect(status(0, 0, '2026-11-11')).toBe('missing');
    expect(status(0, 0, '2027-01-01')).toBe('missing');
    expect(vacancyDueDate('2026-11-01')).toBe('2026-11-10');
  });

  it('reminds «до 10-го» from the 7th to the 10th and «не сдано» from the 11th', () => {
    expect(['01', '06', '07', '10', '11', '30'].map((d) => vacancyReminderKind(`2026-11-${d}`))).toEqual([
      null,
      null,
      'before',
      'before',
      'after',
      'after',
    ]);
  });

  it('knows an indicator counting the vacancy snapshot from its formulas', () => {
    expect(usesVacancies('positions()', 'positions() + vacancies()')).toBe(true);
    expect(usesVacancies('vacancies(subject = "математика")')).toBe(true);
    expect(usesVacancies('teachers()', null)).toBe(false);
    expect(usesVacancies('teachers(', null)).toBe(false);
  });
});
