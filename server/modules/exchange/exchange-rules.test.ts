import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  associations,
  positions,
  teacherAttachRequests,
  teachers,
  trainings,
  vacancies,
} from '../../db/schema/index.ts';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import type { ImportPreviewOutput } from './exchange.schema.ts';
import { multipart, TODAY } from './test-support.ts';

/** Identification, cross-row checks and CSV on a small world: two schools of one municipality. */
let t: TestApp;
let school: { id: number; municipalityId: number };
let other: { id: number; municipalityId: number };
let cookie: string;
const PASSWORD = 'rules-password-1';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m = await createMunicipality(db);
  school = await createOrganization(db, m.id, { shortName: 'Школа 1' });
  other = await createOrganization(db, m.id, { shortName: 'Школа 2' });
  await db.insert(associations).values({
    municipalityId: m.id,
    name: 'РМО учителей математики',
    level: 'municipal',
    type: 'rmo',
    startDate: '2023-09-01',
  });
  await createTeacher(db, school, { lastName: 'Алексеева', snils: '11122233372' });
  await createTeacher(db, other, { lastName: 'Борисова', snils: '55566677750', birthDate: '1990-05-05' });
  await createUser(db, {
    login: 'head1',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: school.id, municipalityId: m.id }],
  });
  cookie = await t.login('head1', PASSWORD);
}, 120_000);
afterAll(() => t.close());

