import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts.ts';
import { campaigns } from './campaigns.ts';
import { id, tracked } from './columns.ts';
import { municipalities, regions } from './hierarchy.ts';
import { regionalPrograms } from './programs.ts';

export const REGIONAL_SUBMISSION_STATUSES = ['sent', 'accepted', 'returned'] as const;
export type RegionalSubmissionStatus = (typeof REGIONAL_SUBMISSION_STATUSES)[number];

/** One computed value as the region accepted it (the shape of campaign_results, without ids). */
export interface AcceptedResult {
  indicator: string;
  organization: number | null;
  organizationName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: 'high' | 'medium' | 'low' | null;
  isApplicable: boolean;
}

/** A counted form of the campaign as the region accepted it. */
export interface AcceptedForm {
  organizationId: number;
  status: 'submitted' | 'accepted';
  values: Record<string, number | string | boolean | null>;
}

/**
 * A closed campaign of an adopted regional program, sent by its municipality to the region: sent → accepted,
 * or returned with a comment (then reopened, fixed and sent again). One row per campaign; the accepted copy
 * (results, counted forms, the program snapshot) is written at acceptance and never changes afterwards.
 */
export const regionalSubmissions = pgTable(
  'regional_submissions',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    regionalProgramId: integer()
      .notNull()
      .references(() => regionalPrograms.id),
    status: text({ enum: REGIONAL_SUBMISSION_STATUSES }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    /** The comment of the last return. */
    returnComment: text(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedResults: jsonb().$type<AcceptedResult[]>(),
    acceptedForms: jsonb().$type<AcceptedForm[]>(),
    acceptedSnapshot: jsonb(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.campaignId), index().on(t.regionId, t.status)],
);

/** Every step of a regional submission: who, when, what, with the comment of a return. */
export const regionalSubmissionEvents = pgTable(
  'regional_submission_events',
  {
    id: id(),
    submissionId: integer()
      .notNull()
      .references(() => regionalSubmissions.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    userName: text(),
    action: text({ enum: ['send', 'accept', 'return', 'reopen'] }).notNull(),
    statusAfter: text({ enum: REGIONAL_SUBMISSION_STATUSES }).notNull(),
    comment: text(),
  },
  (t) => [index().on(t.submissionId)],
);

/**
 * The region's evaluation of a municipality's МУКО element for a year (core/management/muko.ts): 1 or 0,
 * up to five evidence links (http/https) and a comment.
 */
export const regionalMukoScores = pgTable(
  'regional_muko_scores',
  {
    id: id(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    year: integer().notNull(),
    elementKey: text().notNull(),
    score: integer().notNull(),
    evidence: jsonb().$type<string[]>().notNull().default([]),
    comment: text(),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    userName: text(),
    ...tracked(),
  },
  (t) => [
    uniqueIndex().on(t.municipalityId, t.year, t.elementKey),
    index().on(t.regionId, t.year),
    check('regional_muko_scores_score', sql`${t.score} in (0, 1)`),
  ],
);
