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
 * What one municipality's campaign contributes to its region's row of a regional program, measured when the
 * campaign closes (server/modules/regional/region-row.ts): for each aggregate call of the regional indicators,
 * the ids of the teachers it counts (a teacher of two municipalities is one person of the region, so counts of
 * teachers are a union, not a sum) or, for every other call, the municipal total (organizations, events, acts
 * and the rest belong to one municipality, so they add up). A total below a survey's threshold of anonymity
 * is null.
 */
export interface RegionParts {
  version: 1;
  totals: Record<string, number | null>;
  teacherIds: Record<string, number[]>;
}

/** The region parts of a closed campaign of an adopted regional program; dropped when it is reopened. */
export const campaignRegionParts = pgTable('campaign_region_parts', {
  campaignId: integer()
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  parts: jsonb().$type<RegionParts>().notNull(),
  measuredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A closed campaign of an adopted regional program, sent by its municipality to the region: sent → accepted,
 * or returned with a comment (then reopened, fixed and sent again). One row per campaign; the accepted copy
 * (results, counted forms, the program snapshot, the region parts) is written at acceptance and never changes afterwards.
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
    /** The campaign's region parts as accepted: the region's row counts them, whatever happens later. */
    acceptedRegionParts: jsonb().$type<RegionParts>(),
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
