import { addDays, isoDate, type IsoDate, type YoungTeacherRule } from '../dates.ts';

/** Program parameters that the formula filters and the reporting period depend on. */
export interface ProgramParameters {
  youngMaxAge: number;
  youngMaxExperience: number;
  /** «стаж до N лет» (seed 004: 5, seed 001: 3), for templates and hints. */
  experienceThreshold: number;
  /** calendar: January–December; academic: 1 September – 31 August, named by the year it ends. */
  periodKind: 'calendar' | 'academic';
  /** «по состоянию на». */
  referenceDate:
    | { kind: 'periodEnd' }
    | { kind: 'nextJanuary' }
    | { kind: 'fixed'; month: number; day: number; yearOffset: number };
}

/** Seed 001: «молодой педагог» — under 35, first three years; values «по состоянию на январь года, следующего за отчётным» (seed 004). */
export const DEFAULT_PROGRAM_PARAMETERS: ProgramParameters = {
  youngMaxAge: 35,
  youngMaxExperience: 3,
  experienceThreshold: 5,
  periodKind: 'calendar',
  referenceDate: { kind: 'nextJanuary' },
};

export interface ReportingPeriod {
  year: number;
  start: IsoDate;
  end: IsoDate;
  referenceDate: IsoDate;
  youngRule: YoungTeacherRule;
}

/**
 * The reporting period named by `year` under the program's parameters. When the reference date falls
 * inside the period (seed 002: academic year, «на 15 мая»), the period ends on the reference date.
 */
export function reportingPeriod(parameters: ProgramParameters, year: number): ReportingPeriod {
  const start = parameters.periodKind === 'calendar' ? isoDate(year, 1, 1) : isoDate(year - 1, 9, 1);
  const fullEnd = parameters.periodKind === 'calendar' ? isoDate(year, 12, 31) : isoDate(year, 8, 31);
  const rule = parameters.referenceDate;
  const referenceDate =
    rule.kind === 'periodEnd'
      ? fullEnd
      : rule.kind === 'nextJanuary'
        ? addDays(fullEnd, 1)
        : isoDate(year + rule.yearOffset, rule.month, rule.day);
  // A value «на 15.05» cannot count what happens after 15 May: a reference date inside the period ends it.
  const end = referenceDate >= start && referenceDate < fullEnd ? referenceDate : fullEnd;
  return {
    year,
    start,
    end,
    referenceDate,
    youngRule: { maxAge: parameters.youngMaxAge, maxExperience: parameters.youngMaxExperience },
  };
}

/** «по состоянию на 01.01.2026» — how the rule reads to a person. */
export function describeReferenceRule(parameters: ProgramParameters): string {
  const r = parameters.referenceDate;
  if (r.kind === 'periodEnd') return 'на последний день отчётного периода';
  if (r.kind === 'nextJanuary') return 'на 1 января года, следующего за отчётным';
  const offset =
    r.yearOffset === 0 ? 'отчётного года' : r.yearOffset === 1 ? 'следующего года' : `года +${r.yearOffset}`;
  return `на ${String(r.day).padStart(2, '0')}.${String(r.month).padStart(2, '0')} ${offset}`;
}
