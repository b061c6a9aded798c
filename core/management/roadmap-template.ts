/**
 * Seed 001's «дорожная карта» (Егорлыкский район, 2021–2025) as a template: sections, measures, deadlines
 * and executors as the order writes them; `themes` say which indicators a measure should move (matched to
 * the indicators of the program chosen when the template is loaded, by what their formulas count).
 */
export type DeadlineKind = 'date' | 'period' | 'whole_period' | 'as_needed' | 'on_request';

export interface MeasureTemplate {
  section: string;
  number: string;
  title: string;
  deadline: { kind: DeadlineKind; from?: string; to?: string };
  executors: string;
  themes: string[];
}

const MK = 'Методический кабинет отдела образования';
const MK_RMO = `${MK}, руководители РМО`;
const whole = { kind: 'whole_period' as const };
const asNeeded = { kind: 'as_needed' as const };
const I = 'I. Организационно-управленческая деятельность';
const II = 'II. Повышение квалификации педагогических работников образовательных организаций';
const III = 'III. Методическая поддержка педагогических работников образовательных организаций';
const IV = 'IV. Мониторинг реализации мероприятий «дорожной карты»';

export const ROADMAP_TEMPLATE = {
  code: 'seed-001-egorlyksky-roadmap',
  title:
    'Комплекс мер («дорожная карта») по развитию муниципальной системы обеспечения профессионального развития педагогических работников',
  source: 'Егорлыкский район: приказ отдела образования от 21.09.2021 № 472, приложение № 2',
  periodYears: 5,
  measures: [
    {
      section: I,
      number: 'I.1',
      title: 'Разработка муниципальных нормативно-правовых актов',
      deadline: asNeeded,
      executors: MK,
      themes: ['acts:associations', 'acts:young_teachers', 'acts:mentoring'],
    },
    {
      section: I,
      number: 'I.2',
      title:
        'Консультативное сопровождение образовательных учреждений по разработке нормативно-правовых актов',
      deadline: { kind: 'on_request' },
      executors: MK,
      themes: ['acts:mentoring', 'acts:associations'],
    },
    {
      section: I,
      number: 'I.3',
      title:
        'Закрепление муниципального координатора по проведению мониторинга профессионального развития педагогических работников',
      deadline: { kind: 'on_request' },
      executors: 'Заведующий методическим кабинетом отдела образования',
      themes: [],
    },
    {
      section: I,
      number: 'I.4',
      title: 'Обучение методистов методического кабинета по дополнительным профессиональным программам',
      deadline: whole,
      executors: 'Отдел образования',
      themes: [],
    },
    {
      section: I,
      number: 'I.5',
      title:
        'Организационно-методическая поддержка образовательных организаций по разработке и реализации мероприятий по повышению предметных и методических компетенций педагогических работников',
      deadline: asNeeded,
      executors: MK,
      themes: ['diagnostics', 'routes'],
    },
    {
      section: I,
      number: 'I.6',
      title: 'Межведомственное взаимодействие с ГБУ ДПО РО РИПК и ППРО',
      deadline: asNeeded,
      executors: MK,
      themes: ['training'],
    },
    {
      section: I,
      number: 'I.7',
      title:
        'Систематическая работа всех формирований методической службы: РМО, школа молодого специалиста, профессионально-общественные объединения, творческие группы, базовые площадки',
      deadline: whole,
      executors: MK,
      themes: ['network', 'associations', 'young'],
    },
    {
      section: I,
      number: 'I.8',
      title: 'Создание банков мониторинга по выявлению затруднений педагогов',
      deadline: whole,
      executors: MK,
      themes: ['diagnostics'],
    },
    {
      section: II,
      number: 'II.1',
      title: 'Реализация программы работы с молодыми педагогами, программ наставничества',
      deadline: whole,
      executors: MK,
      themes: ['young', 'mentoring'],
    },
    {
      section: II,
      number: 'II.2',
      title:
        'Участие в реализации программ непрерывного профессионального мастерства педагогических работников, разработанных ЦНППМПР',
      deadline: whole,
      executors: MK,
      themes: ['training', 'routes'],
    },
    {
      section: II,
      number: 'II.3',
      title:
        'Участие в стратегических сессиях развития новых моделей поведения педагогов, в том числе с участием педагогов ШНОР и ШССУ',
      deadline: whole,
      executors: MK,
      themes: ['training:low_results', 'events'],
    },
    {
      section: II,
      number: 'II.4',
      title:
        'Координация деятельности учителей-предметников на достижение метапредметных результатов, формирование функциональной грамотности',
      deadline: whole,
      executors: MK,
      themes: ['network'],
    },
    {
      section: II,
      number: 'II.5',
      title: 'Проведение форумов лучших практик (круглые столы, семинары, сессии)',
      deadline: whole,
      executors: MK,
      themes: ['events'],
    },
    {
      section: II,
      number: 'II.6',
      title:
        'Участие в семинарах по точечным дефицитам педагогов и обучающихся, выявленных в ходе мониторинговых исследований',
      deadline: whole,
      executors: MK,
      themes: ['events', 'diagnostics'],
    },
    {
      section: II,
      number: 'II.7',
      title:
        'Повышение квалификации специалистов по совершенствованию механизмов управления качеством образования на муниципальном уровне',
      deadline: asNeeded,
      executors: MK,
      themes: ['training:quality_assessment'],
    },
    {
      section: III,
      number: 'III.1',
      title:
        'Организация сетевого взаимодействия среди педагогов лучших школ и школ, показывающих низкие образовательные результаты',
      deadline: whole,
      executors: MK_RMO,
      themes: ['network', 'training:low_results'],
    },
    {
      section: III,
      number: 'III.2',
      title:
        'Использование методических и аналитических материалов региональных журналов для профессионального роста педагогов',
      deadline: whole,
      executors: MK_RMO,
      themes: [],
    },
    {
      section: III,
      number: 'III.3',
      title:
        'Изучение банка лучших практик работы успешных школ: эффективных систем оценки качества образования, моделей внутренней оценки качества образования',
      deadline: whole,
      executors: MK_RMO,
      themes: ['training:quality_assessment'],
    },
    {
      section: III,
      number: 'III.4',
      title:
        'Инициирование участия педагогов в региональных мероприятиях, конкурсах по повышению профессионального развития',
      deadline: whole,
      executors: MK_RMO,
      themes: ['events'],
    },
    {
      section: III,
      number: 'III.5',
      title:
        'Выстраивание и совершенствование содержания планов работы профессиональных объединений педагогов',
      deadline: whole,
      executors: MK_RMO,
      themes: ['network', 'associations'],
    },
    {
      section: III,
      number: 'III.6',
      title:
        'Методическое сопровождение педагогических коллективов школ района, участвующих в федеральных проектах «500+», «Учитель будущего», «Современная школа»',
      deadline: whole,
      executors: MK_RMO,
      themes: ['training:federal_programs'],
    },
    {
      section: III,
      number: 'III.7',
      title:
        'Методическое сопровождение педагогических коллективов по участию в дополнительных профессиональных программах в Академии Минпросвещения',
      deadline: whole,
      executors: `${MK}, образовательные учреждения`,
      themes: ['training'],
    },
    {
      section: IV,
      number: 'IV.1',
      title: 'Изучение профессиональных дефицитов педагогических работников',
      deadline: { kind: 'date', to: '09-30' },
      executors: MK_RMO,
      themes: ['diagnostics'],
    },
    {
      section: IV,
      number: 'IV.2',
      title:
        'Мониторинг результатов участия учителей-предметников в оценке уровня предметных, методических и оценочных компетенций',
      deadline: { kind: 'date', to: '10-31' },
      executors: MK_RMO,
      themes: ['diagnostics'],
    },
    {
      section: IV,
      number: 'IV.3',
      title: 'Мониторинг уровня профессиональной готовности к образовательной деятельности молодых педагогов',
      deadline: { kind: 'date', to: '05-31' },
      executors: `${MK}, руководитель школы молодого специалиста`,
      themes: ['young'],
    },
  ] satisfies MeasureTemplate[],
};

export const DEADLINE_LABEL: Record<DeadlineKind, string> = {
  date: 'к дате',
  period: 'в период',
  whole_period: 'весь период',
  as_needed: 'по мере необходимости',
  on_request: 'по запросу',
};
