/**
 * Computes the seed-004 program (Мясниковский, 13 indicators) for a municipality of 2,000 organizations
 * and 60,000 teachers, on the embedded PGlite and — when BENCH_DATABASE_URL names a
 * PostgreSQL server — on PostgreSQL, and compares it with the floor: the same program written by hand as
 * one statement (bench/floor.ts). Both must give the same values; the ratio compiled ÷ hand-written is
 * printed. Goal: compiled within 1.2 × the floor at 2,000 organizations, within 1.5 × at 20,000.
 *
 *   npm run bench -- compute                     2,000 organizations, 60,000 teachers
 *   npm run bench -- compute --region            20,000 organizations, 600,000 teachers (slow: minutes)
 *   npm run bench -- compute --organizations 500 --teachers 15000 --runs 3 --only postgres
 *   npm run bench -- compute --region --municipalities 60 --only postgres
 *                                                the regional benchmark: the program computed for the whole
 *                                                region of 60 municipalities at once, each teacher counted
 *                                                once (goal ≤ 2 s on PostgreSQL), with time and memory
 *
 * The data is written by a child process (`--prepare`), as `pedmonitor seed` or an import would, and
 * computed here on a database opened as the server opens it — not in the process whose heap and database
 * buffers are still full of the teachers it has just generated.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { findTemplate } from '../core/templates/index.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { maintainDatabase } from '../server/db/maintenance.ts';
import { computeParts } from '../server/modules/indicators/compiler/parts.ts';
import { computeIndicators } from '../server/modules/indicators/compute.ts';
import { contextOf, definitionsOf } from '../server/modules/indicators/results.service.ts';
import {
  findProgramTree,
  insertProgramFromTemplate,
} from '../server/modules/programs/programs.repository.ts';
import { campaignDatesForYear } from '../core/campaigns/stages.ts';
import { insertCampaign } from '../server/modules/campaigns/campaigns.repository.ts';
import { computeByHand, differences, FLOOR_PROGRAM } from './floor.ts';
import { generateRegion } from './generate-region.ts';
import { median, timed, writeReport } from './report.ts';

const { values: args } = parseArgs({
  options: {
    prepare: { type: 'string' },
    engine: { type: 'string' },
    region: { type: 'boolean', default: false },
    organizations: { type: 'string' },
    teachers: { type: 'string' },
    municipalities: { type: 'string' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- compute [--region] [--organizations N] [--teachers N] [--municipalities N] [--runs N] [--only pglite|postgres]
  --region         20 000 организаций и 600 000 педагогов (по умолчанию 2 000 и 60 000)
  --municipalities организации поровну в N муниципалитетах, расчёт по всему региону сразу (по умолчанию 1)
  --only           одна база; PostgreSQL — если задан BENCH_DATABASE_URL (на этом сервере создаётся и удаляется база pedmonitor_bench)
  --keep           PostgreSQL: не удалять базу pedmonitor_bench после замера (для --reuse)
  --reuse          PostgreSQL: мерить на базе, оставленной --keep с теми же размерами, без новой генерации`);
  process.exit(0);
}
const SIZE = {
  organizations: Number(
    args.organizations ?? process.env.BENCH_ORGANIZATIONS ?? (args.region ? 20000 : 2000),
  ),
  teachers: Number(args.teachers ?? process.env.BENCH_TEACHERS ?? (args.region ? 600000 : 60000)),
  municipalities: Number(args.municipalities ?? process.env.BENCH_MUNICIPALITIES ?? 1),
};
const IS_REGIONAL = SIZE.municipalities > 1;
const RUNS = Number(args.runs);
// Not DATABASE_URL: the bench creates and drops a database on the server it is given.
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME || 'pedmonitor_bench';

interface Prepared {
  municipalityId: number;
  /** Every municipality of the region (one unless --municipalities). */
  municipalityIds: number[];
  programId: number;
  /** A running campaign of the program with every organization taking part. */
  campaignId: number;
  organizationIds: number[];
  generateMs: number;
  generateMaxRssMiB: number;
}
type Engine = 'pglite' | 'postgres';

if (args.prepare) await prepare(args.engine as Engine, args.prepare);
else await measureAll();

function benchDatabaseUrl(url: string) {
  const u = new URL(url);
  u.pathname = `/${BENCH_DATABASE}`;
  return u.toString();
}

async function openTarget(engine: Engine, target: string): Promise<Database> {
  return engine === 'pglite'
    ? openDatabase({ dataDir: target, lockOwner: { role: 'bench' } })
    : openDatabase({ databaseUrl: benchDatabaseUrl(target) });
}

