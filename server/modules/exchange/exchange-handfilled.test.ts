import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educations, positions, routeSteps, routes, teachers, vacancies } from '../../db/schema/index.ts';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import type { ImportPreviewOutput } from './exchange.schema.ts';
import { cell, columnOf, findRow, loadWorkbook, multipart, saveWorkbook, TODAY } from './test-support.ts';

/**
 * Workbooks a person fills by hand: optional columns left out, blanks that mean «не указано», a month without
 * vacancies, the same file imported twice after a dismissal, and a teacher shared by two schools.
 */
let t: TestApp;
let school: { id: number; municipalityId: number };
let other: { id: number; municipalityId: number };
const PASSWORD = 'handfilled-password-1';
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m = await createMunicipality(db);
  school = await createOrganization(db, m.id, { shortName: 'Школа 1' });
  other = await createOrganization(db, m.id, { shortName: 'Школа 2' });
  await createTeacher(db, school, { lastName: 'Алексеева', snils: '11122233372' });
  await createTeacher(db, school, { lastName: 'Гаврилова', snils: '22233344416', birthDate: '1980-01-01' });
  const shared = await createTeacher(db, other, {
    lastName: 'Смирнова',
    snils: '99988877775',
    birthDate: '1991-02-02',
  });
  await db.insert(positions).values({
    teacherId: shared.id,
    organizationId: school.id,
    title: 'учитель музыки',
    isMainJob: false,
    rate: 0.5,
    startDate: '2024-09-01',
  });
  for (const [login, organizationId] of [
    ['head1', school.id],
    ['head2', other.id],
  ] as const) {
    await createUser(db, {
      login,
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId, municipalityId: m.id }],
    });
    cookies[login] = await t.login(login, PASSWORD);
  }
}, 120_000);
afterAll(() => t.close());

