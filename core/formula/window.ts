/** The look-back window of a nested condition, taken apart for the SQL compiler. */

import { addMonths, type IsoDate } from '../dates.ts';
import type { Condition, NestedNode } from './ast.ts';

/**
 * Splits a nested condition's filter into its window (`years = N`: the N years up to the reference
 * date instead of the reporting period) and the remaining conditions. Validation guarantees that a
 * window is a top-level conjunct and appears at most once, so nothing else can hide one.
 */
export function splitWindow(nested: Pick<NestedNode, 'filter'>): {
  years: number | null;
  rest: Condition | null;
} {
  const filter = nested.filter;
  if (!filter) return { years: null, rest: null };
  const conjuncts = filter.kind === 'and' ? filter.operands : [filter];
  const isWindow = (c: Condition) => c.kind === 'compare' && c.name === 'years';
  const window = conjuncts.find(isWindow);
  if (!window || window.kind !== 'compare') return { years: null, rest: filter };
  const others = conjuncts.filter((c) => !isWindow(c));
  const rest: Condition | null =
    others.length === 0
      ? null
      : others.length === 1
        ? others[0]
        : { kind: 'and', operands: others, position: filter.position, length: filter.length };
  return { years: Number(window.value.value), rest };
}

/**
 * The dates `years = N` looks at: from the same day N years before the reference date to the reference
 * date, both days included (for 01.01.2026 and N = 3: 01.01.2023–01.01.2026). A reference date of
 * 29 February starts the window on 28 February. The SQL compiler and the JavaScript reference counter
 * both take the window from here.
 */
export function yearsWindow(referenceDate: IsoDate, years: number): { start: IsoDate; end: IsoDate } {
  return { start: addMonths(referenceDate, -12 * years), end: referenceDate };
}
