/**
 * 100 schools opening their monitoring forms at once (issue 11, point 6): the demo district grown to 100
 * schools (the demo's own 13 and generated ones), each with its head's account; the server runs in its own
 * process and is reached over real HTTP by 100 sessions at once. Prints p50/p95/max of opening the form
 * and of saving it, the longest wait of /api/health during the bursts (how long the event loop was
 * blocked), and the ratio of the form's p95 to a hand-written baseline: the same 100 submissions read
 * at once by one raw query each on the same engine. On PGlite, and on PostgreSQL when DATABASE_URL is
 * set. Goal: p95 ≤ 300 ms on both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { quantileSorted } from 'simple-statistics';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../server/http/cross-site.ts';
import { openDatabase, queryRows, type Database } from '../server/db/client.ts';
import { maintainDatabase } from '../server/db/maintenance.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { DEMO_ORGANIZATIONS, type DemoOrganizationSpec } from '../server/seed/demo-district.ts';
import { createUser } from '../server/seed/factories.ts';
import { writeReport } from './report.ts';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Smaller bursts first, to see from how many users at once a goal is missed (BENCH_LEVELS=10,25,50). */
const LEVELS = (process.env.BENCH_LEVELS ?? '10,25,50')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n < SCHOOLS);
const GOAL_MS = 300;
const TODAY = '2025-11-01';
const PASSWORD = 'form-load-password-1';
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const base = `http://127.0.0.1:${PORT}`;

/** The demo's organizations and generated schools, 100 schools in all. */
function district(): DemoOrganizationSpec[] {
  const specs = [...DEMO_ORGANIZATIONS];
  const have = specs.filter((o) => o.kind === 'school').length;
  for (let n = 0; n < SCHOOLS - have; n++) {
    specs.push({
      shortName: `МБОУ СОШ № ${101 + n}`,
      name: `Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № ${101 + n}`,
      kind: 'school',
      size: 20 + (n % 5) * 8,
      address: `с. Новое, ул. Школьная, д. ${n + 1}`,
    });
  }
  return specs;
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
const statsOf = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    p50: round(quantileSorted(sorted, 0.5)),
    p95: round(quantileSorted(sorted, 0.95)),
    max: round(sorted[sorted.length - 1]),
  };
};
const show = (label: string, s: Stats) =>
  console.log(`  ${label}: p50 ${s.p50} мс, p95 ${s.p95} мс, max ${s.max} мс (${s.n} запросов)`);

async function timedMs<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

/** Seeds the district, the heads' accounts, and answers what the burst needs. */
async function prepare(database: Database) {
  await database.migrate();
  const demo = await seedDemo({
    db: database.db,
    seed: 7,
    today: TODAY,
    password: PASSWORD,
    organizations: district(),
  });
  const [campaign] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from campaigns where municipality_id = ${demo.municipalityId} and status = 'active' order by id desc limit 1`,
  );
  const participants = await queryRows<{ organization_id: number }>(
    database.db,
    sql`select organization_id from campaign_participants where campaign_id = ${campaign.id} order by organization_id`,
  );
  const schools = participants.map((p) => p.organization_id).slice(0, SCHOOLS);
  const logins: string[] = [];
  for (const [i, organizationId] of schools.entries()) {
    const login = `form-load-head-${i + 1}`;
    await createUser(database.db, {
      login,
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId }],
    });
    logins.push(login);
  }
  await maintainDatabase(database);
  return { campaignId: campaign.id, schools, logins, teachers: demo.teachers };
}

/** The baseline: the same submissions read at once, one hand-written query each, on the same engine. */
async function baseline(database: Database, campaignId: number, schools: number[]) {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const all = await Promise.all(
      schools.map((organizationId) =>
        timedMs(() =>
          queryRows(
            database.db,
            sql`select id, status, values, version from submissions where campaign_id = ${campaignId} and organization_id = ${organizationId}`,
          ),
        ),
      ),
    );
    times.push(...all.map(([ms]) => ms));
  }
  return statsOf(times);
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not the clients).
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      path.join(import.meta.dirname, '..', 'bin', 'run-ts.js'),
      path.join(import.meta.dirname, 'form-load.server.ts'),
    ],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        PEDMONITOR_TODAY: TODAY,
        PEDMONITOR_LOGIN_MAX_ATTEMPTS: '100000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`сервер завершился с кодом ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/^ready$/m.test(text)) resolve();
      else process.stdout.write(text);
    });
  });
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${base}/api/health`).catch(() => null);
    if (response?.ok) break;
    if (attempt > 100) {
      child.kill('SIGKILL');
      throw new Error(`сервер не отвечает на ${base}/api/health`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const headers = (cookie?: string) => ({
  [REQUEST_HEADER]: REQUEST_HEADER_VALUE,
  'content-type': 'application/json',
  ...(cookie ? { cookie } : {}),
});

async function login(loginName: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ login: loginName, password: PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`вход ${loginName}: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0].split(';')[0];
}

