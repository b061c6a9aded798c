import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../../core/indicators/period.ts';
import { positions, targetStudents, vacancies } from '../../../db/schema/index.ts';
import { createTeacher } from '../../../seed/factories.ts';
import { computeIndicators } from '../../indicators/compute.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

/**
 * The forecast from the registry on 01.12.2026 (school year 2026/27; observed 2023/24–2025/26), by hand:
 * the world's four teachers (born 1985) work all three years; a leaver (born 1980) goes in March 2024;
 * a woman born 1960 (of pension age since 2015) goes in June 2025; a man born 01.03.1962 (64 on 01.03.2026)
 * stays. Not of pension age: 6 + 5 + 4 = 15 teacher-years, 1 left → 1/15. Of pension age: 1 + 1 + 1, 1 left → 1/3.
 * 2027/28 at school A1: the two world teachers 2 × 1/15, the man 1/3 in mathematics + 1 vacancy − 1 graduate:
 * 2/15 + 1/3 = 0,4667; school A2: 2/15 = 0,1333; the municipality 0,6.
 */
let w: World;
beforeAll(async () => {
  w = await createWorld({ fixedToday: '2026-12-01' });
  const db = w.t.database.db;
  const a1 = { id: w.a1, municipalityId: w.m1 };
  const leaver = await createTeacher(db, a1, {
    lastName: 'Уходящая',
    birthDate: '1980-04-04',
    positionStart: '2015-09-01',
  });
  await db.update(positions).set({ endDate: '2024-03-01' }).where(eq(positions.teacherId, leaver.id));
  const pensioner = await createTeacher(db, a1, {
    lastName: 'Пенсионерова',
    birthDate: '1960-01-01',
    positionStart: '2000-09-01',
  });
  await db.update(positions).set({ endDate: '2025-06-30' }).where(eq(positions.teacherId, pensioner.id));
  await createTeacher(db, a1, {
    lastName: 'Старший',
    sex: 'male',
    birthDate: '1962-03-01',
    positionStart: '1990-09-01',
    subjects: ['математика'],
  });
  await db.insert(vacancies).values([
    { organizationId: w.a1, month: '2026-10-01', position: 'учитель', subject: 'математика', count: 2 },
    { organizationId: w.a1, month: '2026-11-01', position: 'учитель', subject: 'математика', count: 1 },
  ]);
  await db.insert(targetStudents).values({
    organizationId: w.a1,
    fullName: 'Будущая Учительница',
    university: 'СмолГУ',
    specialty: 'Педагогическое образование (математика)',
    subject: 'математика',
    graduationYear: 2027,
    contractNumber: '3-ц',
    contractDate: '2023-08-25',
  });
});
afterAll(() => w.close());

