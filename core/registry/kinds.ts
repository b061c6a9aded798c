import {
  actKind,
  associationType,
  certificationResult,
  competenceArea,
  competitionResult,
  educationLevel,
  eventFormat,
  eventRole,
  eventType,
  level,
  qualificationCategory,
  resourceKind,
  routeStatus,
  sex,
  stepStatus,
  trainingTopic,
  trainingType,
} from '../enums.ts';
import { field, notBefore, text, webUrl, type RecordKind } from './fields.ts';
import { hasValidSnilsChecksum, SNILS_CHECKSUM_MESSAGE } from './snils.ts';

/** The record kinds of the registry: teachers and everything of their professional development. */

const date = (key: string, label: string, required = true) =>
  field(key, label, { kind: 'date' }, { required });
const bool = (key: string, label: string, options: { nullable?: boolean; default?: boolean } = {}) =>
  field(key, label, { kind: 'bool', ...options });
const periodCheck = (start = 'startDate', end = 'endDate') =>
  notBefore(end, start, 'Дата окончания не может быть раньше даты начала');

/** The categories a date of assignment belongs to (an attestation «соответствие» has none). */
export const CATEGORIES_WITH_DATE = ['first', 'highest'];

export const SNILS_PATTERN = /^\d{3}-?\d{3}-?\d{3}[ -]?\d{2}$/;
export const SNILS_FORMAT_MESSAGE = 'СНИЛС — 11 цифр, например 123-456-789 64';

export const teacherKind: RecordKind = {
  key: 'teacher',
  label: 'Педагогический работник',
  pluralLabel: 'Педагоги',
  fields: [
    text('lastName', 'Фамилия', { required: true, max: 100 }),
    text('firstName', 'Имя', { required: true, max: 100 }),
    text('middleName', 'Отчество', { max: 100 }),
    date('birthDate', 'Дата рождения'),
    field('sex', 'Пол', { kind: 'enum', enumeration: sex }, { required: true }),
    field(
      'snils',
      'СНИЛС',
      {
        kind: 'text',
        pattern: SNILS_PATTERN,
        patternMessage: SNILS_FORMAT_MESSAGE,
        check: { isValid: hasValidSnilsChecksum, message: SNILS_CHECKSUM_MESSAGE },
      },
      { hint: 'Помогает не завести одного человека дважды, если он работает в нескольких организациях' },
    ),
    text('email', 'Электронная почта', { max: 200 }),
    text('phone', 'Телефон', { max: 50 }),
    date('pedagogicalStartDate', 'Дата начала педагогической деятельности'),
    field(
      'qualificationCategory',
      'Квалификационная категория',
      { kind: 'enum', enumeration: qualificationCategory },
      { required: true },
    ),
    field(
      'categoryDate',
      'Дата присвоения категории',
      { kind: 'date' },
      { hint: 'Обязательна для категории «первая» и «высшая»' },
    ),
    bool('isManager', 'Руководитель (управленческие кадры)'),
    field('subjects', 'Преподаваемые предметы', { kind: 'textList', max: 100 }),
  ],
  checks: [
    notBefore(
      'pedagogicalStartDate',
      'birthDate',
      'Начало педагогической деятельности не может быть раньше рождения',
    ),
    {
      field: 'categoryDate',
      message: '«Дата присвоения категории»: обязательна для категории «первая» и «высшая»',
      isValid: (v) =>
        !CATEGORIES_WITH_DATE.includes(String(v.qualificationCategory)) || Boolean(v.categoryDate),
    },
  ],
};

export const positionKind: RecordKind = {
  key: 'position',
  label: 'Должность',
  pluralLabel: 'Должности',
  fields: [
    field('organizationId', 'Организация', { kind: 'ref', target: 'organization' }, { required: true }),
    text('title', 'Должность', { required: true, max: 200 }),
    bool('isMainJob', 'Основное место работы', { default: true }),
    field('rate', 'Ставка', { kind: 'number', min: 0.05, max: 3 }, { required: true }),
    date('startDate', 'Дата приёма'),
    date('endDate', 'Дата увольнения', false),
  ],
  checks: [periodCheck()],
};

