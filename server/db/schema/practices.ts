import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import {
  EDUCATION_STAGES,
  PRACTICE_KINDS,
  PRACTICE_STATUSES,
  REVIEW_BODIES,
} from '../../../core/practices.ts';
import { users } from './accounts.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { files } from './management.ts';
import { associations, deficits, events, teachers } from './registry.ts';

/**
 * An entry of the bank of practices and methodical products: a school's (organizationId) or the
 * department's own (null). Its status moves by the review workflow of core/practices.ts; `isPublic` is the
 * coordinator's leave to show a published entry on the municipality's public page.
 */
export const practices = pgTable(
  'practices',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    kind: text({ enum: PRACTICE_KINDS }).notNull(),
    subject: text(),
    stage: text({ enum: EDUCATION_STAGES }),
    description: text(),
    links: text().array().notNull().default([]),
    status: text({ enum: PRACTICE_STATUSES }).notNull().default('draft'),
    reviewBody: text({ enum: REVIEW_BODIES }),
    associationId: integer().references(() => associations.id, { onDelete: 'set null' }),
    /** The last reason of a return or a refusal, which the author reads. */
    reason: text(),
    isPublic: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId, t.status), index().on(t.organizationId)],
);

export const practiceAuthors = pgTable(
  'practice_authors',
  {
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    teacherId: integer()
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.teacherId] }), index().on(t.teacherId)],
);

/** The deficits of the catalog an entry addresses. */
export const practiceDeficits = pgTable(
  'practice_deficits',
  {
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    deficitCode: text()
      .notNull()
      .references(() => deficits.code, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.deficitCode] }), index().on(t.deficitCode)],
);

/** Files of an entry (the stored file lives in `files`, like the management and report files). */
export const practiceFiles = pgTable(
  'practice_files',
  {
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    fileId: integer()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.fileId] }), index().on(t.fileId)],
);

/** A reviewer assigned to an entry and, once given, the review: points by criterion and a comment. */
export const practiceReviews = pgTable(
  'practice_reviews',
  {
    id: id(),
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    reviewerId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scores: jsonb().$type<Record<string, number>>(),
    total: integer(),
    comment: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    ...tracked(),
  },
  (t) => [index().on(t.practiceId), index().on(t.reviewerId)],
);

/** The history of an entry's statuses: who moved it, when, and the comment given. */
export const practiceTransitions = pgTable(
  'practice_transitions',
  {
    id: id(),
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    fromStatus: text({ enum: PRACTICE_STATUSES }),
    toStatus: text({ enum: PRACTICE_STATUSES }).notNull(),
    comment: text(),
    userName: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.practiceId)],
);

/** Events that spread a practice. */
export const practiceEvents = pgTable(
  'practice_events',
  {
    practiceId: integer()
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.eventId] }), index().on(t.eventId)],
);
