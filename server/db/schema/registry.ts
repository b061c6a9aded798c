import { sql } from 'drizzle-orm';
import {
  bigint,
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  ACT_KINDS,
  ASSOCIATION_TYPES,
  CERTIFICATION_RESULTS,
  COMPETENCE_AREAS,
  COMPETITION_RESULTS,
  EDUCATION_LEVELS,
  EVENT_FORMATS,
  EVENT_ROLES,
  EVENT_TYPES,
  LEVELS,
  PROVIDER_KINDS,
  QUALIFICATION_CATEGORIES,
  RESOURCE_KINDS,
  ROUTE_STATUSES,
  SEXES,
  STEP_STATUSES,
  TRAINING_TYPES,
} from '../../../core/enums.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { methodicalSpecialists } from './methodical.ts';

const teacherRef = () =>
  integer()
    .notNull()
    .references(() => teachers.id, { onDelete: 'cascade' });
const organizationRef = () =>
  integer()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
/**
 * The organization that entered a teacher's record (through its workbook): the record is that organization's
 * to change and remove, so the workbook of another organization of a shared teacher never deletes it. Null for
 * records entered by the department or on the teacher's card: any organization of the teacher manages them.
 */
const enteredByRef = () => integer().references(() => organizations.id, { onDelete: 'set null' });

/** A pedagogical worker. Experience is derived from the start date at any reference date, never stored. */
export const teachers = pgTable(
  'teachers',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    lastName: text().notNull(),
    firstName: text().notNull(),
    middleName: text(),
    birthDate: date().notNull(),
    sex: text({ enum: SEXES }).notNull(),
    snils: text(),
    email: text(),
    phone: text(),
    pedagogicalStartDate: date().notNull(),
    qualificationCategory: text({ enum: QUALIFICATION_CATEGORIES }).notNull().default('none'),
    categoryDate: date(),
    isManager: boolean().notNull().default(false),
    ...tracked(),
  },
  (t) => [
    index().on(t.municipalityId),
    // The teachers list is sorted by name: with the whole order in the index, page 1 of 60,000 teachers
    // reads 50 rows in order instead of sorting them all.
    index('teachers_name_order_index').on(t.lastName, t.firstName, t.middleName.asc().nullsFirst(), t.id),
    uniqueIndex().on(t.municipalityId, t.snils),
  ],
);

/** A job of a teacher in an organization; a teacher may hold several (main job and part-time). */
export const positions = pgTable(
  'positions',
  {
    id: id(),
    teacherId: teacherRef(),
    organizationId: organizationRef(),
    title: text().notNull(),
    isMainJob: boolean().notNull().default(true),
    rate: numeric({ precision: 4, scale: 2, mode: 'number' }).notNull().default(1),
    startDate: date().notNull(),
    endDate: date(),
    ...tracked(),
  },
  (t) => [index().on(t.organizationId, t.teacherId), index().on(t.teacherId)],
);

export const teacherSubjects = pgTable(
  'teacher_subjects',
  {
    teacherId: teacherRef(),
    subject: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.teacherId, t.subject] })],
);

export const educations = pgTable(
  'educations',
  {
    id: id(),
    teacherId: teacherRef(),
    level: text({ enum: EDUCATION_LEVELS }).notNull(),
    institution: text().notNull(),
    specialty: text(),
    graduationYear: integer(),
    /** Null: not stated («не указано»). */
    matchesProfile: boolean(),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId)],
);

export const certifications = pgTable(
  'certifications',
  {
    id: id(),
    teacherId: teacherRef(),
    date: date().notNull(),
    result: text({ enum: CERTIFICATION_RESULTS }).notNull(),
    documentNumber: text(),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId, t.date)],
);

/**
 * Catalog of professional deficits (codes are referenced by diagnostics and route steps). municipalityId
 * is the owner: the municipality whose department added the entry; null marks a system-wide entry.
 */
export const deficits = pgTable(
  'deficits',
  {
    code: text().primaryKey(),
    municipalityId: integer().references(() => municipalities.id),
    area: text({ enum: COMPETENCE_AREAS }).notNull(),
    title: text().notNull(),
    description: text(),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId)],
);

/**
 * What a deficit can be worked on with: the catalog the ИОМ builder proposes steps from. A municipality keeps
 * its own resources (its ЦНППМ courses, its seminars); municipalityId null marks a resource shared by all.
 */
export const deficitResources = pgTable(
  'deficit_resources',
  {
    id: id(),
    municipalityId: integer().references(() => municipalities.id),
    deficitCode: text()
      .notNull()
      .references(() => deficits.code, { onDelete: 'cascade' }),
    kind: text({ enum: RESOURCE_KINDS }).notNull(),
    title: text().notNull(),
    provider: text(),
    hours: integer(),
    url: text(),
    area: text({ enum: COMPETENCE_AREAS }),
    ...tracked(),
  },
  (t) => [index().on(t.deficitCode), index().on(t.municipalityId)],
);

