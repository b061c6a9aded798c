/**
 * Calendar-day arithmetic on ISO dates ('YYYY-MM-DD'), time-zone free. Experience and age are derived
 * from dates at a reference date, never stored as numbers that go stale.
 */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  const m = ISO.exec(value);
  if (!m) throw new Error(`Not an ISO date: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isValidIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(value: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(value);
  return toIsoDate(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Days from `from` to `to`: 1 from a day to the next, negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (value: IsoDate) => {
    const { year, month, day } = parseIsoDate(value);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(value);
  const last = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return toIsoDate(new Date(Date.UTC(year, month - 1 + months, Math.min(day, last))));
}

/** Full years between two dates, as age is counted: the birthday itself completes the year. */
export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) years -= 1;
  return years;
}

/** Pedagogical experience in full years at the reference date (0 before the start date). */
export const experienceAt = (startDate: IsoDate, referenceDate: IsoDate) =>
  Math.max(0, fullYearsBetween(startDate, referenceDate));

export const ageAt = (birthDate: IsoDate, referenceDate: IsoDate) =>
  fullYearsBetween(birthDate, referenceDate);

/** «Молодой педагог»: a program parameter — under `maxAge` and with experience under `maxExperience` years. */
export interface YoungTeacherRule {
  maxAge: number;
  maxExperience: number;
}

/** The rule of seed 001 (under 35 and in the first three years of work), used where no program sets its own. */
export const DEFAULT_YOUNG_TEACHER_RULE: YoungTeacherRule = { maxAge: 35, maxExperience: 3 };

export function isYoungTeacher(
  teacher: { birthDate: IsoDate; pedagogicalStartDate: IsoDate },
  referenceDate: IsoDate,
  rule: YoungTeacherRule,
): boolean {
  return (
    ageAt(teacher.birthDate, referenceDate) < rule.maxAge &&
    experienceAt(teacher.pedagogicalStartDate, referenceDate) < rule.maxExperience
  );
}

/** 'YYYY-MM-DD' → 'дд.мм.гггг', as every Russian document writes dates. */
export function formatRuDate(value: IsoDate | null | undefined): string {
  if (!value) return '';
  const { year, month, day } = parseIsoDate(value.slice(0, 10));
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** 'дд.мм.гггг' (also д.м.гггг) → 'YYYY-MM-DD', or null when it is not a real date. */
export function parseRuDate(value: string): IsoDate | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(value);
  if (!m) return null;
  const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return isValidIsoDate(iso) ? iso : null;
}
