import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ConclusionEvidence } from '../../../core/analysis/evidence.ts';
import type { Audience } from '../../../core/analysis/audience.ts';
import { campaigns } from './campaigns.ts';
import { id, tracked } from './columns.ts';
import { organizations } from './hierarchy.ts';
import { programs } from './programs.ts';

/** A conclusion (вывод) of a campaign's analysis: drafted from the data, edited by the coordinator. */
export const conclusions = pgTable(
  'conclusions',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    sortOrder: integer().notNull().default(0),
    text: text().notNull(),
    kind: text({ enum: ['problem', 'municipal', 'dynamics', 'manual'] })
      .notNull()
      .default('manual'),
    indicatorCode: text(),
    organizationIds: jsonb().$type<number[]>().notNull().default([]),
    /** What a drafted conclusion rests on (indicators, organizations, values), re-checked before use; null for a manual one. */
    evidence: jsonb().$type<ConclusionEvidence>(),
    ...tracked(),
  },
  (t) => [index().on(t.campaignId)],
);

/** The library of recommendation rules of a program: indicator × level → text, to organizations or the department. */
export const recommendationRules = pgTable(
  'recommendation_rules',
  {
    id: id(),
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    indicatorCode: text().notNull(),
    level: text({ enum: ['high', 'medium', 'low'] }).notNull(),
    target: text({ enum: ['organization', 'municipality'] }).notNull(),
    text: text().notNull(),
    ...tracked(),
  },
  (t) => [index().on(t.programId)],
);

/**
 * «reported»: the organization says it has done what was asked; the department accepts the report (done) or
 * sends it back (in progress). Only the department marks a recommendation done or cancelled.
 */
export const RECOMMENDATION_STATUSES = ['planned', 'in_progress', 'reported', 'done', 'cancelled'] as const;

/** An addressed recommendation (адресная рекомендация) to an organization, or to the department when organizationId is null. */
export const recommendations = pgTable(
  'recommendations',
  {
    id: id(),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    organizationId: integer().references(() => organizations.id),
    indicatorCode: text(),
    text: text().notNull(),
    addressee: text().notNull(),
    deadline: date(),
    /**
     * A recommendation to several organizations at once (all of them, some kinds, ШНОР/ШССУ, a list), with
     * organizationId null; null for one addressed to one organization or to the department.
     */
    audience: jsonb().$type<Audience>(),
    /** Who answers for it: «заместители руководителей по УВР». */
    responsible: text(),
    status: text({ enum: RECOMMENDATION_STATUSES }).notNull().default('planned'),
    /** What the organization reports it did. */
    report: text(),
    reportedAt: timestamp({ withTimezone: true }),
    reportedBy: text(),
    /** The department's comment when it returns the report for rework («Вернуть на доработку»). */
    reviewComment: text(),
    ...tracked(),
  },
  (t) => [index().on(t.campaignId), index().on(t.organizationId)],
);

/**
 * One organization's report on a recommendation addressed to a group (an audience): each school of the group
 * reports for itself and the department accepts or returns each report separately. A recommendation to one
 * organization keeps its report on its own row. No row yet: the organization has not started («planned»).
 */
export const recommendationReports = pgTable(
  'recommendation_reports',
  {
    id: id(),
    recommendationId: integer()
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text({ enum: RECOMMENDATION_STATUSES }).notNull().default('planned'),
    report: text(),
    reportedAt: timestamp({ withTimezone: true }),
    reportedBy: text(),
    reviewComment: text(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.recommendationId, t.organizationId), index().on(t.organizationId)],
);

/** The campaign's report: the letter's requisites and whether the public page is published. */
export const campaignReports = pgTable('campaign_reports', {
  campaignId: integer()
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  isPublished: boolean().notNull().default(false),
  publishedAt: timestamp({ withTimezone: true }),
  /** The day from which the published report is shown to the public; null: at once when published. */
  publishOn: date(),
  introduction: text(),
  letterNumber: text(),
  letterDate: date(),
  signerPosition: text(),
  signerName: text(),
  ...tracked(),
});
