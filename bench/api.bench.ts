/**
 * How the API answers the pages people open most, for a municipality the size of a whole region (2,000
 * organizations, 60,000 teachers) on the embedded PGlite: the organizations list, the teachers search with
 * filters, a teacher card, a campaign page with its completeness table, the results table and a
 * drill-down, the analysis of a campaign, an organization's monitoring card. Requests go through the real
 * server (Fastify inject: routing, session, authorization, validation, serialization). Goal: each under
 * 150 ms once warm. On PGlite, and on PostgreSQL when BENCH_DATABASE_URL names a server where the database
 * pedmonitor_bench may be created and dropped (BENCH_ENGINE=pglite|postgres measures one).
 */
import { maintainDatabase } from '../server/db/maintenance.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { expandAnalysis } from '../core/analysis/compact.ts';
import { expandResults } from '../core/indicators/compact-results.ts';
import { findTemplate } from '../core/templates/index.ts';
import { buildApp } from '../server/app.ts';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../server/http/cross-site.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { insertProgramFromTemplate } from '../server/modules/programs/programs.repository.ts';
import { createUser } from '../server/seed/factories.ts';
import { generateRegion } from './generate-region.ts';
import { median, timed, writeReport } from './report.ts';

const SIZE = {
  organizations: Number(process.env.BENCH_ORGANIZATIONS ?? 2000),
  teachers: Number(process.env.BENCH_TEACHERS ?? 60000),
};
const RUNS = 5;
const GOAL_MS = 150;
const PASSWORD = 'bench-password-1';

type Engine = 'pglite' | 'postgres';
// Not DATABASE_URL: the bench creates and drops a database on the server it is given.
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME || 'pedmonitor_bench';

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function open(
  engine: Engine,
): Promise<{ database: Database; where: string; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bench-'));
    const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'bench' } });
    return {
      database,
      where: `PGlite (${dir})`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  await adminQuery(`drop database if exists ${BENCH_DATABASE}`);
  await adminQuery(`create database ${BENCH_DATABASE}`);
  const u = new URL(POSTGRES_URL!);
  u.pathname = `/${BENCH_DATABASE}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  return {
    database,
    where: `PostgreSQL (${u.host}/${BENCH_DATABASE})`,
    drop: () => adminQuery(`drop database if exists ${BENCH_DATABASE}`),
  };
}

async function measure(engine: Engine) {
  const { database, where, drop } = await open(engine);
  try {
    console.log(`\nБенчмарк API: ${SIZE.organizations} организаций, ${SIZE.teachers} педагогов, ${where}`);
    await timed('миграции', () => database.migrate());
    const { result: region } = await timed('генерация данных', () => generateRegion(database.db, SIZE));
    const programId = await insertProgramFromTemplate(
      database.db,
      region.municipalityId,
      findTemplate('seed-004-myasnikovsky')!,
    );
    await createUser(database.db, {
      login: 'bench',
      password: PASSWORD,
      grants: [{ role: 'coordinator', municipalityId: region.municipalityId }],
    });
    // As the server does soon after it starts: the embedded database has no autovacuum.
    await maintainDatabase(database);

    const config = { ...loadConfig({}), webDist: '/nonexistent', fixedToday: '2026-05-20' };
    const app = await buildApp({ database, config });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { [REQUEST_HEADER]: REQUEST_HEADER_VALUE },
      payload: { login: 'bench', password: PASSWORD },
    });
    const setCookie = login.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response;
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie, [REQUEST_HEADER]: REQUEST_HEADER_VALUE },
      payload: { programId, year: 2025 },
    });
    if (created.statusCode !== 201 && created.statusCode !== 200)
      throw new Error(`campaign: ${created.statusCode} ${created.body}`);
    const campaignId = created.json().campaign.id as number;
    const firstTeacher = (await get('/api/teachers?pageSize=1')).json()[0].id as number;
    const firstOrganization = (await get('/api/organizations?page=1&pageSize=1')).json()[0].id as number;
    const firstIndicator = (await get(`/api/programs/${programId}`)).json();
    const code = (firstIndicator.criteria?.[0]?.indicators?.[0]?.code ?? '1.1') as string;

    const pages: [string, string][] = [
      ['организации, страница 1', '/api/organizations?page=1&pageSize=50'],
      ['организации, поиск', `/api/organizations?search=${encodeURIComponent('школа')}&pageSize=50`],
      ['педагоги, страница 1', '/api/teachers?page=1&pageSize=50'],
      ['педагоги: молодые, стаж до 5 лет', '/api/teachers?young=true&experienceTo=5&pageSize=50'],
      ['педагоги: есть ИОМ', '/api/teachers?hasRoute=true&pageSize=50'],
      ['карточка педагога', `/api/teachers/${firstTeacher}`],
      ['страница мониторинга (полнота)', `/api/campaigns/${campaignId}`],
      ['таблица результатов', `/api/campaigns/${campaignId}/results`],
      [
        'детализация значения',
        `/api/programs/${programId}/drilldown?indicator=${encodeURIComponent(code)}&year=2025`,
      ],
      ['анализ мониторинга', `/api/campaigns/${campaignId}/analysis`],
      ['карточка организации: мониторинг', `/api/organizations/${firstOrganization}/monitoring`],
    ];
    const rows: {
      page: string;
      url: string;
      coldMs: number;
      warmMedianMs: number;
      bytes: number;
      wholeBytes?: number;
    }[] = [];
    for (const [label, url] of pages) {
      const { ms: coldMs, result } = await timed(`${label} — первый запрос`, () => get(url));
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await get(url);
        warm.push(Math.round(performance.now() - started));
      }
      const warmMedianMs = median(warm);
      // The results table and the analysis travel compactly; what they weighed sent whole, as before.
      const whole = url.endsWith('/analysis')
        ? JSON.stringify(expandAnalysis(result.json())).length
        : url.endsWith('/results')
          ? JSON.stringify({ ...result.json(), results: expandResults(result.json()) }).length
          : undefined;
      console.log(
        `  ${label}: медиана ${warmMedianMs} мс, ${Math.round(result.rawPayload.length / 1024)} КБ${whole ? ` (целиком, как раньше, — ${Math.round(whole / 1024)} КБ)` : ''}`,
      );
      rows.push({
        page: label,
        url,
        coldMs,
        warmMedianMs,
        bytes: result.rawPayload.length,
        wholeBytes: whole,
      });
    }
    await app.close();
    const slow = rows.filter((r) => r.warmMedianMs > GOAL_MS);
    console.log(
      slow.length
        ? `Итог (${engine}): дольше ${GOAL_MS} мс — ${slow.map((r) => `${r.page} (${r.warmMedianMs} мс)`).join(', ')}.`
        : `Итог (${engine}): все ${rows.length} страниц отвечают быстрее ${GOAL_MS} мс.`,
    );
    return { engine, pages: rows };
  } finally {
    await database.close();
    await drop();
  }
}

const engines = (['pglite', ...(POSTGRES_URL ? ['postgres' as const] : [])] as Engine[]).filter(
  (e) => !process.env.BENCH_ENGINE || e === process.env.BENCH_ENGINE,
);
if (!POSTGRES_URL)
  console.log(
    'PostgreSQL пропущен: задайте BENCH_DATABASE_URL (сервер, где можно создать базу pedmonitor_bench).',
  );
const reports = [];
for (const engine of engines) reports.push(await measure(engine));
writeReport('api', { size: SIZE, goalMs: GOAL_MS, engines: reports });
