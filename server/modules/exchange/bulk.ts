import { getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { pushTo } from './collections.ts';

/**
 * Set-based writes for imports: thousands of rows in a handful of statements instead of one query per row.
 * Used inside the import's transaction only.
 */

const CHUNK = 5000;

type IdTable = PgTable & { id: PgColumn; version: PgColumn };

const columnName = (column: PgColumn) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/** Rows keyed by column name, for json_populate_recordset. */
function byColumnName(table: PgTable, rows: Record<string, unknown>[]) {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row))
      if (columns[key] && value !== undefined) out[columnName(columns[key])] = value;
    return out;
  });
}

/**
 * Inserts rows as one JSON parameter per chunk (`json_populate_recordset`): no per-value parameters to build,
 * which is what makes ten thousand rows quick. Rows of a chunk that set different columns go in separate
 * statements, so the omitted ones take their defaults.
 */
async function insertJson(db: Db, table: PgTable, rows: Record<string, unknown>[], withIds: boolean) {
  const name = sql.identifier(getTableName(table));
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = Object.keys(row).sort().join(',');
    pushTo(groups, key, row);
  }
  for (const [key, group] of groups) {
    const columns = sql.join(
      key.split(',').map((c) => sql.identifier(c)),
      sql`, `,
    );
    for (let i = 0; i < group.length; i += JSON_CHUNK) {
      const json = JSON.stringify(group.slice(i, i + JSON_CHUNK));
      await db.execute(
        sql`insert into ${name} (${columns}) ${withIds ? sql`overriding system value` : sql``} select ${columns} from json_populate_recordset(null::${name}, ${json}::json)`,
      );
    }
  }
}

const JSON_CHUNK = 2000;

/** Inserts rows and returns their ids in the order of the rows (taken from the table's sequence beforehand). */
export async function insertRows(db: Db, table: IdTable, rows: Record<string, unknown>[]): Promise<number[]> {
  if (!rows.length) return [];
  const name = getTableName(table);
  const result = (await db.execute(
    sql`select nextval(pg_get_serial_sequence(${name}, 'id'))::int as id from generate_series(1, ${rows.length})`,
  )) as unknown as { rows: { id: number }[] };
  const ids = result.rows.map((r) => Number(r.id));
  await insertJson(
    db,
    table,
    byColumnName(table, rows).map((r, i) => ({ ...r, id: ids[i] })),
    true,
  );
  return ids;
}

/** Inserts rows of a table whose ids nobody needs back (the audit log, subjects). */
export async function insertPlainRows(db: Db, table: PgTable, rows: Record<string, unknown>[]) {
  if (rows.length) await insertJson(db, table, byColumnName(table, rows), false);
}

/**
 * Updates many rows of a table, each with its own values, bumping version and updated_at: one
 * `update … from json_populate_recordset(…)` statement per chunk of rows that change the same fields.
 */
export async function updateRows(
  db: Db,
  table: IdTable,
  rows: { id: number; patch: Record<string, unknown> }[],
) {
  const name = sql.identifier(getTableName(table));
  const records = byColumnName(
    table,
    rows.map((r) => ({ ...r.patch, id: r.id })),
  );
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const record of records) {
    const key = Object.keys(record)
      .filter((k) => k !== 'id')
      .sort()
      .join(',');
    pushTo(groups, key, record);
  }
  for (const [key, group] of groups) {
    const sets = [
      ...(key ? key.split(',') : []).map((c) => sql`${sql.identifier(c)} = v.${sql.identifier(c)}`),
      sql`"version" = t."version" + 1`,
      sql`"updated_at" = now()`,
    ];
    for (let i = 0; i < group.length; i += JSON_CHUNK) {
      const json = JSON.stringify(group.slice(i, i + JSON_CHUNK));
      await db.execute(
        sql`update ${name} as t set ${sql.join(sets, sql`, `)} from json_populate_recordset(null::${name}, ${json}::json) as v where t."id" = v."id"`,
      );
    }
  }
}

export async function deleteRows(db: Db, table: IdTable, ids: number[]) {
  for (let i = 0; i < ids.length; i += CHUNK)
    await db.delete(table).where(inArray(table.id, ids.slice(i, i + CHUNK)));
}

/** Current versions of rows, locked until the transaction ends; a missing row is absent from the map. */
export async function lockVersions(db: Db, table: IdTable, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({ id: table.id, version: table.version })
      .from(table)
      .where(inArray(table.id, ids.slice(i, i + CHUNK)))
      .for('update');
    for (const r of rows) out.set(r.id as number, r.version as number);
  }
  return out;
}
