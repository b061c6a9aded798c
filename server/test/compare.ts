import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';

/**
 * Everything a database holds, for comparing two of them (also across engines): every table of the
 * application with its rows as JSON (bytea as hex, times in UTC), sorted, and the
 * stored files' contents as they come from the driver.
 */
export async function snapshotDatabase(db: Db) {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`set local timezone = 'UTC'`);
    const tables = (
      await queryRows<{ name: string }>(
        t,
        sql`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      )
    ).map((r) => r.name);
    const rows: Record<string, string[]> = {};
    for (const table of tables) {
      rows[table] = (
        await queryRows<{ j: string }>(t, sql`select to_jsonb(x)::text as j from ${sql.raw(`"${table}"`)} x`)
      )
        .map((r) => r.j)
        .sort();
    }
    const files = tables.includes('files')
      ? await queryRows<{ id: number; content: Uint8Array }>(
          t,
          sql`select id, content from files order by id`,
        )
      : [];
    return {
      tables,
      rows,
      files: files.map((f) => ({ id: f.id, content: Buffer.from(f.content) })),
    };
  });
}
