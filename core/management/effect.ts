import type { IndicatorUnit } from '../indicators/levels.ts';

export type Verdict = 'improved' | 'unchanged' | 'worsened' | 'no_data';

export const VERDICT_LABEL: Record<Verdict, string> = {
  improved: 'улучшение',
  unchanged: 'без изменений',
  worsened: 'ухудшение',
  no_data: 'нет данных',
};

/**
 * The verdict on one indicator before and after a measure. A change smaller than the tolerance is «без
 * изменений»: 1 percentage point for shares, 1 for counts, any change for presence.
 */
export function verdictOf(
  before: number | null,
  after: number | null,
  unit: IndicatorUnit,
  direction: 'higher' | 'lower',
): Verdict {
  if (before === null || after === null) return 'no_data';
  const tolerance = unit === 'percent' ? 1 : unit === 'presence' ? 0.5 : unit === 'count' ? 1 : 0.01;
  const delta = after - before;
  if (Math.abs(delta) < tolerance) return 'unchanged';
  return (direction === 'higher' ? delta > 0 : delta < 0) ? 'improved' : 'worsened';
}

/** Whether, over several indicators or organizations, the measure improved things: the majority verdict. */
export function overallVerdict(verdicts: Verdict[]): Verdict {
  const known = verdicts.filter((v) => v !== 'no_data');
  if (!known.length) return 'no_data';
  const count = (v: Verdict) => known.filter((x) => x === v).length;
  if (count('improved') > count('worsened') && count('improved') >= count('unchanged')) return 'improved';
  if (count('worsened') > count('improved') && count('worsened') >= count('unchanged')) return 'worsened';
  return 'unchanged';
}