export const educationKind: RecordKind = {
  key: 'education',
  label: 'Образование',
  pluralLabel: 'Образование',
  fields: [
    field('level', 'Уровень образования', { kind: 'enum', enumeration: educationLevel }, { required: true }),
    text('institution', 'Образовательная организация', { required: true }),
    text('specialty', 'Специальность, квалификация'),
    field('graduationYear', 'Год окончания', { kind: 'int', min: 1950, max: 2100 }),
    bool('matchesProfile', 'Соответствует профилю преподаваемого предмета', { nullable: true }),
  ],
};

export const certificationKind: RecordKind = {
  key: 'certification',
  label: 'Аттестация',
  pluralLabel: 'Аттестация',
  fields: [
    date('date', 'Дата аттестации'),
    field('result', 'Результат', { kind: 'enum', enumeration: certificationResult }, { required: true }),
    text('documentNumber', 'Номер приказа', { max: 100 }),
  ],
};

export const diagnosticKind: RecordKind = {
  key: 'diagnostic',
  label: 'Диагностика профессиональных дефицитов',
  pluralLabel: 'Диагностики',
  fields: [
    date('date', 'Дата'),
    field('level', 'Уровень', { kind: 'enum', enumeration: level }, { required: true }),
    text('instrument', 'Инструмент (методика)', { required: true }),
    field('areas', 'Области компетенций', { kind: 'enumList', enumeration: competenceArea }),
    field('score', 'Балл', { kind: 'number', min: 0, max: 100000 }),
    field('maxScore', 'Максимальный балл', { kind: 'number', min: 0, max: 100000 }),
    field('deficitCodes', 'Выявленные дефициты (коды)', { kind: 'textList', max: 20 }),
  ],
  checks: [
    {
      field: 'score',
      message: 'Балл не может превышать максимальный',
      isValid: (v) =>
        v.score === null ||
        v.score === undefined ||
        v.maxScore === null ||
        v.maxScore === undefined ||
        Number(v.score) <= Number(v.maxScore),
    },
  ],
};

export const trainingKind: RecordKind = {
  key: 'training',
  label: 'Повышение квалификации / переподготовка',
  pluralLabel: 'Обучение',
  fields: [
    field('type', 'Вид', { kind: 'enum', enumeration: trainingType }, { required: true }),
    text('title', 'Программа', { required: true }),
    field('providerId', 'Организация, проводившая обучение', { kind: 'ref', target: 'provider' }),
    field('hours', 'Объём, часов', { kind: 'int', min: 1, max: 3000 }, { required: true }),
    date('startDate', 'Дата начала'),
    date('endDate', 'Дата окончания'),
    text('documentNumber', 'Номер документа (удостоверения, диплома)', { max: 100 }),
    field('topics', 'Тематика', { kind: 'enumList', enumeration: trainingTopic }),
    field('format', 'Формат', { kind: 'enum', enumeration: eventFormat }),
    field('deficitCodes', 'Дефициты, на которые направлено (коды)', { kind: 'textList', max: 20 }),
  ],
  checks: [periodCheck()],
};

export const routeKind: RecordKind = {
  key: 'route',
  label: 'Индивидуальный образовательный маршрут (ИОМ)',
  pluralLabel: 'ИОМ',
  fields: [
    field('diagnosticId', 'По итогам диагностики', { kind: 'ref', target: 'diagnostic' }),
    date('startDate', 'Начало'),
    date('endDate', 'Окончание'),
    // Chosen from the register of the methodical service; the names stay for older routes and the workbook.
    field('curatorId', 'Куратор из реестра', { kind: 'ref', target: 'specialist' }),
    field('tutorId', 'Тьютор из реестра', { kind: 'ref', target: 'specialist' }),
    text('curatorName', 'Куратор (ЦНППМ)', { max: 200 }),
    text('tutorName', 'Тьютор', { max: 200 }),
    field('status', 'Статус', { kind: 'enum', enumeration: routeStatus }, { required: true }),
  ],
  checks: [periodCheck()],
};

