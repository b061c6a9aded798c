/**
 * The Copenhagen Burnout Inventory (CBI): Kristensen T. S., Borritz M., Villadsen E., Christensen K. B.
 * «The Copenhagen Burnout Inventory: A new tool for the assessment of burnout», Work & Stress, 2005,
 * 19(3), 192–207 (free to use). 19 items in three subscales — personal, work-related and client-related
 * burnout (for teachers the clients are the students: «работа с учащимися»). Every answer is scored
 * 100 / 75 / 50 / 25 / 0 from the strongest to the weakest, the item «хватает ли вам сил на семью и друзей в
 * свободное время» reversed; a subscale's score is the mean of its items, and 50 or more is read as a high
 * risk of burnout.
 */
import type { SurveyQuestion } from './definition.ts';

export const CBI_SUBSCALES = ['personal', 'work', 'students'] as const;
export type CbiSubscale = (typeof CBI_SUBSCALES)[number];
export const CBI_SUBSCALE_LABEL: Record<CbiSubscale, string> = {
  personal: 'личностное выгорание',
  work: 'выгорание, связанное с работой',
  students: 'выгорание, связанное с работой с учащимися',
};

/** A score of 50 or more: high risk of burnout. */
export const CBI_HIGH_RISK = 50;

const FREQUENCY = [
  { value: 'always', text: 'всегда' },
  { value: 'often', text: 'часто' },
  { value: 'sometimes', text: 'иногда' },
  { value: 'seldom', text: 'редко' },
  { value: 'never', text: 'никогда или почти никогда' },
];
const DEGREE = [
  { value: 'very_high', text: 'в очень большой степени' },
  { value: 'high', text: 'в большой степени' },
  { value: 'somewhat', text: 'в некоторой степени' },
  { value: 'low', text: 'в малой степени' },
  { value: 'very_low', text: 'в очень малой степени' },
];
const SCORES = [100, 75, 50, 25, 0];

interface CbiItem {
  name: string;
  subscale: CbiSubscale;
  title: string;
  scale: 'frequency' | 'degree';
  isReversed?: boolean;
}

/** The 19 items in the order of the original, each a question code of the template. */
export const CBI_ITEMS: readonly CbiItem[] = [
  { name: 'cbi_p1', subscale: 'personal', scale: 'frequency', title: 'Как часто вы чувствуете усталость?' },
  {
    name: 'cbi_p2',
    subscale: 'personal',
    scale: 'frequency',
    title: 'Как часто вы чувствуете себя физически истощённым(ой)?',
  },
  {
    name: 'cbi_p3',
    subscale: 'personal',
    scale: 'frequency',
    title: 'Как часто вы чувствуете себя эмоционально истощённым(ой)?',
  },
  {
    name: 'cbi_p4',
    subscale: 'personal',
    scale: 'frequency',
    title: 'Как часто вы думаете: «Я больше не могу»?',
  },
  {
    name: 'cbi_p5',
    subscale: 'personal',
    scale: 'frequency',
    title: 'Как часто вы чувствуете, что выбились из сил?',
  },
  {
    name: 'cbi_p6',
    subscale: 'personal',
    scale: 'frequency',
    title: 'Как часто вы чувствуете себя ослабленным(ой) и подверженным(ой) болезням?',
  },
  { name: 'cbi_w1', subscale: 'work', scale: 'degree', title: 'Ваша работа эмоционально изматывает вас?' },
  {
    name: 'cbi_w2',
    subscale: 'work',
    scale: 'degree',
    title: 'Вы чувствуете, что «выгорели» из-за своей работы?',
  },
  { name: 'cbi_w3', subscale: 'work', scale: 'degree', title: 'Ваша работа вызывает у вас разочарование?' },
  {
    name: 'cbi_w4',
    subscale: 'work',
    scale: 'frequency',
    title: 'Вы чувствуете себя вымотанным(ой) к концу рабочего дня?',
  },
  {
    name: 'cbi_w5',
    subscale: 'work',
    scale: 'frequency',
    title: 'Вы чувствуете себя обессиленным(ой) утром при мысли о новом рабочем дне?',
  },
  {
    name: 'cbi_w6',
    subscale: 'work',
    scale: 'frequency',
    title: 'Вы чувствуете, что каждый рабочий час утомляет вас?',
  },
  {
    name: 'cbi_w7',
    subscale: 'work',
    scale: 'frequency',
    title: 'Хватает ли вам сил на семью и друзей в свободное время?',
    isReversed: true,
  },
  {
    name: 'cbi_s1',
    subscale: 'students',
    scale: 'degree',
    title: 'Вам тяжело работать с учащимися?',
  },
  {
    name: 'cbi_s2',
    subscale: 'students',
    scale: 'degree',
    title: 'Работа с учащимися вызывает у вас разочарование?',
  },
  {
    name: 'cbi_s3',
    subscale: 'students',
    scale: 'degree',
    title: 'Работа с учащимися отнимает у вас силы?',
  },
  {
    name: 'cbi_s4',
    subscale: 'students',
    scale: 'degree',
    title: 'Вам кажется, что в работе с учащимися вы отдаёте больше, чем получаете взамен?',
  },
  {
    name: 'cbi_s5',
    subscale: 'students',
    scale: 'frequency',
    title: 'Вы устали от работы с учащимися?',
  },
  {
    name: 'cbi_s6',
    subscale: 'students',
    scale: 'frequency',
    title: 'Бывает ли, что вы задумываетесь, как долго ещё сможете работать с учащимися?',
  },
];

