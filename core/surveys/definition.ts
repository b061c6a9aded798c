/**
 * The supported subset of the SurveyJS JSON format (https://surveyjs.io/form-library/documentation/design-survey/create-a-simple-survey):
 * pages with elements of the types below. The builder writes it, survey-react-ui renders it, the server
 * validates answers against it.
 */
import { z } from 'zod';

export const QUESTION_TYPES = ['radiogroup', 'checkbox', 'rating', 'text', 'comment', 'matrix'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  radiogroup: 'один вариант',
  checkbox: 'несколько вариантов',
  rating: 'шкала',
  text: 'число или короткий текст',
  comment: 'развёрнутый текст',
  matrix: 'матрица',
};

export const QUESTION_NAME = /^[a-z][a-z0-9_]*$/;

const Choice = z.union([
  z.string().min(1),
  z.number(),
  z.object({ value: z.union([z.string().min(1), z.number()]), text: z.string().optional() }),
]);
export type Choice = z.infer<typeof Choice>;

export const SurveyQuestion = z
  .object({
    type: z.enum(QUESTION_TYPES, { message: `тип вопроса — один из: ${QUESTION_TYPES.join(', ')}` }),
    name: z.string().regex(QUESTION_NAME, 'код вопроса — латинские строчные буквы, цифры и «_»'),
    title: z.string().trim().min(1, 'укажите текст вопроса').max(2000),
    description: z.string().max(2000).optional(),
    isRequired: z.boolean().optional(),
    visibleIf: z.string().max(500).optional(),
    choices: z.array(Choice).max(200).optional(),
    rateMin: z.number().int().optional(),
    rateMax: z.number().int().optional(),
    inputType: z.enum(['text', 'number']).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    rows: z.array(Choice).max(100).optional(),
    columns: z.array(Choice).max(20).optional(),
    /** pedmonitor's own mark: the options are training topics feeding the «план-заказ» (training-order.ts). */
    trainingOrder: z.boolean().optional(),
    /** pedmonitor's own mark: the free-text answers may be shown on the public page of results. */
    publishable: z.boolean().optional(),
  })
  .passthrough();
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyPage = z
  .object({
    name: z.string().min(1),
    title: z.string().max(500).optional(),
    description: z.string().max(4000).optional(),
    elements: z.array(SurveyQuestion).min(1, 'в разделе нет ни одного вопроса'),
  })
  .passthrough();

export const SurveyDefinition = z
  .object({
    title: z.string().max(500).optional(),
    description: z.string().max(4000).optional(),
    pages: z.array(SurveyPage).min(1, 'в анкете нет ни одного раздела'),
  })
  .passthrough();
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const choiceValue = (c: Choice) => (typeof c === 'object' ? c.value : c);
export const choiceText = (c: Choice) => (typeof c === 'object' ? (c.text ?? String(c.value)) : String(c));

export const questionsOf = (definition: SurveyDefinition): SurveyQuestion[] =>
  definition.pages.flatMap((p) => p.elements);

/** The scale of a rating question: SurveyJS's defaults are 1…5. */
export const rateRange = (q: SurveyQuestion) => ({ min: q.rateMin ?? 1, max: q.rateMax ?? 5 });

const REFERENCE = /\{([^}]+)\}/g;

/**
 * Checks what zod cannot: codes are unique, choice questions have options, a scale is 1–5 or 1–10, a
 * matrix has rows and columns, a skip condition names a previous choice or scale question. Russian
 * messages name the question by its number and code.
 */
export function checkDefinition(definition: SurveyDefinition): string[] {
  const errors: string[] = [];
  const seen = new Map<string, SurveyQuestion>();
  questionsOf(definition).forEach((q, i) => {
    const where = `вопрос ${i + 1} («${q.name}»)`;
    if (seen.has(q.name)) errors.push(`${where}: код уже занят другим вопросом`);
    if ((q.type === 'radiogroup' || q.type === 'checkbox') && !(q.choices && q.choices.length >= 2))
      errors.push(`${where}: укажите не меньше двух вариантов ответа`);
    if (q.type === 'rating') {
      const { min, max } = rateRange(q);
      if (min !== 1 || (max !== 5 && max !== 10)) errors.push(`${where}: шкала — от 1 до 5 или от 1 до 10`);
    }
    if (q.type === 'matrix' && !(q.rows?.length && q.columns?.length))
      errors.push(`${where}: у матрицы должны быть строки и столбцы`);
    if (q.visibleIf) {
      const names = [...q.visibleIf.matchAll(REFERENCE)].map((m) => m[1].trim());
      if (!names.length)
        errors.push(`${where}: условие показа должно ссылаться на вопрос, например {q1} = 'да'`);
      for (const name of names) {
        const earlier = seen.get(name);
        if (!earlier)
          errors.push(`${where}: условие показа ссылается на «${name}» — это не предыдущий вопрос`);
        else if (!['radiogroup', 'checkbox', 'rating'].includes(earlier.type))
          errors.push(`${where}: условие показа — только по вопросу с вариантами или шкалой`);
      }
    }
    seen.set(q.name, q);
  });
  return errors;
}
