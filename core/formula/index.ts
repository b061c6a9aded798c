/**
 * The indicator formula language: `teachers(young, diagnosed(level = municipal)) / teachers(young) * 100`.
 * Parse and validate with `parseFormula`, list the aggregates to compute with `collectCalls`, combine
 * their values with `evaluate`, show the formula with `formatFormula` and `describeFormula`.
 * Language reference for methodists: docs/formulas.md.
 */

import type { ParseResult } from './ast.ts';
import { ErrorSink, tidyErrors } from './errors.ts';
import { tokenize } from './lexer.ts';
import { parseTokens } from './parser.ts';
import { validate } from './validate.ts';

export type * from './ast.ts';
export { COMPARE_OPERATORS } from './ast.ts';
// The catalog module exports exactly the public part of the catalog (its types, names and look-ups).
export * from './catalog.ts';
export { describeCall, describeFormula } from './describe.ts';
export { collectCalls, evaluate } from './evaluate.ts';
export { callKey, formatCondition, formatFormula } from './format.ts';
export { splitWindow, yearsWindow } from './window.ts';
export { conditionsOutsideDenominator, shareWarning } from './share.ts';

/**
 * Parses a formula and checks it against the catalog. On success the AST is safe to compile: every
 * function and filter exists, every value has its filter's type, and no literal divides by zero.
 * On failure the errors (Russian, with line and column) are sorted by position; the first one is
 * always there, and further ones when the parser could recover (after a bad condition, at the next
 * comma) or the mistakes are independent (unknown names, wrong values).
 */
export function parseFormula(text: string): ParseResult {
  const sink = new ErrorSink(text);
  const { tokens } = tokenize(text, sink);
  if (sink.hasErrors) return { ok: false, errors: tidyErrors(sink.errors) };
  if (tokens.length === 1) {
    return {
      ok: false,
      errors: [{ message: 'Пустая формула.', position: 0, line: 1, column: 1, length: 0 }],
    };
  }
  const syntax = parseTokens(tokens, sink);
  const ast = syntax && validate(syntax, sink);
  if (!ast || sink.hasErrors) return { ok: false, errors: tidyErrors(sink.errors) };
  return { ok: true, ast };
}