/** Pings /api/health while `during` runs: the longest answer is how long the server could not answer at all. */
async function healthDuring<T>(during: () => Promise<T>): Promise<[T, number]> {
  let worst = 0;
  let isRunning = true;
  const pinger = (async () => {
    while (isRunning) {
      const [ms] = await timedMs(() => fetch(`${base}/api/health`).then((r) => r.arrayBuffer()));
      worst = Math.max(worst, ms);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await during();
  isRunning = false;
  await pinger;
  return [result, Math.round(worst)];
}

/**
 * The CPU time (user + system, ms) a process has used so far, from /proc (Linux): what a request costs the
 * server regardless of how loaded the machine is — with every request of a burst arriving at once on one
 * event loop, the burst's p95 on an idle machine is about that cost times the burst's size.
 */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

async function burst(
  sessions: { cookie: string; organizationId: number }[],
  campaignId: number,
  versions: Map<number, number | null>,
  serverPid: number | undefined,
) {
  let openCpu = 0;
  let saveCpu = 0;
  const form = (organizationId: number) =>
    `${base}/api/campaigns/${campaignId}/organizations/${organizationId}/submission`;
  const open: number[] = [];
  /** p95 of each wave's openings: the first after a start or a registry edit may differ from the rest. */
  const openWaves: number[] = [];
  const save: number[] = [];
  let openHealth = 0;
  let saveHealth = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBeforeOpen = cpuMsOf(serverPid);
    const [opened, openWorst] = await healthDuring(() =>
      Promise.all(
        sessions.map((s) =>
          timedMs(async () => {
            const response = await fetch(form(s.organizationId), { headers: headers(s.cookie) });
            const body = (await response.json()) as { version: number | null; isEditable: boolean };
            if (response.status !== 200) throw new Error(`форма: ${response.status} ${JSON.stringify(body)}`);
            versions.set(s.organizationId, body.version);
            return body;
          }),
        ),
      ),
    );
    open.push(...opened.map(([ms]) => ms));
    openWaves.push(statsOf(opened.map(([ms]) => ms)).p95);
    openHealth = Math.max(openHealth, openWorst);
    openCpu += cpuMsOf(serverPid) - cpuBeforeOpen;
    const editable = sessions.filter((_, i) => opened[i][1].isEditable);
    const cpuBeforeSave = cpuMsOf(serverPid);
    const [saved, saveWorst] = await healthDuring(() =>
      Promise.all(
        editable.map((s) =>
          timedMs(async () => {
            const response = await fetch(form(s.organizationId), {
              method: 'PUT',
              headers: headers(s.cookie),
              body: JSON.stringify({
                values: { open_lessons_total: 20 + round, open_lessons_by_young: round },
                version: versions.get(s.organizationId) ?? null,
              }),
            });
            const body = (await response.json()) as { version: number };
            if (response.status !== 200)
              throw new Error(`сохранение: ${response.status} ${JSON.stringify(body)}`);
            versions.set(s.organizationId, body.version);
          }),
        ),
      ),
    );
    save.push(...saved.map(([ms]) => ms));
    saveHealth = Math.max(saveHealth, saveWorst);
    saveCpu += cpuMsOf(serverPid) - cpuBeforeSave;
  }
  // The health pings during the burst are counted too; they cost a fraction of a form each.
  const perRequest = (ms: number, n: number) => Math.round((ms / Math.max(n, 1)) * 100) / 100;
  return {
    open: statsOf(open),
    openWaves,
    save: statsOf(save),
    openHealth,
    saveHealth,
    cpuMsPerOpen: perRequest(openCpu, open.length),
    cpuMsPerSave: perRequest(saveCpu, save.length),
  };
}

async function runEngine(engine: 'pglite' | 'postgres') {
  console.log(`\n— ${engine === 'pglite' ? 'PGlite (встроенная база)' : 'PostgreSQL'} —`);
  let dir: string | undefined;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (engine === 'pglite') dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-form-load-'));
  else {
    const name = `pm_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    const database = await openDatabase(
      engine === 'pglite' ? { dataDir: dir, lockOwner: { role: 'bench' } } : { databaseUrl: url },
    );
    const started = performance.now();
    const prepared = await prepare(database);
    console.log(
      `  район: ${prepared.schools.length} школ-участников, ${prepared.teachers} педагогов (подготовка ${Math.round(performance.now() - started)} мс)`,
    );
    const raw = await baseline(database, prepared.campaignId, prepared.schools);
    await database.close();
    show('базовая линия (один SQL-запрос формы)', raw);

    const server = await startServer(
      engine === 'pglite' ? { BENCH_DATA_DIR: dir!, DATABASE_URL: '' } : { DATABASE_URL: url! },
    );
    try {
      const sessions: { cookie: string; organizationId: number }[] = [];
      for (const [i, loginName] of prepared.logins.entries())
        sessions.push({ cookie: await login(loginName), organizationId: prepared.schools[i] });
      const versions = new Map<number, number | null>();
      const sample = await fetch(
        `${base}/api/campaigns/${prepared.campaignId}/organizations/${sessions[0].organizationId}/submission`,
        { headers: { ...headers(sessions[0].cookie), 'accept-encoding': 'gzip' } },
      );
      const sampleBytes = (await sample.arrayBuffer()).byteLength;
      console.log(
        `  ответ формы: ${sampleBytes} байт JSON (${sample.headers.get('content-encoding') ?? 'без сжатия'})`,
      );
      const levels = [];
      for (const level of LEVELS) {
        const r = await burst(sessions.slice(0, level), prepared.campaignId, versions, server.pid);
        console.log(
          `  ${level} одновременно: открытие p95 ${r.open.p95} мс, сохранение p95 ${r.save.p95} мс, /api/health до ${r.openHealth} мс`,
        );
        levels.push({ concurrent: level, open: r.open, save: r.save, health: r.openHealth });
      }
      const result = await burst(sessions, prepared.campaignId, versions, server.pid);
      console.log(`  ${sessions.length} одновременно:`);
      show('открытие формы', result.open);
      console.log(`  открытие по волнам, p95: ${result.openWaves.map((ms) => `${ms} мс`).join(' / ')}`);
      show('сохранение формы', result.save);
      console.log(
        `  /api/health во время всплеска: до ${result.openHealth} мс (открытие), до ${result.saveHealth} мс (сохранение)`,
      );
      console.log(
        `  процессор сервера: ${result.cpuMsPerOpen} мс на открытие, ${result.cpuMsPerSave} мс на сохранение ` +
          `(на свободной машине p95 всплеска ≈ ${sessions.length} × это)`,
      );
      const ratio = Math.round((result.open.p95 / Math.max(raw.p95, 0.1)) * 10) / 10;
      console.log(`  отношение p95 открытия к базовой линии: ×${ratio}`);
      const isMet = result.open.p95 <= GOAL_MS && result.save.p95 <= GOAL_MS;
      console.log(`  цель p95 ≤ ${GOAL_MS} мс: ${isMet ? 'выполнена' : 'НЕ выполнена'}`);
      return { engine, baseline: raw, levels, ...result, ratioToBaseline: ratio, isGoalMet: isMet };
    } finally {
      await stopServer(server);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropDatabase();
  }
}

console.log(
  `Бенчмарк открытия формы: ${SCHOOLS} школ одновременно, ${ROUNDS} волны, реальный HTTP к серверу в отдельном процессе`,
);
/** BENCH_ENGINE=pglite or postgres measures one engine only. */
const engines = (['pglite', ...(process.env.DATABASE_URL ? ['postgres' as const] : [])] as const).filter(
  (e) => !process.env.BENCH_ENGINE || e === process.env.BENCH_ENGINE,
);
if (!process.env.DATABASE_URL)
  console.log('  (PostgreSQL пропущен: задайте DATABASE_URL, чтобы измерить и его)');
const results = [];
for (const engine of engines) results.push(await runEngine(engine));
writeReport('form-load', { schools: SCHOOLS, rounds: ROUNDS, goalMs: GOAL_MS, results });
