import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_TEMPLATES } from '../core/surveys/templates.ts';
import { openDatabase } from '../server/db/client.ts';
import { surveyResponses, surveys, surveyVersions } from '../server/db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../server/seed/factories.ts';
import { captureOutput } from '../server/test/cli-output.ts';
import { commandHelp } from './commands.ts';
import { surveyTrainingOrderCommand } from './surveys.ts';

/**
 * `pedmonitor survey training-order`, run in this process on a data folder of its own (the embedded
 * database): a named request survey with answers written beside it, the workbook read back.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-survey-cli-'));
let surveyId = 0;

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    await database.migrate();
    const db = database.db;
    const m = await createMunicipality(db);
    const school = await createOrganization(db, m.id, { shortName: 'Школа № 1' });
    const template = SURVEY_TEMPLATES.find((t) => t.code === 'training_requests')!;
    const [survey] = await db
      .insert(surveys)
      .values({
        municipalityId: m.id,
        code: 'pk_2026',
        title: template.title,
        kind: 'named',
        audience: { target: 'teachers', organizationIds: [school.id] },
        opensOn: '2026-03-01',
        closesOn: '2026-03-31',
        status: 'closed',
      })
      .returning();
    surveyId = survey.id;
    const [version] = await db
      .insert(surveyVersions)
      .values({ surveyId, number: 1, definition: template.definition })
      .returning();
    for (const [lastName, topics] of [
      ['Андреева', ['М-02', 'О-03']],
      ['Белова', ['М-02']],
    ] as const) {
      const teacher = await createTeacher(db, school, { lastName });
      await db.insert(surveyResponses).values({
        surveyId,
        versionId: version.id,
        organizationId: school.id,
        teacherId: teacher.id,
        answeredOn: '2026-03-10',
        answers: { topics: [...topics] },
      });
    }
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor survey training-order', () => {
  it('explains itself with --help', () => {
    const help = commandHelp(surveyTrainingOrderCommand);
    expect(help).toContain('npx pedmonitor survey training-order ID ФАЙЛ.xlsx [--question КОД]');
    expect(help).toContain('--question КОД');
  });

  it('refuses a missing survey number and a file that is not .xlsx', async () => {
    await expect(surveyTrainingOrderCommand.run({ data: dataDir }, [])).rejects.toThrow(
      'Укажите номер анкеты',
    );
    await expect(
      surveyTrainingOrderCommand.run({ data: dataDir }, [String(surveyId), 'order.csv']),
    ).rejects.toThrow('Файл «order.csv»: ожидается имя с расширением .xlsx');
  });

  it('writes the order of next year with who asked, and prints the topics asked for', async () => {
    const file = path.join(dataDir, 'order.xlsx');
    const { printed } = await captureOutput(() =>
      surveyTrainingOrderCommand.run({ data: dataDir }, [String(surveyId), file]),
    );
    expect(printed).toContain('План-заказ на 2027 год');
    expect(printed).toMatch(/ {3}2 {2}М-02 {2}Формирование функциональной грамотности обучающихся/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows = (workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) =>
      r.slice(1),
    );
    const m02 = rows.filter((r) => r[0] === 'М-02');
    expect(m02.map((r) => [r[3], r[4]])).toEqual([
      ['Всего по муниципалитету', 2],
      ['Школа № 1', 2],
    ]);
    expect(String(m02[0][5])).toMatch(/^Андреева .*; Белова /);
    expect(rows.find((r) => r[0] === 'О-03')?.[4]).toBe(1);
  });
});
