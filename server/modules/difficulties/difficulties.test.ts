import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { createWorld, expectError, type World } from '../registers/shared/test-world.ts';

let w: World;

beforeAll(async () => {
  w = await createWorld({ fixedToday: '2026-03-01' });
  const db = w.t.database.db;
  await db.insert(s.deficits).values([
    { code: 'П-01', area: 'methodical', title: 'Формирующее оценивание' },
    { code: 'П-02', area: 'psychological', title: 'Работа с детьми с ОВЗ' },
  ]);
  const [a1First, a1Second] = w.teachers.a1;
  const [a2First, a2Second] = w.teachers.a2;
  await db.insert(s.teacherSubjects).values({ teacherId: a1First, subject: 'математика' });
  const diagnostic = (teacherId: number, date: string, deficitCodes: string[]) => ({
    teacherId,
    date,
    level: 'municipal' as const,
    instrument: 'Диагностика ЦНППМ',
    deficitCodes,
  });
  await db.insert(s.diagnostics).values([
    diagnostic(a1First, '2025-10-01', ['П-01', 'П-02']),
    diagnostic(a1Second, '2025-11-01', ['П-01']),
    diagnostic(a2First, '2025-10-05', []),
    // The previous school year: in the trend only.
    diagnostic(a2Second, '2024-10-01', ['П-01']),
    diagnostic(w.teachers.b1[0], '2025-10-01', ['П-01']),
  ]);
  await db
    .insert(s.deficitResources)
    .values({ deficitCode: 'П-01', kind: 'course', title: 'Курс ЦНППМ «Оценивание»' });
  const [practice] = await db
    .insert(s.practices)
    .values({
      municipalityId: w.m1,
      organizationId: w.a1,
      title: 'Листы самооценки',
      kind: 'practice',
      status: 'published',
    })
    .returning();
  const [hidden] = await db
    .insert(s.practices)
    .values({ municipalityId: w.m1, organizationId: w.a1, title: 'Черновик', kind: 'practice' })
    .returning();
  await db.insert(s.practiceDeficits).values([
    { practiceId: practice.id, deficitCode: 'П-01' },
    { practiceId: hidden.id, deficitCode: 'П-01' },
  ]);
});
afterAll(() => w.close());

describe('the bank of difficulties', () => {
  it('counts the teachers with each deficit by organization in the school year, with resources, practices and the trend', async () => {
    const response = await w.get('coord1', '/api/difficulties');
    expect(response.statusCode, response.body).toBe(200);
    const m = response.json();
    expect(m.period).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(m.diagnosed).toBe(3);
    expect(
      m.deficits.map((d: { code: string; count: number; share: number }) => [d.code, d.count, d.share]),
    ).toEqual([
      ['П-01', 2, 2 / 3],
      ['П-02', 1, 1 / 3],
    ]);
    expect(m.deficits[0].resources.map((r: { title: string }) => r.title)).toEqual([
      'Курс ЦНППМ «Оценивание»',
    ]);
    expect(m.deficits[0].practices.map((p: { title: string }) => p.title)).toEqual(['Листы самооценки']);
    expect(m.organizations).toEqual([
      { id: w.a1, shortName: 'Школа А1', diagnosed: 2 },
      { id: w.a2, shortName: 'Школа А2', diagnosed: 1 },
    ]);
    expect(m.cells).toEqual(
      expect.arrayContaining([
        { organizationId: w.a1, deficitCode: 'П-01', count: 2, share: 1 },
        { organizationId: w.a1, deficitCode: 'П-02', count: 1, share: 0.5 },
      ]),
    );
    expect(m.cells).toHaveLength(2);
    expect(m.trends).toEqual({
      years: [2024, 2025],
      series: [
        { code: 'П-01', values: [1, 2] },
        { code: 'П-02', values: [0, 1] },
      ],
    });
    const bySubject = (await w.get('coord1', '/api/difficulties?subject=матем')).json();
    expect([bySubject.diagnosed, bySubject.deficits.map((d: { code: string }) => d.code)]).toEqual([
      1,
      ['П-01', 'П-02'],
    ]);
    const earlier = (await w.get('coord1', '/api/difficulties?from=2024-09-01&to=2025-08-31')).json();
    expect(earlier.organizations).toEqual([{ id: w.a2, shortName: 'Школа А2', diagnosed: 1 }]);
    expectError(
      await w.get('coord1', '/api/difficulties?from=2026-01-01&to=2025-01-01'),
      400,
      'Период: дата начала позже даты окончания.',
    );
  });

  it('opens the names behind a cell to the department and to the school for its own teachers only', async () => {
    const names = await w.get('coord1', `/api/difficulties/teachers?organizationId=${w.a1}&deficitCode=П-01`);
    expect(names.json().map((t: { name: string }) => t.name.split(' ')[0])).toEqual(['Алексеева', 'Андреев']);
    const own = await w.get('mgra1', `/api/difficulties/teachers?organizationId=${w.a1}&deficitCode=П-02`);
    expect(own.json().map((t: { name: string }) => t.name.split(' ')[0])).toEqual(['Алексеева']);
    expectError(
      await w.get('mgra2', `/api/difficulties/teachers?organizationId=${w.a1}&deficitCode=П-01`),
      403,
      'Организация видит имена только своих педагогов.',
    );
    expectError(
      await w.get('teachera1', `/api/difficulties/teachers?organizationId=${w.a1}&deficitCode=П-01`),
      403,
    );
    // A school sees its own row and the municipal totals; a teacher the totals only; another district nothing.
    const school = (await w.get('mgra2', '/api/difficulties')).json();
    expect([school.organizations.map((o: { id: number }) => o.id), school.cells, school.diagnosed]).toEqual([
      [w.a2],
      [],
      3,
    ]);
    expectError(await w.get('mgra2', `/api/difficulties?organizationId=${w.a1}`), 403);
    const teacher = (await w.get('teachera1', '/api/difficulties')).json();
    expect([teacher.organizations, teacher.canSeeNames, teacher.deficits.length]).toEqual([[], [], 2]);
    expectError(await w.get('coord2', `/api/difficulties?municipalityId=${w.m1}`), 403);
  });

  it('exports the table to XLSX, counts or shares', async () => {
    const read = async (measure: string) => {
      const response = await w.get('coord1', `/api/difficulties/export.xlsx?measure=${measure}`);
      expect(response.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const counts = await read('count');
    expect(counts.find((r) => r[0] === 'Организация')).toEqual([
      'Организация',
      'Продиагностировано',
      'П-01 Формирующее оценивание',
      'П-02 Работа с детьми с ОВЗ',
    ]);
    expect(counts.at(-1)).toEqual(['Итого по муниципалитету', 3, 2, 1]);
    expect(counts.find((r) => r[0] === 'Школа А1')).toEqual(['Школа А1', 2, 2, 1]);
    const shares = await read('share');
    expect(shares.find((r) => r[0] === 'Школа А1')).toEqual(['Школа А1', 2, '100,0\u00a0%', '50,0\u00a0%']);
  });
});
