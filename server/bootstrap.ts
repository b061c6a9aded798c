import { eq, sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { organizations, userRoles, users } from './db/schema/index.ts';
import { recordAudit } from './modules/audit/audit.repository.ts';
import { systemActor } from './modules/auth/access.ts';
import { generatePassword, hashPassword } from './modules/auth/passwords.ts';
import { ensureCatalogs, seedDemo, type DemoResult } from './seed/demo.ts';
import { seedDemoRegion } from './seed/demo-region.ts';

export interface FirstAdmin {
  login: string;
  /** Null when the password came from PEDMONITOR_ADMIN_PASSWORD: it is not printed back. */
  generatedPassword: string | null;
}

/**
 * The first start creates an administrator: login and password from PEDMONITOR_ADMIN_LOGIN /
 * PEDMONITOR_ADMIN_PASSWORD, otherwise a random password shown once. Nothing happens if an admin exists.
 */
export async function ensureAdmin(database: Database, config: Config): Promise<FirstAdmin | null> {
  const db = database.db;
  const existing = await db
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(eq(userRoles.role, 'admin'))
    .limit(1);
  if (existing.length) return null;
  const login = (config.adminLogin ?? 'admin').trim().toLowerCase();
  const password = config.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ login, fullName: 'Администратор системы', passwordHash })
      .onConflictDoUpdate({ target: users.login, set: { passwordHash } })
      .returning();
    await tx.insert(userRoles).values({ userId: user.id, role: 'admin' });
    await recordAudit(tx, systemActor, {
      action: 'create',
      entity: 'user',
      entityId: user.id,
      summary: `Создан администратор ${login} при первом запуске`,
    });
  });
  return { login, generatedPassword: config.adminPassword ? null : password };
}

export async function isDatabaseEmpty(database: Database) {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  return row.n === 0;
}

export interface PreparedDatabase {
  admin: FirstAdmin | null;
  /** The demo district; its accounts include those of the demo region's municipalities. */
  demo: DemoResult | null;
  /** The further municipalities of the demo region, created with the demo district. */
  region: Awaited<ReturnType<typeof seedDemoRegion>> | null;
}

/**
 * Migrates, creates the first admin and, when asked and the database is empty, the demo: the district and the
 * further municipalities of its region (`seed --region`), so the first start shows the regional view with
 * several municipalities to compare. One transaction: a start that fails half-way leaves the database empty,
 * and the next start seeds it again.
 */
export async function prepareDatabase(options: {
  database: Database;
  config: Config;
  seedIfEmpty?: boolean;
  onProgress?: (message: string) => void;
}): Promise<PreparedDatabase> {
  const { database, config } = options;
  options.onProgress?.('Применение миграций базы данных…');
  await database.migrate();
  await ensureCatalogs(database.db);
  const admin = await ensureAdmin(database, config);
  if (!options.seedIfEmpty || !(await isDatabaseEmpty(database))) return { admin, demo: null, region: null };
  options.onProgress?.(
    'База пуста: создаётся демонстрационный район и муниципалитеты региона (около минуты)…',
  );
  return database.db.transaction(async (db) => {
    const demo = await seedDemo({ db, password: config.demoPassword });
    const region = await seedDemoRegion({ db, seed: 1, password: config.demoPassword });
    return { admin, demo: { ...demo, accounts: [...demo.accounts, ...region.accounts] }, region };
  });
}
