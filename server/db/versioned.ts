import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Updates a row only when its version is still the one the client saw, and bumps the version. Returns
 * false when someone else changed it in between: the caller answers 409 and nothing is overwritten.
 */
export async function updateIfVersion<T extends VersionedTable>(
  db: Db,
  table: T,
  id: number,
  version: number,
  patch: Partial<T['$inferInsert']>,
): Promise<boolean> {
  return updateIfVersionBy(db, table, { column: table.id, value: id }, version, patch);
}

/** updateIfVersion for a table keyed by another column (the deficit catalog by its code). */
export async function updateIfVersionBy<T extends PgTable & { version: PgColumn }>(
  db: Db,
  table: T,
  key: { column: PgColumn; value: unknown },
  version: number,
  patch: Partial<T['$inferInsert']>,
): Promise<boolean> {
  const rows = await db
    .update(table)
    .set({ ...patch, version: sql`${table.version} + 1` } as never)
    .where(and(eq(key.column, key.value), eq(table.version, version)))
    .returning({ key: key.column });
  return rows.length > 0;
}
