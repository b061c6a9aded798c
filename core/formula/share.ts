/**
 * Whether a share's numerator stays inside its denominator. A share counts a part of a group; when the
 * numerator is written as a call of the same function with every condition of the denominator (and more),
 * each counted item of the numerator is an item of the denominator, and the share cannot exceed 100 %.
 */

import type { AggregateCallNode, Condition, Expression, NestedNode } from './ast.ts';
import { callKey, formatCondition, formatFormula } from './format.ts';
import { splitWindow } from './window.ts';

const conjuncts = (c: Condition | null): Condition[] => (!c ? [] : c.kind === 'and' ? c.operands : [c]);

/** A normalized key of one condition: operands of `and`/`or` and `in` values sorted. */
const keyOf = (c: Condition) =>
  callKey({ kind: 'call', name: 'teachers', filter: c, position: 0, length: 0 } as AggregateCallNode);

/**
 * Whether `n` (a numerator condition) implies `d` (a denominator condition) by its form: the same
 * condition, or the same record kind in the same window with at least the denominator's sub-conditions
 * (`route(curator)` implies `route`, `diagnosed(withDeficits, years = 2)` implies `diagnosed(years = 2)`).
 */
function implies(n: Condition, d: Condition): boolean {
  if (keyOf(n) === keyOf(d)) return true;
  if (n.kind !== 'nested' || d.kind !== 'nested' || n.name !== d.name) return false;
  const nw = splitWindow(n as NestedNode);
  const dw = splitWindow(d as NestedNode);
  if (nw.years !== dw.years) return false;
  return conjuncts(dw.rest).every((x) => conjuncts(nw.rest).some((y) => implies(y, x)));
}

/**
 * The denominator's conditions that the numerator of a share does not repeat: empty when the numerator
 * counts only items of the denominator, null when the two are not calls of one counting function (form
 * values, arithmetic: nothing can be said from the text).
 */
export function conditionsOutsideDenominator(
  numerator: Expression,
  denominator: Expression,
): Condition[] | null {
  if (numerator.kind !== 'call' || denominator.kind !== 'call') return null;
  if (numerator.name === 'form' || numerator.name !== denominator.name) return null;
  const own = conjuncts((numerator as AggregateCallNode).filter);
  return conjuncts((denominator as AggregateCallNode).filter).filter((d) => !own.some((n) => implies(n, d)));
}

/**
 * The Russian warning of the program editor when a share's numerator may count items outside its
 * denominator (and the share go above 100 %), with the numerator rewritten to stay inside; null otherwise.
 */
export function shareWarning(numerator: Expression, denominator: Expression): string | null {
  const missing = conditionsOutsideDenominator(numerator, denominator);
  if (!missing?.length) return null;
  const call = numerator as AggregateCallNode;
  const fixed: AggregateCallNode = {
    ...call,
    filter: {
      kind: 'and',
      operands: [...conjuncts(call.filter), ...missing],
      position: 0,
      length: 0,
    },
  };
  const list = missing.map((c) => `«${formatCondition(c)}»`).join(', ');
  return (
    `Числитель может считать тех, кого нет в знаменателе: в нём нет ${missing.length > 1 ? 'условий' : 'условия'} ` +
    `знаменателя ${list}, и доля может превысить 100 %. Чтобы числитель был частью знаменателя, ` +
    `повторите в нём условия знаменателя: ${formatFormula(fixed)}`
  );
}