/** Writes the region and the program, then maintains the database as the server does on start. */
async function prepare(engine: Engine, target: string) {
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: target });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DATABASE}`);
    await admin.query(`create database ${BENCH_DATABASE}`);
    await admin.end();
  }
  const database = await openTarget(engine, target);
  try {
    await timed('миграции', () => database.migrate());
    const { result: region, ms: generateMs } = await timed('генерация данных', () =>
      generateRegion(database.db, SIZE),
    );
    console.log(`  записи: ${JSON.stringify(region.records)}`);
    const programId = await insertProgramFromTemplate(
      database.db,
      region.municipalityId,
      findTemplate(FLOOR_PROGRAM)!,
    );
    const campaignId = await insertCampaign(
      database.db,
      {
        municipalityId: region.municipalityId,
        programId,
        title: 'Мониторинг (бенчмарк)',
        year: 2025,
        ...campaignDatesForYear(findTemplate(FLOOR_PROGRAM)!.campaign, 2025),
      },
      // A municipal campaign has the organizations of its municipality (all of them when there is one).
      IS_REGIONAL ? [] : region.organizationIds,
    );
    if (engine === 'pglite')
      await timed('VACUUM (ANALYZE), как сервер после запуска', () => maintainDatabase(database));
    else await timed('ANALYZE (autovacuum сделал бы это сам)', () => database.db.execute(sql`analyze`));
    const prepared: Prepared = {
      municipalityId: region.municipalityId,
      municipalityIds: region.municipalityIds,
      programId,
      campaignId,
      organizationIds: region.organizationIds,
      generateMs,
      generateMaxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    writeFileSync(process.env.BENCH_PREPARED_FILE!, JSON.stringify(prepared));
  } finally {
    await database.close();
  }
}

async function measureAll() {
  const engines: Engine[] = (['pglite', 'postgres'] as const).filter(
    (e) => (!args.only || args.only === e) && (e === 'pglite' || POSTGRES_URL),
  );
  if (!POSTGRES_URL && args.only !== 'pglite')
    console.log(
      'PostgreSQL пропущен: задайте BENCH_DATABASE_URL (сервер, где можно создать базу pedmonitor_bench), чтобы измерить и его.',
    );
  const reports = [];
  for (const engine of engines) reports.push(await measure(engine));
  writeReport(
    `${args.region ? 'compute-region' : 'compute'}${IS_REGIONAL ? `-${SIZE.municipalities}-municipalities` : ''}`,
    { size: SIZE, runs: RUNS, engines: reports },
  );
  console.log('\nИтог:');
  for (const r of reports)
    console.log(
      `  ${r.database}${IS_REGIONAL ? `, регион из ${SIZE.municipalities} муниципалитетов` : ''}: расчёт ${r.warmMedianMs} мс (первый ${r.coldMs} мс), вручную ${r.floorMedianMs} мс — ` +
        `${r.ratio.toFixed(2).replace('.', ',')} × (цель — до ${SIZE.organizations > 5000 ? '1,5' : '1,2'} ×); ` +
        (IS_REGIONAL
          ? ''
          : `для участников: ${r.participantsByCampaignMedianMs} мс (из campaign_participants), ${r.participantsByIdsMedianMs} мс (массивом id); `) +
        `${r.results} значений, расхождений ${r.differences}; ` +
        `генерация ${Math.round(r.generateMs / 1000)} с, до ${r.generateMaxRssMiB} МиБ; память расчёта до ${r.maxRssMiB} МиБ` +
        (IS_REGIONAL
          ? ` (цель для региона — до 2 с${r.database === 'postgres' ? `; подсчёт педагогов в ${computeParts()} частях, PEDMONITOR_PG_COMPUTE_PARTS` : ''})`
          : ''),
    );
}

async function measure(engine: Engine) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bench-'));
  const target = engine === 'pglite' ? dir : POSTGRES_URL!;
  // A kept PostgreSQL database (--keep) is described by a file beside the reports, for --reuse.
  const keptFile = path.join(
    import.meta.dirname,
    'results',
    `compute-kept-${SIZE.organizations}-${SIZE.teachers}-${SIZE.municipalities}.json`,
  );
  try {
    console.log(
      `\nБенчмарк расчёта показателей: ${SIZE.organizations} организаций, ${SIZE.teachers} педагогов, ${engine === 'pglite' ? `PGlite (${dir})` : `PostgreSQL (база ${BENCH_DATABASE})`}`,
    );
    const reuse = engine === 'postgres' && args.reuse && existsSync(keptFile);
    if (engine === 'postgres' && args.reuse && !reuse)
      console.log(`  --reuse: нет ${keptFile}, данные генерируются заново`);
    const preparedFile = reuse ? keptFile : path.join(dir, 'prepared.json');
    const child = reuse
      ? { status: 0 }
      : spawnSync(
          process.execPath,
          [
            path.join(import.meta.dirname, '..', 'bin', 'run-ts.js'),
            import.meta.filename,
            '--prepare',
            target,
            '--engine',
            engine,
            ...(args.organizations ? ['--organizations', args.organizations] : []),
            ...(args.teachers ? ['--teachers', args.teachers] : []),
            ...(args.region ? ['--region'] : []),
            ...(args.municipalities ? ['--municipalities', args.municipalities] : []),
          ],
          { stdio: 'inherit', env: { ...process.env, BENCH_PREPARED_FILE: preparedFile } },
        );
    if (child.status !== 0) throw new Error(`подготовка данных завершилась с кодом ${child.status}`);
    const prepared = JSON.parse(readFileSync(preparedFile, 'utf8')) as Prepared;
    if (engine === 'postgres' && (args.keep || args.reuse) && !reuse) {
      mkdirSync(path.dirname(keptFile), { recursive: true });
      writeFileSync(keptFile, JSON.stringify(prepared));
    }
    const database = await openTarget(engine, target);
    try {
      const tree = (await findProgramTree(database.db, prepared.programId))!;
      // For a region: one computation over all its municipalities (compiler `inMunicipalities`).
      const ctx = IS_REGIONAL
        ? { ...contextOf(tree, 2025), municipalityIds: prepared.municipalityIds }
        : contextOf(tree, 2025);
      const indicators = definitionsOf(tree);
      const compiled = () => computeIndicators({ db: database.db, ctx, indicators });
      const { ms: coldMs, result: first } = await timed('первый расчёт', compiled);
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) warm.push((await timed(`расчёт ${i + 2}`, compiled)).ms);
      const floor: number[] = [];
      let byHand = first.results;
      for (let i = 0; i < RUNS; i++) {
        const run = await timed(`вручную, одним запросом ${i + 1}`, () =>
          computeByHand(database.db, ctx, indicators),
        );
        floor.push(run.ms);
        byHand = run.result;
      }
      const diff = differences(first.results, byHand);
      if (diff.length) console.log(`  РАСХОЖДЕНИЯ (${diff.length}): ${diff.slice(0, 10).join('; ')}`);
      else console.log(`  значения совпадают: ${first.results.length}`);
      // A running campaign computes for its participants — here every organization: joined by the
      // database from campaign_participants, or sent as one array of ids.
      const participants = { campaign: [] as number[], ids: [] as number[] };
      for (let i = 0; i < (IS_REGIONAL ? 0 : RUNS); i++) {
        for (const [variant, scope] of [
          ['campaign', { campaignId: prepared.campaignId }],
          ['ids', { organizationIds: prepared.organizationIds }],
        ] as const) {
          const run = await timed(
            `участники мониторинга (${prepared.organizationIds.length}) ${variant === 'campaign' ? 'из campaign_participants' : 'массивом id'} ${i + 1}`,
            () => computeIndicators({ db: database.db, ctx: { ...ctx, ...scope }, indicators }),
          );
          participants[variant].push(run.ms);
          if (differences(first.results, run.result.results).length)
            throw new Error(`расчёт для участников (${variant}) дал другие значения`);
        }
      }
      const municipal = first.results
        .filter((r) => r.organization === null)
        .map((r) => `${r.indicator}=${r.value}`);
      console.log(`  значения по муниципалитету: ${municipal.join(', ')}`);
      const warmMedianMs = median(warm);
      const floorMedianMs = median(floor);
      return {
        database: engine,
        indicators: indicators.length,
        results: first.results.length,
        differences: diff.length,
        generateMs: prepared.generateMs,
        generateMaxRssMiB: prepared.generateMaxRssMiB,
        coldMs,
        warmMedianMs,
        warmMs: warm,
        floorMedianMs,
        floorMs: floor,
        ratio: warmMedianMs / floorMedianMs,
        participantsByCampaignMedianMs: median(participants.campaign),
        participantsByIdsMedianMs: median(participants.ids),
        rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres' && (args.keep || args.reuse))
      console.log(`  база ${BENCH_DATABASE} оставлена: повторный замер — с --reuse`);
    else if (engine === 'postgres') {
      rmSync(keptFile, { force: true });
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${BENCH_DATABASE}`);
      await admin.end();
    }
  }
}
