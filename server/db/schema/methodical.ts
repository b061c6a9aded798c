import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { SPECIALIST_ROLES } from '../../../core/enums.ts';
import { id, tracked } from './columns.ts';
import { municipalities } from './hierarchy.ts';
import { users } from './accounts.ts';

/**
 * A person of the methodical service who is not staff of an ОО: a methodist of the department or of the
 * municipal methodical service, a ЦНППМ curator, a tutor, a mentor-expert. Chosen as the curator and the tutor
 * of ИОМ; may log in through a linked account (role `specialist`) to see and approve the routes they supervise.
 */
export const methodicalSpecialists = pgTable(
  'methodical_specialists',
  {
    id: id(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    fullName: text().notNull(),
    roles: text({ enum: SPECIALIST_ROLES }).array().notNull(),
    /** What «другое» means for this person. */
    otherRole: text(),
    workplace: text(),
    subjects: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    email: text(),
    phone: text(),
    isActive: boolean().notNull().default(true),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    notes: text(),
    ...tracked(),
  },
  (t) => [
    index().on(t.municipalityId, t.isActive),
    uniqueIndex('methodical_specialists_user_unique').on(t.userId),
  ],
);
