/**
 * The «план-заказ» of ПК (trainingOrder) from a survey's question «темы, по которым нужно повышение
 * квалификации»: a choice question marked `trainingOrder: true` whose options are codes of the deficit
 * catalog or the directions of ПК that seed 002 measures (`topic:…`, the same codes as a training record's
 * topic). The order counts, per topic, the teachers who asked for it — per organization and for the
 * municipality. A named survey lists who asked (to those allowed to see the person); an anonymous one gives
 * counts only, and every cell of an organization where fewer people answered the question than the
 * survey's threshold is hidden, by the same rule as `hideSmallCell`.
 */
import { competenceArea } from '../enums.ts';
import { DEFAULT_DEFICITS } from '../deficits.ts';
import {
  choiceText,
  choiceValue,
  questionsOf,
  type SurveyDefinition,
  type SurveyQuestion,
} from './definition.ts';

export const TOPIC_CHOICE_PREFIX = 'topic:';

/** The directions of ПК whose coverage seed 002 measures (its indicators 7–13), as training topics. */
export const SEED_002_TOPICS: { topic: string; title: string }[] = [
  { topic: 'quality_assessment', title: 'Оценка качества образования' },
  {
    topic: 'low_results',
    title: 'Работа в школах с низкими образовательными результатами и в сложных социальных условиях',
  },
  { topic: 'talents', title: 'Выявление, поддержка и развитие способностей и талантов у детей и молодёжи' },
  { topic: 'career_guidance', title: 'Самоопределение и профессиональная ориентация обучающихся' },
  { topic: 'upbringing', title: 'Организация воспитания обучающихся' },
  { topic: 'preschool_quality', title: 'Повышение качества дошкольного образования' },
  { topic: 'federal_programs', title: 'Реализация приоритетных федеральных программ' },
];

export const DIRECTIONS_GROUP = 'направления ПК';
export const OUTSIDE_CATALOG = 'вне каталога';

/** A row of the order: a deficit of the catalog or a direction of ПК. */
export interface TrainingTopic {
  code: string;
  title: string;
  /** The area of the deficit («методические»…), «направления ПК», or «вне каталога». */
  group: string;
}

/** The catalog the options are checked against: the deficits (the database's, else the default ones) and the directions. */
export function trainingCatalog(
  deficits: { code: string; title: string; area: string }[],
): Map<string, TrainingTopic> {
  const catalog = new Map<string, TrainingTopic>();
  const areaLabel = (area: string) => competenceArea.label[area as keyof typeof competenceArea.label] ?? area;
  for (const d of [...DEFAULT_DEFICITS, ...deficits])
    catalog.set(d.code, { code: d.code, title: d.title, group: areaLabel(d.area) });
  for (const t of SEED_002_TOPICS) {
    const code = `${TOPIC_CHOICE_PREFIX}${t.topic}`;
    catalog.set(code, { code, title: t.title, group: DIRECTIONS_GROUP });
  }
  return catalog;
}

/** The options of a training-request question: the whole catalog, deficits first. */
export function trainingChoices(catalog: Map<string, TrainingTopic>) {
  return [...catalog.values()].map((t) => ({ value: t.code, text: t.title }));
}

export const isTrainingQuestion = (q: SurveyQuestion) =>
  (q as { trainingOrder?: unknown }).trainingOrder === true;

/** The questions of a definition that feed the order. */
export const trainingQuestionsOf = (definition: SurveyDefinition) =>
  questionsOf(definition).filter(isTrainingQuestion);

/** What is wrong with the training-request questions: not a choice question, or options outside the catalog. */
export function checkTrainingQuestions(
  definition: SurveyDefinition,
  catalog: Map<string, TrainingTopic>,
): string[] {
  const errors: string[] = [];
  questionsOf(definition).forEach((q, i) => {
    if (!isTrainingQuestion(q)) return;
    const where = `вопрос ${i + 1} («${q.name}»)`;
    if (q.type !== 'checkbox' && q.type !== 'radiogroup') {
      errors.push(`${where}: темы для плана-заказа — вопрос с вариантами ответа`);
      return;
    }
    const unknown = (q.choices ?? []).map((c) => String(choiceValue(c))).filter((v) => !catalog.has(v));
    if (unknown.length)
      errors.push(
        `${where}: варианты ${unknown.map((v) => `«${v}»`).join(', ')} — не коды каталога дефицитов и не направления ПК`,
      );
  });
  return errors;
}

