import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Primary key: an identity integer, short enough to type in a CLI flag. */
export const id = () => integer().primaryKey().generatedAlwaysAsIdentity();

/** created_at / updated_at / version, on every table that holds what people entered. */
export const tracked = () => ({
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
  version: integer().notNull().default(1),
});
