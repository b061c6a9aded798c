import { defaultRules } from '../analysis/drafts.ts';
import {
  describeApplicability,
  storedApplicability,
  type Applicability,
} from '../indicators/applicability.ts';
import type { Direction, IndicatorUnit } from '../indicators/levels.ts';
import type { ProgramParameters } from '../indicators/period.ts';
import { templateApplicability, type ProgramTemplate } from '../templates/types.ts';

/**
 * A monitoring program as a file: what a municipality (or a region) hands to another so that both measure
 * the same thing — its criteria, indicators with their formulas, levels, targets and applicability, the
 * parameters, the campaign form and the library of recommendation rules. The file is JSON, versioned by
 * `formatVersion`; a reader refuses a version it does not know rather than guessing.
 */
export const PROGRAM_FILE_FORMAT = 'pedmonitor-program';
export const PROGRAM_FILE_VERSION = 1;

export interface IndicatorDefinition {
  code: string;
  name: string;
  unit: IndicatorUnit;
  numerator: string;
  denominator: string | null;
  factor: number;
  source: string | null;
  method: string | null;
  periodicity: string | null;
  deadline: string | null;
  referenceDateRule: string | null;
  direction: Direction;
  levelHigh: number | null;
  levelMedium: number | null;
  /** Target values by year, «2025»: 20. */
  targets: Record<string, number>;
  isFormValue: boolean;
  /** null: every organization. */
  applicability: Applicability | null;
  note: string | null;
}

export interface CriterionDefinition {
  code: string;
  title: string;
  goal: string | null;
  indicators: IndicatorDefinition[];
}

export interface FormFieldDefinition {
  code: string;
  label: string;
  type: 'number' | 'integer' | 'text' | 'boolean';
  unit: string | null;
  hint: string | null;
  isRequired: boolean;
  min: number | null;
  max: number | null;
  notGreaterThan: string | null;
}

export interface RecommendationRuleDefinition {
  indicatorCode: string;
  level: 'high' | 'medium' | 'low';
  target: 'organization' | 'municipality';
  text: string;
}

export interface ProgramDefinition {
  title: string;
  description: string | null;
  goals: string[];
  /** The seed template the program was loaded from, which also gives its campaign's stage dates. */
  templateCode: string | null;
  parameters: ProgramParameters;
  criteria: CriterionDefinition[];
  formFields: FormFieldDefinition[];
  recommendationRules: RecommendationRuleDefinition[];
}

export interface ProgramFile {
  format: typeof PROGRAM_FILE_FORMAT;
  formatVersion: typeof PROGRAM_FILE_VERSION;
  /** ISO date of the export. */
  exportedAt: string;
  /** Who exported it: the municipality's name. */
  exportedBy: string;
  /** The version of the program's record when it was exported. */
  programVersion: number | null;
  program: ProgramDefinition;
}

/** The fields of an indicator a program file carries, in their order. */
export const INDICATOR_DEFINITION_KEYS = [
  'code',
  'name',
  'unit',
  'numerator',
  'denominator',
  'factor',
  'source',
  'method',
  'periodicity',
  'deadline',
  'referenceDateRule',
  'direction',
  'levelHigh',
  'levelMedium',
  'targets',
  'isFormValue',
  'applicability',
  'note',
] as const satisfies readonly (keyof IndicatorDefinition)[];

/** The fields of a form field a program file carries. */
export const FORM_FIELD_DEFINITION_KEYS = [
  'code',
  'label',
  'type',
  'unit',
  'hint',
  'isRequired',
  'min',
  'max',
  'notGreaterThan',
] as const satisfies readonly (keyof FormFieldDefinition)[];

/** The given fields of a record (a database row, a page's state), nothing else. */
export function pick<T, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, record[k]])) as Pick<T, K>;
}

/** What loading a seed template writes: the same definition a program file carries. */
export function templateToDefinition(template: ProgramTemplate): ProgramDefinition {
  const indicators = template.criteria.flatMap((c) => c.indicators);
  return {
    title: template.title,
    description: `${template.description}\n\nИсточник: ${template.source}.`,
    goals: template.goals,
    templateCode: template.code,
    parameters: template.parameters,
    criteria: template.criteria.map((c) => ({
      code: c.code,
      title: c.title,
      goal: c.goal ?? null,
      indicators: c.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        numerator: i.numerator,
        denominator: i.denominator ?? null,
        factor: i.factor ?? 1,
        source: i.source,
        method: i.method,
        periodicity: i.periodicity,
        deadline: i.deadline,
        referenceDateRule: i.referenceDateRule,
        direction: i.direction ?? 'higher',
        levelHigh: i.levelHigh ?? null,
        levelMedium: i.levelMedium ?? null,
        targets: i.targets ?? {},
        isFormValue: i.isFormValue ?? false,
        applicability: storedApplicability(templateApplicability(template, i)),
        note: i.note ?? null,
      })),
    })),
    formFields: template.formFields.map((f) => ({
      code: f.code,
      label: f.label,
      type: f.type,
      unit: f.unit ?? null,
      hint: f.hint ?? null,
      isRequired: f.isRequired ?? false,
      min: f.min ?? null,
      max: f.max ?? null,
      notGreaterThan: f.notGreaterThan ?? null,
    })),
    recommendationRules: indicators.flatMap((i) => defaultRules(i)),
  };
}

export interface ProgramDifference {
  kind: 'added' | 'removed' | 'changed';
  /** «Показатель 1.2 «…»», «Поле формы teachers_total», «Программа». */
  subject: string;
  /** For a change: what changed, with both values («Числитель: teachers() → teachers(young)»). */
  detail?: string;
}

