import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ORGANIZATION_KINDS } from '../../../core/enums.ts';
import { id, tracked } from './columns.ts';

export const regions = pgTable('regions', {
  id: id(),
  name: text().notNull(),
  code: text(),
  ...tracked(),
});

/** A district and its education department (отдел образования) with the requisites letters need. */
export const municipalities = pgTable(
  'municipalities',
  {
    id: id(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    name: text().notNull(),
    departmentName: text().notNull(),
    departmentAddress: text(),
    departmentPhone: text(),
    departmentEmail: text(),
    departmentRequisites: text(),
    headName: text(),
    headPosition: text(),
    ...tracked(),
  },
  (t) => [index().on(t.regionId)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    name: text().notNull(),
    shortName: text().notNull(),
    kind: text({ enum: ORGANIZATION_KINDS }).notNull(),
    isLowResults: boolean().notNull().default(false),
    isHardSocialConditions: boolean().notNull().default(false),
    address: text(),
    headName: text(),
    phone: text(),
    email: text(),
    website: text(),
    inn: text(),
    /** Who answers for the monitoring forms (often a deputy head), and how to call them. */
    responsibleName: text(),
    responsiblePhone: text(),
    isActive: boolean().notNull().default(true),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId), uniqueIndex().on(t.municipalityId, t.shortName)],
);
