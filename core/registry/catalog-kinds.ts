import { competenceArea, providerKind } from '../enums.ts';
import { field, text, type RecordKind } from './fields.ts';

/** The catalogs every municipality shares: training providers and professional deficits. */

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
