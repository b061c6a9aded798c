import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tracked } from './columns.ts';
import { users } from './accounts.ts';
import { municipalities, organizations } from './hierarchy.ts';

/**
 * What the department requires an organization's website to publish (мониторинг сайтов ОО): the federal
 * /sveden/ section and its subsections by default, the mentoring section, the monitoring results.
 */
export const websiteRequirements = pgTable(
  'website_requirements',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    /** What `websites(requirement = "...")` names: latin letters, digits, «_» and «-». */
    code: text().notNull(),
    title: text().notNull(),
    keywords: jsonb().$type<string[]>().notNull().default([]),
    paths: jsonb().$type<string[]>().notNull().default([]),
    position: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.municipalityId, t.code)],
);

/** One run of the website check over a municipality's organizations (a bulk job: CLI or the web). */
export const websiteCheckRuns = pgTable(
  'website_check_runs',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    status: text({ enum: ['running', 'done', 'failed'] }).notNull(),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    error: text(),
    startedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.municipalityId, t.startedAt)],
);

/** One organization's site in a run: whether it could be read at all, and how many pages were. */
export const websiteCheckSites = pgTable(
  'website_check_sites',
  {
    runId: integer()
      .notNull()
      .references(() => websiteCheckRuns.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    siteUrl: text(),
    error: text(),
    pagesVisited: integer().notNull().default(0),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.runId, t.organizationId), index().on(t.organizationId)],
);

/**
 * Each requirement for each organization in a run: found or not, and where. The code and title are copied
 * so that a run keeps reading as it was when the requirement is later renamed.
 */
export const websiteCheckItems = pgTable(
  'website_check_items',
  {
    runId: integer()
      .notNull()
      .references(() => websiteCheckRuns.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requirementCode: text().notNull(),
    requirementTitle: text().notNull(),
    isFound: boolean().notNull(),
    url: text(),
  },
  (t) => [uniqueIndex().on(t.runId, t.organizationId, t.requirementCode)],
);

/**
 * The coordinator's own finding for one organization × requirement (ручная отметка): it wins over every
 * crawl in the formula, the table and the XLSX, and a later crawl leaves it standing (both are shown).
 */
export const websiteCheckOverrides = pgTable(
  'website_check_overrides',
  {
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requirementCode: text().notNull(),
    requirementTitle: text().notNull(),
    isFound: boolean().notNull(),
    url: text(),
    comment: text(),
    setBy: integer().references(() => users.id, { onDelete: 'set null' }),
    setByName: text().notNull(),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.organizationId, t.requirementCode)],
);

/** The version of a municipality's checklist as a whole: two coordinators editing it do not overwrite each other. */
export const websiteChecklists = pgTable('website_checklists', {
  municipalityId: integer()
    .primaryKey()
    .references(() => municipalities.id, { onDelete: 'cascade' }),
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
