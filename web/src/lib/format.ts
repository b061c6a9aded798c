export { formatNumber, formatPercent, plural, countOf } from '../../../core/format.ts';
export { formatRuDate } from '../../../core/dates.ts';

/** An ISO timestamp → «дд.мм.гггг чч:мм» in the user's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
