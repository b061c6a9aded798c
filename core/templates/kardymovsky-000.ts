import { count, presence, share, type ProgramTemplate } from './types.ts';

const COMMON = {
  source: 'Реестр педагогов общеобразовательных организаций',
  method: 'Формализованный сбор данных, метод математической обработки',
  periodicity: 'Ежегодно',
  deadline: 'С 13 сентября по 5 ноября',
  referenceDateRule: 'по состоянию на 1 сентября (итоги прошедшего учебного года)',
};
const FORM = {
  ...COMMON,
  source: 'Форма мониторинга, заполняемая образовательной организацией',
  isFormValue: true,
  note: 'Реестр этих данных не содержит: значение сообщает организация в форме мониторинга.',
};

/** Seed 000: Кардымовский район, письмо отдела образования от 26.08.2021 № 03610-а — 5 групп показателей. */
export const kardymovsky: ProgramTemplate = {
  code: 'seed-000-kardymovsky',
  title:
    'Обеспечение профессионального развития педагогических работников в общеобразовательных организациях (по Кардымовскому району)',
  source: 'Кардымовский район Смоленской области: письмо Отдела образования от 26.08.2021 № 03610-а',
  description:
    'Мониторинг в общеобразовательных организациях с 13 сентября по 5 ноября; по итогам — адресные рекомендации по совершенствованию ' +
    'профессионального мастерства педагогических работников на следующий год.',
  goals: [
    'Получение независимых результатов деятельности образовательных организаций по обеспечению профессионального развития педагогов',
    'Принятие своевременных управленческих решений на уровне образовательных организаций и муниципальном уровне',
  ],
  parameters: {
    youngMaxAge: 35,
    youngMaxExperience: 3,
    experienceThreshold: 5,
    periodKind: 'academic',
    referenceDate: { kind: 'fixed', month: 9, day: 1, yearOffset: 0 },
  },
  // The program of the district's общеобразовательные организации: every indicator, forms included.
  applicability: { kinds: ['school'], groups: null },
  criteria: [
    {
      code: '1',
      title:
        'Система работы с образовательными организациями по выявлению профессиональных дефицитов педагогических работников',
      indicators: [
        share(
          '1.1',
          'Доля педагогов общеобразовательных организаций, прошедших диагностику профессиональных дефицитов',
          'teachers(orgKind = school, diagnosed)',
          'teachers(orgKind = school)',
          COMMON,
        ),
        presence(
          '1.2',
          'Наличие в образовательной организации плана работы по выявлению и устранению профессиональных дефицитов',
          'form("deficit_plan")',
          FORM,
        ),
      ],
    },
    {
      code: '2',
      title: 'Повышение профессионального мастерства педагогических работников',
      indicators: [
        share(
          '2.1',
          'Доля педагогов, повысивших квалификацию за отчётный год',
          'teachers(orgKind = school, trained(type = upskilling))',
          'teachers(orgKind = school)',
          { ...COMMON, levelHigh: 33, levelMedium: 20 },
        ),
        share(
          '2.2',
          'Доля педагогов, принявших участие в мероприятиях муниципального уровня',
          'teachers(orgKind = school, event(level = municipal))',
          'teachers(orgKind = school)',
          COMMON,
        ),
        share(
          '2.3',
          'Доля педагогов с первой и высшей квалификационной категорией',
          'teachers(orgKind = school, category in (first, highest))',
          'teachers(orgKind = school)',
          { ...COMMON, levelHigh: 60, levelMedium: 40 },
        ),
      ],
    },
    {
      code: '3',
      title: 'Методическая поддержка молодых педагогов, реализация системы наставничества',
      indicators: [
        share(
          '3.1',
          'Доля молодых педагогов, имеющих наставника',
          'teachers(orgKind = school, young, mentee)',
          'teachers(orgKind = school, young)',
          { ...COMMON, levelHigh: 90, levelMedium: 60 },
        ),
        count('3.2', 'Количество программ наставничества', 'mentoringPrograms(orgKind = school)', {
          ...COMMON,
          levelHigh: 1,
          levelMedium: 1,
        }),
        // From the records of events: an open lesson is an event of type open_lesson, «by a young teacher»
        // when a speaker of it is one by the program's rule (docs/formulas.md, `events(…)`).
        share(
          '3.3',
          'Доля открытых уроков, проведённых молодыми педагогами',
          'events(type = open_lesson, byYoung)',
          'events(type = open_lesson)',
          {
            ...COMMON,
            source: 'Реестр научно-методических мероприятий: открытые уроки и выступающие на них',
            levelHigh: 20,
            levelMedium: 10,
          },
        ),
      ],
    },
    {
      code: '4',
      title:
        'Сетевое взаимодействие педагогов (методические объединения, профессиональные сообщества) на муниципальном уровне',
      indicators: [
        share(
          '4.1',
          'Доля педагогов — участников муниципальных методических объединений и профессиональных сообществ',
          'teachers(orgKind = school, member(level = municipal))',
          'teachers(orgKind = school)',
          { ...COMMON, levelHigh: 50, levelMedium: 30 },
        ),
        count(
          '4.2',
          'Количество муниципальных методических объединений и профессиональных сообществ',
          'associations(level = municipal)',
          COMMON,
        ),
      ],
    },
    {
      code: '5',
      title: 'Выявление кадровых потребностей в образовательных организациях',
      indicators: [
        count('5.1', 'Количество вакансий педагогических работников', 'vacancies(orgKind = school)', {
          ...COMMON,
          direction: 'lower',
          levelHigh: 0,
          levelMedium: 1,
        }),
        count(
          '5.2',
          'Потребность в педагогических кадрах на следующий учебный год (прогноз)',
          'staffingNeed(orgKind = school)',
          {
            ...COMMON,
            source:
              'Реестр педагогов, учёт вакансий, реестр целевого обучения (прогноз кадровой потребности)',
            direction: 'lower',
            levelHigh: 0,
            levelMedium: 2,
          },
        ),
      ],
    },
  ],
  formFields: [
    {
      code: 'deficit_plan',
      label: 'В организации утверждён план работы по выявлению и устранению профессиональных дефицитов',
      type: 'boolean',
      isRequired: true,
    },
  ],
  campaign: {
    title:
      'Обеспечение профессионального развития педагогических работников в общеобразовательных организациях',
    stages: [
      { kind: 'initial', start: '09-13', end: '09-24' },
      { kind: 'main', start: '09-24', end: '10-22' },
      { kind: 'final', start: '10-22', end: '11-05' },
    ],
    isSameYear: true,
  },
};
