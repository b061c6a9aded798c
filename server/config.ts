import path from 'node:path';

export interface Config {
  /** PostgreSQL connection string; absent means the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  sessionTtlHours: number;
  cookieSecure: boolean;
  adminLogin?: string;
  adminPassword?: string;
  demoPassword?: string;
  /** Login attempts allowed per IP within `loginWindowMinutes`. */
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  webDist: string;
}

export const ROOT_DIR = path.resolve(import.meta.dirname, '..');

export interface ConfigOverrides {
  dataDir?: string;
  port?: number;
  host?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const port = overrides.port ?? (env.PORT ? Number(env.PORT) : 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`Некорректный порт: ${env.PORT}. Укажите число от 1 до 65535.`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(overrides.dataDir ?? env.PEDMONITOR_DATA ?? path.join(process.cwd(), 'data')),
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    port,
    sessionTtlHours: Number(env.PEDMONITOR_SESSION_TTL_HOURS ?? 12),
    cookieSecure: env.PEDMONITOR_COOKIE_SECURE === '1' || env.PEDMONITOR_COOKIE_SECURE === 'true',
    adminLogin: env.PEDMONITOR_ADMIN_LOGIN || undefined,
    adminPassword: env.PEDMONITOR_ADMIN_PASSWORD || undefined,
    demoPassword: env.PEDMONITOR_DEMO_PASSWORD || undefined,
    loginMaxAttempts: Number(env.PEDMONITOR_LOGIN_MAX_ATTEMPTS ?? 10),
    loginWindowMinutes: Number(env.PEDMONITOR_LOGIN_WINDOW_MINUTES ?? 15),
    trustProxy: env.PEDMONITOR_TRUST_PROXY === '1' || env.PEDMONITOR_TRUST_PROXY === 'true',
    webDist: path.join(ROOT_DIR, 'web', 'dist'),
  };
}