export const diagnostics = pgTable(
  'diagnostics',
  {
    id: id(),
    teacherId: teacherRef(),
    date: date().notNull(),
    level: text({ enum: LEVELS }).notNull(),
    instrument: text().notNull(),
    areas: text({ enum: COMPETENCE_AREAS }).array().notNull().default([]),
    score: numeric({ precision: 8, scale: 2, mode: 'number' }),
    maxScore: numeric({ precision: 8, scale: 2, mode: 'number' }),
    deficitCodes: text().array().notNull().default([]),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId, t.date), index().on(t.date)],
);

/** Training providers; municipalityId is the owner as for deficits (null: a system-wide entry). */
export const providers = pgTable(
  'providers',
  {
    id: id(),
    municipalityId: integer().references(() => municipalities.id),
    name: text().notNull(),
    kind: text({ enum: PROVIDER_KINDS }).notNull(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.name), index().on(t.municipalityId)],
);

export const trainings = pgTable(
  'trainings',
  {
    id: id(),
    teacherId: teacherRef(),
    type: text({ enum: TRAINING_TYPES }).notNull(),
    title: text().notNull(),
    providerId: integer().references(() => providers.id),
    hours: integer().notNull(),
    startDate: date().notNull(),
    endDate: date().notNull(),
    documentNumber: text(),
    topics: text().array().notNull().default([]),
    /** How it was held (очно / дистанционно / смешанный); unknown for trainings entered before. */
    format: text({ enum: EVENT_FORMATS }),
    /** Codes of the deficit catalog the training addresses. */
    deficitCodes: text().array().notNull().default([]),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId, t.endDate), index().on(t.endDate)],
);

/** Individual educational route (ИОМ): a plan of steps against the deficits a diagnostic found. */
export const routes = pgTable(
  'routes',
  {
    id: id(),
    teacherId: teacherRef(),
    diagnosticId: integer().references(() => diagnostics.id, { onDelete: 'set null' }),
    startDate: date().notNull(),
    endDate: date().notNull(),
    /** The curator and the tutor from the register of the methodical service; the names stay as typed on older routes. */
    curatorId: integer().references((): AnyPgColumn => methodicalSpecialists.id, { onDelete: 'set null' }),
    tutorId: integer().references((): AnyPgColumn => methodicalSpecialists.id, { onDelete: 'set null' }),
    curatorName: text(),
    tutorName: text(),
    status: text({ enum: ROUTE_STATUSES }).notNull().default('draft'),
    approvedAt: date(),
    /** The curator and the tutor each approve the route; it becomes «утверждён» when both have. */
    curatorApprovedAt: timestamp({ withTimezone: true }),
    curatorApprovedBy: text(),
    tutorApprovedAt: timestamp({ withTimezone: true }),
    tutorApprovedBy: text(),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [
    index().on(t.teacherId),
    index().on(t.startDate, t.endDate),
    index().on(t.curatorId),
    index().on(t.tutorId),
  ],
);

export const routeSteps = pgTable(
  'route_steps',
  {
    id: id(),
    routeId: integer()
      .notNull()
      .references(() => routes.id, { onDelete: 'cascade' }),
    deficitCode: text().references(() => deficits.code),
    /** What the step is (a course, an event…) and the catalog resource it was proposed from, if any. */
    kind: text({ enum: RESOURCE_KINDS }),
    resourceId: integer().references(() => deficitResources.id, { onDelete: 'set null' }),
    title: text().notNull(),
    deadline: date().notNull(),
    status: text({ enum: STEP_STATUSES }).notNull().default('planned'),
    result: text(),
    ...tracked(),
  },
  (t) => [index().on(t.routeId)],
);

export const mentoringPrograms = pgTable(
  'mentoring_programs',
  {
    id: id(),
    organizationId: organizationRef(),
    title: text().notNull(),
    startDate: date().notNull(),
    endDate: date(),
    ...tracked(),
  },
  (t) => [index().on(t.organizationId)],
);

export const mentoringPairs = pgTable(
  'mentoring_pairs',
  {
    id: id(),
    programId: integer().references(() => mentoringPrograms.id, { onDelete: 'set null' }),
    organizationId: organizationRef(),
    mentorId: teacherRef(),
    menteeId: teacherRef(),
    form: text().notNull(),
    startDate: date().notNull(),
    endDate: date(),
    outcome: text(),
    ...tracked(),
  },
  (t) => [index().on(t.mentorId), index().on(t.menteeId), index().on(t.organizationId)],
);

/** Methodical association or professional community (РМО, ШМО, «Школа молодого специалиста», …).
 * organizationId is set for institutional ones (ШМО), null for municipal ones. */
export const associations = pgTable(
  'associations',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    level: text({ enum: LEVELS }).notNull(),
    type: text({ enum: ASSOCIATION_TYPES }).notNull(),
    subject: text(),
    leaderId: integer().references(() => teachers.id, { onDelete: 'set null' }),
    startDate: date().notNull(),
    endDate: date(),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId), index().on(t.organizationId)],
);

