/**
 * What the survey builder does to a SurveyJS definition, as pure functions: the page only lays them out.
 * Every edit returns a new definition; the result is the JSON survey-react-ui renders and the server stores.
 */
import {
  choiceText,
  choiceValue,
  type Choice,
  type QuestionType,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../../../core/surveys/definition.ts';
import { trainingCatalog, trainingChoices } from '../../../../core/surveys/training-order.ts';

type Page = SurveyDefinition['pages'][number];

export const linesOf = (choices: Choice[] | undefined) => (choices ?? []).map(choiceText).join('\n');

/** One option a line; a line's text is its value too, unless the options came with codes (kept as they were). */
export function choicesFrom(text: string, previous: Choice[] | undefined): Choice[] {
  const old = new Map((previous ?? []).map((c) => [choiceText(c), c]));
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => old.get(line) ?? line);
}

/** Matrix columns typed as numbers where they are digits, so that a matrix of marks has a mean. */
export const matrixColumnsFrom = (text: string, previous: Choice[] | undefined): Choice[] =>
  choicesFrom(text, previous).map((c) => (typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : c));

const SKIP = /^\{(\w+)\} = '(.*)'$/;

/** The skip condition the builder writes: show the question only if `name` was answered `value`. */
export const skipCondition = (name: string, value: string) => `{${name}} = '${value}'`;

export function parseSkip(visibleIf: string | undefined): { name: string; value: string } | null {
  const m = visibleIf ? SKIP.exec(visibleIf) : null;
  return m ? { name: m[1], value: m[2] } : null;
}

/** The earlier questions a skip condition may name: choices and scales. */
export const skipSources = (earlier: SurveyQuestion[]) =>
  earlier.filter((q) => q.type === 'radiogroup' || q.type === 'checkbox' || q.type === 'rating');

/** The answers a skip condition on `q` can compare with. */
export function skipValues(q: SurveyQuestion | undefined): string[] {
  if (!q) return [];
  if (q.type === 'rating') {
    const min = q.rateMin ?? 1;
    return Array.from({ length: (q.rateMax ?? 5) - min + 1 }, (_, i) => String(min + i));
  }
  return (q.choices ?? []).map((c) => String(choiceValue(c)));
}

/** The skip condition on `name`, comparing with its first answer, or none. */
export function skipOn(earlier: SurveyQuestion[], name: string | null): string | undefined {
  if (!name) return undefined;
  return skipCondition(name, skipValues(earlier.find((q) => q.name === name))[0] ?? '');
}

export const questionsOfDefinition = (definition: SurveyDefinition) =>
  definition.pages.flatMap((p) => p.elements);

/** «q5» — the first free code after the number of questions. */
export function nextQuestionName(definition: SurveyDefinition): string {
  const all = questionsOfDefinition(definition);
  let n = all.length + 1;
  while (all.some((q) => q.name === `q${n}`)) n++;
  return `q${n}`;
}

/** A question changed to another type: what the new type needs (a scale, options) is filled in. */
export function changeType(question: SurveyQuestion, type: QuestionType): SurveyQuestion {
  const next: SurveyQuestion = { ...question, type };
  if (type === 'rating') {
    next.rateMin = question.rateMin ?? 1;
    next.rateMax = question.rateMax ?? 5;
  }
  if ((type === 'radiogroup' || type === 'checkbox') && !question.choices?.length)
    next.choices = ['да', 'нет'];
  // Options belong to choice questions only: SurveyJS would report them as unknown on the others.
  if (type !== 'checkbox' && type !== 'radiogroup') {
    delete next.trainingOrder;
    delete next.choices;
  }
  return next;
}

/**
 * Marks a question as the one feeding the «план-заказ» of ПК: a multiple choice of the catalog's topics
 * (the default deficits and seed 002's directions); unmarking keeps the options.
 */
export function withTrainingTopics(question: SurveyQuestion, isOn: boolean): SurveyQuestion {
  if (!isOn) {
    const { trainingOrder: _dropped, ...rest } = question;
    return rest;
  }
  return {
    ...question,
    type: 'checkbox',
    trainingOrder: true,
    choices: trainingChoices(trainingCatalog([])),
  };
}

const withPage = (definition: SurveyDefinition, index: number, page: Page): SurveyDefinition => ({
  ...definition,
  pages: definition.pages.map((p, j) => (j === index ? page : p)),
});

export function setPageTitle(definition: SurveyDefinition, index: number, title: string) {
  return withPage(definition, index, { ...definition.pages[index], title });
}

export function addQuestion(definition: SurveyDefinition, pageIndex: number): SurveyDefinition {
  const page = definition.pages[pageIndex];
  return withPage(definition, pageIndex, {
    ...page,
    elements: [
      ...page.elements,
      { type: 'radiogroup', name: nextQuestionName(definition), title: '', choices: ['да', 'нет'] },
    ],
  });
}

export function replaceQuestion(
  definition: SurveyDefinition,
  pageIndex: number,
  index: number,
  question: SurveyQuestion,
): SurveyDefinition {
  const page = definition.pages[pageIndex];
  return withPage(definition, pageIndex, {
    ...page,
    elements: page.elements.map((q, j) => (j === index ? question : q)),
  });
}

export function removeQuestion(definition: SurveyDefinition, pageIndex: number, index: number) {
  const page = definition.pages[pageIndex];
  return withPage(definition, pageIndex, {
    ...page,
    elements: page.elements.filter((_, j) => j !== index),
  });
}

/** A new section with one long-text question; `suffix` keeps page names unique (the page passes the time). */
export function addPage(definition: SurveyDefinition, suffix: number): SurveyDefinition {
  return {
    ...definition,
    pages: [
      ...definition.pages,
      {
        name: `page${definition.pages.length + 1}_${suffix}`,
        title: '',
        elements: [{ type: 'comment', name: nextQuestionName(definition), title: '' }],
      },
    ],
  };
}

export const removePage = (definition: SurveyDefinition, index: number): SurveyDefinition => ({
  ...definition,
  pages: definition.pages.filter((_, j) => j !== index),
});
