/**
 * Results of a survey: per question distributions, in total and cross-tabulated by organization, kind of
 * organization, age group and «молодой педагог». Every cell passes `hideSmallCell`: a cell with fewer
 * respondents than the survey's threshold keeps only `hidden: true` — the page, the API, the XLSX export
 * and the drill-downs all read these cells and never the responses themselves.
 */
import { organizationKind } from '../enums.ts';
import {
  choiceText,
  choiceValue,
  questionsOf,
  rateRange,
  type SurveyDefinition,
  type SurveyQuestion,
} from './definition.ts';

export interface CountOf {
  value: string;
  label: string;
  count: number;
}

/** What one cell says before the threshold is applied. */
export interface CellContent {
  respondents: number;
  counts: CountOf[];
  /** Scales, numbers, matrix rows with numeric columns. */
  mean: number | null;
  /** Short and long text answers (only in the total cell). */
  texts: string[];
  /** A matrix: one distribution per row. */
  rows?: { value: string; label: string; counts: CountOf[]; mean: number | null }[];
}

export type Cell = ({ hidden: false } & CellContent) | { hidden: true; respondents: null };

/** The one rule of anonymity: fewer respondents than the threshold and nothing of the cell is shown. */
export function hideSmallCell(content: CellContent, threshold: number): Cell {
  if (content.respondents < threshold) return { hidden: true, respondents: null };
  return { hidden: false, ...content };
}

