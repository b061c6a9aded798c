/** Helpers shared by the formula tests. */

import { expect } from 'vitest';
import type { Expression } from './ast.ts';
import { parseFormula } from './index.ts';

/** Parses and fails the test with the messages when the formula is rejected. */
export function parseOk(text: string): Expression {
  const result = parseFormula(text);
  if (!result.ok) expect.fail(`«${text}» rejected: ${result.errors.map((e) => e.message).join(' | ')}`);
  return result.ast;
}

/** The tree without source positions, for comparing structure. */
export function shape(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key === 'position' || key === 'length' ? undefined : v)),
  );
}
