/**
 * Recursive-descent parser: tokens → syntax tree. The tree is not yet checked against the catalog:
 * names may be unknown, a bare name may be a flag or a nested filter, and values keep the form they
 * were written in. `validate.ts` turns it into the public AST.
 *
 *   formula   := expr END
 *   expr      := term (('+' | '-') term)*
 *   term      := unary (('*' | '/') unary)*
 *   unary     := '-' unary | primary
 *   primary   := NUMBER | '(' expr ')' | IDENT [ '(' [ STRING | conditions ] ')' ]
 *   conditions:= or (',' or)*                      comma = and, binds weakest
 *   or        := and (OR and)*
 *   and       := not (AND not)*
 *   not       := NOT not | atom
 *   atom      := '(' conditions ')' | IDENT [ '(' [conditions] ')' | OP value | IN '(' value (',' value)* ')' ]
 *   value     := IDENT | NUMBER | STRING
 */

import type { BinaryOperator, Condition, Literal, NumberNode, Span } from './ast.ts';
import type { ErrorSink } from './errors.ts';
import type { Token } from './lexer.ts';

/** A call as written: `name`, `name()`, `name("code")` or `name(conditions)`. */
export interface SyntaxCall extends Span {
  kind: 'call';
  name: string;
  /** False for a bare name without parentheses. */
  hasParens: boolean;
  /** A lone string argument: `form("code")`. */
  argument: (Span & { value: string }) | null;
  filter: Condition | null;
}

export type SyntaxExpression =
  | NumberNode
  | (Span & { kind: 'binary'; operator: BinaryOperator; left: SyntaxExpression; right: SyntaxExpression })
  | (Span & { kind: 'negate'; operand: SyntaxExpression })
  | SyntaxCall;

/** Thrown to unwind to the nearest recovery point after an error is recorded. */
class SyntaxFailure extends Error {}

const end = (span: Span) => span.position + span.length;
const between = (first: Span, last: Span): Span => ({
  position: first.position,
  length: end(last) - first.position,
});

const VALUE_HINT = 'Значение — код (municipal), число (5) или строка в кавычках ("математика").';

/** Parses tokens into a syntax tree; null when the formula's arithmetic could not be read at all. */
export function parseTokens(tokens: Token[], sink: ErrorSink): SyntaxExpression | null {
  return new Parser(tokens, sink).formula();
}

