/**
 * Imports a workbook of 10,000 rows (seven sheets, 2,000 teachers) into one organization on the embedded
 * PGlite: parse, validate and plan, apply in one transaction. Then the same file again (nothing to change)
 * and a file with every tenth row edited. Goal: the first import under 10 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/client.ts';
import { createMunicipality, createOrganization } from '../server/seed/factories.ts';
import { ensureCatalogs } from '../server/seed/demo.ts';
import { providers } from '../server/db/schema/index.ts';
import type { Actor } from '../server/modules/auth/access.ts';
import { applyPlan } from '../server/modules/exchange/apply.ts';
import { findOrganization } from '../server/modules/exchange/exchange.repository.ts';
import { planImport } from '../server/modules/exchange/plan/plan.ts';
import { DEFAULT_FILE_LIMITS } from '../server/config.ts';
import { closeParsePool, parseUpload } from '../server/modules/exchange/workbook/parse-pool.ts';
import { buildWorkbook } from '../server/modules/exchange/workbook/write.ts';
import { loadOrganizationData } from '../server/modules/exchange/exchange.repository.ts';
import { generateWorkbookRows } from './generate-workbook.ts';
import { timed, writeReport } from './report.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const TODAY = '2026-03-02';
const GOAL_MS = 10_000;

const actor: Actor = {
  user: {
    id: 0,
    login: 'bench',
    fullName: 'Бенчмарк',
    teacherId: null,
    roles: [{ role: 'admin', municipalityId: null, organizationId: null, associationId: null }],
  },
  requestId: 'bench',
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bench-import-'));
const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'bench' } });
try {
  console.log(`Бенчмарк загрузки книги: ${ROWS} строк в одну организацию, PGlite (${dir})`);
  await database.migrate();
  const db = database.db;
  await ensureCatalogs(db);
  const municipality = await createMunicipality(db);
  const created = await createOrganization(db, municipality.id, { shortName: 'МБОУ СОШ № 1' });
  const organization = (await findOrganization(db, created.id))!;
  const providerNames = (await db.select({ name: providers.name }).from(providers)).map((p) => p.name);
  const generated = generateWorkbookRows({ rows: ROWS, providers: providerNames });
  console.log(
    `  строки по листам: ${[...generated.rows].map(([name, list]) => `${name} ${list.length}`).join(', ')}`,
  );
  const { result: file, ms: writeMs } = await timed('запись книги (генерация файла)', async () =>
    buildWorkbook({
      organization,
      data: await loadOrganizationData(db, organization),
      rows: generated.rows,
      today: TODAY,
    }),
  );
  console.log(`  размер файла: ${(file.length / 1024 / 1024).toFixed(1)} МБ`);

  const runImport = async (label: string, buffer: Buffer) => {
    console.log(`${label}:`);
    const started = performance.now();
    const { result: upload, ms: parseMs } = await timed('  чтение файла', () =>
      parseUpload(buffer, 'книга.xlsx', DEFAULT_FILE_LIMITS),
    );
    const { result: plan, ms: planMs } = await timed('  проверка и план', () =>
      planImport(db, {
        organization,
        sheets: upload.sheets,
        fileErrors: upload.errors,
        isDepartment: true,
        today: TODAY,
      }),
    );
    if (plan.errors.length)
      throw new Error(
        `Ошибки в файле: ${plan.errors
          .slice(0, 5)
          .map((e) => e.message)
          .join('; ')}`,
      );
    const { result, ms: applyMs } = await timed('  применение (одна транзакция)', () =>
      applyPlan(db, { plan, actor, importId: 'bench', fileName: 'книга.xlsx' }),
    );
    const totalMs = Math.round(performance.now() - started);
    console.log(
      `  итого ${totalMs} мс: добавлено ${result.added}, изменено ${result.changed}, удалено ${result.removed}`,
    );
    return {
      parseMs,
      planMs,
      applyMs,
      totalMs,
      added: result.added,
      changed: result.changed,
      removed: result.removed,
    };
  };

  // The server parses in a worker thread (parse-pool.ts); its start (tsx) is not the reader's time.
  await parseUpload(Buffer.from('x'), 'разогрев.csv', DEFAULT_FILE_LIMITS);
  const first = await runImport('Первая загрузка (все строки новые)', file);
  const again = await runImport('Повторная загрузка того же файла', file);
  for (const [name, list] of generated.rows) {
    if (name === 'Педагоги') list.forEach((r, i) => i % 10 === 0 && (r.rate = 0.75));
    if (name === 'Обучение') list.forEach((r, i) => i % 10 === 0 && (r.hours = 108));
  }
  const edited = await buildWorkbook({
    organization,
    data: await loadOrganizationData(db, organization),
    rows: generated.rows,
    today: TODAY,
  });
  const changed = await runImport('Загрузка с изменениями (каждая десятая строка двух листов)', edited);
  writeReport('import', {
    rows: generated.total,
    fileBytes: file.length,
    writeMs,
    first,
    again,
    changed,
    goalMs: GOAL_MS,
    database: 'pglite',
  });
  console.log(
    `Итог: ${generated.total} строк загружены за ${first.totalMs} мс (цель — до ${GOAL_MS} мс): чтение ${first.parseMs}, ` +
      `проверка ${first.planMs}, применение ${first.applyMs}; повторно ${again.totalMs} мс без изменений (${again.added + again.changed + again.removed}).`,
  );
} finally {
  await closeParsePool();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
