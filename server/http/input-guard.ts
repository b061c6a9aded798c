import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { describeProblem } from './field-labels.ts';

/** A NUL character or a lone UTF-16 surrogate: PostgreSQL stores neither in text or jsonb. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Nesting deeper than any form of the system sends; jsonb and the validators would choke on much deeper. */
export const MAX_DEPTH = 32;

const PART = { body: 'body', query: 'querystring', params: 'params' } as const;

function describe(text: string): string {
  const found = UNSTORABLE.exec(text)![0];
  return found === '\u0000'
    ? 'содержит недопустимый символ U+0000 (нулевой байт)'
    : `содержит недопустимый символ: одиночный суррогат UTF-16 (U+${found.charCodeAt(0).toString(16).toUpperCase()})`;
}

/**
 * The first thing in a parsed value that the database cannot store or the validators should not walk:
 * a string (or a key) with NUL or a lone surrogate, or nesting deeper than MAX_DEPTH. Iterative, so that a
 * deep value cannot overflow the stack here.
 */
export function findUnstorable(value: unknown): { path: string; problem: string } | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return { path: path.join('.'), problem: describe(current) };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      return { path: path.join('.'), problem: `вложено глубже ${MAX_DEPTH} уровней` };
    }
    for (const [key, child] of Object.entries(current)) {
      if (UNSTORABLE.test(key))
        return { path: [...path, key].join('.'), problem: `имя поля ${describe(key)}` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/**
 * One check of every request's parsed query, path parameters and JSON body, before validation: bad input
 * is answered 400 naming the field instead of reaching PostgreSQL (which refuses NUL and lone surrogates).
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const found = findUnstorable(request[part]);
      if (!found) continue;
      const message = found.path
        ? describeProblem(PART[part], found.path, found.problem)
        : `Запрос: ${found.problem}`;
      throw new AppError('validation_failed', `${message}.`, {
        issues: [{ path: found.path, message: found.problem }],
      });
    }
  });
}
