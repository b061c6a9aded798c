/**
 * The validated syntax tree of an indicator formula. This is the contract between the formula editor
 * (core, web) and the SQL compiler (server): `parseFormula` only returns a tree that passed the catalog
 * checks, so every name in it is a catalog code and every value has the type its filter expects.
 *
 * Every node carries `position` (0-based offset of its first character in the source text) and `length`
 * (characters it spans), so a later error can still point at the text.
 */

import type { AggregateName } from './catalog-schema.ts';

/** Where a node sits in the source text. */
export interface Span {
  /** 0-based offset of the first character. */
  position: number;
  /** Number of characters the node spans. */
  length: number;
}

/** Arithmetic operators, in the order of the source text. */
export type BinaryOperator = '+' | '-' | '*' | '/';

/** Comparison operators of a `name op value` condition. */
export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export const COMPARE_OPERATORS: readonly CompareOperator[] = ['=', '!=', '<', '<=', '>', '>='];

// ——— expressions ———

/** A numeric literal, e.g. `100` or `0.5`. */
export interface NumberNode extends Span {
  kind: 'number';
  value: number;
}

/** `left op right`. Operators are left-associative; `*` and `/` bind tighter than `+` and `-`. */
export interface BinaryNode extends Span {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

/** Unary minus: `-operand`. */
export interface NegateNode extends Span {
  kind: 'negate';
  operand: Expression;
}

/**
 * An aggregate over registry records, e.g. `teachers(young, diagnosed(level = municipal))`.
 * `filter` is null when the call has no conditions (`teachers()`); a top-level `and` holds the
 * comma-separated conditions.
 */
export interface AggregateCallNode extends Span {
  kind: 'call';
  name: AggregateName;
  filter: Condition | null;
}

/** `form("code")`: a value an organization reported in a campaign form, by field code. */
export interface FormFieldCallNode extends Span {
  kind: 'call';
  name: 'form';
  /** Field code, matches FORM_FIELD_CODE. */
  field: string;
}

/** A call of a catalog function; narrow on `name === 'form'`. */
export type CallNode = AggregateCallNode | FormFieldCallNode;

/** Any arithmetic expression: the numerator, the denominator, or a whole formula. */
export type Expression = NumberNode | BinaryNode | NegateNode | CallNode;

// ——— conditions inside a call ———

/** Every operand holds (commas and `and`, `и`); at least two operands, never an `and` among them. */
export interface AndNode extends Span {
  kind: 'and';
  operands: Condition[];
}

/** At least one operand holds (`or`, `или`); at least two operands, never an `or` among them. */
export interface OrNode extends Span {
  kind: 'or';
  operands: Condition[];
}

/** The operand does not hold (`not`, `не`). */
export interface NotNode extends Span {
  kind: 'not';
  operand: Condition;
}

/** A yes/no filter written by name alone: `young`, `lowResults`. */
export interface FlagNode extends Span {
  kind: 'flag';
  name: string;
}

/**
 * A value of a condition, typed by its filter: `number` for number filters, `code` (an enumeration code)
 * for enum filters, `string` for free-text filters.
 */
export type Literal =
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'code'; value: string })
  | (Span & { kind: 'string'; value: string });

/** `name op value`: `experience <= 5`, `level = municipal`, `subject = "математика"`. */
export interface CompareNode extends Span {
  kind: 'compare';
  name: string;
  operator: CompareOperator;
  value: Literal;
}

/** `name in (v1, v2, …)`: the filter equals one of the values (at least one value). */
export interface InNode extends Span {
  kind: 'in';
  name: string;
  values: Literal[];
}

/**
 * `name(sub-conditions)` or bare `name`: there exists a related record (a diagnostic, a training, a
 * membership, …) satisfying all of `filter` at once. `filter` null means any such record.
 */
export interface NestedNode extends Span {
  kind: 'nested';
  name: string;
  filter: Condition | null;
}

/** Any condition inside the parentheses of a call or of a nested condition. */
export type Condition = AndNode | OrNode | NotNode | FlagNode | CompareNode | InNode | NestedNode;

/** An error found in a formula, with its place for underlining in the editor. */
export interface FormulaError {
  /** Russian message for the methodist; it names the token and its line and column. */
  message: string;
  /** 0-based offset in the source text. */
  position: number;
  /** 1-based line. */
  line: number;
  /** 1-based column within the line. */
  column: number;
  /** Characters to underline (0 at the end of the text). */
  length: number;
}

/** The result of `parseFormula`. */
export type ParseResult = { ok: true; ast: Expression } | { ok: false; errors: FormulaError[] };
