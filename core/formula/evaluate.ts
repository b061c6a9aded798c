/** Arithmetic on already aggregated values, and the list of aggregates a formula needs. */

import type { CallNode, Expression } from './ast.ts';
import { callKey } from './format.ts';

/**
 * The distinct calls of an expression, in order of first appearance, each with its `callKey`.
 * The server runs one query per entry and caches it by key; calls written differently but counting
 * the same thing (`teachers(young, mentee)`, `teachers(mentee, young)`) appear once.
 */
export function collectCalls(ast: Expression): { key: string; call: CallNode }[] {
  const found = new Map<string, CallNode>();
  const visit = (e: Expression): void => {
    switch (e.kind) {
      case 'number':
        return;
      case 'negate':
        return visit(e.operand);
      case 'binary':
        visit(e.left);
        return visit(e.right);
      case 'call': {
        const key = callKey(e);
        if (!found.has(key)) found.set(key, e);
      }
    }
  };
  visit(ast);
  return [...found].map(([key, call]) => ({ key, call }));
}

/**
 * The value of an expression given the value of each call. Null when a call has no value (null), on
 * division by zero (a share of an empty group is «нет данных», not 0), or when the result is not a
 * finite number.
 */
export function evaluate(ast: Expression, valueOfCall: (call: CallNode) => number | null): number | null {
  const result = valueOf(ast, valueOfCall);
  if (result === null || !Number.isFinite(result)) return null;
  return result === 0 ? 0 : result; // no −0 in reports
}

/** The recursion of `evaluate`, at module level: no function is made per evaluation (see compute.ts). */
function valueOf(e: Expression, valueOfCall: (call: CallNode) => number | null): number | null {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'call': {
      const v = valueOfCall(e);
      return v === null || !Number.isFinite(v) ? null : v;
    }
    case 'negate': {
      const v = valueOf(e.operand, valueOfCall);
      return v === null ? null : -v;
    }
    case 'binary': {
      const l = valueOf(e.left, valueOfCall);
      const r = valueOf(e.right, valueOfCall);
      if (l === null || r === null) return null;
      switch (e.operator) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? null : l / r;
      }
    }
  }
}
