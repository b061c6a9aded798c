/**
 * Ready-to-launch surveys from the seeds (SurveyJS JSON): seed 001 measures the methodical service «методом
 * социологических опросов» (satisfaction of teachers and heads, line 203), builds the yearly «план-заказ»
 * of ПК from teachers' requests (line 224) and monitors young teachers' readiness in May (line 272); seed
 * 004 checks «соответствие запросам и ожиданиям участников». Every template asks the age group and
 * «молодой педагог» itself (the cross-tabs of an anonymous survey cannot read the registry).
 */
import type { SurveyDefinition, SurveyQuestion } from './definition.ts';
import { AGE_GROUP_QUESTION, AGE_GROUPS, YOUNG_QUESTION, type SurveyKind } from './survey.ts';
import { trainingCatalog, trainingChoices } from './training-order.ts';
import { cbiQuestions } from './burnout.ts';

export interface SurveyTemplate {
  code: string;
  title: string;
  kind: SurveyKind;
  target: 'teachers' | 'heads';
  /** Where the template comes from. */
  source: string;
  definition: SurveyDefinition;
}

const YES_NO = [
  { value: 'yes', text: 'да' },
  { value: 'no', text: 'нет' },
];

const aboutYou: SurveyQuestion[] = [
  { type: 'radiogroup', name: AGE_GROUP_QUESTION, title: 'Ваш возраст', choices: [...AGE_GROUPS] },
  {
    type: 'radiogroup',
    name: YOUNG_QUESTION,
    title: 'Вы молодой педагог (до 35 лет и стаж меньше 3 лет)?',
    choices: YES_NO,
  },
];

