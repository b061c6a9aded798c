import { describe, expect, it } from 'vitest';
import { DEFAULT_YOUNG_TEACHER_RULE } from '../dates.ts';
import {
  departurePeriod,
  forecastStaffing,
  groupCells,
  observeAttrition,
  sumCells,
  vacancyTrend,
  type ForecastCell,
  type TeacherHistory,
} from './staffing-forecast.ts';

describe('the staffing forecast, against a hand-computed example', () => {
  // Reference date 01.12.2026: school year 2026/27; horizon 2 → 2027/28 and 2028/29.
  // Year 2027 counts departures 01.12.2026–31.08.2027, year 2028 those of 01.09.2027–31.08.2028.
  // Rates: 10 % of the others leave a year, half of those of pension age.
  const forecast = forecastStaffing({
    referenceDate: '2026-12-01',
    horizon: 2,
    rates: { attrition: 0.1, pensionLeave: 0.5 },
    teachers: [
      // A: man born 01.03.1962 → 64 on 01.03.2026, already of pension age. 2027: 0,5; 2028: 0,5 × 0,5 = 0,25.
      { sex: 'male', birthDate: '1962-03-01', organizationId: 1, subjects: ['математика'] },
      // B: woman born 10.05.1968 → 60 on 10.05.2028, within year 2028. 2027: 0,1 (0,05 to each subject);
      // 2028: 0,9 × 0,5 = 0,45 (0,225 each); reaches pension age in 2028 (0,5 in each subject).
      { sex: 'female', birthDate: '1968-05-10', organizationId: 1, subjects: ['русский язык', 'литература'] },
      // C: young. 2027: 0,1; 2028: 0,9 × 0,1 = 0,09.
      { sex: 'female', birthDate: '1995-02-02', organizationId: 1, subjects: ['математика'] },
      // D: man born 01.07.1961 → 63 on 01.07.2024; no subject. 2027: 0,5; 2028: 0,25.
      { sex: 'male', birthDate: '1961-07-01', organizationId: 2, subjects: [] },
    ],
    vacancies: [
      { organizationId: 1, subject: 'математика', count: 1 },
      { organizationId: 2, subject: null, count: 0 },
      { organizationId: 2, subject: 'физика', count: 1 },
    ],
    youngInflow: [{ organizationId: 1, subject: 'математика', count: 0.5 }],
    graduates: [
      { organizationId: 1, subject: 'математика', graduationYear: 2027 },
      { organizationId: 2, subject: 'физика', graduationYear: 2028 },
      { organizationId: 2, subject: 'физика', graduationYear: 2031 }, // beyond the horizon
    ],
  });
  const find = (organizationId: number, subject: string, year: number) =>
    forecast.cells.find(
      (c) => c.organizationId === organizationId && c.subject === subject && c.year === year,
    )!;

  it('the years and the departure periods', () => {
    expect(forecast.years).toEqual([2027, 2028]);
    expect(departurePeriod('2026-12-01', 2027)).toEqual({ from: '2026-12-01', to: '2027-08-31' });
    expect(departurePeriod('2026-12-01', 2028)).toEqual({ from: '2027-09-01', to: '2028-08-31' });
  });

  it('each cell: departures, inflow, vacancies and the need never below zero', () => {
    // School 1, mathematics, 2027: 1 vacancy + 0,5 (A) + 0,1 (C) − 0,5 young − 1 graduate = 0,1.
    const math = find(1, 'математика', 2027);
    expect(math.departures).toBeCloseTo(0.6);
    expect(math.vacancies).toBe(1);
    expect(math.youngInflow).toBe(0.5);
    expect(math.graduates).toBe(1);
    expect(math.need).toBeCloseTo(0.1);
    // 2028: 0,25 + 0,09 − 0,5 < 0 → 0.
    expect(find(1, 'математика', 2028).departures).toBeCloseTo(0.34);
    expect(find(1, 'математика', 2028).need).toBe(0);
    expect(find(1, 'русский язык', 2027).need).toBeCloseTo(0.05);
    expect(find(1, 'литература', 2028).need).toBeCloseTo(0.225);
    expect(find(1, 'литература', 2028).reachingPension).toBeCloseTo(0.5);
    expect(find(2, '', 2027).need).toBeCloseTo(0.5);
    expect(find(2, '', 2028).need).toBeCloseTo(0.25);
    // Physics: the vacancy in 2027, the graduate of 2028 has nothing to fill then.
    expect(find(2, 'физика', 2027).need).toBe(1);
    expect(find(2, 'физика', 2028).graduates).toBe(1);
    expect(find(2, 'физика', 2028).need).toBe(0);
  });

  it('the municipality: the sum of the cells by year', () => {
    const byYear = (year: number) => sumCells(forecast.cells.filter((c) => c.year === year));
    // 2027: 0,1 + 0,05 + 0,05 + 0,5 + 1 = 1,7; departures 0,6 + 0,1 + 0,5 = 1,2; inflow 0,5 + 1.
    expect(byYear(2027).need).toBeCloseTo(1.7);
    expect(byYear(2027).departures).toBeCloseTo(1.2);
    expect(byYear(2027).inflow).toBeCloseTo(1.5);
    expect(byYear(2027).vacancies).toBe(2);
    expect(byYear(2027).reachingPension).toBe(0);
    // 2028: 0 + 0,225 + 0,225 + 0,25 + 0 = 0,7; departures 0,34 + 0,45 + 0,25 = 1,04; B reaches pension age.
    expect(byYear(2028).need).toBeCloseTo(0.7);
    expect(byYear(2028).departures).toBeCloseTo(1.04);
    expect(byYear(2028).reachingPension).toBeCloseTo(1);
    expect(byYear(2028).inflow).toBeCloseTo(1.5);
  });

  it('by organization and by subject', () => {
    const byOrganization = groupCells(forecast.cells, (c: ForecastCell) => c.organizationId, forecast.years);
    const school1 = byOrganization.find((g) => g.key === 1)!;
    expect(school1.byYear.map((t) => t.need)).toEqual([
      expect.closeTo(0.2, 5), // 0,1 + 0,05 + 0,05
      expect.closeTo(0.45, 5), // 0 + 0,225 + 0,225
    ]);
    const bySubject = groupCells(forecast.cells, (c) => c.subject, forecast.years);
    expect(bySubject.find((g) => g.key === 'физика')!.total.need).toBe(1);
    expect(bySubject.find((g) => g.key === 'математика')!.total.departures).toBeCloseTo(0.94);
  });
});

