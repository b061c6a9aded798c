import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../../db/schema/index.ts';
import { createTeacher } from '../../../seed/factories.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

/**
 * Each list's rule on a fixture of school А1 on 01.11.2026 (the world's two teachers of А1 are neither
 * young nor of pension age, trained and certified recently, so only the people added here are listed).
 */
const TODAY = '2026-11-01';
let w: World;
beforeAll(async () => {
  w = await createWorld({ fixedToday: TODAY });
  const db = w.t.database.db;
  const a1 = { id: w.a1, municipalityId: w.m1 };
  // The world's teachers: middle-aged, trained in 2025, category last year.
  for (const id of [...w.teachers.a1, ...w.teachers.a2]) {
    await db
      .update(s.teachers)
      .set({
        birthDate: '1985-01-01',
        pedagogicalStartDate: '2008-09-01',
        qualificationCategory: 'first',
        categoryDate: '2025-01-01',
      })
      .where(eq(s.teachers.id, id));
    await db.insert(s.trainings).values({
      teacherId: id,
      type: 'upskilling',
      title: 'ПК',
      hours: 36,
      startDate: '2025-03-01',
      endDate: '2025-03-10',
    });
  }
  const add = async (
    lastName: string,
    extra: Partial<typeof s.teachers.$inferInsert>,
    trainedOn?: string,
  ) => {
    const t = await createTeacher(db, a1, {
      lastName,
      birthDate: '1985-01-01',
      pedagogicalStartDate: '2008-09-01',
      qualificationCategory: 'first',
      categoryDate: '2025-01-01',
      ...extra,
    });
    await db.insert(s.trainings).values({
      teacherId: t.id,
      type: 'upskilling',
      title: 'ПК',
      hours: 36,
      startDate: '2025-03-01',
      endDate: trainedOn ?? '2025-03-10',
    });
    return t;
  };
  // Attestation: category 15.12.2021 → due 15.12.2026; overdue since 01.03.2025; a later certification moves it.
  await add('Срочная', { categoryDate: '2021-12-15' });
  await add('Просроченная', { categoryDate: '2020-03-01' });
  const moved = await add('Переаттестованная', { categoryDate: '2021-12-15' });
  await db.insert(s.certifications).values({ teacherId: moved.id, date: '2024-01-10', result: 'first' });
  // ПК: the last course ended 31.10.2023 — more than three years ago.
  await add('Безкурсов', {}, '2023-10-31');
  // Young: under 35, second year; one has a mentor.
  await add('Молодая', { birthDate: '2000-01-01', pedagogicalStartDate: '2025-09-01' });
  const mentored = await add('Подопечная', { birthDate: '2000-01-01', pedagogicalStartDate: '2025-09-01' });
  await db.insert(s.mentoringPairs).values({
    organizationId: w.a1,
    mentorId: w.teachers.a1[0],
    menteeId: mentored.id,
    form: 'педагог — педагог',
    startDate: '2025-09-01',
  });
  // Pension (350-ФЗ): a woman born 1966 retires at 58 (31.10.2024), a man born 1962 at 64 (01.01.2026); a woman
  // born 1968 at 60, on 02.11.2028 — not yet.
  await add('Пенсионерка', { birthDate: '1966-10-31', sex: 'female' });
  await add('Пенсионер', { birthDate: '1962-01-01', sex: 'male' });
  await add('Предпенсионерка', { birthDate: '1968-11-02', sex: 'female' });
  // Vacancies: physics open July–October in А1; chemistry in А2 since September.
  await db.insert(s.vacancies).values([
    ...['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01'].map((month) => ({
      organizationId: w.a1,
      month,
      position: 'учитель',
      subject: 'физика',
      count: 1,
    })),
    ...['2026-09-01', '2026-10-01'].map((month) => ({
      organizationId: w.a2,
      month,
      position: 'учитель',
      subject: 'химия',
      count: 2,
    })),
  ]);
});
afterAll(() => w.close());

const names = async (who: string, url: string) => {
  const response = await w.get(who, url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().rows.map((r: { name?: string; organizations: string }) => r.name ?? r.organizations);
};

describe('the lists the department acts on', () => {
  it('attestation due within N months, the overdue included', async () => {
    expect(await names('coord1', `/api/action-lists/attestation?organizationId=${w.a1}`)).toEqual([
      'Просроченная Мария Петровна',
      'Срочная Мария Петровна',
    ]);
    expect(await names('coord1', `/api/action-lists/attestation?organizationId=${w.a1}&months=0`)).toEqual([
      'Просроченная Мария Петровна',
    ]);
    const row = (await w.get('mgra1', `/api/action-lists/attestation`)).json().rows[1];
    expect(row).toMatchObject({ date: '15.12.2026', note: 'предстоит', category: 'первая' });
  });

  it('no ПК for three years', async () => {
    expect(await names('mgra1', '/api/action-lists/no-training')).toEqual(['Безкурсов Мария Петровна']);
  });

  it('young teachers without a mentor', async () => {
    const result = (await w.get('mgra1', '/api/action-lists/no-mentor')).json();
    expect(result.rows.map((r: { name: string }) => r.name)).toEqual(['Молодая Мария Петровна']);
    expect(result.rows[0].note).toBe('26 лет, стаж 1 год');
  });

  it('teachers of pension age, by the schedule of the law', async () => {
    expect(await names('coord1', `/api/action-lists/pension?organizationId=${w.a1}`)).toEqual([
      'Пенсионер Мария Петровна',
      'Пенсионерка Мария Петровна',
    ]);
  });

  it('organizations with a vacancy open longer than N months', async () => {
    expect(await names('coord1', '/api/action-lists/vacancies')).toEqual(['Школа А1']);
    expect(await names('coord1', '/api/action-lists/vacancies?months=1')).toEqual(['Школа А1', 'Школа А2']);
    const [row] = (await w.get('coord1', '/api/action-lists/vacancies')).json().rows;
    expect(row).toMatchObject({ subject: 'физика', date: 'июль 2026', months: 4 });
  });

  it('an organization sees its own; another organization, a teacher and another district are refused', async () => {
    expect(await names('mgra2', '/api/action-lists/pension')).toEqual([]);
    expect(await names('mgra2', '/api/action-lists/vacancies?months=1')).toEqual(['Школа А2']);
    expectError(await w.get('mgra2', `/api/action-lists/pension?organizationId=${w.a1}`), 403);
    expectError(await w.get('teachera1', '/api/action-lists/pension'), 403);
    expectError(await w.get('coord2', `/api/action-lists/pension?organizationId=${w.a1}`), 403);
    expectError(await w.get('coord2', `/api/action-lists/pension?municipalityId=${w.m1}`), 403);
    expectError(await w.get('coord1', '/api/action-lists/retired'), 400, /Список: допустимые значения/);
    expectError(
      await w.get('coord1', '/api/action-lists/attestation?months=-1'),
      400,
      /«Месяцев»: не меньше 0/,
    );
  });

  it('filters by name and exports the same rows to a workbook', async () => {
    expect(await names('coord1', '/api/action-lists/pension?q=пенсионерка')).toEqual([
      'Пенсионерка Мария Петровна',
    ]);
    const xlsx = await w.get('coord1', '/api/action-lists/pension/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Педагоги пенсионного возраста');
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^Сформировано \d\d\.\d\d\.\d{4}$/);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'ФИО',
      'Организация',
      'Должность',
      'Пенсионный возраст с',
      'Возраст',
    ]);
    expect(sheet.getRow(4).getCell(1).value).toBe('Пенсионер Мария Петровна');
    expect(sheet.rowCount).toBe(5);
  });
});
