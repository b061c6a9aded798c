import type { IndicatorDefinition } from '../modules/indicators/compute.ts';

/** An indicator of a formula test: a count, or a share × 100 when it has a denominator; no levels. */
export const testIndicator = (
  code: string,
  numerator: string,
  denominator: string | null = null,
): IndicatorDefinition => ({
  code,
  name: code,
  unit: denominator ? 'percent' : 'count',
  numerator,
  denominator,
  factor: denominator ? 100 : 1,
  direction: 'higher',
  levelHigh: null,
  levelMedium: null,
});
