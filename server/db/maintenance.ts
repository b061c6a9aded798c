import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';

/**
 * PGlite runs PostgreSQL in a single process with no background workers, so nothing ever vacuums or
 * analyzes its tables: the planner would plan against the statistics of the day the tables were empty,
 * and rows left by updates would pile up. The server does it itself — soon after it starts (not before it
 * listens: start-up stays quick) and every few hours.
 * PostgreSQL has its own autovacuum, so there this does nothing.
 */
export async function maintainDatabase(database: Pick<Database, 'db' | 'kind'>): Promise<boolean> {
  if (database.kind !== 'pglite') return false;
  await database.db.execute(sql`vacuum (analyze)`);
  return true;
}

const FIRST_AFTER_MS = 10_000;
const EVERY_MS = 6 * 3600_000;

/** Runs the maintenance in the background, first soon after start, then every six hours; returns a stop. */
export function scheduleMaintenance(database: Pick<Database, 'db' | 'kind'>, log: (message: string) => void) {
  if (database.kind !== 'pglite') return () => undefined;
  const run = () =>
    maintainDatabase(database).catch((e) =>
      log(`Обслуживание базы данных не выполнено: ${e instanceof Error ? e.message : String(e)}`),
    );
  const first = setTimeout(run, FIRST_AFTER_MS);
  const every = setInterval(run, EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
