/**
 * Generates every document of a campaign of 30 organizations — the summary report with its charts, the
 * letters to all organizations, the statistical forms, and the whole archive — on the embedded PGlite.
 * Goal: the report, the letters and the forms together under 5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { findTemplate } from '../core/templates/index.ts';
import { openDatabase } from '../server/db/client.ts';
import * as s from '../server/db/schema/index.ts';
import { generateConclusions } from '../server/modules/analysis/conclusions.service.ts';
import { generateRecommendations } from '../server/modules/analysis/recommendations.service.ts';
import { updateReportSettings } from '../server/modules/analysis/report.service.ts';
import { systemAdmin, type Actor } from '../server/modules/auth/access.ts';
import { closeCampaign, createCampaign } from '../server/modules/campaigns/campaigns.service.ts';
import { prepareDocument } from '../server/modules/documents/documents.service.ts';
import type { DocumentKind } from '../server/modules/documents/documents.schema.ts';
import { insertProgramFromTemplate } from '../server/modules/programs/programs.repository.ts';
import { generateRegion } from './generate-region.ts';
import { timed, writeReport } from './report.ts';

const SIZE = {
  organizations: Number(process.env.BENCH_ORGANIZATIONS ?? 30),
  teachers: Number(process.env.BENCH_TEACHERS ?? 900),
};
const GOAL_MS = 5000;
const TODAY = '2026-11-01';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bench-'));
const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'bench' } });
const actor: Actor = { user: systemAdmin('cli'), requestId: 'bench' };
try {
  console.log(
    `Бенчмарк документов: мониторинг ${SIZE.organizations} организаций, ${SIZE.teachers} педагогов, PGlite (${dir})`,
  );
  await timed('миграции', () => database.migrate());
  const { db } = database;
  const region = await generateRegion(db, SIZE);
  await db
    .update(s.municipalities)
    .set({
      name: 'Бенчмарк-район',
      departmentName: 'Отдел образования Администрации Бенчмарк-района',
      departmentAddress: 'ул. Ленина, д. 1, г. Бенчмарк, 346000',
      departmentPhone: '8 (800) 000-00-00',
      departmentEmail: 'roo@bench.example.ru',
      departmentRequisites: 'ОКПО 00000000, ОГРН 0000000000000, ИНН/КПП 0000000000/000000000',
      headName: 'И.И. Иванова',
      headPosition: 'Начальник отдела образования',
    })
    .where(eq(s.municipalities.id, region.municipalityId));
  const programId = await insertProgramFromTemplate(
    db,
    region.municipalityId,
    findTemplate('seed-004-myasnikovsky')!,
  );
  // Two closed campaigns, so the report has its dynamics chart.
  const campaignIds: number[] = [];
  await timed('мониторинги 2024 и 2025 (создание и закрытие)', async () => {
    for (const year of [2024, 2025]) {
      const id = await createCampaign({ db, actor, input: { programId, year, reminderDaysBefore: 3 } });
      await closeCampaign({ db, actor, id });
      campaignIds.push(id);
    }
  });
  const campaignId = campaignIds[1];
  await timed('выводы и рекомендации', async () => {
    await generateConclusions({ db, actor, campaignId });
    await generateRecommendations({ db, actor, campaignId });
    await updateReportSettings({
      db,
      actor,
      campaignId,
      values: { letterNumber: '101', letterDate: '2026-07-12', isPublished: true },
    });
  });
  await db.execute(sql`analyze`);

  const run = async (kind: DocumentKind) => {
    const started = performance.now();
    const prepared = await prepareDocument({ db, actor, campaignId, request: { kind }, today: TODAY });
    const prepareMs = Math.round(performance.now() - started);
    const file = await prepared.run();
    const ms = Math.round(performance.now() - started);
    console.log(
      `  ${file.fileName}: ${ms} мс (данные ${prepareMs} мс, шагов ${prepared.total}), ${Math.round(file.data.length / 1024)} КБ`,
    );
    return { kind, ms, prepareMs, steps: prepared.total, bytes: file.data.length };
  };
  const separate = [];
  for (const kind of ['report', 'letters', 'stat-forms'] as const) separate.push(await run(kind));
  const separateMs = separate.reduce((sum, r) => sum + r.ms, 0);
  const archive = await run('archive');
  const report = writeReport('documents', {
    size: SIZE,
    documents: separate,
    separateMs,
    archiveMs: archive.ms,
    archiveSteps: archive.steps,
    archiveBytes: archive.bytes,
    goalMs: GOAL_MS,
    database: 'pglite',
  });
  console.log(
    `Итог: справка, письма и формы — ${report.separateMs} мс; архив всего комплекта (с отдельными письмами) — ${report.archiveMs} мс (цель — до ${GOAL_MS} мс).`,
  );
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
