/**
 * The bank of practices and methodical products: kinds, levels of education, the statuses of the review and
 * which action moves an entry from one to the next, and the published criteria a reviewer scores by.
 * One source for the database schema, the API, the web pages and the formula function `practices(…)`.
 */

import type { Enumeration } from './enums.ts';

function labels<const T extends string>(entries: Record<T, string>): Enumeration<T> {
  return { values: Object.keys(entries) as unknown as [T, ...T[]], label: entries };
}

export const practiceKind = labels({
  development: 'методическая разработка',
  program: 'программа',
  practice: 'практика',
  video_lesson: 'видеоурок',
  master_class: 'мастер-класс',
  lesson_plan: 'технологическая карта урока',
  guide: 'методическое пособие',
  other: 'другое',
});

/** Levels of education (ФГОС): what a practice is for. */
export const educationStage = labels({
  do: 'ДО',
  noo: 'НОО',
  ooo: 'ООО',
  soo: 'СОО',
  dop: 'дополнительное образование',
  ovz: 'адаптированные программы (ОВЗ)',
});

export const practiceStatus = labels({
  draft: 'черновик',
  submitted: 'подана',
  on_review: 'на экспертизе',
  returned: 'на доработке',
  recommended: 'рекомендована к распространению',
  published: 'опубликована',
  rejected: 'отклонена',
});

/** Who reviews an entry: one of the associations of the register, or the municipal methodical council. */
export const reviewBody = labels({
  association: 'методическое объединение',
  council: 'методический совет',
});

export const PRACTICE_KINDS = practiceKind.values;
export const EDUCATION_STAGES = educationStage.values;
export const PRACTICE_STATUSES = practiceStatus.values;
export const REVIEW_BODIES = reviewBody.values;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** An action of the workflow and who takes it: the author's organization or the department (coordinator). */
export type PracticeAction = 'submit' | 'take' | 'recommend' | 'publish' | 'return' | 'reject';

interface Transition {
  from: readonly PracticeStatus[];
  to: PracticeStatus;
  by: 'author' | 'department';
  label: string;
  /** The action needs a comment that the author reads (what to improve, why refused). */
  needsReason?: boolean;
}

export const PRACTICE_TRANSITIONS: Record<PracticeAction, Transition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'author', label: 'Подать на экспертизу' },
  take: { from: ['submitted'], to: 'on_review', by: 'department', label: 'Направить на экспертизу' },
  recommend: {
    from: ['on_review'],
    to: 'recommended',
    by: 'department',
    label: 'Рекомендовать к распространению',
  },
  publish: { from: ['recommended'], to: 'published', by: 'department', label: 'Опубликовать в каталоге' },
  return: {
    from: ['submitted', 'on_review'],
    to: 'returned',
    by: 'department',
    label: 'Вернуть на доработку',
    needsReason: true,
  },
  reject: {
    from: ['submitted', 'on_review', 'recommended'],
    to: 'rejected',
    by: 'department',
    label: 'Отклонить',
    needsReason: true,
  },
};

export const PRACTICE_ACTIONS = Object.keys(PRACTICE_TRANSITIONS) as [PracticeAction, ...PracticeAction[]];

/** The author's organization edits its entry only before it is submitted or after it is returned. */
export const isEditableStatus = (status: PracticeStatus) => status === 'draft' || status === 'returned';

/**
 * The status an action leads to from `status`, or a Russian refusal saying what the entry's status allows.
 */
export function nextPracticeStatus(
  status: PracticeStatus,
  action: PracticeAction,
): { ok: true; to: PracticeStatus } | { ok: false; message: string } {
  const transition = PRACTICE_TRANSITIONS[action];
  if (transition.from.includes(status)) return { ok: true, to: transition.to };
  const allowed = PRACTICE_ACTIONS.filter((a) => PRACTICE_TRANSITIONS[a].from.includes(status)).map(
    (a) => `«${PRACTICE_TRANSITIONS[a].label}»`,
  );
  return {
    ok: false,
    message:
      `Действие «${transition.label}» недоступно: материал в статусе «${practiceStatus.label[status]}». ` +
      (allowed.length ? `Доступно: ${allowed.join(', ')}.` : 'Статус окончательный.'),
  };
}

/** A published criterion of the review with its maximum points; the author sees them and the scores. */
export interface PracticeCriterion {
  code: string;
  title: string;
  description: string;
  maxPoints: number;
}

export const PRACTICE_CRITERIA: readonly PracticeCriterion[] = [
  {
    code: 'relevance',
    title: 'Актуальность',
    description: 'Материал отвечает на выявленные профессиональные дефициты и задачи муниципалитета.',
    maxPoints: 5,
  },
  {
    code: 'novelty',
    title: 'Новизна',
    description: 'Авторский замысел, новые приёмы или их новое сочетание.',
    maxPoints: 5,
  },
  {
    code: 'effectiveness',
    title: 'Результативность',
    description: 'Подтверждённые результаты обучающихся или педагогов.',
    maxPoints: 5,
  },
  {
    code: 'transferability',
    title: 'Тиражируемость',
    description: 'Материал может применить другой педагог в другой организации.',
    maxPoints: 5,
  },
  {
    code: 'quality',
    title: 'Качество оформления',
    description: 'Структура, ясность изложения, соответствие требованиям к методическим материалам.',
    maxPoints: 5,
  },
];

export const PRACTICE_MAX_SCORE = PRACTICE_CRITERIA.reduce((sum, c) => sum + c.maxPoints, 0);

/** The scores of one review checked against the criteria: every criterion, whole points within 0…max. */
export function checkPracticeScores(
  scores: Record<string, number>,
): { ok: true; total: number } | { ok: false; message: string } {
  for (const code of Object.keys(scores))
    if (!PRACTICE_CRITERIA.some((c) => c.code === code))
      return { ok: false, message: `Оценка: неизвестный критерий «${code}».` };
  let total = 0;
  for (const criterion of PRACTICE_CRITERIA) {
    const points = scores[criterion.code];
    if (points === undefined)
      return { ok: false, message: `Оценка: поставьте баллы по критерию «${criterion.title}».` };
    if (!Number.isInteger(points) || points < 0 || points > criterion.maxPoints)
      return {
        ok: false,
        message: `Оценка: по критерию «${criterion.title}» — целое число баллов от 0 до ${criterion.maxPoints}.`,
      };
    total += points;
  }
  return { ok: true, total };
}
