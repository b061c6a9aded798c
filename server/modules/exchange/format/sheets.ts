import {
  certificationKind,
  competitionKind,
  diagnosticKind,
  educationKind,
  eventKind,
  membershipKind,
  mentoringPairKind,
  normativeActKind,
  participationKind,
  positionKind,
  routeKind,
  routeStepKind,
  teacherKind,
  trainingKind,
  vacancyKind,
} from '../../../../core/registry/kinds.ts';
import type { FieldDef, RecordKind } from '../../../../core/registry/fields.ts';
import type { CellType, NameList } from './cells.ts';

/**
 * The exchange workbook of one organization: its sheets and columns. One description serves the export, the
 * import, the instructions sheet and the test that keeps docs/exchange-format.md in step with the code.
 */
export interface ColumnSpec {
  /** The record field (as in core/registry/kinds.ts) or a reference column such as `teacher.snils`. */
  key: string;
  header: string;
  type: CellType;
  /** Must be filled in every row (teacher reference columns are «one of», see TEACHER_RULE). */
  required: boolean;
  /** What the column means, for the instructions and the format document. */
  note?: string;
  /** Grey, narrow: an identifier written by the system, not to be edited. */
  isId?: boolean;
  width: number;
}

export interface SheetSpec {
  name: string;
  /** The audit entity of its records. */
  entity: string;
  /** What the sheet holds, one sentence. */
  about: string;
  /** How a row without an ID finds its record (the natural key), in words. */
  key: string;
  columns: ColumnSpec[];
}

export type TeacherGroup = 'teacher' | 'mentor' | 'mentee';

/** The identification rule of a teacher in a row, written once for the instructions and the docs. */
export const TEACHER_RULE =
  'Педагог в строке определяется по столбцу «ID педагога», если он заполнен; иначе по СНИЛС; иначе по ФИО ' +
  'вместе с датой рождения. Если заполнен ID, остальные столбцы педагога служат только для чтения.';

function widthOf(type: CellType, header: string): number {
  switch (type.kind) {
    case 'id':
      return 9;
    case 'date':
      return 13;
    case 'month':
      return 10;
    case 'bool':
      return 11;
    case 'int':
    case 'number':
      return Math.max(10, Math.min(16, header.length * 0.8));
    case 'snils':
      return 16;
    case 'enum':
      return Math.min(
        36,
        Math.max(...type.enumeration.values.map((v) => type.enumeration.label[v].length)) + 4,
      );
    case 'enumList':
    case 'textList':
    case 'name':
      return 40;
    case 'text':
      return Math.max(16, Math.min(40, header.length + 4));
  }
}

function column(
  key: string,
  header: string,
  type: CellType,
  options: { required?: boolean; note?: string; isId?: boolean } = {},
): ColumnSpec {
  return { key, header, type, required: options.required ?? false, width: widthOf(type, header), ...options };
}

function cellTypeOf(f: FieldDef): CellType {
  const t = f.type;
  switch (t.kind) {
    case 'text':
      return f.key === 'snils' ? { kind: 'snils' } : { kind: 'text' };
    case 'date':
    case 'month':
    case 'int':
    case 'number':
    case 'bool':
    case 'textList':
      return { kind: t.kind };
    case 'enum':
    case 'enumList':
      return { kind: t.kind, enumeration: t.enumeration };
    case 'ref':
      throw new Error(`Reference field ${f.key} needs its own column`);
  }
}

function fieldNote(f: FieldDef): string | undefined {
  const t = f.type;
  if (t.kind === 'textList' || t.kind === 'enumList')
    return `несколько значений через «;»${f.hint ? `; ${f.hint}` : ''}`;
  return f.hint;
}

/** Columns of record fields, headed by their Russian labels. */
function fields(kind: RecordKind, keys: string[], overrides: Record<string, Partial<ColumnSpec>> = {}) {
  return keys.map((key) => {
    const f = kind.fields.find((x) => x.key === key);
    if (!f) throw new Error(`${kind.key} has no field ${key}`);
    const base = column(key, f.label, cellTypeOf(f), { required: Boolean(f.required), note: fieldNote(f) });
    return { ...base, ...overrides[key] };
  });
}

const idColumn = () =>
  column('id', 'ID', { kind: 'id' }, { isId: true, note: 'номер записи в системе; пусто в новой строке' });

const GROUP_WORDS: Record<TeacherGroup, { id: string; of: string }> = {
  teacher: { id: 'ID педагога', of: '' },
  mentor: { id: 'ID наставника', of: ' наставника' },
  mentee: { id: 'ID наставляемого', of: ' наставляемого' },
};