export const routeStepKind: RecordKind = {
  key: 'routeStep',
  label: 'Шаг ИОМ',
  pluralLabel: 'Шаги ИОМ',
  fields: [
    text('deficitCode', 'Дефицит (код)', { max: 20 }),
    field('kind', 'Вид', { kind: 'enum', enumeration: resourceKind }),
    text('title', 'Мероприятие', { required: true }),
    date('deadline', 'Срок'),
    field('status', 'Статус', { kind: 'enum', enumeration: stepStatus }, { required: true }),
    text('result', 'Результат', { max: 1000 }),
  ],
};

export const mentoringProgramKind: RecordKind = {
  key: 'mentoringProgram',
  label: 'Программа наставничества',
  pluralLabel: 'Программы наставничества',
  fields: [
    field('organizationId', 'Организация', { kind: 'ref', target: 'organization' }, { required: true }),
    text('title', 'Название', { required: true }),
    date('startDate', 'Начало'),
    date('endDate', 'Окончание', false),
  ],
  checks: [periodCheck()],
};

export const mentoringPairKind: RecordKind = {
  key: 'mentoringPair',
  label: 'Пара «наставник — наставляемый»',
  pluralLabel: 'Наставнические пары',
  fields: [
    field('programId', 'Программа наставничества', { kind: 'ref', target: 'mentoringProgram' }),
    field('organizationId', 'Организация', { kind: 'ref', target: 'organization' }, { required: true }),
    field('mentorId', 'Наставник', { kind: 'ref', target: 'teacher' }, { required: true }),
    field('menteeId', 'Наставляемый', { kind: 'ref', target: 'teacher' }, { required: true }),
    text('form', 'Форма наставничества', {
      required: true,
      max: 100,
      hint: 'педагог — педагог, руководитель — педагог, студент — педагог…',
    }),
    date('startDate', 'Начало'),
    date('endDate', 'Окончание', false),
    field('outcome', 'Результат', { kind: 'text', max: 1000, multiline: true }),
  ],
  checks: [
    periodCheck(),
    {
      field: 'menteeId',
      message: 'Наставник и наставляемый — разные люди',
      isValid: (v) => !v.mentorId || v.mentorId !== v.menteeId,
    },
  ],
};

export const associationKind: RecordKind = {
  key: 'association',
  label: 'Методическое объединение / профессиональное сообщество',
  pluralLabel: 'Методические объединения',
  fields: [
    text('name', 'Название', { required: true }),
    field('level', 'Уровень', { kind: 'enum', enumeration: level }, { required: true }),
    field('type', 'Вид', { kind: 'enum', enumeration: associationType }, { required: true }),
    text('subject', 'Предмет (направление)', { max: 200 }),
    field('organizationId', 'Организация (для ШМО)', { kind: 'ref', target: 'organization' }),
    field('leaderId', 'Руководитель', { kind: 'ref', target: 'teacher' }),
    date('startDate', 'Создано'),
    date('endDate', 'Прекратило работу', false),
  ],
  checks: [periodCheck()],
};

export const membershipKind: RecordKind = {
  key: 'membership',
  label: 'Участие в методическом объединении',
  pluralLabel: 'Методические объединения',
  fields: [
    field('associationId', 'Объединение', { kind: 'ref', target: 'association' }, { required: true }),
    field('teacherId', 'Педагог', { kind: 'ref', target: 'teacher' }, { required: true }),
    date('joinedOn', 'Дата вступления'),
    date('leftOn', 'Дата выхода', false),
  ],
  checks: [notBefore('leftOn', 'joinedOn', 'Дата выхода не может быть раньше даты вступления')],
};

