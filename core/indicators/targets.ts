/**
 * Plan against fact: an indicator's target values by year (the program passport's «целевые значения») and
 * how a computed value compares with the target of its year.
 */

import { formatIndicatorValue, formatNumber, formatQuantity } from '../format.ts';
import type { Direction, IndicatorUnit } from './levels.ts';

/** Target values by year: { "2024": 15, "2025": 20 }. */
export type Targets = Record<string, number>;

/**
 * The target a campaign is measured against: the one of its reporting period's year — the year the period
 * ends (the calendar year, or the year a school year ends: 2024/25 → 2025), which is the campaign's `year`.
 * No target for that year: null (the targets of other years are not carried over).
 */
export function targetOf(targets: Targets | null | undefined, year: number): number | null {
  const value = targets?.[String(year)];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Whether a value reaches its target: at least it for higher-is-better, at most it for lower-is-better. */
export function isTargetMet(value: number, target: number, direction: Direction): boolean {
  const epsilon = 1e-9;
  return direction === 'lower' ? value <= target + epsilon : value >= target - epsilon;
}

export interface PlanFact {
  year: number;
  plan: number;
  /** null: no value computed. */
  fact: number | null;
  /** fact − plan; null without a fact. */
  deviation: number | null;
  /** null without a fact. */
  isMet: boolean | null;
}

/** Plan, fact and deviation of one value against the target of `year`; null when that year has no target. */
export function planFact(
  targets: Targets | null | undefined,
  year: number,
  fact: number | null,
  direction: Direction,
): PlanFact | null {
  const plan = targetOf(targets, year);
  if (plan === null) return null;
  if (fact === null) return { year, plan, fact, deviation: null, isMet: null };
  return { year, plan, fact, deviation: fact - plan, isMet: isTargetMet(fact, plan, direction) };
}

/** A target as the passport writes it: «20 %», «1», «есть». */
export function targetText(target: number, unit: IndicatorUnit): string {
  if (unit === 'presence') return target > 0 ? 'есть' : 'нет';
  return unit === 'percent' ? `${formatQuantity(target)}\u00a0%` : formatQuantity(target);
}

/** A deviation with its sign: «−7,6 п. п.» for a share, «+2» for a count, «—» without a value. */
export function deviationText(deviation: number | null, unit: IndicatorUnit): string {
  if (deviation === null) return '—';
  const sign = deviation > 0 ? '+' : '';
  if (unit === 'percent') return `${sign}${formatNumber(deviation, 1)}\u00a0п.\u00a0п.`;
  if (unit === 'presence') return deviation >= 0 ? 'достигнуто' : 'не достигнуто';
  return `${sign}${formatIndicatorValue(deviation, unit)}`;
}