/** The four columns that identify a teacher in a row (see TEACHER_RULE). */
export function teacherColumns(group: TeacherGroup): ColumnSpec[] {
  const w = GROUP_WORDS[group];
  return [
    column(
      `${group}.id`,
      w.id,
      { kind: 'id' },
      { isId: true, note: 'номер педагога в системе (лист «Педагоги»)' },
    ),
    column(`${group}.name`, `ФИО${w.of}`, { kind: 'text' }, { note: 'фамилия, имя, отчество через пробел' }),
    column(`${group}.snils`, `СНИЛС${w.of}`, { kind: 'snils' }, { note: '11 цифр, например 123-456-789 64' }),
    column(`${group}.birthDate`, `Дата рождения${w.of}`, { kind: 'date' }),
  ];
}

const name = (key: string, header: string, list: NameList, required: boolean, note: string) =>
  column(key, header, { kind: 'name', list }, { required, note });

export const TEACHERS_SHEET: SheetSpec = {
  name: 'Педагоги',
  entity: 'position',
  about:
    'Педагоги организации и их должности в ней: одна строка — одна должность (у совместителя внутри ' +
    'организации строк несколько, сведения о педагоге в них одинаковые). Уволенные остаются с датой увольнения.',
  key: 'педагог (СНИЛС, иначе ФИО и дата рождения) + должность + дата приёма',
  columns: [
    column(
      'id',
      'ID',
      { kind: 'id' },
      { isId: true, note: 'номер должности в системе; пусто в новой строке' },
    ),
    column('teacher.id', 'ID педагога', { kind: 'id' }, { isId: true, note: 'номер педагога в системе' }),
    ...fields(teacherKind, [
      'lastName',
      'firstName',
      'middleName',
      'birthDate',
      'sex',
      'snils',
      'email',
      'phone',
      'pedagogicalStartDate',
      'qualificationCategory',
      'categoryDate',
      'isManager',
      'subjects',
    ]),
    ...fields(positionKind, ['title', 'isMainJob', 'rate', 'startDate', 'endDate'], {
      rate: { note: 'десятичная запятая: 0,5; 1; 1,25' },
    }),
  ],
};

const teacherSheet = (
  sheet: string,
  entity: string,
  about: string,
  key: string,
  kind: RecordKind,
  keys: string[],
  extra: ColumnSpec[] = [],
): SheetSpec => ({
  name: sheet,
  entity,
  about,
  key: `педагог + ${key}`,
  columns: [idColumn(), ...teacherColumns('teacher'), ...extra, ...fields(kind, keys)],
});

export const EDUCATIONS_SHEET = teacherSheet(
  'Образование',
  'education',
  'Образование педагогов организации.',
  'уровень + образовательная организация + год окончания',
  educationKind,
  ['level', 'institution', 'specialty', 'graduationYear', 'matchesProfile'],
);

export const CERTIFICATIONS_SHEET = teacherSheet(
  'Аттестация',
  'certification',
  'Аттестации педагогов организации.',
  'дата аттестации',
  certificationKind,
  ['date', 'result', 'documentNumber'],
);

export const DIAGNOSTICS_SHEET = teacherSheet(
  'Диагностики',
  'diagnostic',
  'Диагностики профессиональных дефицитов педагогов организации.',
  'дата + инструмент',
  diagnosticKind,
  ['date', 'level', 'instrument', 'areas', 'score', 'maxScore', 'deficitCodes'],
);

export const TRAININGS_SHEET: SheetSpec = {
  ...teacherSheet(
    'Обучение',
    'training',
    'Повышение квалификации и профессиональная переподготовка педагогов организации.',
    'программа + дата окончания',
    trainingKind,
    [],
  ),
  columns: [
    idColumn(),
    ...teacherColumns('teacher'),
    ...fields(trainingKind, ['type', 'title']),
    name(
      'providerId',
      'Организация, проводившая обучение',
      'providers',
      false,
      'наименование из справочника организаций, проводящих обучение (лист «Списки»)',
    ),
    ...fields(trainingKind, [
      'hours',
      'startDate',
      'endDate',
      'documentNumber',
      'topics',
      'format',
      'deficitCodes',
    ]),
  ],
};

export const ROUTES_SHEET = teacherSheet(
  'ИОМ',
  'route',
  'Индивидуальные образовательные маршруты педагогов организации.',
  'дата начала',
  routeKind,
  ['startDate', 'endDate', 'curatorName', 'tutorName', 'status'],
  [
    column(
      'diagnosticId',
      'По итогам диагностики (дата)',
      { kind: 'date' },
      { note: 'дата диагностики этого педагога, по итогам которой составлен маршрут' },
    ),
  ],
);