export const eventKind: RecordKind = {
  key: 'event',
  label: 'Научно-методическое мероприятие',
  pluralLabel: 'Мероприятия',
  fields: [
    text('title', 'Название', { required: true }),
    field('level', 'Уровень', { kind: 'enum', enumeration: level }, { required: true }),
    date('date', 'Дата'),
    field('format', 'Формат', { kind: 'enum', enumeration: eventFormat }, { required: true }),
    field('type', 'Вид мероприятия', { kind: 'enum', enumeration: eventType }),
    field('deficitCodes', 'Дефициты, на которые направлено (коды)', { kind: 'textList', max: 20 }),
    field('organizationId', 'Организация (для институциональных)', { kind: 'ref', target: 'organization' }),
  ],
};

export const participationKind: RecordKind = {
  key: 'participation',
  label: 'Участие в мероприятии',
  pluralLabel: 'Мероприятия',
  fields: [
    field('eventId', 'Мероприятие', { kind: 'ref', target: 'event' }, { required: true }),
    field('teacherId', 'Педагог', { kind: 'ref', target: 'teacher' }, { required: true }),
    field('role', 'Роль', { kind: 'enum', enumeration: eventRole }, { required: true }),
  ],
};

export const competitionKind: RecordKind = {
  key: 'competition',
  label: 'Участие в конкурсе профессионального мастерства',
  pluralLabel: 'Конкурсы',
  fields: [
    text('name', 'Конкурс', {
      required: true,
      hint: '«Учитель года», «Сердце отдаю детям», «Воспитатель года»…',
    }),
    field('level', 'Уровень', { kind: 'enum', enumeration: level }, { required: true }),
    date('date', 'Дата'),
    field('result', 'Результат', { kind: 'enum', enumeration: competitionResult }, { required: true }),
  ],
};

export const vacancyKind: RecordKind = {
  key: 'vacancy',
  label: 'Вакансия',
  pluralLabel: 'Вакансии',
  fields: [
    field('organizationId', 'Организация', { kind: 'ref', target: 'organization' }, { required: true }),
    field('month', 'Месяц', { kind: 'month' }, { required: true, hint: 'Сведения на 10-е число месяца' }),
    text('position', 'Должность', { required: true, max: 200 }),
    text('subject', 'Предмет', { max: 200 }),
    field(
      'count',
      'Количество вакансий',
      { kind: 'int', min: 0, max: 1000 },
      { required: true, hint: '0 — вакансий в этом месяце нет (сведения поданы)' },
    ),
  ],
};

export const normativeActKind: RecordKind = {
  key: 'normativeAct',
  label: 'Нормативный правовой акт',
  pluralLabel: 'НПА',
  fields: [
    field(
      'organizationId',
      'Организация',
      { kind: 'ref', target: 'organization' },
      {
        // As the indicator aggregates count it: an act without an organization counts for each of them.
        hint: 'Пусто — акт муниципального уровня, учитывается для всех организаций',
      },
    ),
    field('kind', 'Вид', { kind: 'enum', enumeration: actKind }, { required: true }),
    text('number', 'Номер', { required: true, max: 50 }),
    date('date', 'Дата'),
    text('title', 'Название', { required: true }),
    webUrl('url', 'Ссылка'),
    date('validFrom', 'Действует с'),
    date('validTo', 'Действует по', false),
  ],
  checks: [periodCheck('validFrom', 'validTo')],
};

export const RECORD_KINDS = [
  teacherKind,
  positionKind,
  educationKind,
  certificationKind,
  diagnosticKind,
  trainingKind,
  routeKind,
  routeStepKind,
  mentoringProgramKind,
  mentoringPairKind,
  associationKind,
  membershipKind,
  eventKind,
  participationKind,
  competitionKind,
  vacancyKind,
  normativeActKind,
];
