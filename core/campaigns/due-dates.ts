import { addMonths, formatRuDate, isoDate, isValidIsoDate, parseIsoDate, type IsoDate } from '../dates.ts';
import { formFieldsOf } from '../indicators/applicability.ts';

/**
 * Collection due dates of indicators in a campaign, where the program says so (seed 004: «до 15 октября»,
 * «до 1 марта», «ежемесячно до 10 числа»): a date, or a day of every month. A form field is due when the
 * earliest indicator reading it is due; the reminders remind of fields due soon and not yet filled.
 */
export type DueRule = { kind: 'date'; date: IsoDate } | { kind: 'monthly'; day: number };

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/**
 * The rule a program's «срок» text suggests for a campaign: «до 15 октября» is that day of the first year in
 * which it falls on or after the campaign's start; «ежемесячно до 10 числа» is the 10th of every month.
 * Null when the text names no day («ежегодно»).
 */
export function suggestDueRule(text: string | null | undefined, campaignStart: IsoDate): DueRule | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  const monthly = /ежемесячно[^0-9]*(\d{1,2})\s*(?:-?го\s*)?числа/.exec(lower);
  if (monthly) {
    const day = Number(monthly[1]);
    return day >= 1 && day <= 31 ? { kind: 'monthly', day } : null;
  }
  const dated = new RegExp(`(\\d{1,2})\\s+(${MONTHS_GENITIVE.join('|')})`).exec(lower);
  if (!dated) return null;
  const day = Number(dated[1]);
  const month = MONTHS_GENITIVE.indexOf(dated[2]) + 1;
  const { year } = parseIsoDate(campaignStart);
  for (const y of [year, year + 1]) {
    const date = isoDate(y, month, day);
    if (isValidIsoDate(date) && date >= campaignStart) return { kind: 'date', date };
  }
  return null;
}

/** The day of `month` (YYYY-MM-01) a monthly rule falls on: its day, or the month's last when shorter. */
function monthlyOccurrence(firstOfMonth: IsoDate, day: number): IsoDate {
  const { year, month } = parseIsoDate(firstOfMonth);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoDate(year, month, Math.min(day, length));
}

/** The next due day of a rule on or after `today` (a date rule: its date, even when passed). */
export function nextDueDate(rule: DueRule, today: IsoDate): IsoDate {
  if (rule.kind === 'date') return rule.date;
  const { year, month } = parseIsoDate(today);
  const first = isoDate(year, month, 1);
  const thisMonth = monthlyOccurrence(first, rule.day);
  return thisMonth >= today ? thisMonth : monthlyOccurrence(addMonths(first, 1), rule.day);
}

/** «до 15.10.2025», «ежемесячно до 10 числа». */
export function describeDueRule(rule: DueRule): string {
  return rule.kind === 'date' ? `до ${formatRuDate(rule.date)}` : `ежемесячно до ${rule.day} числа`;
}

export interface FieldDue {
  fieldCode: string;
  /** The next due day of the field on or after today. */
  dueDate: IsoDate;
  /** How people read it: «до 15.10.2025», «ежемесячно до 10 числа (ближайший срок — 10.12.2026)». */
  label: string;
  /** The indicators whose due date this is. */
  indicatorCodes: string[];
}

/**
 * Each form field's due date: the earliest next due day of the indicators that read it (`form("code")`),
 * on or after `today`. Fields of indicators without a rule have none.
 */
export function fieldDueDates(
  indicators: { code: string; numerator: string; denominator: string | null }[],
  rules: Map<string, DueRule>,
  today: IsoDate,
): Map<string, FieldDue> {
  const out = new Map<string, FieldDue>();
  for (const indicator of indicators) {
    const rule = rules.get(indicator.code);
    if (!rule) continue;
    const due = nextDueDate(rule, today);
    const label =
      rule.kind === 'date'
        ? describeDueRule(rule)
        : `${describeDueRule(rule)} (ближайший срок — ${formatRuDate(due)})`;
    for (const field of new Set([
      ...formFieldsOf(indicator.numerator),
      ...formFieldsOf(indicator.denominator),
    ])) {
      const known = out.get(field);
      if (!known || due < known.dueDate)
        out.set(field, { fieldCode: field, dueDate: due, label, indicatorCodes: [indicator.code] });
      else if (due === known.dueDate) known.indicatorCodes.push(indicator.code);
    }
  }
  return out;
}