export const DIMENSIONS = ['organization', 'orgKind', 'ageGroup', 'young'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABEL: Record<Dimension, string> = {
  organization: 'Организация',
  orgKind: 'Тип организации',
  ageGroup: 'Возрастная группа',
  young: 'Молодые педагоги',
};

export interface ResponseForResults {
  organizationId: number;
  organizationName: string;
  orgKind: string;
  ageGroup: string | null;
  isYoung: boolean | null;
  answers: Record<string, unknown>;
}

export interface QuestionResult {
  name: string;
  title: string;
  type: SurveyQuestion['type'];
  total: Cell;
  /**
   * Organizations whose answers the total and the other cross-tabs leave out: hidden ones that together
   * (within a kind) fall below the threshold, so the total minus the shown cells cannot reveal them.
   */
  leftOut: number;
  groups: { dimension: Dimension; key: string; label: string; cell: Cell }[];
}

export interface SurveyResults {
  threshold: number;
  respondents: number;
  questions: QuestionResult[];
}

const isAnswered = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

function countChoices(options: SurveyQuestion['choices'], picked: unknown[]): CountOf[] {
  return (options ?? []).map((c) => {
    const value = String(choiceValue(c));
    return { value, label: choiceText(c), count: picked.filter((p) => String(p) === value).length };
  });
}

/** The content of one cell: the answers of some respondents to one question. */
export function cellOf(question: SurveyQuestion, answers: unknown[], withTexts: boolean): CellContent {
  const given = answers.filter(isAnswered);
  const content: CellContent = { respondents: given.length, counts: [], mean: null, texts: [] };
  switch (question.type) {
    case 'radiogroup':
      content.counts = countChoices(question.choices, given);
      break;
    case 'checkbox':
      content.counts = countChoices(
        question.choices,
        given.flatMap((v) => (Array.isArray(v) ? v : [v])),
      );
      break;
    case 'rating': {
      const { min, max } = rateRange(question);
      const numbers = given.map(Number).filter(Number.isFinite);
      content.counts = Array.from({ length: max - min + 1 }, (_, i) => {
        const value = min + i;
        return {
          value: String(value),
          label: String(value),
          count: numbers.filter((n) => n === value).length,
        };
      });
      content.mean = mean(numbers);
      break;
    }
    case 'text':
      if (question.inputType === 'number') content.mean = mean(given.map(Number).filter(Number.isFinite));
      else if (withTexts) content.texts = given.map(String);
      break;
    case 'comment':
      if (withTexts) content.texts = given.map(String);
      break;
    case 'matrix': {
      const objects = given.filter(
        (v): v is Record<string, unknown> => typeof v === 'object' && !Array.isArray(v),
      );
      content.rows = (question.rows ?? []).map((row) => {
        const key = String(choiceValue(row));
        const picked = objects.map((o) => o[key]).filter(isAnswered);
        const numeric = picked.map(Number).filter(Number.isFinite);
        return {
          value: key,
          label: choiceText(row),
          counts: countChoices(question.columns, picked),
          mean: numeric.length === picked.length ? mean(numeric) : null,
        };
      });
      break;
    }
  }
  return content;
}

function groupKey(dimension: Dimension, r: ResponseForResults): { key: string; label: string } | null {
  switch (dimension) {
    case 'organization':
      return { key: String(r.organizationId), label: r.organizationName };
    case 'orgKind':
      return {
        key: r.orgKind,
        label: organizationKind.label[r.orgKind as keyof typeof organizationKind.label] ?? r.orgKind,
      };
    case 'ageGroup':
      return r.ageGroup ? { key: r.ageGroup, label: r.ageGroup } : null;
    case 'young':
      return r.isYoung === null
        ? null
        : r.isYoung
          ? { key: 'yes', label: 'молодые педагоги' }
          : { key: 'no', label: 'остальные' };
  }
}

/** Each cell's respondents in one dimension, before any is hidden. */
function bucketsOf(
  dimension: Dimension,
  listed: ResponseForResults[],
  counted: ResponseForResults[],
  question: SurveyQuestion,
) {
  const buckets = new Map<string, { label: string; values: unknown[] }>();
  for (const r of listed) {
    const g = groupKey(dimension, r);
    if (g && !buckets.has(g.key)) buckets.set(g.key, { label: g.label, values: [] });
  }
  for (const r of counted) {
    const g = groupKey(dimension, r);
    if (g) buckets.get(g.key)!.values.push(r.answers[question.name]);
  }
  return [...buckets]
    .sort((a, b) => a[1].label.localeCompare(b[1].label, 'ru'))
    .map(([key, b]) => ({ key, label: b.label, content: cellOf(question, b.values, false) }));
}

/**
 * Secondary suppression in a dimension that is not nested in organizations (age group, young teachers,
 * kind): when what the total has beyond the shown cells is more than nobody but fewer than the threshold,
 * subtracting would reveal it, so the smallest shown cells are hidden too until it reaches the threshold.
 */
function hideComplement(
  cells: { content: CellContent; hidden: boolean }[],
  totalRespondents: number,
  threshold: number,
) {
  const shown = () => cells.filter((c) => !c.hidden);
  let rest = totalRespondents - shown().reduce((sum, c) => sum + c.content.respondents, 0);
  while (rest > 0 && rest < threshold && shown().length) {
    const smallest = shown().sort((a, b) => a.content.respondents - b.content.respondents)[0];
    smallest.hidden = true;
    rest += smallest.content.respondents;
  }
}

/**
 * The results of a survey from its current definition and its responses (of any version, by question code).
 *
 * No hidden cell can be recovered by subtraction. Per question, the organizations below the threshold are
 * hidden; their answers count in the total and in the other cross-tabs only when, within every kind of
 * organization, the hidden ones together reach the threshold (then the total minus the shown schools, and a
 * kind minus its shown schools, is a group of at least the threshold). Otherwise the total and every other
 * cell count the shown organizations only, and `leftOut` says how many were left out — as the training
 * order does. In the dimensions not nested in organizations the smallest cells are hidden as well when the
 * rest would fall below the threshold (`hideComplement`).
 */
export function surveyResults(
  definition: SurveyDefinition,
  responses: ResponseForResults[],
  threshold: number,
): SurveyResults {
  const questions = questionsOf(definition).map((q): QuestionResult => {
    const byOrganization = bucketsOf('organization', responses, responses, q);
    const hiddenOrgs = new Map<string, number>();
    for (const o of byOrganization)
      if (o.content.respondents > 0 && o.content.respondents < threshold)
        hiddenOrgs.set(o.key, o.content.respondents);
    const hiddenByKind = new Map<string, number>();
    for (const r of responses) {
      const key = String(r.organizationId);
      if (hiddenOrgs.has(key) && isAnswered(r.answers[q.name]))
        hiddenByKind.set(r.orgKind, (hiddenByKind.get(r.orgKind) ?? 0) + 1);
    }
    const isComplete = [...hiddenByKind.values()].every((n) => n >= threshold);
    const counted = isComplete
      ? responses
      : responses.filter((r) => !hiddenOrgs.has(String(r.organizationId)));
    const total = cellOf(
      q,
      counted.map((r) => r.answers[q.name]),
      true,
    );
    const groups: QuestionResult['groups'] = byOrganization.map((o) => ({
      dimension: 'organization',
      key: o.key,
      label: o.label,
      cell: hideSmallCell(o.content, threshold),
    }));
    for (const dimension of DIMENSIONS.filter((d) => d !== 'organization')) {
      const cells = bucketsOf(dimension, responses, counted, q).map((b) => ({
        ...b,
        hidden: b.content.respondents < threshold,
      }));
      hideComplement(cells, total.respondents, threshold);
      for (const c of cells)
        groups.push({
          dimension,
          key: c.key,
          label: c.label,
          cell: c.hidden ? { hidden: true, respondents: null } : hideSmallCell(c.content, threshold),
        });
    }
    return {
      name: q.name,
      title: q.title,
      type: q.type,
      total: hideSmallCell(total, threshold),
      leftOut: isComplete ? 0 : hiddenOrgs.size,
      groups,
    };
  });
  return { threshold, respondents: responses.length, questions };
}

/**
 * The results as the public page shows them: the same aggregates with the same hidden cells, and free
 * text only of the questions marked `publishable` (the others keep their counts, not their texts).
 */
export function publicResults(definition: SurveyDefinition, results: SurveyResults): SurveyResults {
  const publishable = new Set(
    questionsOf(definition)
      .filter((q) => q.publishable === true)
      .map((q) => q.name),
  );
  return {
    ...results,
    questions: results.questions.map((q) =>
      q.total.hidden || publishable.has(q.name) ? q : { ...q, total: { ...q.total, texts: [] } },
    ),
  };
}
