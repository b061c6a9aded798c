import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Applicability } from '../../../core/indicators/applicability.ts';
import type { ProgramParameters } from '../../../core/indicators/period.ts';
import { id, tracked } from './columns.ts';
import { municipalities, regions } from './hierarchy.ts';

/** A monitoring program (программа мониторинга) of a municipality: goals, criteria and indicators. */
export const programs = pgTable(
  'programs',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    title: text().notNull(),
    description: text(),
    goals: jsonb().$type<string[]>().notNull().default([]),
    templateCode: text(),
    parameters: jsonb().$type<ProgramParameters>().notNull(),
    isArchived: boolean().notNull().default(false),
    /** The regional program this one was adopted from: its regional indicators are locked for the municipality. */
    regionalProgramId: integer().references(() => regionalPrograms.id),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId), index().on(t.regionalProgramId)],
);

/**
 * A program a region publishes for its municipalities to adopt, kept as a program file
 * (programs/program-file.service.ts): adopting creates a municipal program from it.
 */
export const regionalPrograms = pgTable(
  'regional_programs',
  {
    id: id(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    title: text().notNull(),
    /** The region's own numbering of what it published: 1, 2… for the same title. */
    programVersion: integer().notNull().default(1),
    /** The program file as published (format, formatVersion, program). */
    file: jsonb().$type<Record<string, unknown>>().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...tracked(),
  },
  (t) => [index().on(t.regionId)],
);

export const criteria = pgTable(
  'criteria',
  {
    id: id(),
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    title: text().notNull(),
    goal: text(),
    sortOrder: integer().notNull().default(0),
    ...tracked(),
  },
  (t) => [index().on(t.programId), uniqueIndex().on(t.programId, t.code)],
);

export const indicators = pgTable(
  'indicators',
  {
    id: id(),
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    criterionId: integer()
      .notNull()
      .references(() => criteria.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    name: text().notNull(),
    unit: text({ enum: ['percent', 'count', 'presence', 'number'] }).notNull(),
    numerator: text().notNull(),
    denominator: text(),
    factor: numeric({ precision: 12, scale: 4, mode: 'number' }).notNull().default(1),
    source: text(),
    method: text(),
    periodicity: text(),
    deadline: text(),
    referenceDateRule: text(),
    direction: text({ enum: ['higher', 'lower'] })
      .notNull()
      .default('higher'),
    /** Value at or beyond which the level is «высокий» (≥ for higher-is-better, ≤ for lower-is-better). */
    levelHigh: numeric({ precision: 14, scale: 4, mode: 'number' }),
    /** Value at or beyond which the level is «средний»; otherwise «низкий». */
    levelMedium: numeric({ precision: 14, scale: 4, mode: 'number' }),
    targets: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** True when the registry does not hold the data and the value is reported in a campaign form. */
    isFormValue: boolean().notNull().default(false),
    /** Came from the region's program on adoption: the municipality may neither change nor delete it. */
    isRegional: boolean().notNull().default(false),
    /** Which organizations the indicator applies to (kinds, ШНОР/ШССУ); null: every organization. */
    applicability: jsonb().$type<Applicability>(),
    note: text(),
    sortOrder: integer().notNull().default(0),
    ...tracked(),
  },
  (t) => [index().on(t.programId), uniqueIndex().on(t.programId, t.code)],
);

/** A field of the campaign form: what organizations report that the registry does not hold. */
export const formFields = pgTable(
  'form_fields',
  {
    id: id(),
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    label: text().notNull(),
    type: text({ enum: ['number', 'integer', 'text', 'boolean'] }).notNull(),
    unit: text(),
    hint: text(),
    isRequired: boolean().notNull().default(false),
    min: numeric({ precision: 14, scale: 4, mode: 'number' }),
    max: numeric({ precision: 14, scale: 4, mode: 'number' }),
    /** Cross-field rule: this value may not exceed the value of that field («охвачено ≤ всего»). */
    notGreaterThan: text(),
    sortOrder: integer().notNull().default(0),
    ...tracked(),
  },
  (t) => [index().on(t.programId), uniqueIndex().on(t.programId, t.code)],
);
