import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';

/**
 * PGlite runs PostgreSQL in a single process with no background workers, so nothing ever vacuums or
 * analyzes its tables: the planner would plan against the statistics of the day the tables were empty,
 * and rows left by updates would pile up. The server does it itself — on start and every few hours.
 * PostgreSQL has its own autovacuum, so there this does nothing.
 */
export async function maintainDatabase(database: Pick<Database, 'db' | 'kind'>): Promise<boolean> {
  if (database.kind !== 'pglite') return false;
  await database.db.execute(sql`vacuum (analyze)`);
  return true;
}

const EVERY_MS = 6 * 3600_000;

/** Runs the maintenance every six hours in the background; returns a function that stops it. */
export function scheduleMaintenance(database: Pick<Database, 'db' | 'kind'>, log: (message: string) => void) {
  if (database.kind !== 'pglite') return () => undefined;
  const every = setInterval(() => {
    maintainDatabase(database).catch((e) =>
      log(`Обслуживание базы данных не выполнено: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, EVERY_MS);
  every.unref();
  return () => clearInterval(every);
}
