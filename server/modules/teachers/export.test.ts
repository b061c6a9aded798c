import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** The XLSX exports of the teachers list (with its filters) and of a drill-down: content and access. */
let t: TestApp;
const cookies: Record<string, string> = {};
let school1 = 0;
let school5 = 0;

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });

async function sheetOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: 'export-pass-1' });
  for (const login of ['metodist', 'school1', 'school5', 'teacher'])
    cookies[login] = await t.login(login, 'export-pass-1');
  const own = async (who: string) =>
    (await get(who, '/api/auth/me')).json().roles.find((g: { role: string }) => g.role === 'org_manager')
      .organizationId as number;
  school1 = await own('school1');
  school5 = await own('school5');
}, 300_000);
afterAll(() => t.close());

describe('the teachers list in Excel', () => {
  it('holds the very teachers the list finds with the same filters, under a heading naming them and the date', async () => {
    const filters = `organizationId=${school1}&young=true`;
    const list = await get('metodist', `/api/teachers?${filters}&pageSize=500`);
    const found = list.json().map((r: { fullName: string }) => r.fullName);
    expect(found.length).toBeGreaterThan(0);
    const response = await get('metodist', `/api/teachers/export.xlsx?${filters}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('Педагоги'));
    const { rows } = await sheetOf(response.rawPayload);
    expect(String(rows[0][0])).toMatch(/^Педагоги: МБОУ СОШ № 1/);
    expect(String(rows[1][0])).toMatch(/молодые педагоги/);
    expect(String(rows[1][0])).toMatch(/организация «МБОУ СОШ № 1»/);
    expect(rows.some((r) => r[0] === 'Сформировано 01.11.2026')).toBe(true);
    const header = rows.findIndex((r) => r[1] === 'ФИО');
    expect(rows.slice(header + 1).map((r) => r[1])).toEqual(found);
    // Every exported teacher is young by the list's own rule.
    expect(rows.slice(header + 1).every((r) => r[5] === 'да')).toBe(true);
  });

  it('writes a name a spreadsheet would run as a formula as text', async () => {
    const [teacher] = await t.database.db
      .select({ id: s.teachers.id })
      .from(s.teachers)
      .innerJoin(s.positions, eq(s.positions.teacherId, s.teachers.id))
      .where(eq(s.positions.organizationId, school5))
      .limit(1);
    await t.database.db
      .update(s.teachers)
      .set({ lastName: '=HYPERLINK("http://evil.example","Иванов")' })
      .where(eq(s.teachers.id, teacher.id));
    const response = await get('school5', `/api/teachers/export.xlsx?q=${encodeURIComponent('HYPERLINK')}`);
    const { sheet, rows } = await sheetOf(response.rawPayload);
    const header = rows.findIndex((r) => r[1] === 'ФИО');
    const cell = sheet.getRow(header + 2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(String(cell.value)).toMatch(/^'=HYPERLINK/);
  });

  it('a school head exports its own staff only: another school is refused, the list never widens', async () => {
    expect((await get('school1', `/api/teachers/export.xlsx?organizationId=${school5}`)).statusCode).toBe(
      403,
    );
    expect((await get('teacher', '/api/teachers/export.xlsx')).statusCode).toBe(403);
    const own = await get('school1', '/api/teachers/export.xlsx');
    expect(own.statusCode).toBe(200);
    const { rows } = await sheetOf(own.rawPayload);
    const header = rows.findIndex((r) => r[1] === 'ФИО');
    const positions = rows.slice(header + 1).map((r) => String(r[8]));
    expect(positions.length).toBeGreaterThan(0);
    // Positions shown are those at its own school (a shared teacher's other job is not disclosed).
    expect(positions.every((p) => p.split('; ').every((job) => job.startsWith('МБОУ СОШ № 1 ')))).toBe(true);
  });
});

describe('a drill-down in Excel', () => {
  it('lists the records of the drill-down under a heading naming the indicator, the organization and the year', async () => {
    const [closed] = await t.database.db
      .select({ programId: s.campaigns.programId, year: s.campaigns.year })
      .from(s.campaigns)
      .where(eq(s.campaigns.status, 'closed'))
      .limit(1);
    const indicator = (
      await t.database.db.select().from(s.indicators).where(eq(s.indicators.programId, closed.programId))
    ).find((i) => i.numerator.startsWith('teachers('))!;
    const query = `year=${closed.year}&indicator=${encodeURIComponent(indicator.code)}&organizationId=${school1}&part=numerator`;
    const shown = (await get('metodist', `/api/programs/${closed.programId}/drilldown?${query}`)).json();
    const response = await get('metodist', `/api/programs/${closed.programId}/drilldown.xlsx?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = await sheetOf(response.rawPayload);
    expect(String(rows[0][0])).toBe(`Показатель ${indicator.code} «${indicator.name}»: числитель`);
    expect(String(rows[1][0])).toBe(`МБОУ СОШ № 1, ${closed.year} год`);
    expect(rows.some((r) => r[0] === 'Сформировано 01.11.2026')).toBe(true);
    const labels = rows.filter((r) => typeof r[0] === 'number').map((r) => r[1]);
    expect(labels).toEqual(
      shown.calls.flatMap((c: { rows: { label: string }[] }) => c.rows.map((r) => r.label)),
    );
    expect(labels.length).toBeGreaterThan(0);
    // A school head drills down into its own school only.
    expect(
      (await get('school5', `/api/programs/${closed.programId}/drilldown.xlsx?${query}`)).statusCode,
    ).toBe(403);
    expect(
      (await get('school1', `/api/programs/${closed.programId}/drilldown.xlsx?${query}`)).statusCode,
    ).toBe(200);
  });
});
