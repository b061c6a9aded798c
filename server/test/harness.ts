import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../http/cross-site.ts';
import { openDatabase, type Database } from '../db/client.ts';
import type { ProgramTemplate } from '../../core/templates/types.ts';
import { findTemplate } from '../../core/templates/index.ts';
import { withOpenLessonsReport } from '../../core/templates/open-lessons-report.ts';
import { insertProgramFromTemplate } from '../modules/programs/programs.repository.ts';
import { PGLITE_TEMPLATE_ENV } from './pglite-template.ts';

/**
 * node-postgres (pg 8) warns once per process when a query is sent on a client still running another one —
 * `Promise.all` over queries inside a transaction — and pg 9 refuses it. On PostgreSQL the test file fails
 * when its database is closed if that happened (see db/in-order.ts).
 */
const CONCURRENT_QUERY = /client is already executing a query/;
const concurrentQueries: string[] = [];
let isWatching = false;
function watchConcurrentQueries() {
  if (isWatching) return;
  isWatching = true;
  process.on('warning', (warning) => {
    if (CONCURRENT_QUERY.test(warning.message)) concurrentQueries.push(warning.stack ?? warning.message);
  });
}
function assertNoConcurrentQueries() {
  if (concurrentQueries.length)
    throw new Error(`Queries were sent together on one connection:\n${concurrentQueries.join('\n')}`);
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or — when DATABASE_URL is set — a new
 * database on that PostgreSQL server, dropped at the end.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // The migrated cluster made once for the run (test/pglite-template.ts): loading it costs a fifth of
    // creating and migrating a cluster, in each of some 150 test files.
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const database = await openDatabase({
      inMemory: true,
      loadDataDir: template ? new Blob([readFileSync(template)]) : undefined,
    });
    await database.migrate();
    return database;
  }
  watchConcurrentQueries();
  const name = `pm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: testUrl.toString() });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      assertNoConcurrentQueries();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Records the SQL text of every query the database handle sends until `stop()` (PGlite and node-postgres
 * alike: both are reached through the client's `query`), for tests that count what a request costs.
 */
export function recordQueries(database: Database) {
  const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
  const original = client.query;
  const queries: string[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    queries.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
    return original.apply(this, args);
  };
  return {
    queries,
    stop() {
      client.query = original;
    },
  };
}

/** A route as registered, for tests that sweep every route (HEAD twins of GET routes left out). */
export interface RegisteredRoute {
  method: string;
  /** The pattern, e.g. `/api/teachers/:id`. */
  url: string;
  isPublic: boolean;
  /** Left out of the OpenAPI document (`schema.hide`). */
  isHidden: boolean;
  /** The fields of its JSON body schema (a zod object), [] for another body schema, null without one. */
  bodyFields: string[] | null;
}

export interface TestApp {
  app: FastifyInstance;
  /** Every route of the app, in registration order. */
  routes: RegisteredRoute[];
  database: Database;
  config: Config;
  close(): Promise<void>;
  /** Logs in and returns the Cookie header value for later requests. */
  login(login: string, password: string): Promise<string>;
  request(options: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    cookie?: string;
    body?: unknown;
  }): Promise<LightMyRequestResponse>;
}

function bodyFieldsOf(body: unknown): string[] | null {
  if (!body) return null;
  const shape = (body as { shape?: Record<string, unknown> }).shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

/**
 * Every `app.inject` of a test sends the header of the web client (server/http/cross-site.ts), so that tests
 * of state-changing routes pass the cross-site check without knowing of it. A test of the check itself
 * leaves the header out with `headers: { 'x-requested-with': undefined }`.
 */
function sendLikeTheWebClient(app: FastifyInstance) {
  const inject = app.inject.bind(app) as (options?: InjectOptions | string) => unknown;
  const patched = (options?: InjectOptions | string) => {
    if (options === undefined) return inject();
    const opts: InjectOptions = typeof options === 'string' ? { url: options } : options;
    const given = Object.entries(opts.headers ?? {});
    const headers = Object.fromEntries(given.filter(([, value]) => value !== undefined));
    if (!given.some(([name]) => name.toLowerCase() === REQUEST_HEADER))
      headers[REQUEST_HEADER] = REQUEST_HEADER_VALUE;
    return inject({ ...opts, headers });
  };
  (app as unknown as { inject: typeof patched }).inject = patched;
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  options: { logger?: object } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({}), webDist: '/nonexistent', loginMaxAttempts: 1000, ...overrides };
  const registered: RegisteredRoute[] = [];
  const app = await buildApp({
    database,
    config,
    logger: options.logger,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        registered.push({
          method,
          url: route.url,
          isPublic: route.config?.isPublic === true,
          isHidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
          bodyFields: bodyFieldsOf(route.schema?.body),
        });
      }
    },
  });
  await app.ready();
  sendLikeTheWebClient(app);
  // Fastify adds a HEAD twin to every GET route, running the same handler and hooks.
  const getUrls = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
  const routes = registered.filter((r) => !(r.method === 'HEAD' && getUrls.has(r.url)));
  const request: TestApp['request'] = ({ method, url, cookie, body }) =>
    app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    routes,
    database,
    config,
    request,
    async close() {
      await app.close();
      await database.close();
    },
    async login(login, password) {
      const response = await request({ method: 'POST', url: '/api/auth/login', body: { login, password } });
      if (response.statusCode !== 200) throw new Error(`login ${login} failed: ${response.body}`);
      const setCookie = response.headers['set-cookie'];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      return first!.split(';')[0];
    },
  };
}

/**
 * A program loaded from a seed template into a municipality and its campaign of one year, both created by the
 * user of `cookie` through the API; throws with the server's answer when either is refused.
 */
export async function campaignFromTemplate(
  t: TestApp,
  cookie: string,
  options: {
    municipalityId: number;
    templateCode?: string;
    /** A template object instead of a code (for example seed 000 with the open-lesson report). */
    template?: ProgramTemplate;
    year?: number;
    campaign?: Record<string, unknown>;
  },
): Promise<{ programId: number; campaignId: number }> {
  let programId: number;
  if (options.template) {
    programId = await insertProgramFromTemplate(t.database.db, options.municipalityId, options.template);
  } else {
    const program = await t.request({
      method: 'POST',
      url: '/api/programs/from-template',
      cookie,
      body: {
        municipalityId: options.municipalityId,
        templateCode: options.templateCode ?? 'seed-000-kardymovsky',
      },
    });
    if (program.statusCode >= 300)
      throw new Error(`program from template: ${program.statusCode} ${program.body}`);
    programId = program.json().id as number;
  }
  const campaign = await t.request({
    method: 'POST',
    url: '/api/campaigns',
    cookie,
    body: { programId, year: options.year ?? 2025, ...options.campaign },
  });
  if (campaign.statusCode !== 201) throw new Error(`campaign: ${campaign.statusCode} ${campaign.body}`);
  return { programId, campaignId: campaign.json().campaign.id as number };
}

/** Seed 000 with the open-lesson report of the demo: integer form fields and the form indicator 3.4. */
export const KARDYMOVSKY_WITH_FORM: ProgramTemplate = withOpenLessonsReport(
  findTemplate('seed-000-kardymovsky')!,
);
