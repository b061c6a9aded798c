import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { PartnershipPlanItem } from '../../../core/groups/partnership.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations } from './hierarchy.ts';
import { events } from './registry.ts';

/** A group of organizations the department defines («500+», «Точка роста», базовые площадки РИПК). */
export const organizationGroups = pgTable(
  'organization_groups',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    name: text().notNull(),
    description: text(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.municipalityId, t.name)],
);

/** An organization in a group: any organization may be in any number of groups of its municipality. */
export const organizationGroupMembers = pgTable(
  'organization_group_members',
  {
    groupId: integer()
      .notNull()
      .references(() => organizationGroups.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.organizationId] }), index().on(t.organizationId)],
);

/**
 * A school partnership (сетевое взаимодействие, seeds 001 and 004): a strong school supporting one with
 * low results, with a plan of dated items, the events held together and the outcomes.
 */
export const schoolPartnerships = pgTable(
  'school_partnerships',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    strongOrganizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    weakOrganizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    startDate: date().notNull(),
    endDate: date(),
    plan: jsonb().$type<PartnershipPlanItem[]>().notNull().default([]),
    outcomes: text(),
    ...tracked(),
  },
  (t) => [
    index().on(t.municipalityId),
    index().on(t.weakOrganizationId),
    check('school_partnerships_two_schools', sql`${t.strongOrganizationId} <> ${t.weakOrganizationId}`),
    check('school_partnerships_dates', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

/** An event of the events register held within a partnership. */
export const schoolPartnershipEvents = pgTable(
  'school_partnership_events',
  {
    partnershipId: integer()
      .notNull()
      .references(() => schoolPartnerships.id, { onDelete: 'cascade' }),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.eventId] }), index().on(t.eventId)],
);
