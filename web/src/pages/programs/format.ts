import { formatIndicatorValue } from '../../../../core/format.ts';
import type { IndicatorLevel, IndicatorUnit } from '../../../../core/indicators/levels.ts';

/**
 * An indicator value as a person reads it: «18,2 %», «7», «есть», «—» for no data; `digits` — the decimals
 * of its indicator when values stand beside each other (core/format.ts indicatorDigits).
 */
export function formatValue(value: number | null, unit: IndicatorUnit, digits?: number): string {
  return formatIndicatorValue(value, unit, { digits });
}

export const LEVEL_COLOR: Record<IndicatorLevel, string> = { high: 'teal', medium: 'yellow', low: 'red' };
export const LEVEL_BG: Record<IndicatorLevel, string> = {
  high: 'var(--mantine-color-teal-1)',
  medium: 'var(--mantine-color-yellow-1)',
  low: 'var(--mantine-color-red-1)',
};

/** A computed result as shown: «не применяется» where the indicator does not apply to the organization. */
export function formatResult(
  r: { value: number | null; isApplicable?: boolean } | undefined,
  unit: IndicatorUnit,
  digits?: number,
): string {
  if (r?.isApplicable === false) return 'не применяется';
  return formatValue(r?.value ?? null, unit, digits);
}
