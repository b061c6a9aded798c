import { competenceArea, providerKind } from '../enums.ts';
import { field, text, type RecordKind } from './fields.ts';
import { membershipKind, participationKind } from './kinds.ts';

/**
 * Record kinds of the registers beyond core/registry/kinds.ts: the catalogs every municipality shares
 * (training providers, professional deficits) and the editable parts of memberships and participations.
 */

export const providerCatalogKind: RecordKind = {
  key: 'provider',
  label: 'Организация, проводящая обучение',
  pluralLabel: 'Организации, проводящие обучение',
  fields: [
    text('name', 'Наименование', { required: true, max: 300 }),
    field('kind', 'Тип', { kind: 'enum', enumeration: providerKind }, { required: true }),
  ],
};

export const deficitCatalogKind: RecordKind = {
  key: 'deficit',
  label: 'Профессиональный дефицит',
  pluralLabel: 'Профессиональные дефициты',
  fields: [
    field(
      'code',
      'Код',
      {
        kind: 'text',
        max: 20,
        pattern: /^[А-ЯЁA-Z]{1,4}-\d{1,3}$/u,
        patternMessage: 'буквы, дефис и номер, например М-06',
      },
      { required: true },
    ),
    field('area', 'Область компетенций', { kind: 'enum', enumeration: competenceArea }, { required: true }),
    text('title', 'Название', { required: true, max: 300 }),
    field('description', 'Описание', { kind: 'text', max: 2000, multiline: true }),
  ],
};

const keep = (kind: RecordKind, keys: string[]): RecordKind => ({
  ...kind,
  fields: kind.fields.filter((f) => keys.includes(f.key)),
});

/** What changes in a membership once it exists: its period (the association and the teacher stay). */
export const membershipPeriodKind = keep(membershipKind, ['joinedOn', 'leftOn']);

/** What changes in a participation once it exists: the role (the event and the teacher stay). */
export const participationRoleKind = keep(participationKind, ['role']);

/**
 * A student of целевое обучение or a graduate expected by an organization (the inflow of the staffing
 * forecast): the contract of целевое обучение is the basis.
 */
export const targetStudentKind: RecordKind = {
  key: 'targetStudent',
  label: 'Студент целевого обучения',
  pluralLabel: 'Целевое обучение',
  fields: [
    field(
      'organizationId',
      'Организация, ожидающая выпускника',
      { kind: 'ref', target: 'organization' },
      { required: true },
    ),
    text('fullName', 'ФИО', { required: true, max: 300 }),
    text('university', 'Вуз (колледж)', { required: true, max: 300 }),
    text('specialty', 'Специальность (направление подготовки)', { required: true, max: 300 }),
    text('subject', 'Предмет', {
      required: true,
      max: 200,
      hint: 'Что будет преподавать, как в реестре педагогов',
    }),
    field(
      'graduationYear',
      'Год выпуска',
      { kind: 'int', min: 2000, max: 2100 },
      { required: true, hint: 'Выпускник приступает к работе 1 сентября этого года' },
    ),
    text('contractNumber', 'Договор о целевом обучении: номер', { required: true, max: 50 }),
    field('contractDate', 'Договор о целевом обучении: дата', { kind: 'date' }, { required: true }),
    field('notes', 'Примечание', { kind: 'text', max: 2000, multiline: true }),
  ],
};
