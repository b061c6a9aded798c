import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts.ts';
import { id } from './columns.ts';
import { campaigns } from './campaigns.ts';
import { organizations } from './hierarchy.ts';
import { files } from './management.ts';
import { programs } from './programs.ts';
import { normativeActs } from './registry.ts';

/**
 * A sending of a campaign's announcement letter (информационное письмо) to the heads of its participants:
 * the DOCX as it was sent (in `files`, so the backup carries it and the recipients download that very
 * letter), who sent it and when; per organization, the addresses written to and why the e-mail failed.
 * The e-mails go in the background (announcements.service.ts): the row carries the progress, `done` of
 * `total` organizations, and the outcome; one sending at a time runs per campaign.
 */
export const campaignAnnouncements = pgTable(
  'campaign_announcements',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    fileId: integer()
      .notNull()
      .references(() => files.id),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentByUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    sentByName: text().notNull(),
    status: text({ enum: ['running', 'done', 'failed'] })
      .notNull()
      .default('done'),
    /** Organizations processed so far (a recipient row written) of the participants at the start. */
    done: integer().notNull().default(0),
    total: integer().notNull().default(0),
    /** Why a failed sending stopped, in Russian (a server error, a restart). */
    error: text(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.campaignId),
    // Two starts at once cannot both run: the second insert fails and is answered 409.
    uniqueIndex('campaign_announcements_one_running')
      .on(t.campaignId)
      .where(sql`status = 'running'`),
  ],
);

export const campaignAnnouncementRecipients = pgTable(
  'campaign_announcement_recipients',
  {
    announcementId: integer()
      .notNull()
      .references(() => campaignAnnouncements.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    organizationName: text().notNull(),
    /** The e-mail addresses the letter went to (the organization's and its heads' accounts'). */
    emails: jsonb().$type<string[]>().notNull().default([]),
    /** Accounts told in the application. */
    notifiedUsers: integer().notNull().default(0),
    /** Why the e-mail did not go: no address known, or the SMTP server's refusal. */
    error: text(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.organizationId] }), index().on(t.organizationId)],
);

/** Files the coordinator attaches to a campaign (instructions, templates): its participants download them. */
export const campaignFiles = pgTable(
  'campaign_files',
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    fileId: integer()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.fileId] }), index().on(t.fileId)],
);

/**
 * The collection due date of an indicator in a campaign, where the program says so (seed 004: «до 15
 * октября», «до 1 марта», «ежемесячно до 10 числа»): a date, or a day of every month.
 */
export const campaignIndicatorDueDates = pgTable(
  'campaign_indicator_due_dates',
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    indicatorCode: text().notNull(),
    dueDate: date(),
    monthlyDay: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.indicatorCode] }),
    check(
      'campaign_indicator_due_dates_one_rule',
      sql`(${t.dueDate} is null) <> (${t.monthlyDay} is null) and (${t.monthlyDay} is null or ${t.monthlyDay} between 1 and 31)`,
    ),
  ],
);

/** The normative acts that approve a program (Положение о мониторинге, приказ, концепция…). */
export const programNormativeActs = pgTable(
  'program_normative_acts',
  {
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    normativeActId: integer()
      .notNull()
      .references(() => normativeActs.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programId, t.normativeActId] }), index().on(t.normativeActId)],
);
