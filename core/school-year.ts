import { isoDate, parseIsoDate, type IsoDate } from './dates.ts';

/** The school year a date falls in, named by the year it starts: 1 September – 31 August. */
export function schoolYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= 9 ? year : year - 1;
}

export const schoolYearPeriod = (startYear: number): { from: IsoDate; to: IsoDate } => ({
  from: isoDate(startYear, 9, 1),
  to: isoDate(startYear + 1, 8, 31),
});

/** «2026/2027 учебный год». */
export const schoolYearLabel = (startYear: number) => `${startYear}/${startYear + 1} учебный год`;

/** Share present of those marked, in whole percent; null when nobody was marked. */
export function attendanceRate(present: number, absent: number): number | null {
  const marked = present + absent;
  return marked ? Math.round((present / marked) * 100) : null;
}
