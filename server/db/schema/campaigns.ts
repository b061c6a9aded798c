import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { programs } from './programs.ts';

export const CAMPAIGN_STATUSES = ['active', 'closed'] as const;
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A yearly monitoring campaign of a program: a reporting year, participants and three stages with dates. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    programId: integer()
      .notNull()
      .references(() => programs.id),
    title: text().notNull(),
    year: integer().notNull(),
    initialStart: date().notNull(),
    initialEnd: date().notNull(),
    mainStart: date().notNull(),
    mainEnd: date().notNull(),
    finalStart: date().notNull(),
    finalEnd: date().notNull(),
    status: text({ enum: CAMPAIGN_STATUSES }).notNull().default('active'),
    /** Days before a deadline when the reminder goes out (the day after it passes, another one). */
    reminderDaysBefore: integer().notNull().default(3),
    /** The coordinator's instructions to the schools, plain text in paragraphs, shown beside the form. */
    instructions: text(),
    /** The program as it was at closing: indicator definitions the frozen results belong to. */
    programSnapshot: jsonb(),
    closedAt: timestamp({ withTimezone: true }),
    ...tracked(),
  },
  // One campaign per program and reporting year. The migration creates this index only on a database without
  // such duplicates (older versions accepted them); the service refuses a new duplicate either way.
  (t) => [
    index().on(t.municipalityId),
    index().on(t.programId),
    uniqueIndex('campaigns_program_year_unique').on(t.programId, t.year),
  ],
);

export const campaignParticipants = pgTable(
  'campaign_participants',
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id),
    /** The coordinator reopened editing for this organization until this date. */
    reopenedUntil: date(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.organizationId] })],
);

/** An organization's answer to the campaign form; «не начато» is the absence of a row. */
export const submissions = pgTable(
  'submissions',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id),
    status: text({ enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    values: jsonb().$type<Record<string, number | string | boolean | null>>().notNull().default({}),
    isRegistryConfirmed: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }),
    /** The first submission: «в срок» is judged by it, not by a resubmission after a return. */
    firstSubmittedAt: timestamp({ withTimezone: true }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewComment: text(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.campaignId, t.organizationId)],
);

/** Every step of a submission: who, when, what changed, with the comment of a return. */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: id(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    userName: text(),
    action: text({ enum: ['save', 'submit', 'return', 'accept', 'reopen', 'upload'] }).notNull(),
    statusAfter: text({ enum: SUBMISSION_STATUSES }).notNull(),
    comment: text(),
    changes: jsonb().$type<Record<string, [unknown, unknown]>>(),
  },
  (t) => [index().on(t.submissionId)],
);

/** Results frozen when a campaign closes: later registry edits do not change them. */
export const campaignResults = pgTable(
  'campaign_results',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    indicatorCode: text().notNull(),
    organizationId: integer().references(() => organizations.id),
    organizationName: text().notNull(),
    value: doublePrecision(),
    numerator: doublePrecision(),
    denominator: doublePrecision(),
    level: text({ enum: ['high', 'medium', 'low'] }),
    /** False: the indicator does not apply to this organization («не применяется»). */
    isApplicable: boolean().notNull().default(true),
  },
  (t) => [index().on(t.campaignId, t.indicatorCode)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.createdAt)],
);

/** A reminder sent once per campaign, organization, kind and deadline — the job can run any number of times. */
export const reminders = pgTable(
  'reminders',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id),
    /**
     * «manual»: sent at a methodist's click; its `deadline` is the day it was sent (one a day). «field_due»:
     * fields of indicators due on `deadline` not yet filled (campaign_indicator_due_dates).
     */
    kind: text({ enum: ['before_deadline', 'after_deadline', 'manual', 'field_due'] }).notNull(),
    deadline: date().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recipients: jsonb().$type<string[]>().notNull().default([]),
    error: text(),
  },
  (t) => [uniqueIndex().on(t.campaignId, t.organizationId, t.kind, t.deadline)],
);
