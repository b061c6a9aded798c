import { count, share, type IndicatorTemplate, type ProgramTemplate } from './types.ts';

const COMMON = {
  source:
    'Реестр педагогов: сведения образовательных организаций (письмо отдела по образованию «О сбору информации»)',
  method: 'Формализованный сбор данных, метод математической обработки',
  periodicity: 'Ежегодно',
  deadline: 'До 15 мая',
  referenceDateRule: 'по состоянию на 15 мая отчётного учебного года',
};

const training = (code: string, name: string, topic: string, extra: Partial<IndicatorTemplate> = {}) =>
  share(code, name, `teachers(trained(topic = ${topic}))`, 'teachers()', {
    ...COMMON,
    levelHigh: 30,
    levelMedium: 15,
    ...extra,
  });

/** Seed 002: Жирновский район, адресные рекомендации по итогам мониторинга, письмо от 24.05.2022 № 768 — 13 показателей. */
export const zhirnovsky: ProgramTemplate = {
  code: 'seed-002-zhirnovsky',
  title:
    'Мониторинг системы обеспечения профессионального развития педагогических работников (13 показателей, по Жирновскому району)',
  source:
    'Жирновский муниципальный район: письмо отдела по образованию от 24.05.2022 № 768 «Адресные рекомендации…»',
  description:
    'Мониторинг по 13 показателям с общими выводами и адресными рекомендациями руководителям образовательных организаций.',
  goals: [
    'Выявление профессиональных дефицитов педагогических работников и управленческих кадров',
    'Индивидуальные образовательные маршруты на основе диагностики',
    'Выявление кадровых потребностей',
    'Поддержка молодых педагогов и наставничество',
    'Повышение квалификации по приоритетным направлениям',
  ],
  parameters: {
    youngMaxAge: 35,
    youngMaxExperience: 3,
    experienceThreshold: 3,
    periodKind: 'academic',
    referenceDate: { kind: 'fixed', month: 5, day: 15, yearOffset: 0 },
  },
  criteria: [
    {
      code: 'I',
      title: 'Выявление дефицитов и индивидуальные образовательные маршруты',
      indicators: [
        share(
          '1',
          'Выявление профессиональных дефицитов педагогических работников и управленческих кадров: доля прошедших диагностику',
          'teachers(diagnosed)',
          'teachers()',
          COMMON,
        ),
        share(
          '2',
          'Учёт индивидуальных образовательных маршрутов, разработанных на основе диагностики профессиональных дефицитов: доля педагогов с выявленными дефицитами, имеющих ИОМ',
          'teachers(route(fromDiagnostic), diagnosed(withDeficits, years = 2))',
          'teachers(diagnosed(withDeficits, years = 2))',
          { ...COMMON, levelHigh: 80, levelMedium: 50 },
        ),
        share(
          '3',
          'Обеспечение ЦНППМ кураторами индивидуальных маршрутов и тьюторами: доля педагогов с ИОМ, у которых куратор и тьютор из реестра методической службы',
          'teachers(route(registeredCurator, registeredTutor))',
          'teachers(route)',
          { ...COMMON, levelHigh: 80, levelMedium: 50 },
        ),
      ],
    },
    {
      code: 'II',
      title: 'Кадровые потребности, переподготовка и поддержка молодых педагогов',
      indicators: [
        count(
          '4',
          'Выявление кадровых потребностей в образовательных организациях: количество вакансий',
          'vacancies()',
          { ...COMMON, direction: 'lower', levelHigh: 0, levelMedium: 1 },
        ),
        count(
          '5',
          'Профессиональная переподготовка по образовательным программам педагогической направленности: число педагогов',
          'teachers(trained(type = retraining))',
          { ...COMMON },
        ),
        share(
          '6',
          'Поддержка молодых педагогов / реализация программ наставничества: доля молодых педагогов, имеющих наставника',
          'teachers(young, mentee)',
          'teachers(young)',
          { ...COMMON, levelHigh: 90, levelMedium: 60 },
        ),
      ],
    },
    {
      code: 'III',
      title: 'Повышение квалификации по приоритетным направлениям',
      indicators: [
        training('7', 'Повышение квалификации по вопросам оценки качества образования', 'quality_assessment'),
        share(
          '8',
          'Повышение квалификации педагогических работников школ с низкими образовательными результатами и/или функционирующих в неблагоприятных социальных условиях',
          'teachers((lowResults or hardSocial), trained)',
          'teachers(lowResults or hardSocial)',
          { ...COMMON, levelHigh: 50, levelMedium: 30 },
        ),
        training(
          '9',
          'Повышение квалификации по вопросам выявления, поддержки и развития способностей и талантов у детей и молодёжи',
          'talents',
        ),
        training(
          '10',
          'Повышение квалификации по вопросам самоопределения и профессиональной ориентации обучающихся',
          'career_guidance',
        ),
        training('11', 'Повышение квалификации по вопросам организации воспитания обучающихся', 'upbringing'),
        share(
          '12',
          'Повышение квалификации по вопросам повышения качества дошкольного образования',
          'teachers(orgKind = preschool, trained(topic = preschool_quality))',
          'teachers(orgKind = preschool)',
          { ...COMMON, levelHigh: 30, levelMedium: 15 },
        ),
        training(
          '13',
          'Повышение квалификации в рамках реализации приоритетных федеральных программ',
          'federal_programs',
        ),
      ],
    },
  ],
  formFields: [],
  campaign: {
    title: 'Мониторинг системы обеспечения профессионального развития педагогических работников',
    stages: [
      { kind: 'initial', start: '04-01', end: '04-15' },
      { kind: 'main', start: '04-15', end: '05-10' },
      { kind: 'final', start: '05-10', end: '05-24' },
    ],
    isSameYear: true,
  },
};