export const associationMembers = pgTable(
  'association_members',
  {
    id: id(),
    associationId: integer()
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    teacherId: teacherRef(),
    joinedOn: date().notNull(),
    leftOn: date(),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId), index().on(t.associationId)],
);

/** A methodological event; organizationId null for municipal and higher-level events. */
export const events = pgTable(
  'events',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    level: text({ enum: LEVELS }).notNull(),
    date: date().notNull(),
    format: text({ enum: EVENT_FORMATS }).notNull(),
    /** Семинар, вебинар, открытый урок…; unknown (null) for events entered before kinds were kept. */
    type: text({ enum: EVENT_TYPES }),
    /** Codes of the deficit catalog the event addresses (a seminar on the deficits a diagnostic found). */
    deficitCodes: text().array().notNull().default([]),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId, t.date)],
);

export const eventParticipations = pgTable(
  'event_participations',
  {
    id: id(),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    teacherId: teacherRef(),
    role: text({ enum: EVENT_ROLES }).notNull().default('participant'),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId), uniqueIndex().on(t.eventId, t.teacherId)],
);

export const competitionParticipations = pgTable(
  'competition_participations',
  {
    id: id(),
    teacherId: teacherRef(),
    name: text().notNull(),
    level: text({ enum: LEVELS }).notNull(),
    date: date().notNull(),
    result: text({ enum: COMPETITION_RESULTS }).notNull(),
    organizationId: enteredByRef(),
    ...tracked(),
  },
  (t) => [index().on(t.teacherId)],
);

/** Vacancies of an organization by month (the snapshot taken by the 10th). month is the 1st of the month. */
export const vacancies = pgTable(
  'vacancies',
  {
    id: id(),
    organizationId: organizationRef(),
    month: date().notNull(),
    position: text().notNull(),
    subject: text(),
    count: integer().notNull(),
    ...tracked(),
  },
  (t) => [index().on(t.organizationId, t.month)],
);

/**
 * A reminder about an organization's monthly vacancy report, sent once per organization, month and kind
 * (the daily job may run any number of times): «before» (from the 7th, «до 10-го»), «after» (from the 11th,
 * «не сдано»), «manual» (a methodist's click; `day` makes it one a day).
 */
export const vacancyReminders = pgTable(
  'vacancy_reminders',
  {
    id: id(),
    organizationId: organizationRef(),
    month: date().notNull(),
    kind: text({ enum: ['before', 'after', 'manual'] }).notNull(),
    /** The month itself for «before» and «after»; the day it was sent for «manual». */
    day: date().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recipients: jsonb().$type<string[]>().notNull().default([]),
    error: text(),
  },
  (t) => [uniqueIndex().on(t.organizationId, t.month, t.kind, t.day)],
);

/**
 * A student of целевое обучение (or a graduate) expected by an organization: the inflow of the staffing forecast
 * in the school year starting after the year of graduation.
 */
export const targetStudents = pgTable(
  'target_students',
  {
    id: id(),
    organizationId: organizationRef(),
    fullName: text().notNull(),
    university: text().notNull(),
    specialty: text().notNull(),
    subject: text().notNull(),
    graduationYear: integer().notNull(),
    contractNumber: text().notNull(),
    contractDate: date().notNull(),
    notes: text(),
    ...tracked(),
  },
  (t) => [index().on(t.organizationId), index().on(t.graduationYear)],
);

/** Normative act (НПА) of an organization, or of the municipality when organizationId is null. */
export const normativeActs = pgTable(
  'normative_acts',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text({ enum: ACT_KINDS }).notNull(),
    number: text().notNull(),
    date: date().notNull(),
    title: text().notNull(),
    url: text(),
    validFrom: date().notNull(),
    validTo: date(),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId), index().on(t.organizationId)],
);

/**
 * One row: a number raised once by every committed transaction that changes what indicators are computed
 * from — the registry, the organizations, the programs and the campaigns' participants (deferred triggers,
 * migration `registry_generation`). Values computed while it reads N stay valid while it still reads N
 * (`server/modules/indicators/kept.ts`).
 */
export const registryGeneration = pgTable(
  'registry_generation',
  {
    id: integer().primaryKey().default(1),
    value: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [check('registry_generation_one_row', sql`${t.id} = 1`)],
);

/**
 * A transaction that changed such a table leaves one row here (a statement trigger, no lock on the
 * generation); the row's deferred trigger raises the generation and removes the row at commit. Always
 * empty between transactions.
 */
export const registryGenerationBumps = pgTable('registry_generation_bumps', { id: id() });
