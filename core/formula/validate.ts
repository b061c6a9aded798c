/**
 * Checks a syntax tree against the catalog and turns it into the public AST: bare names of nested
 * filters become `nested` nodes, enum values become `code` literals, and every error is reported with
 * its place — the walk goes on after an error, so one pass finds them all.
 */

import type { CallNode, Condition, Expression, Literal, NestedNode } from './ast.ts';
import {
  AGGREGATE_NAMES,
  FORM_FIELD_CODE,
  FUNCTION_NAMES,
  findFilter,
  findFunction,
  type EnumFilter,
  type Filter,
  type NumberFilter,
  type StringFilter,
} from './catalog.ts';
import { didYouMean, type ErrorSink } from './errors.ts';
import type { SyntaxCall, SyntaxExpression } from './parser.ts';

/** The validated AST, or null when an error was reported (the errors are in `sink`). */
export function validate(syntax: SyntaxExpression, sink: ErrorSink): Expression | null {
  return new Validator(sink).expression(syntax);
}

/** The value of an expression made of numbers only (NaN when it has a call). */
function constantValue(e: SyntaxExpression): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'negate':
      return -constantValue(e.operand);
    case 'call':
      return NaN;
    case 'binary': {
      const l = constantValue(e.left);
      const r = constantValue(e.right);
      return e.operator === '+' ? l + r : e.operator === '-' ? l - r : e.operator === '*' ? l * r : l / r;
    }
  }
}

const allOk = <T>(items: (T | null)[]): items is T[] => items.every((item) => item !== null);

const valuesSentence = (def: EnumFilter) =>
  `Фильтр «${def.name}» принимает значения: ${def.values.map((v) => `${v.code} (${v.label})`).join(', ')}.`;

const example = (def: { example: string }) => `Например: «${def.example}».`;

const operatorList = (operators: readonly string[]) => operators.map((o) => `«${o}»`).join(', ');

const STRING_AND_ENUM_OPERATORS = ['=', '!=', 'in'] as const;

class Validator {
  constructor(private readonly sink: ErrorSink) {}

  expression(e: SyntaxExpression): Expression | null {
    switch (e.kind) {
      case 'number':
        return e;
      case 'negate': {
        const operand = this.expression(e.operand);
        return operand && { ...e, operand };
      }
      case 'binary': {
        const left = this.expression(e.left);
        const right = this.expression(e.right);
        if (e.operator === '/' && constantValue(e.right) === 0) {
          this.sink.add(e.right.position, e.right.length, 'Деление на ноль в формуле');
          return null;
        }
        return left && right && { ...e, left, right };
      }
      case 'call':
        return this.call(e);
    }
  }

  private call(c: SyntaxCall): CallNode | null {
    const span = { position: c.position, length: c.length };
    const fn = findFunction(c.name);
    if (!fn) {
      const owner = AGGREGATE_NAMES.find((name) => {
        const f = findFunction(name);
        return f?.kind === 'aggregate' && findFilter(f.filters, c.name);
      });
      this.sink.add(
        c.position,
        c.name.length,
        `Неизвестная функция «${c.name}»`,
        didYouMean(c.name, FUNCTION_NAMES) ??
          (owner
            ? `«${c.name}» — фильтр функции «${owner}», он пишется в её скобках: ${owner}(${c.name}).`
            : `Доступные функции: ${FUNCTION_NAMES.join(', ')}.`),
      );
      return null;
    }
    if (!c.hasParens) {
      this.sink.add(c.position, c.name.length, `После имени функции «${c.name}» нужны скобки`, example(fn));
      return null;
    }
    if (fn.kind === 'form_field') {
      if (!c.argument) {
        this.sink.add(
          c.position,
          c.length,
          'Функция «form» принимает один аргумент — код поля формы в кавычках',
          example(fn),
        );
        return null;
      }
      if (!FORM_FIELD_CODE.test(c.argument.value)) {
        this.sink.add(
          c.argument.position,
          c.argument.length,
          `Неверный код поля формы «${c.argument.value}»`,
          'Код поля начинается со строчной латинской буквы и состоит из строчных латинских букв, цифр и «_».',
        );
        return null;
      }
      return { kind: 'call', name: 'form', field: c.argument.value, ...span };
    }
    if (c.argument) {
      this.sink.add(
        c.argument.position,
        c.argument.length,
        `Функция «${c.name}» принимает условия, а не строку в кавычках`,
        example(fn),
      );
      return null;
    }
    if (!c.filter) return { kind: 'call', name: fn.name, filter: null, ...span };
    const filter = this.conditions(c.filter, fn.filters, `функции «${fn.name}»`);
    return filter && { kind: 'call', name: fn.name, filter, ...span };
  }

  /** The conditions inside one pair of parentheses, with the window (`years`) checks. */
  private conditions(c: Condition, filters: readonly Filter[], owner: string): Condition | null {
    const result = this.condition(c, filters, owner, true);
    const conjuncts = c.kind === 'and' ? c.operands : [c];
    const windows = conjuncts.filter((x) => x.kind === 'compare' && this.isWindow(x.name, filters));
    for (const extra of windows.slice(1)) {
      this.sink.add(
        extra.position,
        extra.length,
        'Фильтр «years» указан второй раз',
        'Окно в годах задаётся один раз.',
      );
    }
    return windows.length > 1 ? null : result;
  }

  private isWindow(name: string, filters: readonly Filter[]): boolean {
    const def = findFilter(filters, name);
    return def?.kind === 'number' && def.isWindow;
  }

