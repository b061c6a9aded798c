/** Canonical text of a formula: what the editor shows after saving, and the cache key of a call. */

import type { BinaryOperator, CallNode, Condition, Expression, Literal } from './ast.ts';

const PRECEDENCE: Record<BinaryOperator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/**
 * Canonical, re-parsable text of an expression: single spaces around operators, `, ` between top-level
 * conditions, only the parentheses the structure needs (plus parentheses around `or` inside `and` and
 * the reverse, for readability), straight double quotes; comments are not kept.
 * `parseFormula(formatFormula(ast))` gives back the same tree.
 */
export function formatFormula(ast: Expression): string {
  return expression(ast, false);
}

/** Canonical text of one condition, as it is written inside a call's parentheses. */
export function formatCondition(condition: Condition): string {
  return conditionText(condition, 'top', false);
}

/**
 * A stable key of a call, equal for calls that count the same thing however they were written: the
 * canonical text with the operands of every `and`/`or` and the values of every `in` sorted.
 * `teachers(young, mentee)` and `teachers(mentee and young)` share a key.
 */
export function callKey(call: CallNode): string {
  return callText(call, true);
}

/** A number as the lexer reads it back: digits and an optional decimal point, never an exponent. */
export function formatNumberLiteral(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

function expression(e: Expression, normalize: boolean): string {
  switch (e.kind) {
    case 'number':
      return formatNumberLiteral(e.value);
    case 'negate': {
      const inner = expression(e.operand, normalize);
      return e.operand.kind === 'binary' || e.operand.kind === 'negate' ? `-(${inner})` : `-${inner}`;
    }
    case 'call':
      return callText(e, normalize);
    case 'binary': {
      const precedence = PRECEDENCE[e.operator];
      let left = expression(e.left, normalize);
      let right = expression(e.right, normalize);
      if (e.left.kind === 'binary' && PRECEDENCE[e.left.operator] < precedence) left = `(${left})`;
      if (e.right.kind === 'binary' && PRECEDENCE[e.right.operator] <= precedence) right = `(${right})`;
      return `${left} ${e.operator} ${right}`;
    }
  }
}

function callText(call: CallNode, normalize: boolean): string {
  if (call.name === 'form')
    return `form(${literalText({ kind: 'string', value: call.field, position: 0, length: 0 })})`;
  return `${call.name}(${call.filter ? conditionText(call.filter, 'top', normalize) : ''})`;
}

/** Where a condition stands: decides between `, ` and ` and `, and whether it needs parentheses. */
type Place = 'top' | 'and' | 'or' | 'not';

function conditionText(c: Condition, place: Place, normalize: boolean): string {
  const ordered = (parts: string[]) => (normalize ? [...new Set(parts)].sort() : parts);
  switch (c.kind) {
    case 'and': {
      if (place === 'top' || place === 'and') {
        return ordered(c.operands.map((x) => conditionText(x, 'and', normalize))).join(', ');
      }
      return `(${ordered(c.operands.map((x) => conditionText(x, 'and', normalize))).join(' and ')})`;
    }
    case 'or': {
      const text = ordered(c.operands.map((x) => conditionText(x, 'or', normalize))).join(' or ');
      return place === 'top' ? text : `(${text})`;
    }
    case 'not':
      return `not ${conditionText(c.operand, 'not', normalize)}`;
    case 'flag':
      return c.name;
    case 'compare':
      return `${c.name} ${c.operator} ${literalText(c.value)}`;
    case 'in':
      return `${c.name} in (${ordered(c.values.map(literalText)).join(', ')})`;
    case 'nested':
      return c.filter ? `${c.name}(${conditionText(c.filter, 'top', normalize)})` : c.name;
  }
}

function literalText(v: Literal): string {
  switch (v.kind) {
    case 'number':
      return formatNumberLiteral(v.value);
    case 'code':
      return v.value;
    case 'string':
      return `"${v.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
}
