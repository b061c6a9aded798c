/** A short Russian reading of a formula, shown as a hint under the formula editor. */

import { plural } from '../format.ts';
import type { CallNode, CompareOperator, Condition, Expression, Literal } from './ast.ts';
import { findFilter, findFunction, type Filter } from './catalog.ts';
import { formatCondition } from './format.ts';

const SIGNS: Record<CompareOperator, string> = {
  '=': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};
const OPERATORS = { '+': '+', '-': '−', '*': '×', '/': '/' } as const;
const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

const ruNumber = (value: number) => String(value).replace('.', ',').replace('-', '−');

/** «a, b или c» */
const alternatives = (items: string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} или ${items[items.length - 1]}`;

/**
 * A short Russian description of a formula, e.g. `teachers(young, diagnosed(level = municipal))` →
 * «число педагогов: молодые, прошли диагностику (муниципальный уровень)». Calls with conditions inside a
 * larger expression are put in parentheses.
 */
export function describeFormula(ast: Expression): string {
  return ast.kind === 'call' ? describeCall(ast) : expression(ast);
}

/** The description of one call: «число педагогов: молодые». */
export function describeCall(call: CallNode): string {
  if (call.name === 'form') return `значение поля «${call.field}» формы`;
  const fn = findFunction(call.name);
  if (!fn || fn.kind !== 'aggregate') return call.name;
  return call.filter ? `${fn.phrase}: ${condition(call.filter, fn.filters, 'top')}` : fn.phrase;
}

function expression(e: Expression): string {
  switch (e.kind) {
    case 'number':
      return ruNumber(e.value);
    case 'call': {
      const text = describeCall(e);
      return e.name !== 'form' && e.filter ? `(${text})` : text;
    }
    case 'negate':
      return e.operand.kind === 'binary' ? `−(${expression(e.operand)})` : `−${expression(e.operand)}`;
    case 'binary': {
      const precedence = PRECEDENCE[e.operator];
      let left = expression(e.left);
      let right = expression(e.right);
      if (e.left.kind === 'binary' && PRECEDENCE[e.left.operator] < precedence) left = `(${left})`;
      if (e.right.kind === 'binary' && PRECEDENCE[e.right.operator] <= precedence) right = `(${right})`;
      return `${left} ${OPERATORS[e.operator]} ${right}`;
    }
  }
}

type Place = 'top' | 'and' | 'or' | 'not';

function condition(c: Condition, filters: readonly Filter[], place: Place): string {
  switch (c.kind) {
    case 'and': {
      // Commas read as «и» at the top; inside «или» and «не» they would blur the grouping.
      if (place === 'top' || place === 'and')
        return c.operands.map((x) => condition(x, filters, 'and')).join(', ');
      return `(${c.operands.map((x) => condition(x, filters, 'and')).join(' и ')})`;
    }
    case 'or': {
      const text = c.operands.map((x) => condition(x, filters, 'or')).join(' или ');
      return place === 'top' || place === 'or' ? text : `(${text})`;
    }
    case 'not': {
      const def = 'name' in c.operand ? findFilter(filters, c.operand.name) : undefined;
      if (c.operand.kind === 'flag' && def?.kind === 'flag') return def.negatedPhrase;
      if (c.operand.kind === 'nested') return `не ${condition(c.operand, filters, 'not')}`;
      if (c.operand.kind === 'not') return condition(c.operand.operand, filters, place);
      return `не (${condition(c.operand, filters, 'top')})`;
    }
    default:
      break;
  }
  const def = findFilter(filters, c.name);
  if (!def) return formatCondition(c);
  switch (c.kind) {
    case 'flag':
      return def.phrase;
    case 'nested':
      return c.filter && def.kind === 'nested'
        ? `${def.phrase} (${condition(c.filter, def.filters, 'top')})`
        : def.phrase;
    case 'compare':
      return comparison(def, c.operator, [c.value]);
    case 'in':
      return comparison(def, '=', c.values);
  }
}

function comparison(def: Filter, operator: CompareOperator, values: Literal[]): string {
  const negation = operator === '!=' ? 'не ' : '';
  switch (def.kind) {
    case 'number': {
      const last = Number(values[values.length - 1].value);
      return def.phrase
        .replace('{op}', SIGNS[operator])
        .replace('{value}', alternatives(values.map((v) => ruNumber(Number(v.value)))))
        .replace('{unit}', plural(last, def.unit.forms));
    }
    case 'enum': {
      const labels = values.map((v) => def.values.find((x) => x.code === v.value)?.label ?? String(v.value));
      return def.phrase.replace('{value}', negation + alternatives(labels));
    }
    case 'string':
      return def.phrase.replace('{value}', negation + alternatives(values.map((v) => `«${v.value}»`)));
    default:
      return def.phrase;
  }
}
