/**
 * What a drafted conclusion rests on, stored with it, and the check of it against the computed results
 * before the conclusion is published or put into a letter: a conclusion whose organization no longer has
 * the stated value (the data changed, or the sentence was wrong) is a discrepancy.
 */

import { findResult } from '../indicators/find-result.ts';
import type { IndicatorLevel, IndicatorUnit } from '../indicators/levels.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { isTargetMet } from '../indicators/targets.ts';

/**
 * The statement a conclusion makes about each of its items: the value is 0 («нет»), above 0, at the level
 * «низкий», misses the target of its year (`missed`, with `target` in the evidence); for `dynamics` and
 * `value` only that the value is still the stated one.
 */
export type Claim = 'zero' | 'positive' | 'low' | 'value' | 'missed';

/** The target a `missed` claim compares with: the plan of that year and which way is better. */
export interface EvidenceTarget {
  year: number;
  value: number;
  direction: 'higher' | 'lower';
}

export interface EvidenceItem {
  indicator: string;
  /** null: the municipality as a whole. */
  organization: number | null;
  value: number | null;
  level: IndicatorLevel | null;
}

export interface ConclusionEvidence {
  claim: Claim;
  items: EvidenceItem[];
  /** Only with the claim `missed`. */
  target?: EvidenceTarget;
}

export interface EvidenceResult {
  indicator: string;
  organization: number | null;
  value: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization. */
  isApplicable?: boolean;
}

export interface Discrepancy {
  indicator: string;
  organization: number | null;
  stated: number | null;
  /** The value now; null also when there is none or the indicator does not apply. */
  actual: number | null;
  reason: 'changed' | 'not_applicable' | 'missing' | 'claim';
}

/** Whether a value satisfies a claim; `missed` holds only against a target it falls short of. */
export function holds(
  claim: Claim,
  value: number | null,
  level: IndicatorLevel | null,
  target?: EvidenceTarget,
): boolean {
  if (value === null) return false;
  switch (claim) {
    case 'zero':
      return value === 0;
    case 'positive':
      return value > 0;
    case 'low':
      return level === 'low';
    case 'value':
      return true;
    case 'missed':
      return !!target && !isTargetMet(value, target.value, target.direction);
  }
}

const same = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

/** The discrepancies between a conclusion's evidence and the results computed now. */
export function checkEvidence(evidence: ConclusionEvidence, results: EvidenceResult[]): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const item of evidence.items) {
    const now = findResult(results, item.indicator, item.organization);
    const base = { indicator: item.indicator, organization: item.organization, stated: item.value };
    if (!now) out.push({ ...base, actual: null, reason: 'missing' });
    else if (now.isApplicable === false) out.push({ ...base, actual: null, reason: 'not_applicable' });
    else if (!holds(evidence.claim, now.value, now.level, evidence.target))
      out.push({ ...base, actual: now.value, reason: 'claim' });
    else if (!same(now.value, item.value)) out.push({ ...base, actual: now.value, reason: 'changed' });
  }
  return out;
}

/** A value in the words of a conclusion: «18,2 %», «нет», «3». */
export function valueText(value: number | null, unit: IndicatorUnit): string {
  if (value === null) return 'нет данных';
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'presence') return value > 0 ? 'есть' : 'нет';
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/** One discrepancy in Russian: «МБОУ СОШ № 1, показатель 3.2: указано 0, сейчас 4». */
export function describeDiscrepancy(
  d: Discrepancy,
  names: { organization: (id: number | null) => string; unit: (indicator: string) => IndicatorUnit },
): string {
  const where = `${d.organization === null ? 'муниципалитет в целом' : names.organization(d.organization)}, показатель ${d.indicator}`;
  const unit = names.unit(d.indicator);
  switch (d.reason) {
    case 'missing':
      return `${where}: значения больше нет`;
    case 'not_applicable':
      return `${where}: показатель к организации не применяется`;
    case 'claim':
      return `${where}: указано ${valueText(d.stated, unit)}, сейчас ${valueText(d.actual, unit)} — вывод не подтверждается`;
    case 'changed':
      return `${where}: указано ${valueText(d.stated, unit)}, сейчас ${valueText(d.actual, unit)}`;
  }
}