describe('the staffing forecast from the registry', () => {
  it('the coordinator: the municipality, the observed rates and the need computed by hand', async () => {
    const response = await w.get('coord1', '/api/staffing-forecast?horizon=1');
    expect(response.statusCode, response.body).toBe(200);
    const f = response.json();
    expect(f.years).toEqual([2027]);
    expect(f.rates.attrition).toBeCloseTo(1 / 15);
    expect(f.rates.pensionLeave).toBeCloseTo(1 / 3);
    expect(f.observedYears.map((o: { year: number }) => o.year)).toEqual([2023, 2024, 2025]);
    expect(f.teacherCount).toBe(5);
    expect(f.byYear[0]).toMatchObject({ year: 2027, vacancies: 1, graduates: 1, need: 0.6 });
    expect(f.byYear[0].departures).toBeCloseTo(2 / 15 + 1 / 3 + 2 / 15, 2);
    expect(
      f.byOrganization.map((o: { shortName: string; total: { need: number } }) => [
        o.shortName,
        o.total.need,
      ]),
    ).toEqual([
      ['Школа А1', 0.47],
      ['Школа А2', 0.13],
    ]);
    expect(f.bySubject.find((s: { subject: string }) => s.subject === 'математика').total.need).toBe(0.33);
    // The trend of the last months: 2 → 1.
    expect(f.vacancyMonths).toEqual([
      { month: '2026-10-01', count: 2 },
      { month: '2026-11-01', count: 1 },
    ]);
    expect(f.vacancyTrendPerMonth).toBeNull();
  });

  it('the subject filter and the pension age as a parameter', async () => {
    const math = (await w.get('coord1', '/api/staffing-forecast?horizon=1&subject=математика')).json();
    expect(math.byYear[0].need).toBe(0.33);
    // At 66 for men the man born 1962 is not of pension age in 2027: he leaves with 1/15.
    const later = (await w.get('coord1', '/api/staffing-forecast?horizon=1&maleAge=66')).json();
    expect(later.rule).toEqual({ male: 66, female: 60, transition: true });
    expect(later.byYear[0].reachingPension).toBe(0);
  });

  it('a school head sees its own organization only; a teacher none', async () => {
    const own = (await w.get('mgra1', '/api/staffing-forecast?horizon=2')).json();
    expect(own.byOrganization.map((o: { shortName: string }) => o.shortName)).toEqual(['Школа А1']);
    expect(own.byYear[0].need).toBe(0.47);
    expectError(await w.get('mgra1', `/api/staffing-forecast?organizationId=${w.a2}`), 403);
    expectError(await w.get('teachera1', '/api/staffing-forecast'), 403);
    expectError(await w.get('coord2', `/api/staffing-forecast?municipalityId=${w.m1}`), 403);
  });

  it('refuses a horizon beyond five years in Russian', async () => {
    expectError(
      await w.get('coord1', '/api/staffing-forecast?horizon=6'),
      400,
      /«Горизонт прогноза»: от 1 до 5 учебных лет/,
    );
  });

  it('exports the forecast to XLSX', async () => {
    const response = await w.t.request({
      method: 'GET',
      url: '/api/staffing-forecast/export.xlsx?horizon=2',
      cookie: await w.t.login('coord1', 'registers-password-1'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as never);
    const sheet = book.getWorksheet('Прогноз')!;
    expect(sheet.getCell('A1').value).toBe('Прогноз кадровой потребности');
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === 'Итого' && r[3] === '2027/2028 учебный год')!;
    expect(total[2]).toBe('Муниципалитет в целом');
    expect(total[9]).toBe(0.6);
  });
});

describe('the register of целевое обучение', () => {
  const student = (organizationId: number, extra: object = {}) => ({
    organizationId,
    fullName: 'Петрова Анна Игоревна',
    university: 'Смоленский государственный университет',
    specialty: '44.03.01 Педагогическое образование',
    subject: 'физика',
    graduationYear: 2028,
    contractNumber: '12-ц',
    contractDate: '2024-08-30',
    ...extra,
  });

  it('a school head adds the students its school expects; they count as inflow of their year', async () => {
    const response = await w.post('mgra1', '/api/target-students', student(w.a1));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ organizationShortName: 'Школа А1', graduationYear: 2028 });
    const [entry] = await w.audit('target_student', response.json().id);
    expect(entry.summary).toContain('Петрова Анна Игоревна');
    const f = (await w.get('mgra1', '/api/staffing-forecast?horizon=2&subject=физика')).json();
    expect(f.byYear.map((y: { graduates: number }) => y.graduates)).toEqual([0, 1]);
  });

  it('a school sees its own students; the department the municipality', async () => {
    await w.post('mgra2', '/api/target-students', student(w.a2, { fullName: 'Иванов Иван' }));
    const own = (await w.get('mgra2', '/api/target-students')).json();
    expect(own.map((s: { fullName: string }) => s.fullName)).toEqual(['Иванов Иван']);
    const all = (await w.get('coord1', '/api/target-students?graduationYear=2028')).json();
    expect(all).toHaveLength(3 - 1); // the 2027 graduate is filtered out
    expectError(await w.post('mgra2', '/api/target-students', student(w.a1)), 403);
    expectError(await w.get('mgra2', `/api/target-students?organizationId=${w.a1}`), 403);
  });

  it('checks the fields in Russian, and the contract is made before the graduation', async () => {
    const bad = await w.post(
      'mgra1',
      '/api/target-students',
      student(w.a1, { fullName: '', graduationYear: 'скоро' }),
    );
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«ФИО»: обязательное поле');
    expect(bad.json().error.message).toContain('«Год выпуска»');
    expectError(
      await w.post('mgra1', '/api/target-students', student(w.a1, { contractDate: '2029-01-10' })),
      400,
      '«Договор о целевом обучении: дата»: договор заключается до выпуска, не позже года выпуска.',
    );
  });

  it('exports the list to XLSX', async () => {
    const response = await w.t.request({
      method: 'GET',
      url: `/api/target-students/export.xlsx?organizationId=${w.a1}`,
      cookie: await w.t.login('mgra1', 'registers-password-1'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as never);
    const sheet = book.getWorksheet('Целевое обучение')!;
    const names = (sheet.getColumn(1).values as unknown[]).filter((v) => typeof v === 'string');
    expect(names).toContain('Петрова Анна Игоревна');
    expect(names).toContain('Будущая Учительница');
    expect(names).not.toContain('Иванов Иван');
  });
});

describe('the formula function staffingNeed', () => {
  it('computes the need of the next school year of each organization and the municipality', async () => {
    const { results, problems } = await computeIndicators({
      db: w.t.database.db,
      ctx: {
        municipalityId: w.m1,
        period: {
          ...reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2026),
          referenceDate: '2026-12-01',
        },
      },
      indicators: [
        {
          code: '5.2',
          name: 'Потребность в педагогических кадрах на следующий учебный год (прогноз)',
          unit: 'count',
          numerator: 'staffingNeed(orgKind = school)',
          denominator: null,
          factor: 1,
          direction: 'lower',
          levelHigh: 0,
          levelMedium: 2,
        },
      ],
    });
    expect(problems).toEqual([]);
    // The same numbers as the page: 0,47 at A1, 0,13 at A2, 0,6 in all (not 0,47 + 0,13 rounded twice).
    expect(results.map((r) => [r.organizationName, r.numerator])).toEqual([
      ['Школа А1', 0.47],
      ['Школа А2', 0.13],
      ['Муниципалитет в целом', 0.6],
    ]);
  });
});