class Parser {
  private index = 0;
  /** Parenthesis depth of the tokens consumed so far, to resynchronise at the right level. */
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly sink: ErrorSink,
  ) {}

  formula(): SyntaxExpression | null {
    try {
      const expression = this.expression();
      const token = this.peek();
      if (token.kind !== 'end') this.trailing(token);
      return expression;
    } catch (error) {
      if (error instanceof SyntaxFailure) return null;
      throw error;
    }
  }

  // ——— tokens ———

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind === 'punct' && token.value === '(') this.depth++;
    if (token.kind === 'punct' && token.value === ')') this.depth--;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isPunct(value: string, token = this.peek()): boolean {
    return token.kind === 'punct' && token.value === value;
  }

  private isKeyword(value: string, token = this.peek()): boolean {
    return token.kind === 'keyword' && token.value === value;
  }

  /** «, а встретилось «x»» or «, но формула закончилась». */
  private found(token: Token): string {
    return token.kind === 'end' ? ', но формула закончилась' : `, а встретилось «${token.text}»`;
  }

  private fail(token: Token, main: string, ...hints: (string | null)[]): never {
    this.sink.add(token.position, token.length, main, ...hints);
    throw new SyntaxFailure();
  }

  private expectClose(what = 'Ожидалась закрывающая скобка «)»'): Token {
    const token = this.peek();
    if (!this.isPunct(')')) this.fail(token, `${what}${this.found(token)}`);
    return this.next();
  }

  /** `0,5` where a decimal point was meant: a number, a comma and a number written together. */
  private decimalCommaHint(comma: Token): string | null {
    const before = this.tokens[this.tokens.indexOf(comma) - 1];
    const after = this.tokens[this.tokens.indexOf(comma) + 1];
    if (before?.kind !== 'number' || after?.kind !== 'number') return null;
    if (end(before) !== comma.position || end(comma) !== after.position) return null;
    return (
      `Дробная часть числа отделяется точкой: ${before.text}.${after.text}, а не ${before.text},${after.text} — ` +
      'запятая в формуле разделяет условия.'
    );
  }

  private trailing(token: Token): never {
    if (this.isPunct(',', token)) {
      this.fail(
        token,
        'Лишняя запятая',
        this.decimalCommaHint(token) ?? 'Запятая разделяет условия внутри скобок функции.',
      );
    }
    if (this.isPunct(')', token)) this.fail(token, 'Лишняя закрывающая скобка «)»');
    this.fail(token, `Ожидался знак действия (+, -, *, /)${this.found(token)}`);
  }

  // ——— arithmetic ———

  private expression(): SyntaxExpression {
    let left = this.term();
    while (this.isPunct('+') || this.isPunct('-')) {
      const operator = this.next().value as BinaryOperator;
      const right = this.term();
      left = { kind: 'binary', operator, left, right, ...between(left, right) };
    }
    return left;
  }

  private term(): SyntaxExpression {
    let left = this.unary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const operator = this.next().value as BinaryOperator;
      const right = this.unary();
      left = { kind: 'binary', operator, left, right, ...between(left, right) };
    }
    return left;
  }

  private unary(): SyntaxExpression {
    if (this.isPunct('-')) {
      const minus = this.next();
      const operand = this.unary();
      return { kind: 'negate', operand, ...between(minus, operand) };
    }
    return this.primary();
  }

  private primary(): SyntaxExpression {
    const token = this.peek();
    if (token.kind === 'number') {
      this.next();
      return { kind: 'number', value: token.value, position: token.position, length: token.length };
    }
    if (this.isPunct('(')) {
      this.next();
      const inner = this.expression();
      this.expectClose();
      return inner;
    }
    if (token.kind === 'identifier') return this.call();
    this.fail(token, `Ожидалось число, функция или «(»${this.found(token)}`);
  }

  private call(): SyntaxCall {
    const name = this.next();
    const call: SyntaxCall = {
      kind: 'call',
      name: name.text,
      hasParens: false,
      argument: null,
      filter: null,
      position: name.position,
      length: name.length,
    };
    if (!this.isPunct('(')) return call;
    this.next();
    call.hasParens = true;
    const first = this.peek();
    if (first.kind === 'string' && this.isPunct(')', this.peek(1))) {
      this.next();
      call.argument = { value: first.value, position: first.position, length: first.length };
    } else if (!this.isPunct(')')) {
      call.filter = this.conditions();
    }
    const close = this.expectClose();
    return { ...call, ...between(name, close) };
  }

  // ——— conditions ———

  /** Comma-separated conditions up to (not including) the closing parenthesis; recovers per item. */
  private conditions(): Condition | null {
    const operands: Condition[] = [];
    const depth = this.depth;
    for (;;) {
      try {
        operands.push(this.or());
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        this.skipToSeparator(depth);
      }
      const token = this.peek();
      if (this.isPunct(',', token)) {
        this.next();
        continue;
      }
      if (this.isPunct(')', token) || token.kind === 'end') break;
      this.sink.add(
        token.position,
        token.length,
        `Ожидалась запятая, «and», «or» или закрывающая скобка «)»${this.found(token)}`,
      );
      this.skipToSeparator(depth);
      if (this.isPunct(',')) this.next();
      else break;
    }
    return combine('and', operands);
  }

  private skipToSeparator(depth: number): void {
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return;
      if (this.depth === depth && (this.isPunct(',', token) || this.isPunct(')', token))) return;
      if (this.depth < depth) return;
      this.next();
    }
  }

  private or(): Condition {
    const operands = [this.and()];
    while (this.isKeyword('or')) {
      this.next();
      operands.push(this.and());
    }
    return combine('or', operands)!;
  }

  private and(): Condition {
    const operands = [this.not()];
    while (this.isKeyword('and')) {
      this.next();
      operands.push(this.not());
    }
    return combine('and', operands)!;
  }

  private not(): Condition {
    if (this.isKeyword('not')) {
      const keyword = this.next();
      const operand = this.not();
      return { kind: 'not', operand, ...between(keyword, operand) };
    }
    return this.atom();
  }

  private atom(): Condition {
    const token = this.peek();
    if (this.isPunct('(')) {
      this.next();
      if (this.isPunct(')')) this.fail(this.peek(), 'Пустые скобки: внутри ожидалось условие');
      const inner = this.conditions();
      this.expectClose();
      if (!inner) this.fail(token, 'Пустые скобки: внутри ожидалось условие');
      return inner;
    }
    if (token.kind === 'identifier') return this.named();
    const previous = this.tokens[this.tokens.indexOf(token) - 1];
    const hint =
      token.kind === 'number'
        ? ((previous && this.decimalCommaHint(previous)) ??
          'Условие начинается с имени фильтра, например «experience <= 5».')
        : null;
    this.fail(token, `Ожидалось условие${this.found(token)}`, hint);
  }

  /** A condition that starts with a name: flag, comparison, `in` list or nested condition. */
  private named(): Condition {
    const name = this.next();
    const base = { name: name.text, position: name.position, length: name.length };
    const token = this.peek();
    if (this.isPunct('(')) {
      this.next();
      const filter = this.isPunct(')') ? null : this.conditions();
      const close = this.expectClose();
      return { kind: 'nested', ...base, filter, ...between(name, close) };
    }
    if (token.kind === 'compare') {
      this.next();
      const value = this.value(`Ожидалось значение после «${token.text}»`);
      return { kind: 'compare', ...base, operator: token.value, value, ...between(name, value) };
    }
    if (this.isKeyword('in')) {
      const keyword = this.next();
      if (!this.isPunct('(')) {
        this.fail(
          this.peek(),
          `После «${keyword.text}» ожидался список значений в скобках${this.found(this.peek())}`,
          'Например: «category in (first, highest)».',
        );
      }
      this.next();
      if (this.isPunct(')')) this.fail(this.peek(), `Пустой список значений после «${keyword.text}»`);
      const values = [this.value('Ожидалось значение в списке')];
      while (this.isPunct(',')) {
        this.next();
        values.push(this.value('Ожидалось значение в списке'));
      }
      const close = this.expectClose('Ожидалась запятая или закрывающая скобка «)» списка значений');
      return { kind: 'in', ...base, values, ...between(name, close) };
    }
    return { kind: 'flag', ...base };
  }

  private value(expected: string): Literal {
    const token = this.peek();
    const span = { position: token.position, length: token.length };
    if (token.kind === 'identifier') {
      this.next();
      return { kind: 'code', value: token.value, ...span };
    }
    if (token.kind === 'number') {
      this.next();
      return { kind: 'number', value: token.value, ...span };
    }
    if (token.kind === 'string') {
      this.next();
      return { kind: 'string', value: token.value, ...span };
    }
    this.fail(token, `${expected}${this.found(token)}`, VALUE_HINT);
  }
}

/** `and`/`or` of the operands, flattening nested ones of the same kind; the operand itself when alone. */
function combine(kind: 'and' | 'or', operands: Condition[]): Condition | null {
  const flat = operands.flatMap((c) => (c.kind === kind ? c.operands : [c]));
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0];
  return { kind, operands: flat, ...between(flat[0], flat[flat.length - 1]) } as Condition;
}
