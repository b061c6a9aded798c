import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, trainings } from '../../db/schema/index.ts';
import {
  appendRow,
  cell,
  createExchangeWorld,
  findRow,
  loadWorkbook,
  saveWorkbook,
  type ExchangeWorld,
} from './test-support.ts';

/**
 * The new columns of typed events and trainings (issue 14, point 3) in the organization workbook: the
 * kind of an event on «Мероприятия», the format and the deficits of a training on «Обучение» — written,
 * read back by the next export unchanged, and checked (an unknown deficit, another kind of an existing
 * event) with sheet, row and column.
 */
let w: ExchangeWorld;
let school1: number;
let exported: Buffer;
const db = () => w.t.database.db;

beforeAll(async () => {
  w = await createExchangeWorld();
  school1 = await w.organizationOf('school1');
  exported = (await w.download('school1', school1)).rawPayload;
}, 300_000);
afterAll(() => w.close());

const DEFICITS = 'Дефициты, на которые направлено (коды)';

describe('typed events and trainings in the workbook', () => {
  it('writes a training’s format and deficits and a new event’s kind, and reads them back unchanged', async () => {
    const book = await loadWorkbook(exported);
    const courses = book.getWorksheet('Обучение')!;
    const trainingId = Number(cell(courses, 2, 'ID').value);
    cell(courses, 2, 'Формат').value = 'дистанционно';
    cell(courses, 2, DEFICITS).value = 'М-02; О-01';
    const lessons = book.getWorksheet('Мероприятия')!;
    const snils = String(cell(lessons, 2, 'СНИЛС').value);
    appendRow(lessons, {
      СНИЛС: snils,
      Мероприятие: 'Открытый урок «Дроби на практике»',
      Уровень: 'институциональный',
      Дата: '14.02.2026',
      Формат: 'очно',
      'Вид мероприятия': 'открытый урок',
      Роль: 'выступающий',
    });
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(preview.sheets.find((s) => s.sheet === 'Обучение')!.changed).toEqual([
      expect.objectContaining({
        id: trainingId,
        fields: expect.arrayContaining([
          expect.objectContaining({ column: 'Формат', after: 'дистанционно' }),
          expect.objectContaining({ column: DEFICITS, after: 'М-02; О-01' }),
        ]),
      }),
    ]);
    const applied = await w.confirm('school1', preview.importId);
    expect(applied.statusCode, applied.body).toBe(200);

    const [training] = await db().select().from(trainings).where(eq(trainings.id, trainingId));
    expect(training).toMatchObject({ format: 'online', deficitCodes: ['М-02', 'О-01'] });
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.title, 'Открытый урок «Дроби на практике»'), eq(events.organizationId, school1)));
    // An event the workbook creates is the organization's own (institutional), not a municipal one.
    expect(event).toMatchObject({ type: 'open_lesson', level: 'institutional', format: 'offline' });

    // The next export carries the values as they were typed; loaded again, it changes nothing.
    const again = (await w.download('school1', school1)).rawPayload;
    const reread = await loadWorkbook(again);
    const rereadCourses = reread.getWorksheet('Обучение')!;
    const row = findRow(rereadCourses, 'ID', (v) => Number(v) === trainingId);
    expect(cell(rereadCourses, row, 'Формат').value).toBe('дистанционно');
    expect(cell(rereadCourses, row, DEFICITS).value).toBe('М-02; О-01');
    const rereadLessons = reread.getWorksheet('Мероприятия')!;
    const lesson = findRow(rereadLessons, 'Мероприятие', (v) => v === 'Открытый урок «Дроби на практике»');
    expect(cell(rereadLessons, lesson, 'Вид мероприятия').value).toBe('открытый урок');
    const unchanged = await w.preview('school1', school1, again);
    expect(unchanged.errors).toEqual([]);
    expect(unchanged.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('refuses an unknown deficit and another kind of an existing event, naming sheet, row and column', async () => {
    const book = await loadWorkbook((await w.download('school1', school1)).rawPayload);
    const courses = book.getWorksheet('Обучение')!;
    cell(courses, 2, DEFICITS).value = 'Х-99';
    const lessons = book.getWorksheet('Мероприятия')!;
    const lesson = findRow(lessons, 'Мероприятие', (v) => v === 'Открытый урок «Дроби на практике»');
    cell(lessons, lesson, 'Вид мероприятия').value = 'семинар';
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    expect(preview.canApply).toBe(false);
    const deficit = preview.errors.find((e) => e.sheet === 'Обучение' && e.column === DEFICITS);
    expect(deficit?.row).toBe(2);
    expect(deficit?.problem).toMatch(/Х-99/);
    const kind = preview.errors.find((e) => e.sheet === 'Мероприятия' && e.column === 'Вид мероприятия');
    expect(kind?.row).toBe(lesson);
    expect(kind?.problem).toBe(
      'у мероприятия «Открытый урок «Дроби на практике»» от 14.02.2026 вид «открытый урок»; ' +
        'вид существующего мероприятия меняется в разделе «Мероприятия»',
    );
  });
});