export interface TrainingRequest {
  organizationId: number;
  organizationName: string;
  /** The person of a named survey; null in an anonymous one. */
  teacherName: string | null;
  answers: Record<string, unknown>;
}

export type OrderCell =
  { hidden: false; requested: number; teachers?: string[] } | { hidden: true; requested: null };

export interface TrainingOrder {
  question: { name: string; title: string };
  isNamed: boolean;
  threshold: number;
  /** Organizations that answered, with how many answered the question; `hidden` below the threshold. */
  organizations: { id: number; name: string; respondents: number | null; hidden: boolean }[];
  rows: { topic: TrainingTopic; total: OrderCell; byOrganization: OrderCell[] }[];
  total: {
    respondents: number | null;
    hidden: boolean;
    /** False when the municipality's total leaves out organizations whose cells are hidden. */
    isComplete: boolean;
    leftOut: number;
  };
}

const picked = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : value === undefined || value === null || value === ''
      ? []
      : [String(value)];

/**
 * The order from the responses. An anonymous survey hides an organization's column when fewer than
 * `threshold` people answered the question there; the municipality's total then includes the hidden
 * organizations only when together they reach the threshold — otherwise subtracting the shown columns
 * from the total would reveal them, and the total counts the shown organizations only (`isComplete`
 * false). Names are listed only for a named survey and only when `withNames`.
 */
export function buildTrainingOrder(options: {
  question: SurveyQuestion;
  catalog: Map<string, TrainingTopic>;
  requests: TrainingRequest[];
  isNamed: boolean;
  threshold: number;
  withNames: boolean;
}): TrainingOrder {
  const { question, catalog, isNamed, threshold } = options;
  const withNames = isNamed && options.withNames;
  const topics: TrainingTopic[] = (question.choices ?? []).map((c) => {
    const code = String(choiceValue(c));
    return catalog.get(code) ?? { code, title: choiceText(c), group: OUTSIDE_CATALOG };
  });
  const answered = options.requests
    .map((r) => ({ ...r, picked: picked(r.answers[question.name]) }))
    .filter((r) => r.picked.length > 0);
  const byOrg = new Map<number, { name: string; requests: typeof answered }>();
  for (const r of answered) {
    const entry = byOrg.get(r.organizationId) ?? { name: r.organizationName, requests: [] };
    entry.requests.push(r);
    byOrg.set(r.organizationId, entry);
  }
  const organizations = [...byOrg]
    .map(([id, e]) => ({
      id,
      name: e.name,
      requests: e.requests,
      hidden: !isNamed && e.requests.length < threshold,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const hiddenRespondents = organizations
    .filter((o) => o.hidden)
    .reduce((sum, o) => sum + o.requests.length, 0);
  const isComplete = isNamed || hiddenRespondents === 0 || hiddenRespondents >= threshold;
  const counted = organizations.filter((o) => isComplete || !o.hidden).flatMap((o) => o.requests);
  const totalHidden = !isNamed && counted.length < threshold;

  const cellOf = (requests: typeof answered, code: string, hidden: boolean): OrderCell => {
    if (hidden) return { hidden: true, requested: null };
    const who = requests.filter((r) => r.picked.includes(code));
    return withNames
      ? {
          hidden: false,
          requested: who.length,
          teachers: who.map((r) => r.teacherName ?? '').sort((a, b) => a.localeCompare(b, 'ru')),
        }
      : { hidden: false, requested: who.length };
  };
  return {
    question: { name: question.name, title: question.title },
    isNamed,
    threshold,
    organizations: organizations.map((o) => ({
      id: o.id,
      name: o.name,
      respondents: o.hidden ? null : o.requests.length,
      hidden: o.hidden,
    })),
    rows: topics.map((topic) => ({
      topic,
      total: cellOf(counted, topic.code, totalHidden),
      byOrganization: organizations.map((o) => cellOf(o.requests, topic.code, o.hidden)),
    })),
    total: {
      respondents: totalHidden ? null : counted.length,
      hidden: totalHidden,
      isComplete,
      leftOut: isComplete ? 0 : organizations.filter((o) => o.hidden).length,
    },
  };
}
