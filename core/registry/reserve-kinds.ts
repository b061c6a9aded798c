import { planItemKind, reserveStatus } from '../reserve/reserve.ts';
import { field, notBefore, text, type RecordKind } from './fields.ts';

/** Record kinds of the кадровый резерв: its catalog of kinds of position, candidates and their plans. */

const date = (key: string, label: string, required = true) =>
  field(key, label, { kind: 'date' }, { required });

export const reservePositionKindCatalog: RecordKind = {
  key: 'reservePositionKind',
  label: 'Должность кадрового резерва',
  pluralLabel: 'Должности кадрового резерва',
  fields: [text('name', 'Наименование', { required: true, max: 200 })],
};

const blank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * A rule across fields holds when one of its fields is not in the values: a change (PATCH) of some fields is
 * checked again by the server on the whole record, the stored one with the change.
 */
const when =
  (keys: string[], rule: (v: Record<string, unknown>) => boolean) => (v: Record<string, unknown>) =>
    keys.some((k) => v[k] === undefined) || rule(v);

export const reserveCandidateKind: RecordKind = {
  key: 'reserveCandidate',
  label: 'Кандидат кадрового резерва',
  pluralLabel: 'Кадровый резерв',
  fields: [
    field(
      'teacherId',
      'Педагог из реестра',
      { kind: 'ref', target: 'teacher' },
      { hint: 'Пусто — кандидат не из реестра педагогов: укажите ФИО' },
    ),
    text('fullName', 'ФИО (кандидат не из реестра)', { max: 300 }),
    text('contact', 'Контакты', { max: 300, hint: 'Телефон или электронная почта кандидата не из реестра' }),
    field(
      'positionKindId',
      'Должность резерва',
      { kind: 'ref', target: 'reservePositionKind' },
      { required: true },
    ),
    field(
      'organizationId',
      'Выдвинувшая организация',
      { kind: 'ref', target: 'organization' },
      { hint: 'Пусто — кандидат включён отделом образования' },
    ),
    text('orderNumber', 'Номер приказа о включении', { required: true, max: 50 }),
    date('orderDate', 'Дата приказа'),
    date('includedDate', 'Дата включения'),
    date('reviewedDate', 'Дата пересмотра', false),
    field('status', 'Статус', { kind: 'enum', enumeration: reserveStatus }),
    date('decisionDate', 'Дата назначения или исключения', false),
    text('appointedPosition', 'Должность назначения', { max: 200 }),
    field('appointedOrganizationId', 'Организация назначения', { kind: 'ref', target: 'organization' }),
    text('exclusionReason', 'Причина исключения', { max: 500 }),
    field('notes', 'Примечание', { kind: 'text', max: 2000, multiline: true }),
  ],
  checks: [
    {
      field: 'fullName',
      message: '«ФИО»: обязательное поле для кандидата не из реестра педагогов',
      isValid: when(['teacherId', 'fullName'], (v) => !blank(v.teacherId) || !blank(v.fullName)),
    },
    notBefore('reviewedDate', 'includedDate', 'Дата пересмотра не может быть раньше даты включения'),
    notBefore(
      'decisionDate',
      'includedDate',
      'Дата назначения или исключения не может быть раньше даты включения в резерв',
    ),
    {
      field: 'decisionDate',
      message: '«Дата назначения или исключения»: обязательна для статусов «назначен» и «исключён»',
      isValid: when(
        ['status', 'decisionDate'],
        (v) => blank(v.status) || v.status === 'reserve' || !blank(v.decisionDate),
      ),
    },
    {
      field: 'appointedPosition',
      message: '«Должность назначения»: обязательна для статуса «назначен»',
      isValid: when(
        ['status', 'appointedPosition'],
        (v) => v.status !== 'appointed' || !blank(v.appointedPosition),
      ),
    },
    {
      field: 'exclusionReason',
      message: '«Причина исключения»: обязательна для статуса «исключён»',
      isValid: when(
        ['status', 'exclusionReason'],
        (v) => v.status !== 'excluded' || !blank(v.exclusionReason),
      ),
    },
    {
      field: 'decisionDate',
      message:
        'Кандидат в резерве: дата, должность и организация назначения и причина исключения не указываются',
      isValid: (v) =>
        v.status === undefined ||
        !(blank(v.status) || v.status === 'reserve') ||
        (blank(v.decisionDate) &&
          blank(v.appointedPosition) &&
          blank(v.appointedOrganizationId) &&
          blank(v.exclusionReason)),
    },
  ],
};

export const reservePlanItemKind: RecordKind = {
  key: 'reservePlanItem',
  label: 'Пункт плана развития',
  pluralLabel: 'План развития',
  fields: [
    field('kind', 'Вид', { kind: 'enum', enumeration: planItemKind }, { required: true }),
    field('trainingId', 'Обучение', { kind: 'ref', target: 'training' }),
    field('routeId', 'ИОМ', { kind: 'ref', target: 'route' }),
    field('eventId', 'Мероприятие', { kind: 'ref', target: 'event' }),
    text('title', 'Содержание', { max: 500 }),
    date('dueDate', 'Срок', false),
    date('doneDate', 'Выполнено', false),
  ],
  checks: [
    {
      field: 'title',
      message: '«Содержание»: обязательное поле для пункта вида «другое»',
      isValid: when(['kind', 'title'], (v) => v.kind !== 'free' || !blank(v.title)),
    },
    {
      field: 'trainingId',
      message: '«Обучение»: выберите запись об обучении кандидата',
      isValid: when(['kind', 'trainingId'], (v) => v.kind !== 'training' || !blank(v.trainingId)),
    },
    {
      field: 'routeId',
      message: '«ИОМ»: выберите ИОМ кандидата',
      isValid: when(['kind', 'routeId'], (v) => v.kind !== 'route' || !blank(v.routeId)),
    },
    {
      field: 'eventId',
      message: '«Мероприятие»: выберите мероприятие',
      isValid: when(['kind', 'eventId'], (v) => v.kind !== 'event' || !blank(v.eventId)),
    },
  ],
};

const subset = (kind: RecordKind, keys: string[], required: string[] = []): RecordKind => ({
  ...kind,
  fields: kind.fields
    .filter((f) => keys.includes(f.key))
    .map((f) => (required.includes(f.key) ? { ...f, required: true } : f)),
  checks: (kind.checks ?? []).filter((c) => keys.includes(c.field)),
});

/** What the form of a candidate edits: who, for what, on which order; the status changes by its own forms. */
export const reserveCandidateFormKind = subset(reserveCandidateKind, [
  'teacherId',
  'fullName',
  'contact',
  'positionKindId',
  'organizationId',
  'orderNumber',
  'orderDate',
  'includedDate',
  'reviewedDate',
  'notes',
]);

/** The form «назначен»: the date, the position and the organization of the appointment. */
export const reserveAppointmentKind = subset(
  reserveCandidateKind,
  ['decisionDate', 'appointedPosition', 'appointedOrganizationId'],
  ['decisionDate', 'appointedPosition'],
);

/** The form «исключён»: the date and the reason. */
export const reserveExclusionKind = subset(
  reserveCandidateKind,
  ['decisionDate', 'exclusionReason'],
  ['decisionDate', 'exclusionReason'],
);
