/** Months as Russian tables and charts name them. */
export const MONTH_NAMES = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

export const MONTH_SHORT_NAMES = [
  'янв',
  'фев',
  'мар',
  'апр',
  'май',
  'июн',
  'июл',
  'авг',
  'сен',
  'окт',
  'ноя',
  'дек',
] as const;

/** '2026-03-01' (or '2026-03') → 'март 2026'. */
export function formatRuMonth(value: string | null | undefined): string {
  if (!value) return '';
  const month = Number(value.slice(5, 7));
  return `${MONTH_NAMES[month - 1]} ${value.slice(0, 4)}`;
}

/** '2026-03-01' → 'мар 2026', for narrow table columns and chart axes. */
export function formatRuMonthShort(value: string): string {
  return `${MONTH_SHORT_NAMES[Number(value.slice(5, 7)) - 1]} ${value.slice(0, 4)}`;
}

/** The first days of `count` months ending with the month of `last` (ISO dates), oldest first. */
export function lastMonths(last: string, count: number): string[] {
  let year = Number(last.slice(0, 4));
  let month = Number(last.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.unshift(`${year}-${String(month).padStart(2, '0')}-01`);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
