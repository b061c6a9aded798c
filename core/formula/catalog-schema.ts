/**
 * The shape of the formula catalog (functions, filters, units) and the builders its entries are
 * written with. The entries themselves are in catalog.ts and catalog-teachers.ts.
 */

import type { CompareOperator } from './ast.ts';
import {
  associationType,
  eventFormat,
  eventType,
  level as levelEnum,
  organizationKind,
  type Enumeration,
} from '../enums.ts';

/** Functions that count or sum registry records; `form` is the one function that does not. */
export const AGGREGATE_NAMES = [
  'teachers',
  'organizations',
  'positions',
  'vacancies',
  'mentoringPrograms',
  'mentoringPairs',
  'associations',
  'events',
  'acts',
  'reserve',
  'practices',
  'websites',
  'staffingNeed',
  'answers',
  'answerSum',
] as const;

export type AggregateName = (typeof AGGREGATE_NAMES)[number];
export type FunctionName = AggregateName | 'form';

/** A form field code in `form("code")`. */
export const FORM_FIELD_CODE = /^[a-z][a-z0-9_]*$/;

/** The unit of a number filter, with Russian plural forms (1, 2, 5). */
export interface NumberUnit {
  code: 'years' | 'hours' | 'points';
  forms: readonly [string, string, string];
}

export const YEARS: NumberUnit = { code: 'years', forms: ['год', 'года', 'лет'] };
export const HOURS: NumberUnit = { code: 'hours', forms: ['час', 'часа', 'часов'] };
export const POINTS: NumberUnit = { code: 'points', forms: ['балл', 'балла', 'баллов'] };

interface FilterBase {
  /** Code name used in formulas. */
  name: string;
  /** Short Russian label. */
  label: string;
  /** Russian description for the methodist: what is checked, and at which date. */
  description: string;
  /** A correct use of the filter, as written in a formula. */
  example: string;
  /**
   * Russian phrase for `describeFormula`; `{value}` is replaced by the value(s), and for numbers `{op}`
   * by the comparison sign and `{unit}` by the unit in the right plural form.
   */
  phrase: string;
}

/** A yes/no property written by name alone: `young`, `not young`. */
export interface FlagFilter extends FilterBase {
  kind: 'flag';
  /** Phrase for `not name`. */
  negatedPhrase: string;
}

/** A number compared with `= != < <= > >=` or listed with `in`. */
export interface NumberFilter extends FilterBase {
  kind: 'number';
  unit: NumberUnit;
  /** Whether the value must be a whole number. */
  integer: boolean;
  /** The smallest allowed value. */
  min: number;
  /** Comparisons allowed with this filter, and whether `in (…)` is. */
  operators: readonly (CompareOperator | 'in')[];
  /**
   * A look-back window (`years`): it replaces the reporting period of the enclosing nested condition with
   * the N years before the reference date, so it stands once, as a top-level conjunct, with `=` only.
   */
  isWindow: boolean;
}

/** A value of an enumeration filter. */
export interface EnumValue {
  code: string;
  label: string;
}

/** One of a closed list of codes, compared with `=`, `!=` or `in`. */
export interface EnumFilter extends FilterBase {
  kind: 'enum';
  values: readonly EnumValue[];
}

/** Free text in double quotes, compared exactly with `=`, `!=` or `in`. */
export interface StringFilter extends FilterBase {
  kind: 'string';
}

/** There exists a related record satisfying its own sub-filters: `diagnosed(level = municipal)`. */
export interface NestedFilter extends FilterBase {
  kind: 'nested';
  filters: readonly Filter[];
}

export type Filter = FlagFilter | NumberFilter | EnumFilter | StringFilter | NestedFilter;
export type FilterKind = Filter['kind'];

/** A function that counts (or sums) registry records matching its conditions. */
export interface AggregateFunction {
  kind: 'aggregate';
  name: AggregateName;
  label: string;
  description: string;
  /** Russian phrase for `describeFormula`, e.g. «число педагогов». */
  phrase: string;
  example: string;
  filters: readonly Filter[];
}

/** `form("code")`: one string argument, a form field code. */
export interface FormFieldFunction {
  kind: 'form_field';
  name: 'form';
  label: string;
  description: string;
  phrase: string;
  example: string;
}

export type CatalogFunction = AggregateFunction | FormFieldFunction;

// ——— builders ———

/** Labels are read inside sentences («тип ОО — общеобразовательная организация»), hence `lowerFirst`. */
export const valuesOf = (enumeration: Enumeration<string>, lowerFirst = false): EnumValue[] =>
  enumeration.values.map((code) => {
    const label = enumeration.label[code];
    return { code, label: lowerFirst ? label[0].toLowerCase() + label.slice(1) : label };
  });

