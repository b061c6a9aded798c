import { sql, type SQL } from 'drizzle-orm';
import type { CompareOperator, Condition, Literal, NestedNode } from '../../../../core/formula/index.ts';
import { splitWindow, yearsWindow } from '../../../../core/formula/index.ts';
import { addMonths, type IsoDate } from '../../../../core/dates.ts';

/**
 * How one filter of the formula catalog becomes SQL. The catalog (core/formula) says what a filter means;
 * this says where it lives in the database.
 */
export type FilterSql =
  /** A boolean SQL expression: `young`, `lowResults`. */
  | { kind: 'flag'; expression: SQL }
  /** A scalar column compared with the value: `orgKind = school`, `age < 35`. */
  | { kind: 'column'; expression: SQL }
  /** An array column containing the value: `area = subject` is `'subject' = any(areas)`. */
  | { kind: 'contains'; expression: SQL }
  /** A row exists in another table whose column matches: `subject = "математика"`. */
  | { kind: 'exists'; from: SQL; column: SQL }
  /** A nested record condition: `diagnosed(level = municipal)` — an EXISTS with its own filters. */
  | { kind: 'nested'; build(node: Pick<NestedNode, 'filter'>): SQL }
  /**
   * Full years from a date column to the reference date (age, experience; experience is never below 0).
   * A comparison with a number becomes a range of the date itself: no age() per row, and an index applies.
   */
  | { kind: 'years'; column: SQL; referenceDate: IsoDate; isClampedAtZero: boolean };

export type FilterResolver = (name: string) => FilterSql;

/** `orgGroup = "500+"`: the organization of the row (its SQL id) is in a group of the department by that name. */
export const orgGroupSql = (organizationId: SQL): FilterSql => ({
  kind: 'exists',
  from: sql`organization_group_members gm join organization_groups g on g.id = gm.group_id where gm.organization_id = ${organizationId}`,
  column: sql`g.name`,
});

/** The dates a nested condition looks at: the reporting period, or `years = N` back from the reference date. */
export interface DateWindow {
  start: string;
  end: string;
}

const OPERATORS: Record<CompareOperator, string> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const literal = (value: Literal) =>
  value.kind === 'number' ? sql`${value.value}` : sql`${String(value.value)}`;

export class UnknownFilterError extends Error {}

/** Compiles a condition tree with a resolver for its filter names into one SQL boolean expression. */
export function compileCondition(condition: Condition | null, resolve: FilterResolver): SQL {
  if (!condition) return sql`true`;
  switch (condition.kind) {
    case 'and':
      return sql`(${sql.join(
        condition.operands.map((c) => compileCondition(c, resolve)),
        sql` and `,
      )})`;
    case 'or':
      return sql`(${sql.join(
        condition.operands.map((c) => compileCondition(c, resolve)),
        sql` or `,
      )})`;
    case 'not':
      return sql`(not ${compileCondition(condition.operand, resolve)})`;
    case 'flag': {
      const f = resolve(condition.name);
      if (f.kind === 'flag') return sql`(${f.expression})`;
      if (f.kind === 'nested') return f.build({ filter: null });
      throw new UnknownFilterError(condition.name);
    }
    case 'nested': {
      const f = resolve(condition.name);
      if (f.kind !== 'nested') throw new UnknownFilterError(condition.name);
      return f.build(condition);
    }
    case 'compare':
      return compare(resolve(condition.name), condition.operator, [condition.value], condition.name);
    case 'in':
      return compare(resolve(condition.name), 'in', condition.values, condition.name);
  }
}

function compare(f: FilterSql, operator: CompareOperator | 'in', values: Literal[], name: string): SQL {
  const list = sql.join(values.map(literal), sql`, `);
  const isNegative = operator === '!=';
  switch (f.kind) {
    case 'column':
      return operator === 'in'
        ? sql`(${f.expression} in (${list}))`
        : sql`(${f.expression} ${sql.raw(OPERATORS[operator])} ${literal(values[0])})`;
    case 'contains': {
      const any =
        operator === 'in'
          ? sql`(${f.expression} && array[${list}]::text[])`
          : sql`(${literal(values[0])} = any(${f.expression}))`;
      return isNegative ? sql`(not ${any})` : any;
    }
    case 'exists': {
      const match =
        operator === 'in'
          ? sql`${f.column} in (${list})`
          : operator === '!='
            ? sql`${f.column} = ${literal(values[0])}`
            : sql`${f.column} ${sql.raw(OPERATORS[operator])} ${literal(values[0])}`;
      const exists = sql`exists (select 1 from ${f.from} and ${match})`;
      return isNegative ? sql`(not ${exists})` : exists;
    }
    case 'years': {
      const numbers = values.map((v) => (v.kind === 'number' ? Number(v.value) : NaN));
      return compareYears(f, operator, numbers);
    }
    default:
      throw new UnknownFilterError(name);
  }
}

/** The whole number of years as a plain expression, for comparisons with fractions. */
const yearsExpression = (f: Extract<FilterSql, { kind: 'years' }>) => {
  const years = sql`date_part('year', age(${f.referenceDate}::date, ${f.column}))::int`;
  return f.isClampedAtZero ? sql`greatest(0, ${years})` : years;
};

/**
 * `years ≥ a` is `column ≤ ref − a years`; `years ≤ b` is `column > ref − (b + 1) years`. Experience is
 * clamped at 0 (a start after the reference date counts as 0), so a bound at or below 0 drops its side.
 */
export function compareYears(
  f: Extract<FilterSql, { kind: 'years' }>,
  operator: CompareOperator | 'in',
  numbers: number[],
): SQL {
  if (numbers.some((x) => !Number.isInteger(x))) {
    const list = sql.join(
      numbers.map((n) => sql`${n}`),
      sql`, `,
    );
    return operator === 'in'
      ? sql`(${yearsExpression(f)} in (${list}))`
      : sql`(${yearsExpression(f)} ${sql.raw(OPERATORS[operator])} ${numbers[0]})`;
  }
  const before = (years: number) => addMonths(f.referenceDate, -12 * years);
  const atLeast = (a: number) =>
    f.isClampedAtZero && a <= 0 ? sql`true` : sql`${f.column} <= ${before(a)}::date`;
  const atMost = (b: number) =>
    f.isClampedAtZero && b < 0 ? sql`false` : sql`${f.column} > ${before(b + 1)}::date`;
  const between = (a: number, b: number) => sql`(${atLeast(a)} and ${atMost(b)})`;
  const n = numbers[0];
  switch (operator) {
    case '<':
      return sql`(${atMost(n - 1)})`;
    case '<=':
      return sql`(${atMost(n)})`;
    case '>':
      return sql`(${atLeast(n + 1)})`;
    case '>=':
      return sql`(${atLeast(n)})`;
    case '=':
      return between(n, n);
    case '!=':
      return sql`(not ${between(n, n)})`;
    case 'in':
      return sql`(${sql.join(
        numbers.map((x) => between(x, x)),
        sql` or `,
      )})`;
  }
}

/** The date window of a nested condition and its remaining sub-conditions. */
export function nestedWindow(
  node: Pick<NestedNode, 'filter'>,
  period: { start: string; end: string; referenceDate: string },
): { window: DateWindow; rest: Condition | null } {
  const { years, rest } = splitWindow(node);
  if (years === null) return { window: { start: period.start, end: period.end }, rest };
  return { window: yearsWindow(period.referenceDate, years), rest };
}
