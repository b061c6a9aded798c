import type { RecordKind } from '../../core/registry/fields.ts';
import * as kinds from '../../core/registry/kinds.ts';
import * as registerKinds from '../../core/registry/register-kinds.ts';

/**
 * The Russian names of request fields, for the messages of the validation handler and the input guard: a
 * person reads «Поле «Дата окончания»: …», not the path of a JSON body. The fields of the registry's record
 * kinds name themselves (a label shared by every kind with that key); the keys of the other forms are here.
 */
const COMMON: Record<string, string> = {
  id: 'Номер записи',
  version: 'Версия записи',
  organizationId: 'Организация',
  organizationIds: 'Организации',
  municipalityId: 'Муниципалитет',
  associationId: 'Объединение',
  teacherId: 'Педагог',
  teacherIds: 'Педагоги',
  programId: 'Программа мониторинга',
  title: 'Название',
  name: 'Наименование',
  shortName: 'Краткое наименование',
  kind: 'Вид',
  type: 'Тип',
  level: 'Уровень',
  code: 'Код',
  status: 'Статус',
  date: 'Дата',
  startDate: 'Дата начала',
  endDate: 'Дата окончания',
  from: 'С даты',
  to: 'По дату',
  year: 'Год',
  month: 'Месяц',
  deadline: 'Срок',
  page: 'Страница',
  pageSize: 'Строк на странице',
  q: 'Поиск',
  sort: 'Сортировка',
  url: 'Ссылка',
  publishOn: 'Дата публикации',
  isPublic: 'Показывать публично',
  isFound: 'Результат',
  email: 'Электронная почта',
  phone: 'Телефон',
  address: 'Адрес',
  website: 'Сайт',
  inn: 'ИНН',
  headName: 'Руководитель',
  fullName: 'ФИО',
  login: 'Логин',
  password: 'Пароль',
  currentPassword: 'Текущий пароль',
  newPassword: 'Новый пароль',
  role: 'Роль',
  roles: 'Роли',
  subject: 'Предмет',
  position: 'Должность',
  result: 'Результат',
  reason: 'Причина',
  comment: 'Комментарий',
  description: 'Описание',
  note: 'Примечание',
  text: 'Текст',
  number: 'Номер',
  label: 'Подпись',
  hint: 'Подсказка',
  unit: 'Единица измерения',
  formula: 'Формула',
  numerator: 'Числитель',
  factor: 'Множитель',
  direction: 'Направление',
  levelHigh: 'Порог высокого уровня',
  levelMedium: 'Порог среднего уровня',
  criterionId: 'Критерий',
  denominator: 'Знаменатель',
  indicatorCode: 'Показатель',
  indicators: 'Показатели',
  referenceDate: 'Дата расчёта',
  fileId: 'Файл',
  sortOrder: 'Порядок',
  min: 'Наименьшее значение',
  max: 'Наибольшее значение',
  isRequired: 'Обязательное',
  steps: 'Шаги',
  resourceId: 'Ресурс',
  deficitCode: 'Дефицит',
  diagnosticId: 'Диагностика',
  goal: 'Цель',
  goals: 'Цели',
  target: 'Целевое значение',
  targets: 'Целевые значения',
  addressee: 'Адресат',
  executors: 'Исполнители',
  evidence: 'Подтверждение',
  values: 'Значения',
  as: 'Кто утверждает',
  topic: 'Тема',
  plan: 'План',
  schoolYear: 'Учебный год',
  periodStart: 'Начало периода',
  periodEnd: 'Конец периода',
};

function labelsOfKinds(): Map<string, string> {
  const found = new Map<string, Set<string>>();
  const all = [...Object.values(kinds), ...Object.values(registerKinds)].filter(
    (value): value is RecordKind =>
      typeof value === 'object' && value !== null && Array.isArray((value as RecordKind).fields),
  );
  for (const kind of all)
    for (const f of kind.fields) found.set(f.key, (found.get(f.key) ?? new Set()).add(f.label));
  // A key labelled differently by different kinds («Дата аттестации», «Дата диагностики») gets the common name.
  return new Map(
    [...found].filter(([, labels]) => labels.size === 1).map(([key, labels]) => [key, [...labels][0]]),
  );
}

const LABELS = new Map([...labelsOfKinds(), ...Object.entries(COMMON)]);

/**
 * «Дата окончания» for `endDate`; «Название» (шаги, № 2) for `steps.1.title`; a key nobody named is shown as
 * it is, quoted, so the message still points at the field.
 */
export function fieldLabelOf(path: string): string {
  const parts = path.split('.').filter(Boolean);
  const isIndex = (p: string) => /^\d+$/.test(p);
  const leafAt = parts.findLastIndex((p) => !isIndex(p));
  if (leafAt < 0) return path;
  const nameOf = (p: string) => (isIndex(p) ? `№ ${Number(p) + 1}` : (LABELS.get(p)?.toLowerCase() ?? p));
  const context = [...parts.slice(0, leafAt), ...parts.slice(leafAt + 1)].map(nameOf);
  const label = `«${LABELS.get(parts[leafAt]) ?? parts[leafAt]}»`;
  if (!context.length) return label;
  return `${label} (${context.length > 3 ? `${context.slice(0, 3).join(', ')}, …` : context.join(', ')})`;
}

export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** A message names its field already when it starts with it: «Фамилия»: обязательное поле. */
const NAMES_ITS_FIELD = /^«[^»]+»/;

/**
 * One problem of a request as a person reads it: «Поле «Название»: …» in a form, «Параметр «Страница»: …»
 * in the address's query, «Номер записи» в адресе: … in its path.
 */
export function describeProblem(part: RequestPart, path: string, message: string): string {
  if (!path || NAMES_ITS_FIELD.test(message)) return message;
  const label = fieldLabelOf(path);
  switch (part) {
    case 'querystring':
      return `Параметр ${label}: ${message}`;
    case 'params':
      return `${label} в адресе запроса: ${message}`;
    case 'headers':
      return `Заголовок ${label}: ${message}`;
    default:
      return `Поле ${label}: ${message}`;
  }
}
