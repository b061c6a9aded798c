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
  const rows = await db
    .update(table)
    .set({ ...patch, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id });
  return rows.length > 0;
}
