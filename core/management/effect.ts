import type { IsoDate } from '../dates.ts';
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

/** A campaign as the effect of measures chooses among them: only closed ones have final values. */
export interface EffectRun {
  id: number;
  isClosed: boolean;
  /** When it was closed (ISO timestamp); ties of one reporting period go to the one closed last. */
  closedAt: string | null;
  /** The last day of its reporting period. */
  periodEnd: IsoDate;
}

/**
 * The two campaigns of one program a measure is judged by, always the same for the same data:
 * - «до» — the closed campaign with the latest reporting period that ended before the measure began;
 * - «после» — the closed campaign with the earliest reporting period that ended on or after the day the
 *   measure was done (or its deadline).
 * A measure begins on its deadline's start (a period) or on the day it counts from, whichever is earlier.
 * Campaigns still running do not take part (their values change until closing); of several closed campaigns
 * of one program and period (possible only in data from before the one-per-period rule) the one closed last
 * counts, then the larger number.
 */
export function effectCampaigns<T extends EffectRun>(
  runs: readonly T[],
  measure: { start: IsoDate | null; end: IsoDate | null },
): { before: T | undefined; after: T | undefined } {
  const { end } = measure;
  if (!end) return { before: undefined, after: undefined };
  const start = measure.start && measure.start < end ? measure.start : end;
  const closed = runs.filter((r) => r.isClosed);
  const latestClosed = (candidates: T[]) =>
    [...candidates].sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || a.id - b.id).at(-1);
  const beforeEnds = closed.filter((r) => r.periodEnd < start).map((r) => r.periodEnd);
  const afterEnds = closed.filter((r) => r.periodEnd >= end).map((r) => r.periodEnd);
  const beforeEnd = beforeEnds.sort().at(-1);
  const afterEnd = afterEnds.sort()[0];
  return {
    before: beforeEnd ? latestClosed(closed.filter((r) => r.periodEnd === beforeEnd)) : undefined,
    after: afterEnd ? latestClosed(closed.filter((r) => r.periodEnd === afterEnd)) : undefined,
  };
}