async function upload(file: Buffer, fileName: string): Promise<ImportPreviewOutput> {
  const body = multipart(file, fileName);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${school.id}/imports`,
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const confirm = (id: string) => t.request({ method: 'POST', url: `/api/imports/${id}/confirm`, cookie });
const csv = (lines: string[][], separator = ';') => lines.map((l) => l.join(separator)).join('\r\n');
const sheetOf = (p: ImportPreviewOutput, name: string) => p.sheets.find((s) => s.sheet === name)!;

const VACANCY_HEADER = ['ID', 'Месяц', 'Должность', 'Предмет', 'Количество вакансий'];

describe('CSV', () => {
  it.each([
    ['UTF-8 with «,»', (text: string) => Buffer.from(text, 'utf8'), ',', 'utf-8'],
    ['UTF-8 with BOM and «;»', (text: string) => Buffer.from(`\ufeff${text}`, 'utf8'), ';', 'utf-8-bom'],
    ['Windows-1251 and «;»', (text: string) => iconv.encode(text, 'win1251'), ';', 'windows-1251'],
  ])('reads %s and finds the sheet by its header row', async (_name, encode, separator, encoding) => {
    const text = csv(
      [
        VACANCY_HEADER,
        ['', '03.2026', 'учитель математики', 'математика', '2'],
        ['', '01.03.2026', '"педагог-психолог, 0,5 ставки"', '', '1'],
      ],
      separator,
    );
    const preview = await upload(encode(text), 'вакансии.csv');
    expect(preview).toMatchObject({ format: 'csv', encoding, errorCount: 0, fileName: 'вакансии.csv' });
    expect(preview.sheets.filter((s) => s.isPresent).map((s) => s.sheet)).toEqual(['Вакансии']);
    expect(sheetOf(preview, 'Вакансии').added.map((a) => a.label)).toEqual([
      '03.2026: учитель математики (математика) — 2',
      '03.2026: педагог-психолог, 0,5 ставки — 1',
    ]);
    await t.request({ method: 'DELETE', url: `/api/imports/${preview.importId}`, cookie });
  });

  it('applies a CSV sheet, and the same file again changes nothing', async () => {
    const file = Buffer.from(csv([VACANCY_HEADER, ['', '04.2026', 'учитель физики', 'физика', '1']]), 'utf8');
    expect((await confirm((await upload(file, 'в.csv')).importId)).statusCode).toBe(200);
    const rows = await t.database.db.select().from(vacancies).where(eq(vacancies.organizationId, school.id));
    expect(rows).toEqual([
      expect.objectContaining({ month: '2026-04-01', position: 'учитель физики', count: 1 }),
    ]);
    expect((await upload(file, 'в.csv')).totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('names the closest sheet when the header row matches none', async () => {
    const preview = await upload(
      Buffer.from(
        csv([
          ['Месяц', 'Должность'],
          ['03.2026', 'учитель'],
        ]),
        'utf8',
      ),
      'x.csv',
    );
    expect(preview.canApply).toBe(false);
    expect(preview.errors[0].message).toMatch(
      /ближе всего лист «Вакансии», но нет обязательных столбцов «Количество вакансий»/,
    );
  });
});

const TRAINING_HEADER = [
  'ID',
  'ID педагога',
  'ФИО',
  'СНИЛС',
  'Дата рождения',
  'Вид',
  'Программа',
  'Организация, проводившая обучение',
  'Объём, часов',
  'Дата начала',
  'Дата окончания',
  'Номер документа (удостоверения, диплома)',
  'Тематика',
];

describe('cross-row checks', () => {
  it('reports an unknown provider, an unknown topic and a teacher not of this organization', async () => {
    const preview = await upload(
      Buffer.from(
        csv([
          TRAINING_HEADER,
          [
            '',
            '',
            '',
            '111-222-333 72',
            '',
            'повышение квалификации',
            'Курс',
            'Неизвестный институт',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            'воспитание',
          ],
          [
            '',
            '',
            '',
            '',
            '',
            'повышение квалификации',
            'Курс',
            '',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            'вязание',
          ],
          [
            '',
            '',
            '',
            '555-666-777 50',
            '',
            'повышение квалификации',
            'Курс',
            '',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            '',
          ],
          [
            '',
            '',
            'Борисова Мария Петровна',
            '',
            '05.05.1990',
            'повышение квалификации',
            'Курс',
            '',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            '',
          ],
        ]),
        'utf8',
      ),
      'обучение.csv',
    );
    const problems = preview.errors.map((e) => `${e.row} ${e.column}: ${e.problem}`);
    expect(problems).toEqual([
      '2 Организация, проводившая обучение: «Неизвестный институт» нет в справочнике организаций, проводящих обучение (допустимые названия — на листе «Списки»)',
      '3 ФИО: укажите педагога: ID педагога, СНИЛС или ФИО вместе с датой рождения',
      expect.stringMatching(/^3 Тематика: допустимые значения — оценка качества образования/),
      '4 СНИЛС: педагог с СНИЛС 555-666-777 50 не найден среди педагогов организации',
      '5 ФИО: педагог Борисова Мария Петровна, 05.05.1990 г. р., не найден среди педагогов организации',
    ]);
    const topic = await upload(
      Buffer.from(
        csv([
          TRAINING_HEADER,
          [
            '',
            '',
            '',
            '111-222-333 72',
            '',
            'повышение квалификации',
            'Курс',
            '',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            'вязание',
          ],
        ]),
        'utf8',
      ),
      'обучение.csv',
    );
    expect(topic.errors[0]).toMatchObject({
      column: 'Тематика',
      problem: expect.stringMatching(/^допустимые значения — оценка качества/),
    });
  });

  it('reports an unknown deficit code and an unknown association', async () => {
    const diagnostics = await upload(
      Buffer.from(
        csv([
          [
            'ID',
            'ID педагога',
            'ФИО',
            'СНИЛС',
            'Дата рождения',
            'Дата',
            'Уровень',
            'Инструмент (методика)',
            'Области компетенций',
            'Балл',
            'Максимальный балл',
            'Выявленные дефициты (коды)',
          ],
          [
            '',
            '',
            '',
            '11122233372',
            '',
            '01.02.2026',
            'муниципальный',
            'Тест',
            'предметные',
            '12,5',
            '20',
            '"П-01; Я-99"',
          ],
        ]),
        'utf8',
      ),
      'диагностики.csv',
    );
    expect(diagnostics.errors.map((e) => e.problem)).toEqual([
      'неизвестный код дефицита «Я-99» (коды каталога — на листе «Списки»)',
    ]);
    const members = await upload(
      Buffer.from(
        csv([
          [
            'ID',
            'ID педагога',
            'ФИО',
            'СНИЛС',
            'Дата рождения',
            'Объединение',
            'Дата вступления',
            'Дата выхода',
          ],
          ['', '', '', '11122233372', '', 'рмо учителей математики', '01.09.2025', ''],
          ['', '', '', '11122233372', '', 'РМО учителей пения', '01.09.2025', ''],
        ]),
        'utf8',
      ),
      'мо.csv',
    );
    expect(members.errors.map((e) => `${e.row} ${e.problem}`)).toEqual([
      '3 «РМО учителей пения» нет среди методических объединений муниципалитета и организации (допустимые названия — на листе «Списки»)',
    ]);
    expect(sheetOf(members, 'Методические объединения').counts.added).toBe(1);
  });
});

const STAFF_HEADER = [
  'ID',
  'ID педагога',
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'СНИЛС',
  'Электронная почта',
  'Телефон',
  'Дата начала педагогической деятельности',
  'Квалификационная категория',
  'Дата присвоения категории',
  'Руководитель (управленческие кадры)',
  'Преподаваемые предметы',
  'Должность',
  'Основное место работы',
  'Ставка',
  'Дата приёма',
  'Дата увольнения',
];

/** Алексеева's row of the staff sheet (of its position `positionId`, blank for a new one), as a head types it. */
const alekseevaRow = (teacherId: number, positionId: string) => [
  positionId,
  String(teacherId),
  'Алексеева',
  'Мария',
  'Петровна',
  '15.03.1985',
  'женский',
  '111-222-333 72',
  '',
  '',
  '01.09.2008',
  'первая',
  '20.12.2021',
  'нет',
  '',
  'учитель',
  'да',
  '1',
  '01.09.2008',
  '',
];
/** A new teacher's row of the staff sheet: no СНИЛС, two subjects. */
const NOVIKOVA_ROW = [
  '',
  '',
  'Новикова',
  'Анна',
  'Сергеевна',
  '02.02.1998',
  'женский',
  '',
  '',
  '',
  '01.09.2020',
  'без категории',
  '',
  'нет',
  '"математика; информатика"',
  'учитель математики',
  'да',
  '1',
  '01.09.2020',
  '',
];

describe('teachers', () => {
  it('adds a new teacher with its records in one file, and asks to attach a teacher of another school by СНИЛС', async () => {
    const db = t.database.db;
    const [alekseeva] = await db.select().from(teachers).where(eq(teachers.lastName, 'Алексеева'));
    const [borisova] = await db.select().from(teachers).where(eq(teachers.lastName, 'Борисова'));
    const staff = csv([
      STAFF_HEADER,
      alekseevaRow(alekseeva.id, ''),
      NOVIKOVA_ROW,
      [
        '',
        '',
        'Борисова',
        'Мария',
        'Петровна',
        '05.05.1990',
        'женский',
        '555-666-777 50',
        '',
        '',
        '01.09.2008',
        'первая',
        '20.12.2021',
        'нет',
        '',
        'учитель',
        'нет',
        '0,5',
        '01.09.2025',
        '',
      ],
    ]);
    const preview = await upload(Buffer.from(staff, 'utf8'), 'педагоги.csv');
    expect(preview.errors).toEqual([]);
    const added = sheetOf(preview, 'Педагоги').added;
    expect(added).toHaveLength(2);
    // A school head does not take a teacher of another school by knowing its СНИЛС: the row is a request.
    expect(added[1]).toMatchObject({
      row: 4,
      note: 'Педагог работает в другой организации: отправлен запрос на добавление; должность появится после подтверждения',
    });
    expect((await confirm(preview.importId)).statusCode).toBe(200);
    const [novikova] = await db.select().from(teachers).where(eq(teachers.lastName, 'Новикова'));
    expect(novikova).toMatchObject({ snils: null, qualificationCategory: 'none' });
    expect(await db.select().from(teachers).where(eq(teachers.lastName, 'Борисова'))).toHaveLength(1);
    const jobs = await db.select().from(positions).where(eq(positions.teacherId, borisova.id));
    expect(jobs.map((j) => j.organizationId)).toEqual([other.id]);
    const asked = await db
      .select()
      .from(teacherAttachRequests)
      .where(eq(teacherAttachRequests.teacherId, borisova.id));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ organizationId: school.id, status: 'pending' });
    expect(asked[0].position).toMatchObject({ title: 'учитель', rate: 0.5, organizationId: school.id });
    // The same file again: the request already waits, nothing else changes and no second request appears.
    const again = await upload(Buffer.from(staff, 'utf8'), 'педагоги.csv');
    expect(again.totals).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect((await confirm(again.importId)).statusCode).toBe(200);
    expect(
      await db.select().from(teacherAttachRequests).where(eq(teacherAttachRequests.teacherId, borisova.id)),
    ).toHaveLength(1);
    expect(await db.select().from(positions).where(eq(positions.teacherId, borisova.id))).toHaveLength(1);

    // A record of the new teacher named by ФИО and birth date.
    const course = await upload(
      Buffer.from(
        csv([
          TRAINING_HEADER,
          [
            '',
            '',
            'новикова  анна сергеевна',
            '',
            '02.02.1998',
            'повышение квалификации',
            'Курс',
            'ЦНППМ Ростовской области',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            '"воспитание; цифровая образовательная среда"',
          ],
        ]),
        'utf8',
      ),
      'обучение.csv',
    );
    expect(course.errors).toEqual([]);
    expect((await confirm(course.importId)).statusCode).toBe(200);
    const [training] = await db.select().from(trainings).where(eq(trainings.teacherId, novikova.id));
    expect(training.topics).toEqual(['upbringing', 'digital']);
  });

  it('a school head’s row for a teacher of another school writes nothing of that teacher; the coordinator’s attaches it at once', async () => {
    const db = t.database.db;
    const third = await createOrganization(db, school.municipalityId, { shortName: 'Школа 3' });
    const vasilieva = await createTeacher(db, third, {
      lastName: 'Васильева',
      firstName: 'Ольга',
      middleName: 'Ивановна',
      snils: '77788899939',
      birthDate: '1987-07-07',
    });
    const [before] = await db.select().from(teachers).where(eq(teachers.id, vasilieva.id));
    const vasilievaRow = (category: string, title: string) => [
      '',
      '',
      'Васильева',
      'Ольга',
      'Ивановна',
      '07.07.1987',
      'женский',
      '777-888-999 39',
      'olga@example.ru',
      '',
      '01.09.2010',
      category,
      '15.01.2024',
      'нет',
      '',
      title,
      'нет',
      '0,25',
      '01.09.2025',
      '',
    ];
    const [alekseeva] = await db.select().from(teachers).where(eq(teachers.lastName, 'Алексеева'));
    const [alekseevaJob] = await db.select().from(positions).where(eq(positions.teacherId, alekseeva.id));
    const schoolStaff = csv([
      STAFF_HEADER,
      alekseevaRow(alekseeva.id, String(alekseevaJob.id)),
      NOVIKOVA_ROW,
      vasilievaRow('высшая', 'педагог-психолог'),
    ]);
    const preview = await upload(Buffer.from(schoolStaff, 'utf8'), 'педагоги.csv');
    expect(preview.errors).toEqual([]);
    expect(sheetOf(preview, 'Педагоги').changed).toEqual([]);
    expect(sheetOf(preview, 'Педагоги').added).toEqual([
      expect.objectContaining({
        row: 4,
        note: expect.stringMatching(/^Педагог работает в другой организации/),
      }),
    ]);
    expect((await confirm(preview.importId)).statusCode).toBe(200);
    // Neither the personal data of the row nor the position is written; only the request is.
    const [after] = await db.select().from(teachers).where(eq(teachers.id, vasilieva.id));
    expect(after).toMatchObject({
      version: before.version,
      email: before.email,
      qualificationCategory: before.qualificationCategory,
    });
    const jobs = await db.select().from(positions).where(eq(positions.teacherId, vasilieva.id));
    expect(jobs.map((j) => j.organizationId)).toEqual([third.id]);
    const [asked] = await db
      .select()
      .from(teacherAttachRequests)
      .where(eq(teacherAttachRequests.teacherId, vasilieva.id));
    expect(asked).toMatchObject({ organizationId: school.id, status: 'pending' });

    // The coordinator's import for the other school adds the position at once, as before.
    await createUser(db, {
      login: 'coordinator-rules',
      password: PASSWORD,
      grants: [{ role: 'coordinator', municipalityId: school.municipalityId }],
    });
    const coordinator = await t.login('coordinator-rules', PASSWORD);
    const [borisova] = await db.select().from(teachers).where(eq(teachers.lastName, 'Борисова'));
    const [borisovaJob] = await db.select().from(positions).where(eq(positions.teacherId, borisova.id));
    const otherStaff = csv([
      STAFF_HEADER,
      [
        String(borisovaJob.id),
        String(borisova.id),
        'Борисова',
        borisova.firstName,
        borisova.middleName ?? '',
        '05.05.1990',
        borisova.sex === 'male' ? 'мужской' : 'женский',
        '555-666-777 50',
        borisova.email ?? '',
        borisova.phone ?? '',
        (borisova.pedagogicalStartDate ?? '2010-09-01').split('-').reverse().join('.'),
        'первая',
        '20.12.2021',
        'нет',
        '',
        borisovaJob.title,
        borisovaJob.isMainJob ? 'да' : 'нет',
        String(borisovaJob.rate).replace('.', ','),
        borisovaJob.startDate.split('-').reverse().join('.'),
        '',
      ],
      vasilievaRow('высшая', 'учитель музыки'),
    ]);
    const body = multipart(Buffer.from(otherStaff, 'utf8'), 'педагоги.csv');
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${other.id}/imports`,
      payload: body.payload,
      headers: { ...body.headers, cookie: coordinator },
    });
    expect(response.statusCode, response.body).toBe(201);
    const byCoordinator: ImportPreviewOutput = response.json();
    expect(byCoordinator.errors).toEqual([]);
    const note = sheetOf(byCoordinator, 'Педагоги').added.find((a) => a.row === 3)?.note;
    expect(note).toMatch(/уже есть в реестре муниципалитета/);
    const applied = await t.request({
      method: 'POST',
      url: `/api/imports/${byCoordinator.importId}/confirm`,
      cookie: coordinator,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const now = await db.select().from(positions).where(eq(positions.teacherId, vasilieva.id));
    expect(now.map((j) => j.organizationId).sort()).toEqual([third.id, other.id].sort());
    expect(
      await db.select().from(teacherAttachRequests).where(eq(teacherAttachRequests.teacherId, vasilieva.id)),
    ).toHaveLength(1);
  });

  it('refuses a СНИЛС whose check number is wrong, in the teachers sheet and in a reference column', async () => {
    const staff = csv([
      STAFF_HEADER,
      [
        '',
        '',
        'Петрова',
        'Ирина',
        'Олеговна',
        '02.02.1991',
        'женский',
        '123-456-789 65',
        '',
        '',
        '01.09.2015',
        'без категории',
        '',
        'нет',
        '',
        'учитель',
        'да',
        '1',
        '01.09.2015',
        '',
      ],
    ]);
    const teachersPreview = await upload(Buffer.from(staff, 'utf8'), 'педагоги.csv');
    expect(teachersPreview.canApply).toBe(false);
    expect(teachersPreview.errors.map((e) => `${e.row} ${e.column}: ${e.problem}`)).toEqual([
      '2 СНИЛС: неверное контрольное число',
    ]);
    const course = await upload(
      Buffer.from(
        csv([
          TRAINING_HEADER,
          [
            '',
            '',
            '',
            '111-222-333 44',
            '',
            'повышение квалификации',
            'Курс',
            '',
            '36',
            '01.02.2026',
            '10.02.2026',
            '',
            '',
          ],
        ]),
        'utf8',
      ),
      'обучение.csv',
    );
    expect(course.errors.map((e) => `${e.row} ${e.column}: ${e.problem}`)).toEqual([
      '2 СНИЛС: неверное контрольное число',
    ]);
  });

  it('a teacher who works nowhere else is removed with its records when its row goes', async () => {
    const db = t.database.db;
    const [novikova] = await db.select().from(teachers).where(eq(teachers.lastName, 'Новикова'));
    const [alekseeva] = await db.select().from(teachers).where(eq(teachers.lastName, 'Алексеева'));
    const preview = await upload(
      Buffer.from(
        csv([
          STAFF_HEADER,
          alekseevaRow(alekseeva.id, ''),
          [
            '',
            '',
            'Борисова',
            'Мария',
            'Петровна',
            '05.05.1990',
            'женский',
            '555-666-777 50',
            '',
            '',
            '01.09.2008',
            'первая',
            '20.12.2021',
            'нет',
            '',
            'учитель',
            'нет',
            '0,5',
            '01.09.2025',
            '',
          ],
        ]),
        'utf8',
      ),
      'педагоги.csv',
    );
    expect(sheetOf(preview, 'Педагоги').removed).toEqual([
      expect.objectContaining({
        note: expect.stringMatching(/будет удалён из реестра вместе со всеми сведениями/),
      }),
    ]);
    expect((await confirm(preview.importId)).statusCode).toBe(200);
    expect(await db.select().from(teachers).where(eq(teachers.id, novikova.id))).toEqual([]);
    expect(await db.select().from(trainings).where(eq(trainings.teacherId, novikova.id))).toEqual([]);
  });
});
