import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { PLAN_ITEM_KINDS, RESERVE_STATUSES } from '../../../core/reserve/reserve.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { events, routes, teachers, trainings } from './registry.ts';

/**
 * The kinds of position of the кадровый резерв: the built-in ones (a code, no municipality: written by the
 * migration) and those a municipality's department adds (no code).
 */
export const reservePositionKinds = pgTable(
  'reserve_position_kinds',
  {
    id: id(),
    municipalityId: integer().references(() => municipalities.id, { onDelete: 'cascade' }),
    code: text(),
    name: text().notNull(),
    ...tracked(),
  },
  (t) => [
    uniqueIndex().on(t.code),
    uniqueIndex('reserve_position_kinds_name_unique').on(
      sql`coalesce(${t.municipalityId}, 0)`,
      sql`lower(${t.name})`,
    ),
  ],
);

/**
 * A candidate of the кадровый резерв: a teacher of the registry or a person from outside (full name and a
 * contact), proposed by an organization or included by the department (organizationId null).
 */
export const reserveCandidates = pgTable(
  'reserve_candidates',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id, { onDelete: 'cascade' }),
    teacherId: integer().references(() => teachers.id, { onDelete: 'cascade' }),
    fullName: text(),
    contact: text(),
    positionKindId: integer()
      .notNull()
      .references(() => reservePositionKinds.id),
    orderNumber: text().notNull(),
    orderDate: date().notNull(),
    includedDate: date().notNull(),
    reviewedDate: date(),
    status: text({ enum: RESERVE_STATUSES }).notNull().default('reserve'),
    decisionDate: date(),
    appointedPosition: text(),
    appointedOrganizationId: integer().references(() => organizations.id, { onDelete: 'set null' }),
    exclusionReason: text(),
    notes: text(),
    ...tracked(),
  },
  (t) => [index().on(t.municipalityId, t.status), index().on(t.organizationId), index().on(t.teacherId)],
);

/** An item of a candidate's development plan: a training, an ИОМ or an event of the registry, or a free item. */
export const reservePlanItems = pgTable(
  'reserve_plan_items',
  {
    id: id(),
    candidateId: integer()
      .notNull()
      .references(() => reserveCandidates.id, { onDelete: 'cascade' }),
    kind: text({ enum: PLAN_ITEM_KINDS }).notNull(),
    trainingId: integer().references(() => trainings.id, { onDelete: 'set null' }),
    routeId: integer().references(() => routes.id, { onDelete: 'set null' }),
    eventId: integer().references(() => events.id, { onDelete: 'set null' }),
    title: text(),
    dueDate: date(),
    doneDate: date(),
    ...tracked(),
  },
  (t) => [index().on(t.candidateId)],
);
