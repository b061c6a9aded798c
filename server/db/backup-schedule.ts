import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createBackup } from './backup.ts';
import type { Database } from './client.ts';

/** Daily backups are named by their UTC moment, so that the names sort as the backups were made. */
const NAME = /^pedmonitor-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.pmbackup$/;
const DAY_MS = 24 * 3600_000;

export function backupFileName(at: Date): string {
  return `pedmonitor-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.pmbackup`;
}

function madeAt(name: string): number | null {
  const m = NAME.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`) : null;
}

/** The daily backups in `dir`, oldest first (other files of the folder are not ours and are left alone). */
export function listDailyBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => madeAt(name) !== null)
    .sort();
}

/**
 * One check of the daily backup: makes a backup when the newest in `dir` is a day old (or there is none),
 * then keeps the newest `keep` and deletes the older ones. Returns the file made, or null.
 */
export async function runDailyBackup(options: {
  database: Pick<Database, 'db' | 'kind'>;
  dir: string;
  keep: number;
  now?: Date;
}): Promise<string | null> {
  const now = options.now ?? new Date();
  mkdirSync(options.dir, { recursive: true });
  const newest = listDailyBackups(options.dir).at(-1);
  if (newest && now.getTime() - madeAt(newest)! < DAY_MS) return null;
  const file = path.join(options.dir, backupFileName(now));
  await createBackup({ database: options.database, file });
  const all = listDailyBackups(options.dir);
  for (const old of all.slice(0, Math.max(0, all.length - options.keep)))
    rmSync(path.join(options.dir, old), { force: true });
  return file;
}

const FIRST_AFTER_MS = 60_000;
const CHECK_EVERY_MS = 3600_000;

/**
 * The daily backup in the background: a check a minute after start (start-up is not delayed) and every
 * hour; a backup is made when the newest is a day old, so restarts do not multiply them. A failure is
 * logged and tried again at the next check. Returns a stop.
 */
export function scheduleBackups(options: {
  database: Pick<Database, 'db' | 'kind'>;
  dir: string;
  keep: number;
  log: (message: string) => void;
  run?: typeof runDailyBackup;
}) {
  const run = options.run ?? runDailyBackup;
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      await run({ database: options.database, dir: options.dir, keep: options.keep });
    } catch (e) {
      options.log(
        `Ежедневная резервная копия в ${options.dir} не создана: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), FIRST_AFTER_MS);
  const every = setInterval(() => void check(), CHECK_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