describe('what was observed: attrition and young inflow of past school years', () => {
  const job = (organizationId: number, startDate: string, endDate: string | null) => ({
    organizationId,
    startDate,
    endDate,
    isMainJob: true,
  });
  const teachers: TeacherHistory[] = [
    // Of pension age (61,5 in 2021), leaves in June 2024: a departure of pension age in 2023/24.
    {
      sex: 'male',
      birthDate: '1960-01-01',
      pedagogicalStartDate: '1982-09-01',
      subjects: [],
      positions: [job(1, '2000-09-01', '2024-06-30')],
    },
    {
      sex: 'female',
      birthDate: '1985-03-03',
      pedagogicalStartDate: '2010-09-01',
      subjects: [],
      positions: [job(1, '2010-09-01', null)],
    },
    // Leaves in January 2025: a departure of 2024/25.
    {
      sex: 'female',
      birthDate: '1980-04-04',
      pedagogicalStartDate: '2003-09-01',
      subjects: [],
      positions: [job(2, '2015-09-01', '2025-01-15')],
    },
    // Comes young in October 2024.
    {
      sex: 'female',
      birthDate: '2000-05-05',
      pedagogicalStartDate: '2024-10-01',
      subjects: ['история'],
      positions: [job(2, '2024-10-01', null)],
    },
    // 64 on 01.05.2026: not of pension age in either year.
    {
      sex: 'male',
      birthDate: '1962-05-01',
      pedagogicalStartDate: '1985-09-01',
      subjects: [],
      positions: [job(1, '2005-09-01', null)],
    },
    // Of pension age since 2018 and stays.
    {
      sex: 'female',
      birthDate: '1963-01-01',
      pedagogicalStartDate: '1985-09-01',
      subjects: [],
      positions: [job(1, '1990-09-01', null)],
    },
  ];
  const result = observeAttrition(teachers, [2023, 2024], DEFAULT_YOUNG_TEACHER_RULE);

  it('counts each year and the rates over the years', () => {
    expect(result.observed).toEqual([
      {
        year: 2023,
        headcount: 3,
        departures: 0,
        pensionHeadcount: 2,
        pensionDepartures: 1,
        youngArrivals: 0,
      },
      {
        year: 2024,
        headcount: 3,
        departures: 1,
        pensionHeadcount: 1,
        pensionDepartures: 0,
        youngArrivals: 1,
      },
    ]);
    expect(result.rates.attrition).toBeCloseTo(1 / 6);
    expect(result.rates.pensionLeave).toBeCloseTo(1 / 3);
    // One young teacher in two years: half a teacher a year, in history at school 2.
    expect(result.youngInflow).toEqual([{ organizationId: 2, subject: 'история', count: 0.5 }]);
  });

  it('nobody of pension age observed: all of them are expected to leave', () => {
    expect(observeAttrition([], [2024], DEFAULT_YOUNG_TEACHER_RULE).rates).toEqual({
      attrition: 0,
      pensionLeave: 1,
    });
  });
});

describe('the trend of vacancies', () => {
  it('least squares over the months, its value on 1 September of each year', () => {
    // 4, 5, 6 in October–December 2026: +1 a month; 1 September 2027 is 10 months after November
    // (the mean, 5): 15; 2028: 27.
    const trend = vacancyTrend(
      [
        { month: '2026-10-01', count: 4 },
        { month: '2026-11-01', count: 5 },
        { month: '2026-12-01', count: 6 },
      ],
      [2027, 2028],
    )!;
    expect(trend.perMonth).toBeCloseTo(1);
    expect(trend.byYear[0]).toBeCloseTo(15);
    expect(trend.byYear[1]).toBeCloseTo(27);
    expect(vacancyTrend([{ month: '2026-10-01', count: 4 }], [2027])).toBeNull();
    // Falling: never below zero.
    expect(
      vacancyTrend(
        [
          { month: '2026-10-01', count: 3 },
          { month: '2026-11-01', count: 2 },
          { month: '2026-12-01', count: 1 },
        ],
        [2028],
      )!.byYear,
    ).toEqual([0]);
  });
});