  private condition(
    c: Condition,
    filters: readonly Filter[],
    owner: string,
    topLevel: boolean,
  ): Condition | null {
    switch (c.kind) {
      case 'and': {
        const operands = c.operands.map((x) => this.condition(x, filters, owner, topLevel));
        return allOk(operands) ? { ...c, operands } : null;
      }
      case 'or': {
        const operands = c.operands.map((x) => this.condition(x, filters, owner, false));
        return allOk(operands) ? { ...c, operands } : null;
      }
      case 'not': {
        const operand = this.condition(c.operand, filters, owner, false);
        return operand && { ...c, operand };
      }
      default:
        return this.named(c, filters, owner, topLevel);
    }
  }

  private named(
    c: Exclude<Condition, { kind: 'and' | 'or' | 'not' }>,
    filters: readonly Filter[],
    owner: string,
    topLevel: boolean,
  ): Condition | null {
    const def = findFilter(filters, c.name);
    if (!def) {
      const names = filters.map((f) => f.name);
      this.sink.add(
        c.position,
        c.name.length,
        `Неизвестный фильтр «${c.name}» ${owner}`,
        didYouMean(c.name, names) ?? `Доступные фильтры: ${names.join(', ')}.`,
      );
      return null;
    }
    const at = (main: string, ...hints: (string | null)[]) => {
      this.sink.add(c.position, c.name.length, main, ...hints);
      return null;
    };
    if (c.kind === 'nested') {
      if (def.kind !== 'nested') {
        return at(
          `Фильтр «${def.name}» не принимает условий в скобках`,
          def.kind === 'flag'
            ? `Признак пишется без значения: «${def.name}» или «not ${def.name}».`
            : example(def),
        );
      }
      if (!c.filter) return c;
      const filter = this.conditions(c.filter, def.filters, `условия «${def.name}»`);
      return filter && { ...c, filter };
    }
    if (c.kind === 'flag') {
      switch (def.kind) {
        case 'flag':
          return c;
        case 'nested':
          return {
            kind: 'nested',
            name: c.name,
            filter: null,
            position: c.position,
            length: c.length,
          } satisfies NestedNode;
        case 'number':
          return at(`Фильтр «${def.name}» требует сравнения с числом`, example(def));
        case 'enum':
          return at(`Фильтр «${def.name}» требует значения`, example(def), valuesSentence(def));
        case 'string':
          return at(`Фильтр «${def.name}» требует значения`, example(def));
      }
    }
    // A comparison or an `in` list.
    if (def.kind === 'flag') {
      return at(
        `Фильтр «${def.name}» — признак и пишется без значения`,
        `Например: «${def.name}» или «not ${def.name}».`,
      );
    }
    if (def.kind === 'nested') {
      return at(
        `Фильтр «${def.name}» — вложенное условие и пишется без сравнения`,
        `Например: «${def.name}» или «${def.example.includes('(') ? def.example : `${def.name}(…)`}».`,
      );
    }
    const operator = c.kind === 'in' ? 'in' : c.operator;
    const allowed = def.kind === 'number' ? def.operators : STRING_AND_ENUM_OPERATORS;
    if (!allowed.includes(operator)) {
      const only = allowed.length === 1 ? `только «${allowed[0]}»` : `только ${operatorList(allowed)}`;
      return at(`Фильтр «${def.name}» допускает ${only}`, example(def));
    }
    if (def.kind === 'number' && def.isWindow && !topLevel) {
      return at(
        `Фильтр «${def.name}» должен стоять на верхнем уровне условия`,
        'Окно в годах пишется один раз через запятую, не внутри «or» и «not»: «diagnosed(years = 3, level = municipal)».',
      );
    }
    if (c.kind === 'in') {
      const values = c.values.map((v) => this.literal(v, def));
      return allOk(values) ? { ...c, values } : null;
    }
    const value = this.literal(c.value, def);
    return value && { ...c, value };
  }

  /** The value converted to the filter's type, or null with an error. */
  private literal(v: Literal, def: NumberFilter | EnumFilter | StringFilter): Literal | null {
    const written = v.kind === 'string' ? `"${v.value}"` : String(v.value);
    const at = (main: string, ...hints: (string | null)[]) => {
      this.sink.add(v.position, v.length, main, ...hints);
      return null;
    };
    switch (def.kind) {
      case 'number':
        if (v.kind !== 'number')
          return at(`Фильтр «${def.name}» требует числа, а указано «${written}»`, example(def));
        if (def.integer && !Number.isInteger(v.value)) {
          return at(`Фильтр «${def.name}» требует целого числа, а указано «${written}»`, example(def));
        }
        if (v.value < def.min) {
          return at(
            `Фильтр «${def.name}» требует числа не меньше ${def.min}, а указано «${written}»`,
            example(def),
          );
        }
        return v;
      case 'enum': {
        const code = String(v.value);
        if (v.kind !== 'number' && def.values.some((x) => x.code === code)) {
          return { kind: 'code', value: code, position: v.position, length: v.length };
        }
        return at(
          `Недопустимое значение «${written}» фильтра «${def.name}»`,
          didYouMean(
            code,
            def.values.map((x) => x.code),
          ),
          valuesSentence(def),
        );
      }
      case 'string':
        if (v.kind !== 'string') {
          return at(`Значение фильтра «${def.name}» пишется в двойных кавычках`, example(def));
        }
        if (v.value.trim() === '') return at(`Пустое значение фильтра «${def.name}»`, example(def));
        return v;
    }
  }
}
