/** Levels of an indicator value: высокий / средний / низкий, by thresholds and direction. */

export type IndicatorLevel = 'high' | 'medium' | 'low';
export type IndicatorUnit = 'percent' | 'count' | 'presence' | 'number';
export type Direction = 'higher' | 'lower';

export const LEVEL_LABEL: Record<IndicatorLevel, string> = {
  high: 'высокий',
  medium: 'средний',
  low: 'низкий',
};
export const UNIT_LABEL: Record<IndicatorUnit, string> = {
  percent: 'процент',
  count: 'количество',
  presence: 'наличие',
  number: 'число',
};

export interface LevelRule {
  unit: IndicatorUnit;
  direction: Direction;
  levelHigh: number | null;
  levelMedium: number | null;
}

/**
 * The level of a value. Higher-is-better: ≥ high → высокий, ≥ medium → средний, else низкий; lower-is-better
 * mirrors it. «Наличие» is высокий when present and низкий when absent. Without thresholds there is no level.
 */
export function levelOf(value: number | null, rule: LevelRule): IndicatorLevel | null {
  if (value === null) return null;
  if (rule.unit === 'presence' && rule.levelHigh === null && rule.levelMedium === null)
    return value > 0 ? 'high' : 'low';
  if (rule.levelHigh === null && rule.levelMedium === null) return null;
  if (rule.levelHigh !== null && isAtLeast(value, rule.levelHigh, rule.direction)) return 'high';
  if (rule.levelMedium !== null && isAtLeast(value, rule.levelMedium, rule.direction)) return 'medium';
  return 'low';
}

/** Whether a value reaches a threshold in the indicator's direction (module level: made once, see compute.ts). */
function isAtLeast(value: number, threshold: number, direction: LevelRule['direction']): boolean {
  return direction === 'higher' ? value >= threshold : value <= threshold;
}

/**
 * The value of an indicator from its numerator and denominator: numerator ÷ denominator × factor, or
 * numerator × factor without a denominator; «наличие» is 1 or 0. No data (null, or a zero denominator) → null.
 */
export function indicatorValue(
  unit: IndicatorUnit,
  numerator: number | null,
  denominator: number | null | undefined,
  factor: number,
): number | null {
  if (numerator === null) return null;
  if (unit === 'presence') return numerator > 0 ? 1 : 0;
  if (denominator === undefined) return round(numerator * factor);
  if (denominator === null || denominator === 0) return null;
  return round((numerator / denominator) * factor);
}

const round = (v: number) => Math.round(v * 10000) / 10000;