export const flag = (
  name: string,
  label: string,
  description: string,
  phrase: string,
  negatedPhrase: string,
) => ({ kind: 'flag', name, label, description, phrase, negatedPhrase, example: name }) satisfies FlagFilter;

export const numberFilter = (
  name: string,
  label: string,
  description: string,
  unit: NumberUnit,
  phrase: string,
  example: string,
  operators: readonly (CompareOperator | 'in')[] = ['=', '!=', '<', '<=', '>', '>=', 'in'],
  min = 0,
  isWindow = false,
) =>
  ({
    kind: 'number',
    name,
    label,
    description,
    unit,
    integer: true,
    min,
    operators,
    isWindow,
    phrase,
    example,
  }) satisfies NumberFilter;

export const enumFilter = (
  name: string,
  label: string,
  description: string,
  values: Enumeration<string> | EnumValue[],
  example: string,
  phrase = `${label} — {value}`,
) =>
  ({
    kind: 'enum',
    name,
    label,
    description,
    values: Array.isArray(values) ? values : valuesOf(values),
    phrase,
    example,
  }) satisfies EnumFilter;

export const stringFilter = (name: string, label: string, description: string, example: string) =>
  ({
    kind: 'string',
    name,
    label,
    description,
    phrase: `${label} — {value}`,
    example,
  }) satisfies StringFilter;

export const nested = (
  name: string,
  label: string,
  description: string,
  phrase: string,
  example: string,
  filters: Filter[],
) => ({ kind: 'nested', name, label, description, phrase, example, filters }) satisfies NestedFilter;

// ——— shared filters ———

export const levelFilter = (what: string) =>
  enumFilter('level', 'уровень', `Уровень ${what}.`, levelEnum, 'level = municipal', '{value} уровень');

/** The format of an event or a training: очно, дистанционно, смешанный. */
export const formatFilter = (what: string) =>
  enumFilter('format', 'формат', `Формат проведения ${what}.`, eventFormat, 'format = online');

/** A code of the deficit catalog an event or a training addresses. */
export const addressedDeficitFilter = (what: string) =>
  stringFilter(
    'deficit',
    'дефицит',
    `${what} направлено на дефицит с указанным кодом каталога дефицитов.`,
    'deficit = "М-02"',
  );

/** The filters of an event, both in `events(…)` and in a teacher's `event(…)`. */
export const eventFilters = (): Filter[] => [
  levelFilter('мероприятия'),
  formatFilter('мероприятия'),
  enumFilter(
    'type',
    'вид мероприятия',
    'Вид мероприятия: семинар, вебинар, мастер-класс, открытый урок, педагогический совет и другие.',
    eventType,
    'type = open_lesson',
    '{value}',
  ),
  addressedDeficitFilter('Мероприятие'),
];

/** The filters of an association, both in `associations(…)` and in a teacher's `member(…)`. */
export const associationFilters = (): Filter[] => [
  levelFilter('объединения'),
  enumFilter(
    'type',
    'вид объединения',
    'Вид объединения или сообщества.',
    associationType,
    'type = rmo',
    '{value}',
  ),
  stringFilter('subject', 'предмет', 'Предмет объединения, точное совпадение.', 'subject = "математика"'),
];

export const organizationKinds = valuesOf(organizationKind, true);

export const orgKindFilter = (what: string) =>
  enumFilter(
    'orgKind',
    'тип ОО',
    `Тип образовательной организации, ${what}.`,
    organizationKinds,
    'orgKind = school',
  );

/**
 * A group of the department («500+», «Точка роста», базовые площадки) the organization is in, by its name.
 * `!=` is «not in that group», `in (…)` «in one of them».
 */
export const orgGroupFilter = (what: string) =>
  stringFilter(
    'orgGroup',
    'группа ОО',
    `Группа организаций, которую ведёт отдел образования («500+», «Точка роста», базовые площадки), ` +
      `в которую входит организация, ${what}; название группы — точное совпадение. ` +
      '`orgGroup != "…"` — организация не входит в эту группу, `orgGroup in ("…", "…")` — входит хотя бы в одну.',
    'orgGroup = "500+"',
  );

/** Look-back window: replaces the reporting period with the N years before the reference date. */
export const yearsFilter = numberFilter(
  'years',
  'окно в годах',
  'Вместо отчётного периода учитывать N лет до даты расчёта: с того же числа N лет назад по дату расчёта, ' +
    'оба дня включительно (на 01.01.2026 при N = 3 — с 01.01.2023). Пишется один раз, ' +
    'через запятую на верхнем уровне условия (не внутри «or» и «not»), только со знаком «=».',
  YEARS,
  'за {value} {unit} до даты расчёта',
  'years = 3',
  ['='],
  1,
  true,
);
