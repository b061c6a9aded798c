import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  bigint,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../../core/enums.ts';
import { id, tracked } from './columns.ts';
import { municipalities, organizations, regions } from './hierarchy.ts';
import { associations, teachers } from './registry.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    login: text().notNull(),
    fullName: text().notNull(),
    email: text(),
    passwordHash: text().notNull(),
    isActive: boolean().notNull().default(true),
    teacherId: integer().references(() => teachers.id, { onDelete: 'set null' }),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...tracked(),
  },
  (t) => [uniqueIndex().on(t.login)],
);

/** A role with its scope: admin (everything, or one municipality), coordinator (a municipality),
 * org_manager and teacher (an organization), association_leader (an association), specialist (a
 * municipality: a person of the methodical service, linked from methodical_specialists.user_id),
 * regional_coordinator (a region: reads its municipalities' aggregates; teachers' personal data only
 * with `personal_data`, which only a global admin sets). */
export const userRoles = pgTable(
  'user_roles',
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: ROLES }).notNull(),
    municipalityId: integer().references(() => municipalities.id),
    organizationId: integer().references(() => organizations.id),
    associationId: integer().references(() => associations.id),
    regionId: integer().references(() => regions.id),
    /** A regional grant that may read teachers' personal data of its region's municipalities. */
    personalData: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.userId),
    check(
      'user_roles_scope',
      sql`(${t.role} = 'admin')
        or (${t.role} = 'coordinator' and ${t.municipalityId} is not null)
        or (${t.role} in ('org_manager', 'teacher') and ${t.organizationId} is not null)
        or (${t.role} = 'association_leader' and ${t.associationId} is not null)
        or (${t.role} = 'specialist' and ${t.municipalityId} is not null)
        or (${t.role} = 'regional_coordinator' and ${t.regionId} is not null)`,
    ),
  ],
);

/**
 * One row: a number raised by every committed transaction that changes what a user's grants resolve to —
 * the grants themselves, an organization's or an association's municipality, a municipality's region or the
 * municipalities of a region (statement triggers, migration `grant_generation`). Each request reads it with
 * its session, and the grants kept in memory under the same number are used as they are
 * (`server/modules/auth/auth.repository.ts`).
 */
export const grantGeneration = pgTable(
  'grant_generation',
  {
    id: integer().primaryKey().default(1),
    value: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [check('grant_generation_one_row', sql`${t.id} = 1`)],
);

/** Sessions are stored by the SHA-256 of the cookie token: a stolen database does not log anyone in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

/**
 * A school asking to add a position to a teacher of another organization (found by СНИЛС). Until the
 * teacher's current organization (its head) or the coordinator confirms, no position exists and the asking
 * school reads nothing of the teacher but the name on the request.
 */
export const teacherAttachRequests = pgTable(
  'teacher_attach_requests',
  {
    id: id(),
    teacherId: integer()
      .notNull()
      .references(() => teachers.id, { onDelete: 'cascade' }),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id, { onDelete: 'cascade' }),
    organizationId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The position asked for, as the attach request gave it. */
    position: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ['pending', 'confirmed', 'refused'] })
      .notNull()
      .default('pending'),
    requestedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    requestedByName: text().notNull(),
    decidedBy: integer().references(() => users.id, { onDelete: 'set null' }),
    decidedByName: text(),
    decidedAt: timestamp({ withTimezone: true }),
    comment: text(),
    ...tracked(),
  },
  (t) => [
    index().on(t.teacherId),
    index().on(t.organizationId),
    uniqueIndex()
      .on(t.teacherId, t.organizationId)
      .where(sql`status = 'pending'`),
  ],
);