const PROGRAM_FIELDS: Partial<Record<keyof ProgramDefinition, string>> = {
  title: 'Название',
  description: 'Описание',
  goals: 'Цели',
  parameters: 'Параметры',
};

const CRITERION_FIELDS: Partial<Record<keyof CriterionDefinition, string>> = {
  title: 'Название',
  goal: 'Цель',
};

const INDICATOR_FIELDS: Record<keyof IndicatorDefinition, string> = {
  code: 'Код',
  name: 'Наименование',
  unit: 'Единица',
  numerator: 'Числитель',
  denominator: 'Знаменатель',
  factor: 'Множитель',
  source: 'Источник',
  method: 'Метод сбора',
  periodicity: 'Периодичность',
  deadline: 'Срок',
  referenceDateRule: 'Дата, на которую считается',
  direction: 'Направление',
  levelHigh: 'Порог высокого уровня',
  levelMedium: 'Порог среднего уровня',
  targets: 'Целевые значения',
  isFormValue: 'Значение из формы',
  applicability: 'Применяется к',
  note: 'Примечание',
};

const FORM_FIELD_FIELDS: Record<keyof FormFieldDefinition, string> = {
  code: 'Код',
  label: 'Подпись',
  type: 'Тип',
  unit: 'Единица',
  hint: 'Подсказка',
  isRequired: 'Обязательное',
  min: 'Минимум',
  max: 'Максимум',
  notGreaterThan: 'Не больше поля',
};

const LEVEL_LABEL = { high: 'высокий', medium: 'средний', low: 'низкий' } as const;
const TARGET_LABEL = { organization: 'организациям', municipality: 'управлению' } as const;

/** Values compared by their JSON (key order of objects normalised). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );

const shown = (field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'applicability') return describeApplicability(value as Applicability);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return canonical(value);
};

function fieldChanges<T extends object>(
  labels: Partial<Record<keyof T, string>>,
  before: T,
  after: T,
  subject: string,
): ProgramDifference[] {
  const out: ProgramDifference[] = [];
  for (const [field, label] of Object.entries(labels) as [keyof T & string, string][]) {
    const a = field === 'applicability' ? (before[field] ?? null) : before[field];
    const b = field === 'applicability' ? (after[field] ?? null) : after[field];
    if (canonical(a) !== canonical(b))
      out.push({ kind: 'changed', subject, detail: `${label}: ${shown(field, a)} → ${shown(field, b)}` });
  }
  return out;
}

function byCode<T extends { code: string }>(
  before: T[],
  after: T[],
  subjectOf: (item: T) => string,
  changes: (a: T, b: T) => ProgramDifference[],
): ProgramDifference[] {
  const old = new Map(before.map((i) => [i.code, i]));
  const fresh = new Map(after.map((i) => [i.code, i]));
  const out: ProgramDifference[] = [];
  for (const item of before)
    if (!fresh.has(item.code)) out.push({ kind: 'removed', subject: subjectOf(item) });
  for (const item of after) {
    const was = old.get(item.code);
    if (!was) out.push({ kind: 'added', subject: subjectOf(item) });
    else out.push(...changes(was, item));
  }
  return out;
}

/**
 * What `after` changes against `before`, item by item (criteria, indicators and form fields by their codes,
 * rules by indicator, level and addressee), in Russian: the report an import shows before it writes.
 */
export function diffDefinitions(before: ProgramDefinition, after: ProgramDefinition): ProgramDifference[] {
  const out = fieldChanges(PROGRAM_FIELDS, before, after, 'Программа');
  out.push(
    ...byCode(
      before.criteria,
      after.criteria,
      (c) => `Критерий ${c.code} «${c.title}»`,
      (a, b) => fieldChanges(CRITERION_FIELDS, a, b, `Критерий ${b.code} «${b.title}»`),
    ),
  );
  const indicatorsOf = (d: ProgramDefinition) =>
    d.criteria.flatMap((c) => c.indicators.map((i) => ({ ...i, criterionCode: c.code })));
  out.push(
    ...byCode(
      indicatorsOf(before),
      indicatorsOf(after),
      (i) => `Показатель ${i.code} «${i.name}»`,
      (a, b) => {
        const subject = `Показатель ${b.code} «${b.name}»`;
        const moved =
          a.criterionCode !== b.criterionCode
            ? [
                {
                  kind: 'changed' as const,
                  subject,
                  detail: `Критерий: ${a.criterionCode} → ${b.criterionCode}`,
                },
              ]
            : [];
        return [...moved, ...fieldChanges(INDICATOR_FIELDS, a, b, subject)];
      },
    ),
  );
  out.push(
    ...byCode(
      before.formFields,
      after.formFields,
      (f) => `Поле формы ${f.code} «${f.label}»`,
      (a, b) => fieldChanges(FORM_FIELD_FIELDS, a, b, `Поле формы ${b.code} «${b.label}»`),
    ),
  );
  const ruleKey = (r: RecommendationRuleDefinition) => `${r.indicatorCode}|${r.level}|${r.target}`;
  const asCoded = (rules: RecommendationRuleDefinition[]) => rules.map((r) => ({ ...r, code: ruleKey(r) }));
  const ruleSubject = (r: RecommendationRuleDefinition) =>
    `Рекомендация по показателю ${r.indicatorCode} (уровень «${LEVEL_LABEL[r.level]}», ${TARGET_LABEL[r.target]})`;
  out.push(
    ...byCode(asCoded(before.recommendationRules), asCoded(after.recommendationRules), ruleSubject, (a, b) =>
      a.text === b.text
        ? []
        : [
            {
              kind: 'changed',
              subject: ruleSubject(b),
              detail: `Текст: ${shown('text', a.text)} → ${shown('text', b.text)}`,
            },
          ],
    ),
  );
  return out;
}
