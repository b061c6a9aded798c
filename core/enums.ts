/**
 * Enumerations of the domain with their Russian labels. One source for the database schema,
 * the API validation, the formula catalog, the workbook drop-downs and the UI.
 */

/** An enumeration: its codes in order (a non-empty tuple, as Drizzle and zod want) and Russian labels. */
export interface Enumeration<T extends string> {
  values: readonly [T, ...T[]];
  label: Record<T, string>;
}

function labels<const T extends string>(entries: Record<T, string>): Enumeration<T> {
  return { values: Object.keys(entries) as unknown as [T, ...T[]], label: entries };
}

export const organizationKind = labels({
  school: 'Общеобразовательная организация',
  preschool: 'Дошкольная образовательная организация',
  additional: 'Организация дополнительного образования',
});

export const role = labels({
  admin: 'Администратор',
  coordinator: 'Муниципальный координатор',
  org_manager: 'Ответственный ОО',
  teacher: 'Педагог',
  association_leader: 'Руководитель МО',
  specialist: 'Специалист методической службы',
  regional_coordinator: 'Региональный координатор',
});

export const sex = labels({ male: 'мужской', female: 'женский' });

export const educationLevel = labels({
  higher: 'высшее',
  secondary_vocational: 'среднее профессиональное',
  other: 'иное',
});

export const qualificationCategory = labels({
  none: 'без категории',
  compliance: 'соответствие занимаемой должности',
  first: 'первая',
  highest: 'высшая',
});

export const level = labels({
  institutional: 'институциональный',
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
});

export const competenceArea = labels({
  subject: 'предметные',
  methodical: 'методические',
  assessment: 'оценочные',
  psychological: 'психолого-педагогические',
});

export const trainingType = labels({
  upskilling: 'повышение квалификации',
  retraining: 'профессиональная переподготовка',
});

export const trainingTopic = labels({
  quality_assessment: 'оценка качества образования',
  low_results: 'ШНОР/ШССУ',
  talents: 'выявление и развитие талантов',
  career_guidance: 'самоопределение и профориентация',
  upbringing: 'воспитание',
  preschool_quality: 'качество дошкольного образования',
  federal_programs: 'приоритетные федеральные программы',
  subject_methods: 'предметная методика',
  digital: 'цифровая образовательная среда',
  other: 'другое',
});

export const providerKind = labels({
  cnppm: 'ЦНППМ',
  iro: 'ИРО / РИПК',
  academy: 'Академия Минпросвещения',
  other: 'другая организация',
});

export const routeStatus = labels({
  draft: 'черновик',
  approved: 'утверждён',
  in_progress: 'выполняется',
  completed: 'завершён',
});

export const stepStatus = labels({
  planned: 'запланирован',
  in_progress: 'выполняется',
  done: 'выполнен',
  cancelled: 'отменён',
});

/** How a deficit is worked on: a catalog resource of the ИОМ builder, and the kind of a route step. */
export const resourceKind = labels({
  course: 'курсы повышения квалификации',
  event: 'методическое мероприятие',
  mentoring: 'наставничество, консультации',
  self_study: 'самообразование',
});

export const associationType = labels({
  rmo: 'РМО',
  shmo: 'ШМО',
  young_school: '«Школа молодого специалиста»',
  creative_group: 'творческая группа',
  professional_community: 'профессиональное сообщество',
  other: 'другое',
});

export const eventFormat = labels({ offline: 'очно', online: 'дистанционно', mixed: 'смешанный' });

/** The kind of a научно-методическое мероприятие (issue 14, point 3). */
export const eventType = labels({
  seminar: 'семинар',
  webinar: 'вебинар',
  master_class: 'мастер-класс',
  round_table: 'круглый стол',
  conference: 'конференция',
  forum: 'форум',
  competition: 'конкурс',
  open_lesson: 'открытый урок',
  pedagogical_council: 'педагогический совет',
  internship: 'стажировка',
  other: 'другое',
});

export const eventRole = labels({
  participant: 'участник',
  speaker: 'выступающий',
  organizer: 'организатор',
});

export const competitionResult = labels({
  participant: 'участник',
  laureate: 'лауреат / призёр',
  winner: 'победитель',
});

/**
 * Kinds of normative acts: what an act is about (the first three: indicators «наличие НПА о …» of seeds 001
 * and 004) or what document it is — the положения, the concept and the model that approve a monitoring
 * program (seeds 000, 001, 003), an order, a roadmap.
 */
export const actKind = labels({
  associations: 'о методических объединениях',
  young_teachers: 'о поддержке молодых педагогов',
  mentoring: 'о наставничестве',
  msoko_regulation: 'Положение о МСОКО',
  monitoring_regulation: 'Положение о мониторинге',
  vsoko_regulation: 'Положение о ВСОКО',
  concept: 'Концепция',
  model: 'Модель',
  order: 'Приказ',
  roadmap: 'Дорожная карта',
  action_plan: 'План мероприятий',
  other: 'другое',
});

export const certificationResult = labels({
  compliance: 'соответствие занимаемой должности',
  first: 'первая категория',
  highest: 'высшая категория',
  refused: 'отказано',
});

/** What a person of the methodical service does (several at once: a methodist is often a tutor too). */
export const specialistRole = labels({
  methodist: 'методист управления / ММС',
  cnppm_curator: 'куратор ЦНППМ',
  tutor: 'тьютор',
  mentor_expert: 'наставник-эксперт',
  other: 'другое',
});

export const ORGANIZATION_KINDS = organizationKind.values;
export const ROLES = role.values;
export const SEXES = sex.values;
export const EDUCATION_LEVELS = educationLevel.values;
export const QUALIFICATION_CATEGORIES = qualificationCategory.values;
export const LEVELS = level.values;
export const COMPETENCE_AREAS = competenceArea.values;
export const TRAINING_TYPES = trainingType.values;
export const TRAINING_TOPICS = trainingTopic.values;
export const PROVIDER_KINDS = providerKind.values;
export const ROUTE_STATUSES = routeStatus.values;
export const STEP_STATUSES = stepStatus.values;
export const RESOURCE_KINDS = resourceKind.values;
export const ASSOCIATION_TYPES = associationType.values;
export const EVENT_FORMATS = eventFormat.values;
export const EVENT_TYPES = eventType.values;
export const EVENT_ROLES = eventRole.values;
export const COMPETITION_RESULTS = competitionResult.values;
export const ACT_KINDS = actKind.values;
export const CERTIFICATION_RESULTS = certificationResult.values;
export const SPECIALIST_ROLES = specialistRole.values;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type Role = (typeof ROLES)[number];
export type Level = (typeof LEVELS)[number];
