import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { recommendationReports, recommendations } from './analysis.ts';
import { id, tracked } from './columns.ts';
import { municipalities } from './hierarchy.ts';
import { programs } from './programs.ts';
import { associations, teachers } from './registry.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An uploaded file: evidence of a measure, the document of a decision. Kept in the database with everything else. */
export const files = pgTable('files', {
  id: id(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  name: text().notNull(),
  mimeType: text().notNull(),
  size: bigint({ mode: 'number' }).notNull(),
  content: bytea().notNull(),
  uploadedBy: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A roadmap (дорожная карта) of measures of a municipality, such as seed 001's for 2021–2025. */
export const roadmaps = pgTable(
  'roadmaps',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    title: text().notNull(),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    templateCode: text(),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId)],
);

export const DEADLINE_KINDS = ['date', 'period', 'whole_period', 'as_needed', 'on_request'] as const;
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export interface Evidence {
  title: string;
  url?: string | null;
  fileId?: number | null;
}

/** A measure (мероприятие) of a roadmap: deadline, executors, the indicators it should move, status, evidence. */
export const measures = pgTable(
  'measures',
  {
    id: id(),
    roadmapId: integer()
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    section: text().notNull(),
    number: text().notNull(),
    title: text().notNull(),
    deadlineKind: text({ enum: DEADLINE_KINDS }).notNull(),
    deadlineFrom: date(),
    deadlineTo: date(),
    executors: text().notNull(),
    status: text({ enum: MEASURE_STATUSES }).notNull().default('planned'),
    /** When it was carried out: the effect is judged between the campaign before this date and the next one. */
    doneOn: date(),
    evidence: jsonb().$type<Evidence[]>().notNull().default([]),
    sortOrder: integer().notNull().default(0),
    /** Shown with its effect on the public report of the campaign that measured it. */
    isPublic: boolean().notNull().default(false),
    ...tracked(),
  },
  (t) => [index().on(t.roadmapId)],
);

export const measureIndicators = pgTable(
  'measure_indicators',
  {
    measureId: integer()
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    programId: integer()
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    indicatorCode: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.programId, t.indicatorCode] })],
);

export const measureRecommendations = pgTable(
  'measure_recommendations',
  {
    measureId: integer()
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    recommendationId: integer()
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.recommendationId] })],
);

/** A management decision (управленческое решение): an order, a protocol, a publication. */
export const decisions = pgTable(
  'decisions',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    kind: text({ enum: ['order', 'protocol', 'publication', 'other'] }).notNull(),
    number: text(),
    date: date().notNull(),
    title: text().notNull(),
    url: text(),
    fileId: integer().references(() => files.id, { onDelete: 'set null' }),
    conclusionIds: jsonb().$type<number[]>().notNull().default([]),
    measureIds: jsonb().$type<number[]>().notNull().default([]),
    /** Shown on the public report of the campaign whose conclusions it follows from. */
    isPublic: boolean().notNull().default(false),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId)],
);

/** Planned and held meetings of a methodical association or «Школа молодого специалиста». */
export const associationMeetings = pgTable(
  'association_meetings',
  {
    id: id(),
    associationId: integer()
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    date: date().notNull(),
    topic: text().notNull(),
    plan: text(),
    isHeld: boolean().notNull().default(false),
    notes: text(),
    ...tracked(),
  },
  (t) => [index().on(t.associationId, t.date)],
);

export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: integer()
      .notNull()
      .references(() => associationMeetings.id, { onDelete: 'cascade' }),
    teacherId: integer()
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    isPresent: boolean().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.teacherId] })],
);

/**
 * A file of an organization's report on a recommendation (the stored file lives in `files`): of the
 * recommendation's own report (reportId null), or of one organization's report on a group recommendation.
 */
export const recommendationFiles = pgTable(
  'recommendation_files',
  {
    recommendationId: integer()
      .notNull()
      .references(() => recommendations.id, { onDelete: 'cascade' }),
    fileId: integer()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    reportId: integer().references(() => recommendationReports.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.fileId] }),
    index().on(t.fileId),
    index().on(t.reportId),
  ],
);
