import { loadConfig, type Config } from '../server/config.ts';
import { openDatabase, type Database } from '../server/db/client.ts';

export type Flags = Record<string, string | boolean | undefined>;

export function configFromFlags(flags: Flags): Config {
  return loadConfig(process.env, {
    dataDir: typeof flags.data === 'string' ? flags.data : undefined,
    port: typeof flags.port === 'string' ? Number(flags.port) : undefined,
    host: typeof flags.host === 'string' ? flags.host : undefined,
  });
}

/** Opens the database (refusing a PGlite folder a running server holds), runs `fn`, closes it. */
export async function withDatabase<T>(
  flags: Flags,
  fn: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = configFromFlags(flags);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    lockOwner: { role: 'cli' },
  });
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export function requireFlag(flags: Flags, name: string, hint: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || !value.trim()) {
    throw new Error(`Не указан параметр --${name}: ${hint}`);
  }
  return value.trim();
}

export function intFlag(flags: Flags, name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new Error(`Параметр --${name} должен быть целым числом, получено «${value}».`);
  return n;
}
