import path from 'node:path';
import { normalizeOrigin } from './http/cross-site.ts';

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
  /** A fixed «today» (YYYY-MM-DD) for demonstrations and tests of deadlines; the real date when absent. */
  fixedToday?: string;
  /** Behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * Origins (`https://pedmonitor.example.ru`) whose pages may change data besides the address the request
   * came to: the public address when a reverse proxy rewrites Host (PEDMONITOR_ALLOWED_ORIGINS, comma-separated).
   */
  allowedOrigins: string[];
  webDist: string;
  /** The folder of the server's daily backups (PEDMONITOR_BACKUP_DIR); none are made when absent. */
  backupDir?: string;
  /** How many daily backups to keep (PEDMONITOR_BACKUP_KEEP, 7 by default). */
  backupKeep: number;
  /** Limits on uploaded files (workbooks, CSV sheets, campaign forms): see docs/exchange-format.md. */
  fileLimits: FileLimits;
}

export interface FileLimits {
  /** Bytes of one uploaded file as it arrives. */
  uploadBytes: number;
  /** Bytes of all the parts of an .xlsx (a ZIP) once unpacked, as declared and as actually inflated. */
  unzippedBytes: number;
  /** Bytes of one part of an .xlsx once unpacked. */
  entryBytes: number;
  /** Unpacked to packed size of one part above 1 MB: a ZIP bomb packs gigabytes of zeros 1000:1. */
  compressionRatio: number;
  /** Rows with data on one sheet (or in one CSV file). */
  rowsPerSheet: number;
  /** Errors a preview lists (the count of all of them is reported beside). */
  errorsListed: number;
}

const MB = 1024 * 1024;

export const DEFAULT_FILE_LIMITS: FileLimits = {
  uploadBytes: 20 * MB,
  unzippedBytes: 200 * MB,
  entryBytes: 100 * MB,
  compressionRatio: 100,
  rowsPerSheet: 100_000,
  errorsListed: 200,
};

/** A positive number from the environment (fractions of megabytes allowed), or the default. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, unit = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`Некорректное значение ${name}: «${raw}». Укажите положительное число.`);
  return Math.round(value * unit);
}

export function fileLimitsFrom(env: NodeJS.ProcessEnv): FileLimits {
  const d = DEFAULT_FILE_LIMITS;
  return {
    uploadBytes: positive(env, 'PEDMONITOR_UPLOAD_MAX_MB', d.uploadBytes, MB),
    unzippedBytes: positive(env, 'PEDMONITOR_UNZIPPED_MAX_MB', d.unzippedBytes, MB),
    entryBytes: positive(env, 'PEDMONITOR_UNZIPPED_ENTRY_MAX_MB', d.entryBytes, MB),
    compressionRatio: positive(env, 'PEDMONITOR_COMPRESSION_RATIO_MAX', d.compressionRatio),
    rowsPerSheet: positive(env, 'PEDMONITOR_IMPORT_MAX_ROWS', d.rowsPerSheet),
    errorsListed: positive(env, 'PEDMONITOR_IMPORT_ERRORS_LISTED', d.errorsListed),
  };
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
  const backupKeep = Number(env.PEDMONITOR_BACKUP_KEEP || 7);
  if (!Number.isInteger(backupKeep) || backupKeep < 1) {
    throw new Error(
      `Некорректное число копий PEDMONITOR_BACKUP_KEEP: ${env.PEDMONITOR_BACKUP_KEEP}. Укажите целое число от 1.`,
    );
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
    fixedToday: env.PEDMONITOR_TODAY || undefined,
    trustProxy: env.PEDMONITOR_TRUST_PROXY === '1' || env.PEDMONITOR_TRUST_PROXY === 'true',
    allowedOrigins: parseAllowedOrigins(env.PEDMONITOR_ALLOWED_ORIGINS),
    webDist: path.join(ROOT_DIR, 'web', 'dist'),
    backupDir: env.PEDMONITOR_BACKUP_DIR ? path.resolve(env.PEDMONITOR_BACKUP_DIR) : undefined,
    backupKeep,
    fileLimits: fileLimitsFrom(env),
  };
}

function parseAllowedOrigins(value: string | undefined): string[] {
  const origins: string[] = [];
  for (const item of (value ?? '').split(',').map((v) => v.trim())) {
    if (!item) continue;
    const origin = normalizeOrigin(item);
    if (!origin) {
      throw new Error(
        `Некорректный адрес в PEDMONITOR_ALLOWED_ORIGINS: «${item}». Укажите адреса вида https://pedmonitor.example.ru через запятую.`,
      );
    }
    origins.push(origin);
  }
  return origins;
}

/** Today's date as the server sees it (local calendar day), or the fixed one of the configuration. */
export function todayOf(config: Pick<Config, 'fixedToday'>): string {
  if (config.fixedToday) return config.fixedToday;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The moment to stamp an action with: now, or noon of the fixed «today» when the configuration fixes it. */
export function nowFor(today: string): Date {
  return today === todayOf({}) ? new Date() : new Date(`${today}T12:00:00Z`);
}