/** The items of the CBI as SurveyJS questions (required: a subscale's score needs all of its items). */
export function cbiQuestions(subscale: CbiSubscale): SurveyQuestion[] {
  return CBI_ITEMS.filter((i) => i.subscale === subscale).map((i) => ({
    type: 'radiogroup',
    name: i.name,
    title: i.title,
    choices: i.scale === 'frequency' ? FREQUENCY : DEGREE,
    isRequired: true,
  }));
}

/** The score of one answer: 100 … 0 from the first option to the last, reversed where the item is. */
export function cbiItemScore(item: CbiItem, answer: unknown): number | null {
  const options = item.scale === 'frequency' ? FREQUENCY : DEGREE;
  const index = options.findIndex((o) => o.value === answer);
  if (index < 0) return null;
  return item.isReversed ? SCORES[SCORES.length - 1 - index] : SCORES[index];
}

/**
 * The three subscale scores of one respondent: the mean of the subscale's item scores; null when an item of
 * the subscale is unanswered (the template makes every item required).
 */
export function cbiScores(answers: Record<string, unknown>): Record<CbiSubscale, number | null> {
  const scores = {} as Record<CbiSubscale, number | null>;
  for (const subscale of CBI_SUBSCALES) {
    const items = CBI_ITEMS.filter((i) => i.subscale === subscale);
    const values = items.map((i) => cbiItemScore(i, answers[i.name]));
    scores[subscale] = values.every((v): v is number => v !== null)
      ? values.reduce((a, b) => a + b, 0) / values.length
      : null;
  }
  return scores;
}

/** The question code under which a subscale's score is stored with the answers, for `answers(…)` formulas. */
export const cbiScoreCode = (subscale: CbiSubscale) => `cbi.${subscale}`;

/** Whether a definition asks every item of a subscale (only then is its score stored and computed). */
export const asksSubscale = (questions: SurveyQuestion[], subscale: CbiSubscale) =>
  CBI_ITEMS.filter((i) => i.subscale === subscale).every((i) => questions.some((q) => q.name === i.name));

/**
 * The share of respondents with a high risk of burnout on each subscale: those with a score (every item
 * answered), how many of them score 50 or more, and the share — hidden (null) below the survey's threshold,
 * as every result cell is.
 */
export function highBurnoutShares(
  responses: Record<string, unknown>[],
  threshold: number,
): Record<CbiSubscale, { respondents: number | null; high: number | null; share: number | null }> {
  const result = {} as ReturnType<typeof highBurnoutShares>;
  const all = responses.map(cbiScores);
  for (const subscale of CBI_SUBSCALES) {
    const scored = all.map((s) => s[subscale]).filter((s): s is number => s !== null);
    const high = scored.filter((s) => s >= CBI_HIGH_RISK).length;
    result[subscale] =
      scored.length < threshold
        ? { respondents: null, high: null, share: null }
        : { respondents: scored.length, high, share: high / scored.length };
  }
  return result;
}

/** The subscale scores of one response as answer items (`cbi.personal` …), stored beside its answers. */
export function cbiScoreItems(
  questions: SurveyQuestion[],
  answers: Record<string, unknown>,
): { question: string; value: number; text: null }[] {
  const scores = cbiScores(answers);
  return CBI_SUBSCALES.flatMap((s) => {
    const score = scores[s];
    return asksSubscale(questions, s) && score !== null
      ? [{ question: cbiScoreCode(s), value: score, text: null }]
      : [];
  });
}