async function upload(file: Buffer, fileName: string, login = 'head1'): Promise<ImportPreviewOutput> {
  const body = multipart(file, fileName);
  const organizationId = login === 'head1' ? school.id : other.id;
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${organizationId}/imports`,
    payload: body.payload,
    headers: { ...body.headers, cookie: cookies[login] },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function apply(file: Buffer, fileName: string, login = 'head1') {
  const preview = await upload(file, fileName, login);
  expect(preview.errors.map((e) => e.message)).toEqual([]);
  const response = await t.request({
    method: 'POST',
    url: `/api/imports/${preview.importId}/confirm`,
    cookie: cookies[login],
  });
  expect(response.statusCode, response.body).toBe(200);
  return preview;
}

const csv = (lines: string[][]) => Buffer.from(lines.map((l) => l.join(';')).join('\r\n'), 'utf8');
const teacherId = async (lastName: string) =>
  (await t.database.db.select().from(teachers).where(eq(teachers.lastName, lastName)))[0].id;
const educationsOf = async (lastName: string) =>
  t.database.db
    .select()
    .from(educations)
    .where(eq(educations.teacherId, await teacherId(lastName)))
    .orderBy(educations.id);

describe('optional columns and blanks', () => {
  it('takes a sheet with only its required columns and the teacher; a blank «Соответствует профилю» is «не указано»', async () => {
    await apply(
      csv([
        ['СНИЛС', 'Уровень образования', 'Образовательная организация', 'Соответствует профилю'],
        ['111-222-333 72', 'высшее', 'ЮФУ', ''],
      ]),
      'образование.csv',
    );
    expect(await educationsOf('Алексеева')).toEqual([
      expect.objectContaining({
        institution: 'ЮФУ',
        specialty: null,
        matchesProfile: null,
        organizationId: school.id,
      }),
    ]);
  });

  it('leaves the values of a column the header lacks as they are in existing records', async () => {
    const [education] = await educationsOf('Алексеева');
    await t.database.db
      .update(educations)
      .set({ specialty: 'учитель математики', graduationYear: null })
      .where(eq(educations.id, education.id));
    const preview = await upload(
      csv([
        ['ID', 'СНИЛС', 'Уровень образования', 'Образовательная организация'],
        [String(education.id), '111-222-333 72', 'высшее', 'ЮФУ'],
      ]),
      'образование.csv',
    );
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
    // Without ID the row finds its record by the key, of which the missing «Год окончания» is not a part.
    await t.database.db
      .update(educations)
      .set({ graduationYear: 2007 })
      .where(eq(educations.id, education.id));
    const byKey = await upload(
      csv([
        ['СНИЛС', 'Уровень образования', 'Образовательная организация'],
        ['111-222-333 72', 'высшее', 'ЮФУ'],
      ]),
      'образование.csv',
    );
    expect(byKey.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('names the sheet and the required column a header lacks', async () => {
    const preview = await upload(
      csv([
        ['СНИЛС', 'Уровень образования', 'Образовательная организация', 'Год окончания'],
        ['111-222-333 72', 'высшее', 'ЮФУ', '2007'],
      ]),
      'образование.csv',
    );
    expect(preview.errors).toEqual([]);
    const workbook = await loadWorkbook((await download('head1')).rawPayload);
    const sheet = workbook.getWorksheet('Образование')!;
    sheet.spliceColumns(columnOf(sheet, 'Образовательная организация'), 1);
    const refused = await upload(await saveWorkbook(workbook), 'книга.xlsx');
    expect(refused.canApply).toBe(false);
    expect(refused.errors.map((e) => e.message)).toContain(
      'Лист «Образование», строка 1, столбец «Образовательная организация»: нет обязательного столбца; ' +
        'добавьте его в строку заголовков (лист не загружен)',
    );
  });

  it('says which column a first or highest category needs', async () => {
    const header = [
      'Фамилия',
      'Имя',
      'Дата рождения',
      'Пол',
      'Дата начала педагогической деятельности',
      'Квалификационная категория',
      'Должность',
      'Ставка',
      'Дата приёма',
    ];
    const preview = await upload(
      csv([
        header,
        ['Петрова', 'Анна', '01.01.1990', 'женский', '01.09.2012', 'высшая', 'учитель', '1', '01.09.2012'],
        [
          'Орлова',
          'Инна',
          '01.01.1991',
          'женский',
          '01.09.2013',
          'без категории',
          'учитель',
          '1',
          '01.09.2013',
        ],
      ]),
      'педагоги.csv',
    );
    expect(preview.errors.map((e) => e.message)).toEqual([
      'Лист «Педагоги», строка 2, столбец «Дата присвоения категории»: обязательна для категории «первая» и ' +
        '«высшая» — добавьте столбец в строку заголовков',
    ]);
    const filled = await upload(
      csv([
        [...header, 'Дата присвоения категории'],
        [
          'Петрова',
          'Анна',
          '01.01.1990',
          'женский',
          '01.09.2012',
          'высшая',
          'учитель',
          '1',
          '01.09.2012',
          '',
        ],
      ]),
      'педагоги.csv',
    );
    expect(filled.errors.map((e) => e.message)).toEqual([
      'Лист «Педагоги», строка 2, столбец «Дата присвоения категории»: обязательна для категории «первая» и «высшая»',
    ]);
  });

  it('marks the required columns in the template', async () => {
    const workbook = await loadWorkbook((await download('head1', true)).rawPayload);
    const sheet = workbook.getWorksheet('Педагоги')!;
    expect(String(cell(sheet, 1, 'Фамилия').note)).toMatch(/Обязательный столбец/);
    expect(String(cell(sheet, 1, 'Дата присвоения категории').note)).toMatch(
      /Обязательна для категории «первая» и «высшая»/,
    );
    const guide: string[] = [];
    workbook.getWorksheet('Инструкция')!.eachRow((row) => guide.push(String(row.getCell(1).value)));
    expect(guide.join('\n')).toMatch(
      /«Вакансии»[^\n]*Обязательные столбцы: «Месяц», «Должность», «Количество вакансий»/,
    );
  });
});

describe('vacancies', () => {
  it('records a month without vacancies as 0, apart from a month without a report', async () => {
    const preview = await apply(
      csv([
        ['Месяц', 'Должность', 'Количество вакансий'],
        ['02.2026', 'учитель', '0'],
      ]),
      'вакансии.csv',
    );
    const rows = await t.database.db.select().from(vacancies).where(eq(vacancies.organizationId, school.id));
    expect(rows).toEqual([expect.objectContaining({ month: '2026-02-01', count: 0 })]);
    expect(preview.sheets.find((x) => x.sheet === 'Вакансии')!.added.map((a) => a.label)).toEqual([
      '02.2026: учитель — вакансий нет',
    ]);
  });
});

describe('ИОМ steps', () => {
  it('carry the kind of the step both ways', async () => {
    const db = t.database.db;
    const [route] = await db
      .insert(routes)
      .values({ teacherId: await teacherId('Алексеева'), startDate: '2026-01-10', endDate: '2026-06-30' })
      .returning();
    const [step] = await db
      .insert(routeSteps)
      .values({ routeId: route.id, kind: 'course', title: 'Курс по ФГОС', deadline: '2026-04-01' })
      .returning();
    const workbook = await loadWorkbook((await download('head1')).rawPayload);
    const sheet = workbook.getWorksheet('Шаги ИОМ')!;
    const row = findRow(sheet, 'Мероприятие', (v) => v === 'Курс по ФГОС');
    expect(cell(sheet, row, 'Вид шага').value).toBe('курсы повышения квалификации');
    cell(sheet, row, 'Вид шага').value = 'самообразование';
    await apply(await saveWorkbook(workbook), 'книга.xlsx');
    const [after] = await db.select().from(routeSteps).where(eq(routeSteps.id, step.id));
    expect(after.kind).toBe('self_study');
  });
});

describe('the same file twice', () => {
  it('changes nothing the second time, also after it dismissed a teacher', async () => {
    const db = t.database.db;
    const gavrilova = await teacherId('Гаврилова');
    await db.insert(educations).values({ teacherId: gavrilova, level: 'higher', institution: 'РГПУ' });
    const workbook = await loadWorkbook((await download('head1')).rawPayload);
    const staff = workbook.getWorksheet('Педагоги')!;
    const row = findRow(staff, 'Фамилия', (v) => v === 'Гаврилова');
    cell(staff, row, 'Дата увольнения').value = new Date(Date.UTC(2026, 2, 1));
    const file = await saveWorkbook(workbook);
    const first = await apply(file, 'книга.xlsx');
    expect(first.totals).toMatchObject({ added: 0, changed: 1, removed: 0 });
    const second = await upload(file, 'книга.xlsx');
    expect(second.errors.map((e) => e.message)).toEqual([]);
    expect(second.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });

    // The dismissed teacher's records are no longer this school's to change.
    const sheet = workbook.getWorksheet('Образование')!;
    cell(
      sheet,
      findRow(sheet, 'Образовательная организация', (v) => v === 'РГПУ'),
      'Год окончания',
    ).value = 2001;
    const edited = await upload(await saveWorkbook(workbook), 'книга.xlsx');
    expect(edited.errors.map((e) => e.problem)).toEqual([
      'Гаврилова Мария Петровна не работает в организации на текущую дату: сведения о педагоге ведёт ' +
        'организация, где он работает',
    ]);
    expect(await educationsOf('Гаврилова')).toEqual([expect.objectContaining({ graduationYear: null })]);
  });
});

describe('a teacher shared by two schools', () => {
  const header = ['ID', 'СНИЛС', 'Уровень образования', 'Образовательная организация'];

  it('keeps the records another school entered, and keeps its own from the other school', async () => {
    await apply(csv([header, ['', '999-888-777 75', 'высшее', 'МГУ']]), 'образование.csv', 'head2');
    const [entered] = await educationsOf('Смирнова');
    expect(entered).toMatchObject({ institution: 'МГУ', organizationId: other.id });

    // The part-time school's file knows nothing of it: nothing of Смирнова's is removed.
    const own = await apply(
      csv([
        header,
        ['', '111-222-333 72', 'высшее', 'ЮФУ'],
        ['', '999-888-777 75', 'среднее профессиональное', 'Педколледж'],
      ]),
      'образование.csv',
    );
    expect(own.totals).toMatchObject({ added: 1, removed: 0 });
    expect((await educationsOf('Смирнова')).map((e) => [e.institution, e.organizationId])).toEqual([
      ['МГУ', other.id],
      ['Педколледж', school.id],
    ]);
    // And the main school's file without the part-time school's record leaves that one alone.
    const main = await upload(csv([header, ['', '999-888-777 75', 'высшее', 'МГУ']]), 'о.csv', 'head2');
    expect(main.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('refuses to change a record another school entered', async () => {
    const [entered] = await educationsOf('Смирнова');
    const preview = await upload(
      csv([
        [...header, 'Специальность, квалификация'],
        [String(entered.id), '999-888-777 75', 'высшее', 'МГУ', 'музыковед'],
      ]),
      'образование.csv',
    );
    expect(preview.errors.map((e) => e.problem)).toEqual([
      'запись внесена организацией Школа 2, где педагог тоже работает: изменить или удалить её может только она',
    ]);
  });

  it('refuses a step added to a route another school entered', async () => {
    const [route] = await t.database.db
      .insert(routes)
      .values({
        teacherId: await teacherId('Смирнова'),
        organizationId: other.id,
        startDate: '2026-02-01',
        endDate: '2026-05-31',
      })
      .returning();
    const preview = await upload(
      csv([
        ['ID ИОМ', 'Мероприятие', 'Срок', 'Статус'],
        [String(route.id), 'Семинар', '01.04.2026', 'запланирован'],
      ]),
      'шаги.csv',
    );
    expect(preview.errors.map((e) => `${e.column}: ${e.problem}`)).toEqual([
      'ID ИОМ: запись внесена организацией Школа 2, где педагог тоже работает: изменить или удалить её может только она',
    ]);
  });
});

async function download(login: string, template = false) {
  const organizationId = login === 'head1' ? school.id : other.id;
  return t.request({
    method: 'GET',
    url: `/api/organizations/${organizationId}/workbook${template ? '?template=1' : ''}`,
    cookie: cookies[login],
  });
}
