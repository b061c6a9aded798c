import { Model } from 'survey-core';
import '../../../core/surveys/survey-core-properties.ts';
import { cbiScoreItems } from '../../../core/surveys/burnout.ts';
import {
  choiceValue,
  questionsOf,
  rateRange,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../../core/surveys/definition.ts';

const MAX_TEXT = 5000;

const isAnswered = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

function typeError(q: SurveyQuestion, value: unknown): string | null {
  const options = new Set((q.choices ?? []).map((c) => String(choiceValue(c))));
  switch (q.type) {
    case 'radiogroup':
      return options.has(String(value)) ? null : 'такого варианта ответа нет';
    case 'checkbox':
      return Array.isArray(value) && value.every((v) => options.has(String(v)))
        ? null
        : 'выберите варианты из списка';
    case 'rating': {
      const { min, max } = rateRange(q);
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
        ? null
        : `оценка — целое число от ${min} до ${max}`;
    }
    case 'text':
      if (q.inputType === 'number') {
        const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
        if (!Number.isFinite(n)) return 'введите число';
        if (q.min !== undefined && n < q.min) return `число не меньше ${q.min}`;
        if (q.max !== undefined && n > q.max) return `число не больше ${q.max}`;
        return null;
      }
      return typeof value === 'string' && value.length <= MAX_TEXT ? null : `текст до ${MAX_TEXT} знаков`;
    case 'comment':
      return typeof value === 'string' && value.length <= MAX_TEXT ? null : `текст до ${MAX_TEXT} знаков`;
    case 'matrix': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return 'ответ по строкам матрицы';
      const rows = new Set((q.rows ?? []).map((r) => String(choiceValue(r))));
      const columns = new Set((q.columns ?? []).map((c) => String(choiceValue(c))));
      for (const [row, v] of Object.entries(value)) {
        if (!rows.has(row)) return `строки «${row}» в матрице нет`;
        if (!columns.has(String(v))) return `в строке «${row}» такого варианта нет`;
      }
      return null;
    }
  }
}

/** A number answer as a number, a matrix's numeric columns as numbers (SurveyJS keeps the values as given). */
function normalized(q: SurveyQuestion, value: unknown): unknown {
  if (q.type === 'text' && q.inputType === 'number')
    return typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  if (q.type === 'text' || q.type === 'comment') return String(value).trim();
  return value;
}

/**
 * Validates answers against the definition on the server: survey-core's Model (it runs in Node) evaluates
 * the skip conditions (`visibleIf`), so that an answer to a hidden question is dropped — repeated until no
 * more questions hide, since a dropped answer may hide others; then required questions and the types of
 * the answers are checked here. Unknown codes are dropped. Errors name the question as a person sees it.
 */
export function validateAnswers(
  definition: SurveyDefinition,
  raw: Record<string, unknown>,
): { answers: Record<string, unknown>; errors: string[] } {
  const questions = questionsOf(definition);
  const known = new Set(questions.map((q) => q.name));
  let answers: Record<string, unknown> = Object.fromEntries(
    Object.entries(raw).filter(([name, v]) => known.has(name) && isAnswered(v)),
  );
  const model = new Model(definition);
  for (let round = 0; round <= questions.length; round++) {
    model.data = answers;
    const visible = Object.fromEntries(
      Object.entries(answers).filter(([name]) => model.getQuestionByName(name)?.isVisible !== false),
    );
    if (Object.keys(visible).length === Object.keys(answers).length) break;
    answers = visible;
  }
  model.data = answers;
  const errors: string[] = [];
  questions.forEach((q, i) => {
    if (model.getQuestionByName(q.name)?.isVisible === false) return;
    const label = `Вопрос ${i + 1} «${q.title}»`;
    const value = answers[q.name];
    if (!isAnswered(value)) {
      if (q.isRequired) errors.push(`${label}: ответ обязателен`);
      return;
    }
    const problem = typeError(q, value);
    if (problem) errors.push(`${label}: ${problem}`);
    else answers[q.name] = normalized(q, value);
  });
  return { answers, errors };
}

/**
 * The rows of survey_answer_items for one response: numbers as values, choices and texts as text; and the
 * CBI subscale scores (`cbi.personal`, `cbi.work`, `cbi.students`) when the survey asks all their items.
 */
export function answerItems(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
): { question: string; value: number | null; text: string | null }[] {
  const items: { question: string; value: number | null; text: string | null }[] = [];
  for (const q of questionsOf(definition)) {
    const v = answers[q.name];
    if (!isAnswered(v)) continue;
    const asItem = (question: string, x: unknown) => {
      const n = typeof x === 'number' ? x : Number.NaN;
      items.push({
        question,
        value: Number.isFinite(n) ? n : null,
        text: typeof x === 'number' ? null : String(x),
      });
    };
    if (q.type === 'checkbox' && Array.isArray(v)) v.forEach((x) => asItem(q.name, x));
    else if (q.type === 'matrix' && typeof v === 'object' && v !== null)
      for (const [row, x] of Object.entries(v)) {
        const n = Number(x);
        items.push({ question: `${q.name}.${row}`, value: Number.isFinite(n) ? n : null, text: String(x) });
      }
    else if (q.type === 'radiogroup') {
      const n = Number(v);
      items.push({
        question: q.name,
        value: Number.isFinite(n) && typeof v === 'number' ? n : null,
        text: String(v),
      });
    } else asItem(q.name, v);
  }
  // The Copenhagen Burnout Inventory's subscale scores, so that a formula can count those at high risk.
  items.push(...cbiScoreItems(questionsOf(definition), answers));
  return items;
}
