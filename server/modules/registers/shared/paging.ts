import { getTableName, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import type { Page } from './http.ts';

/**
 * A page of rows and the total count of the same condition: two Drizzle queries, run one after the other
 * (not together: the handle may be a transaction, one connection — see db/in-order.ts).
 */
export async function paged<Row>(rows: PromiseLike<Row[]>, total: PromiseLike<{ total: number }[]>) {
  const items = await rows;
  const [{ total: count }] = await total;
  return { rows: items, total: count };
}

export const offsetOf = (q: Page) => (q.page - 1) * q.pageSize;

export const countWhere = (db: Db, table: PgTable, where: SQL | undefined) =>
  db
    .select({ total: sql<number>`count(*)::int` })
    .from(table)
    .where(where);

/**
 * A column of the outer query inside a correlated subquery. Drizzle prints the columns of a single-table
 * select without their table, so `${providers.id}` inside a subquery over another table would silently
 * mean that table's own `id`. The database uses snake_case names (the client's casing option).
 */
export const outer = (column: PgColumn) =>
  sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.keyAsName ? toSnakeCase(column.name) : column.name)}`;
