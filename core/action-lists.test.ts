import { describe, expect, it } from 'vitest';
import {
  attestationDueWithin,
  isOfPensionAge,
  isWithoutTraining,
  isYoungWithoutMentor,
  pensionAgeMonths,
  pensionDate,
  vacanciesOpenLongerThan,
} from './action-lists.ts';
import { DEFAULT_YOUNG_TEACHER_RULE } from './dates.ts';

const today = '2026-11-01';

describe('the lists the department acts on', () => {
  it('attestation: due within N months, overdue included, the later of category and certification counts', () => {
    // Category 2021-12-15 → due 2026-12-15: within 6 months, not within 1.
    expect(attestationDueWithin({ categoryDate: '2021-12-15', lastCertificationDate: null }, today, 6)).toBe(
      '2026-12-15',
    );
    expect(
      attestationDueWithin({ categoryDate: '2021-12-15', lastCertificationDate: null }, today, 1),
    ).toBeNull();
    // Overdue since 2025.
    expect(attestationDueWithin({ categoryDate: '2020-03-01', lastCertificationDate: null }, today, 0)).toBe(
      '2025-03-01',
    );
    // A later compliance certification moves the date.
    expect(
      attestationDueWithin({ categoryDate: '2021-12-15', lastCertificationDate: '2024-01-10' }, today, 6),
    ).toBeNull();
    expect(attestationDueWithin({ categoryDate: null, lastCertificationDate: null }, today, 60)).toBeNull();
  });

  it('ПК: none finished in the three years up to today', () => {
    expect(isWithoutTraining([], today)).toBe(true);
    expect(isWithoutTraining(['2023-10-31'], today)).toBe(true);
    expect(isWithoutTraining(['2023-11-01'], today)).toBe(false);
    // A course that has not ended yet does not count.
    expect(isWithoutTraining(['2026-12-01'], today)).toBe(true);
  });

  it('young without a mentor: young by the rule and no pair running today as the mentee', () => {
    const young = { birthDate: '2000-01-01', pedagogicalStartDate: '2025-09-01' };
    const rule = DEFAULT_YOUNG_TEACHER_RULE;
    expect(isYoungWithoutMentor(young, [], today, rule)).toBe(true);
    expect(isYoungWithoutMentor(young, [{ startDate: '2025-09-01', endDate: null }], today, rule)).toBe(
      false,
    );
    expect(
      isYoungWithoutMentor(young, [{ startDate: '2025-09-01', endDate: '2026-06-30' }], today, rule),
    ).toBe(true);
    // Three full years of experience: no longer young.
    expect(isYoungWithoutMentor({ ...young, pedagogicalStartDate: '2023-09-01' }, [], today, rule)).toBe(
      false,
    );
  });

  it('pension age: the list uses the schedule of core/registry/pension-age.ts', () => {
    expect(pensionAgeMonths('male', '1960-05-01')).toBe(61 * 12 + 6);
    expect(pensionDate({ sex: 'female', birthDate: '1968-03-10' })).toBe('2028-03-10');
    expect(isOfPensionAge({ sex: 'female', birthDate: '1966-10-31' }, today)).toBe(true); // 58 on 2024-10-31
    expect(isOfPensionAge({ sex: 'female', birthDate: '1968-11-02' }, today)).toBe(false); // 60 in 2028
    expect(isOfPensionAge({ sex: 'male', birthDate: '1962-01-01' }, today)).toBe(true); // 64 on 2026-01-01
    expect(isOfPensionAge({ sex: 'male', birthDate: '1963-01-01' }, today)).toBe(false); // 65 in 2028
  });

  it('vacancies: open in the last reported month and every month before, longer than N months', () => {
    const v = (
      organizationId: number,
      month: string,
      count: number,
      position = 'учитель',
      subject: string | null = 'физика',
    ) => ({
      organizationId,
      month,
      position,
      subject,
      count,
    });
    const rows = [
      // Organization 1: physics open July–October (4 months); chemistry closed in October.
      v(1, '2026-07-01', 1),
      v(1, '2026-08-01', 2),
      v(1, '2026-09-01', 1),
      v(1, '2026-10-01', 1),
      v(1, '2026-09-01', 1, 'учитель', 'химия'),
      v(1, '2026-10-01', 0, 'учитель', 'химия'),
      // Organization 2: a gap in August (not reported) breaks the run: open September–October only.
      v(2, '2026-06-01', 1),
      v(2, '2026-07-01', 1),
      v(2, '2026-09-01', 1),
      v(2, '2026-10-01', 1),
    ];
    expect(vacanciesOpenLongerThan(rows, 3)).toEqual([
      { organizationId: 1, position: 'учитель', subject: 'физика', count: 1, since: '2026-07-01', months: 4 },
    ]);
    expect(vacanciesOpenLongerThan(rows, 1).map((r) => [r.organizationId, r.months])).toEqual([
      [1, 4],
      [2, 2],
    ]);
  });
});
