import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { SURVEY_KINDS, SURVEY_STATUSES, type SurveyAudience } from '../../../core/surveys/survey.ts';
import type { SurveyDefinition } from '../../../core/surveys/definition.ts';
import { users } from './accounts.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { teachers } from './registry.ts';

/**
 * A survey (анкетирование) of a municipality's department: anonymous or named, its audience, dates, the
 * threshold below which a result cell is hidden, and the code formulas name it by (`answers(survey = …)`).
 */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    code: text().notNull(),
    title: text().notNull(),
    kind: text({ enum: SURVEY_KINDS }).notNull(),
    audience: jsonb().$type<SurveyAudience>().notNull(),
    opensOn: date().notNull(),
    closesOn: date().notNull(),
    status: text({ enum: SURVEY_STATUSES }).notNull().default('draft'),
    threshold: integer().notNull().default(5),
    templateCode: text(),
    /** The day the last reminder went out: at most one a day. */
    remindedOn: date(),
    /** A closed survey the department published: its aggregates on the public page. */
    isPublic: boolean().notNull().default(false),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.municipalityId, t.code), index().on(t.municipalityId, t.status)],
);

/** The questions of a survey in the SurveyJS JSON format, numbered; an answer keeps the version it answered. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: id(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    definition: jsonb().$type<SurveyDefinition>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.surveyId, t.number)],
);

/**
 * The per-organization link of an anonymous survey (printed on the notice with a QR code). Opening it issues
 * a one-time token on the device; the link itself identifies only the organization.
 */
export const surveyLinks = pgTable(
  'survey_links',
  {
    id: id(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    /** How many people of the organization the survey asks (the denominator of the response rate). */
    audienceCount: integer().notNull().default(0),
  },
  (t) => [uniqueIndex().on(t.code), uniqueIndex().on(t.surveyId, t.organizationId)],
);

/**
 * A one-time token of an anonymous survey: only its SHA-256, the organization and whether it was used — no
 * person, account, address or time, so a response cannot be traced back to whoever opened the link.
 */
export const surveyTokens = pgTable(
  'survey_tokens',
  {
    tokenHash: text().primaryKey(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    isUsed: boolean().notNull().default(false),
  },
  (t) => [index().on(t.surveyId, t.organizationId)],
);

/**
 * Where the one-time token of an anonymous survey was e-mailed, so that a reminder reaches only those whose
 * token is still unused. It ties an address to a token — never to a response: a response keeps no token,
 * and the rows are deleted when the survey closes.
 */
export const surveyAddresses = pgTable(
  'survey_addresses',
  {
    id: id(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    tokenHash: text()
      .notNull()
      .references(() => surveyTokens.tokenHash, { onDelete: 'cascade' }),
    remindedOn: date(),
  },
  (t) => [uniqueIndex().on(t.surveyId, t.email), uniqueIndex().on(t.tokenHash)],
);

/** An invitation to a named survey: a teacher (or head) of an organization, with a personal token's hash. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: id(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    teacherId: integer()
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    tokenHash: text().notNull(),
    email: text(),
    invitedOn: date().notNull(),
    remindedOn: date(),
    answeredOn: date(),
  },
  (t) => [
    uniqueIndex().on(t.surveyId, t.teacherId),
    uniqueIndex().on(t.tokenHash),
    index().on(t.surveyId, t.organizationId),
  ],
);

/**
 * A response. Anonymous: the organization, the version, the answers and the day — no person, account, token,
 * address or exact time. Named: also the teacher. Age group and «молодой педагог» for cross-tabulation: from
 * the registry (named) or from the survey's own questions (anonymous).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    versionId: integer()
      .notNull()
      .references(() => surveyVersions.id),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    teacherId: integer().references(() => teachers.id, { onDelete: 'set null' }),
    answeredOn: date().notNull(),
    ageGroup: text(),
    isYoung: boolean(),
    answers: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index().on(t.surveyId, t.organizationId), uniqueIndex().on(t.surveyId, t.teacherId)],
);

/**
 * One answer of a response as a row, for formulas and aggregates in SQL: a number (scale, number, a choice's
 * position is not used) or a text value (a choice, one row per chosen option; a matrix row as `question.row`).
 */
export const surveyAnswerItems = pgTable(
  'survey_answer_items',
  {
    id: id(),
    responseId: integer()
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    question: text().notNull(),
    value: doublePrecision(),
    text: text(),
  },
  (t) => [index().on(t.surveyId, t.question), index().on(t.responseId)],
);