const scale = (name: string, title: string, isRequired = true): SurveyQuestion => ({
  type: 'rating',
  name,
  title,
  rateMin: 1,
  rateMax: 5,
  isRequired,
});

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  {
    code: 'methodical_satisfaction',
    title: 'Удовлетворённость педагогов работой муниципальной методической службы',
    kind: 'anonymous',
    target: 'teachers',
    source:
      'Seed 001: «повышение уровня удовлетворенности педагогов и руководителей … работой муниципальной методической службы».',
    definition: {
      pages: [
        {
          name: 'service',
          title: 'Методическая служба',
          elements: [
            scale(
              'satisfaction',
              'Насколько вы удовлетворены работой методической службы района? (1 — совсем нет, 5 — полностью)',
            ),
            scale('rmo_useful', 'Насколько полезны для вас заседания РМО?'),
            {
              type: 'radiogroup',
              name: 'consulted',
              title: 'Обращались ли вы за консультацией в методический кабинет в этом году?',
              choices: YES_NO,
              isRequired: true,
            },
            {
              ...scale('consultation_quality', 'Насколько консультация помогла вам?'),
              visibleIf: "{consulted} = 'yes'",
            },
            {
              type: 'matrix',
              name: 'forms',
              title: 'Оцените формы методической работы',
              rows: [
                { value: 'seminars', text: 'семинары' },
                { value: 'open_lessons', text: 'открытые уроки' },
                { value: 'mentoring', text: 'наставничество' },
              ],
              columns: [1, 2, 3, 4, 5],
            },
            { type: 'comment', name: 'wishes', title: 'Что изменить в работе методической службы?' },
          ],
        },
        { name: 'about', title: 'О вас', elements: aboutYou },
      ],
    },
  },
  {
    code: 'heads_satisfaction',
    title: 'Удовлетворённость руководителей ОО работой муниципальной методической службы',
    kind: 'anonymous',
    target: 'heads',
    source: 'Seed 001, там же: удовлетворённость руководителей образовательных организаций.',
    definition: {
      pages: [
        {
          name: 'service',
          title: 'Методическая служба',
          elements: [
            scale('satisfaction', 'Насколько вы удовлетворены работой методической службы района?'),
            scale(
              'support_management',
              'Насколько служба помогает в управлении качеством образования в вашей ОО?',
            ),
            { type: 'comment', name: 'wishes', title: 'Ваши предложения' },
          ],
        },
      ],
    },
  },
  {
    code: 'training_requests',
    title: 'Запрос на повышение квалификации (план-заказ)',
    kind: 'named',
    target: 'teachers',
    source:
      'Seed 001: «ежегодный план-заказ на повышение квалификации педагогических работников»; темы — каталог дефицитов и направления ПК, охват которыми измеряет seed 002.',
    definition: {
      pages: [
        {
          name: 'requests',
          title: 'Повышение квалификации',
          elements: [
            {
              type: 'checkbox',
              name: 'topics',
              title: 'Темы, по которым вам нужно повышение квалификации в следующем году',
              choices: trainingChoices(trainingCatalog([])),
              isRequired: true,
              trainingOrder: true,
            },
            {
              type: 'radiogroup',
              name: 'format',
              title: 'Удобный формат',
              choices: [
                { value: 'offline', text: 'очно' },
                { value: 'online', text: 'дистанционно' },
                { value: 'mixed', text: 'смешанный' },
              ],
            },
            { type: 'comment', name: 'other_topics', title: 'Другие темы' },
          ],
        },
      ],
    },
  },
  {
    code: 'young_readiness',
    title: 'Готовность молодых педагогов к профессиональной деятельности (май)',
    kind: 'named',
    target: 'teachers',
    source:
      'Seed 001: «Мониторинг уровня профессиональной готовности к образовательной деятельности молодых педагогов. Май».',
    definition: {
      pages: [
        {
          name: 'readiness',
          title: 'Самооценка готовности',
          elements: [
            {
              type: 'matrix',
              name: 'readiness',
              title: 'Оцените свою готовность (1 — не готов, 5 — полностью готов)',
              rows: [
                { value: 'planning', text: 'планирование урока' },
                { value: 'methods', text: 'методы и приёмы обучения' },
                { value: 'assessment', text: 'оценивание результатов' },
                { value: 'discipline', text: 'работа с классом, дисциплина' },
                { value: 'parents', text: 'взаимодействие с родителями' },
              ],
              columns: [1, 2, 3, 4, 5],
            },
            {
              type: 'radiogroup',
              name: 'has_mentor',
              title: 'Есть ли у вас наставник?',
              choices: YES_NO,
              isRequired: true,
            },
            {
              ...scale('mentor_help', 'Насколько наставник вам помогает?'),
              visibleIf: "{has_mentor} = 'yes'",
            },
            { type: 'comment', name: 'difficulties', title: 'Какие трудности вы испытываете?' },
          ],
        },
      ],
    },
  },
  {
    code: 'burnout_risk',
    title: 'Риск профессионального выгорания педагогов (Копенгагенский опросник выгорания, CBI)',
    kind: 'anonymous',
    target: 'teachers',
    source:
      'Seed 001: профилактика профессионального выгорания. Инструмент — Copenhagen Burnout Inventory: Kristensen T. S., Borritz M., Villadsen E., Christensen K. B. The Copenhagen Burnout Inventory: A new tool for the assessment of burnout // Work & Stress. 2005. Vol. 19, № 3. P. 192–207 (свободен для использования). 19 вопросов, три шкалы; ответы — 100/75/50/25/0 баллов (вопрос о силах на семью и друзей — в обратном порядке), балл шкалы — среднее её вопросов, 50 и выше — высокий риск выгорания.',
    definition: {
      description:
        'Копенгагенский опросник выгорания (Copenhagen Burnout Inventory, Kristensen и соавт., 2005). Анкета анонимная.',
      pages: [
        {
          name: 'personal',
          title: 'Ваше самочувствие',
          elements: cbiQuestions('personal'),
        },
        { name: 'work', title: 'Ваша работа', elements: cbiQuestions('work') },
        { name: 'students', title: 'Работа с учащимися', elements: cbiQuestions('students') },
        { name: 'about', title: 'О вас', elements: aboutYou },
      ],
    },
  },
  {
    code: 'participants_expectations',
    title: 'Ожидания участников мониторинга',
    kind: 'anonymous',
    target: 'heads',
    source: 'Seed 004: «соответствие запросам и ожиданиям участников»; метод — опросы.',
    definition: {
      pages: [
        {
          name: 'expectations',
          title: 'Мониторинг',
          elements: [
            scale('meets_expectations', 'Насколько мониторинг соответствует вашим ожиданиям?'),
            scale('useful_results', 'Насколько полезны для вашей ОО результаты и рекомендации?'),
            scale('burden', 'Насколько обременительно заполнение форм? (1 — совсем не, 5 — очень)'),
            { type: 'comment', name: 'expect', title: 'Чего вы ждёте от мониторинга?' },
          ],
        },
      ],
    },
  },
];
