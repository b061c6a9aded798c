/**
 * Computes the seed-004 program (Мясниковский, 13 indicators) for a municipality of 2,000 organizations
 * and 60,000 teachers on the embedded PGlite. Goal: under 1 s.
 *
 * The region is written by a child process (`--prepare DIR`), as `pedmonitor seed` or an import would,
 * and computed here on the data folder as the server opens it — not in the process whose heap and database
 * buffers are still full of the 60,000 teachers it has just generated.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportingPeriod } from '../core/indicators/period.ts';
import { findTemplate } from '../core/templates/index.ts';
import { openDatabase } from '../server/db/client.ts';
import { maintainDatabase } from '../server/db/maintenance.ts';
import { computeIndicators } from '../server/modules/indicators/compute.ts';
import { definitionsOf } from '../server/modules/indicators/results.service.ts';
import {
  findProgramTree,
  insertProgramFromTemplate,
} from '../server/modules/programs/programs.repository.ts';
import { generateRegion } from './generate-region.ts';
import { median, timed, writeReport } from './report.ts';

const SIZE = {
  organizations: Number(process.env.BENCH_ORGANIZATIONS ?? 2000),
  teachers: Number(process.env.BENCH_TEACHERS ?? 60000),
};
const RUNS = 5;

interface Prepared {
  municipalityId: number;
  programId: number;
  generateMs: number;
}
const PREPARED = 'prepared.json';

if (process.argv[2] === '--prepare') await prepare(process.argv[3]);
else await measure();

/** Writes the region and the program into the data folder, then maintains it as the server does on start. */
async function prepare(dir: string) {
  const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'bench' } });
  try {
    await timed('миграции', () => database.migrate());
    const { result: region, ms: generateMs } = await timed('генерация данных', () =>
      generateRegion(database.db, SIZE),
    );
    console.log(`  записи: ${JSON.stringify(region.records)}`);
    const programId = await insertProgramFromTemplate(
      database.db,
      region.municipalityId,
      findTemplate('seed-004-myasnikovsky')!,
    );
    await timed('VACUUM (ANALYZE), как сервер после запуска', () => maintainDatabase(database));
    const prepared: Prepared = { municipalityId: region.municipalityId, programId, generateMs };
    writeFileSync(path.join(dir, PREPARED), JSON.stringify(prepared));
  } finally {
    await database.close();
  }
}

async function measure() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bench-'));
  try {
    console.log(
      `Бенчмарк расчёта показателей: ${SIZE.organizations} организаций, ${SIZE.teachers} педагогов, PGlite (${dir})`,
    );
    const child = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, '..', 'bin', 'run-ts.js'), import.meta.filename, '--prepare', dir],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) throw new Error(`подготовка данных завершилась с кодом ${child.status}`);
    const prepared = JSON.parse(readFileSync(path.join(dir, PREPARED), 'utf8')) as Prepared;
    const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'bench' } });
    try {
      const tree = (await findProgramTree(database.db, prepared.programId))!;
      const ctx = {
        municipalityId: prepared.municipalityId,
        period: reportingPeriod(tree.program.parameters, 2025),
      };
      const indicators = definitionsOf(tree);
      const { ms: coldMs, result: first } = await timed('первый расчёт', () =>
        computeIndicators({ db: database.db, ctx, indicators }),
      );
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++)
        warm.push(
          (await timed(`расчёт ${i + 2}`, () => computeIndicators({ db: database.db, ctx, indicators }))).ms,
        );
      const municipal = first.results
        .filter((r) => r.organization === null)
        .map((r) => `${r.indicator}=${r.value}`);
      console.log(`  значения по муниципалитету: ${municipal.join(', ')}`);
      const report = writeReport('compute', {
        size: SIZE,
        indicators: indicators.length,
        results: first.results.length,
        generateMs: prepared.generateMs,
        coldMs,
        warmMedianMs: median(warm),
        warmMs: warm,
        goalMs: 1000,
        database: 'pglite',
      });
      console.log(
        `Итог: первый расчёт ${coldMs} мс, медиана повторных ${report.warmMedianMs} мс (цель — до 1000 мс), ${first.results.length} значений.`,
      );
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
