import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Who did what, when, with the record before and after. Written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer(),
    userLogin: text(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    municipalityId: integer(),
    organizationId: integer(),
    summary: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
  },
  (t) => [index().on(t.at), index().on(t.entity, t.entityId), index().on(t.organizationId)],
);

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