export const ROUTE_STEPS_SHEET: SheetSpec = {
  name: 'Шаги ИОМ',
  entity: 'routeStep',
  about: 'Шаги индивидуальных образовательных маршрутов.',
  key: 'ИОМ + мероприятие + срок',
  columns: [
    idColumn(),
    column('route.id', 'ID ИОМ', { kind: 'id' }, { isId: true, note: 'номер маршрута (лист «ИОМ»)' }),
    ...teacherColumns('teacher'),
    column(
      'route.startDate',
      'Начало ИОМ',
      { kind: 'date' },
      { note: 'без «ID ИОМ» маршрут определяется по педагогу и дате начала' },
    ),
    ...fields(routeStepKind, ['deficitCode', 'kind', 'title', 'deadline', 'status', 'result'], {
      deficitCode: { note: 'код из каталога дефицитов (лист «Списки»)' },
      kind: { header: 'Вид шага', note: 'что это за шаг: курс, мероприятие, наставничество…' },
    }),
  ],
};

export const COMPETITIONS_SHEET = teacherSheet(
  'Конкурсы',
  'competition',
  'Участие педагогов организации в конкурсах профессионального мастерства.',
  'конкурс + дата',
  competitionKind,
  ['name', 'level', 'date', 'result'],
);

export const MENTORING_SHEET: SheetSpec = {
  name: 'Наставничество',
  entity: 'mentoringPair',
  about: 'Пары «наставник — наставляемый» организации.',
  key: 'наставник + наставляемый + дата начала',
  columns: [
    idColumn(),
    ...teacherColumns('mentor'),
    ...teacherColumns('mentee'),
    name(
      'programId',
      'Программа наставничества',
      'programs',
      false,
      'название программы наставничества организации (лист «Списки»)',
    ),
    ...fields(mentoringPairKind, ['form', 'startDate', 'endDate', 'outcome']),
  ],
};

export const MEMBERSHIPS_SHEET: SheetSpec = {
  name: 'Методические объединения',
  entity: 'membership',
  about: 'Участие педагогов организации в методических объединениях и профессиональных сообществах.',
  key: 'педагог + объединение',
  columns: [
    idColumn(),
    ...teacherColumns('teacher'),
    name(
      'associationId',
      'Объединение',
      'associations',
      true,
      'название муниципального объединения или ШМО организации (лист «Списки»)',
    ),
    ...fields(membershipKind, ['joinedOn', 'leftOn']),
  ],
};

export const EVENTS_SHEET: SheetSpec = {
  name: 'Мероприятия',
  entity: 'participation',
  about:
    'Участие педагогов организации в научно-методических мероприятиях. Мероприятие находится по названию, ' +
    'дате и уровню среди мероприятий муниципалитета; если его нет, оно создаётся как мероприятие организации.',
  key: 'педагог + мероприятие (название, дата, уровень)',
  columns: [
    idColumn(),
    ...teacherColumns('teacher'),
    ...fields(eventKind, ['title', 'level', 'date', 'format', 'type'], {
      title: { key: 'event.title', header: 'Мероприятие' },
      level: { key: 'event.level' },
      date: { key: 'event.date' },
      format: { key: 'event.format' },
      type: { key: 'event.type' },
    }),
    ...fields(participationKind, ['role']),
  ],
};

export const VACANCIES_SHEET: SheetSpec = {
  name: 'Вакансии',
  entity: 'vacancy',
  about: 'Вакансии организации по месяцам (сведения на 10-е число).',
  key: 'месяц + должность + предмет',
  columns: [
    idColumn(),
    ...fields(vacancyKind, ['month', 'position', 'subject', 'count'], {
      month: { note: 'месяц в виде мм.гггг или любая дата этого месяца' },
    }),
  ],
};

export const ACTS_SHEET: SheetSpec = {
  name: 'НПА',
  entity: 'normativeAct',
  about: 'Нормативные правовые акты организации.',
  key: 'вид + номер + дата',
  columns: [
    idColumn(),
    ...fields(normativeActKind, ['kind', 'number', 'date', 'title', 'url', 'validFrom', 'validTo']),
  ],
};

/** The data sheets in workbook order (the order of planning, too: a sheet may refer to those before it). */
export const SHEETS: SheetSpec[] = [
  TEACHERS_SHEET,
  EDUCATIONS_SHEET,
  CERTIFICATIONS_SHEET,
  DIAGNOSTICS_SHEET,
  TRAININGS_SHEET,
  ROUTES_SHEET,
  ROUTE_STEPS_SHEET,
  COMPETITIONS_SHEET,
  MENTORING_SHEET,
  MEMBERSHIPS_SHEET,
  EVENTS_SHEET,
  VACANCIES_SHEET,
  ACTS_SHEET,
];

export const INSTRUCTIONS_SHEET = 'Инструкция';
export const LISTS_SHEET = 'Списки';

export const sheetByName = (name: string) => SHEETS.find((s) => s.name === name);
