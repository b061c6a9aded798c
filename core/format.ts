/** Russian presentation of numbers: decimal comma, thin grouping, and plural forms. */

const RU_PLURAL = new Intl.PluralRules('ru-RU');
const FORM_INDEX: Partial<Record<Intl.LDMLPluralRule, 0 | 1 | 2>> = { one: 0, few: 1, many: 2 };

/**
 * Picks the Russian plural form by the CLDR rules of Intl.PluralRules: plural(5, ['организация',
 * 'организации', 'организаций']) → 'организаций'. The one helper for every count the product writes.
 * A fractional number takes the second form («1,5 организации»), as Russian grammar wants.
 */
export function plural(n: number, forms: readonly [string, string, string]): string {
  return forms[FORM_INDEX[RU_PLURAL.select(Math.abs(n))] ?? 1];
}

/** «25 организаций» */
export const countOf = (n: number, forms: readonly [string, string, string]) =>
  `${formatNumber(n, 0)} ${plural(n, forms)}`;

/** 1234.5 → «1 234,5» (decimal comma, non-breaking space between thousands). */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const fixed = Math.abs(value).toFixed(digits);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A value as typed: 12 → «12», 57.5 → «57,5», 0.3333 → «0,33» (no trailing zeros, at most two decimals). */
export function formatQuantity(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const rounded = Math.round(value * 100) / 100;
  return formatNumber(rounded, Number.isInteger(rounded) ? 0 : Number.isInteger(rounded * 10) ? 1 : 2);
}

/** A form's value for people: да / нет, a number with the decimal comma, a text, «—» when empty. */
export function formatFormValue(value: unknown): string {
  if (value === true) return 'да';
  if (value === false) return 'нет';
  if (typeof value === 'number') return formatQuantity(value);
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** 18.18 → «18,2 %» */
export const formatPercent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '—' : `${formatNumber(value, digits)}\u00a0%`;

/** Parses «18,2» or «18.2» (and spaces between thousands) into a number; null when it is not one. */
export function parseRuNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export const ORGANIZATION_FORMS = ['организация', 'организации', 'организаций'] as const;
export const TEACHER_FORMS = ['педагог', 'педагога', 'педагогов'] as const;
export const MUNICIPALITY_FORMS = ['муниципалитет', 'муниципалитета', 'муниципалитетов'] as const;

/**
 * An indicator's value as every page, chart, letter and table writes it: a share always with one decimal
 * («0,0 %» beside «57,5 %»), a count or number as it is («7», «2,5»), presence as «есть» / «нет»; `empty` when
 * there is no value.
 */
export function formatIndicatorValue(
  value: number | null | undefined,
  unit: 'percent' | 'count' | 'presence' | 'number',
  options: { empty?: string; withUnit?: boolean; digits?: number } = {},
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return options.empty ?? '—';
  if (unit === 'presence') return value > 0 ? 'есть' : 'нет';
  const digits = options.digits ?? (unit === 'percent' || !Number.isInteger(value) ? 1 : 0);
  if (unit === 'percent')
    return options.withUnit === false ? formatNumber(value, digits) : formatPercent(value, digits);
  return formatNumber(value, digits);
}

/**
 * The decimals of one indicator, the same for every value shown beside each other (a column of the results
 * table, a row of the statistics): a percent always one («0,0 %» beside «57,5 %», never «0 %»); a count or a
 * number none when all of its values are whole, otherwise one («7,0» beside «7,5»).
 */
export function indicatorDigits(
  unit: 'percent' | 'count' | 'presence' | 'number',
  values: readonly (number | null | undefined)[],
): number {
  if (unit === 'percent') return 1;
  if (unit === 'presence') return 0;
  return values.some((v) => typeof v === 'number' && !Number.isInteger(Math.round(v * 10) / 10)) ? 1 : 0;
}
