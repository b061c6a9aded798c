import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import {
  auditLog,
  competitionParticipations,
  positions,
  teachers,
  trainings,
  vacancies,
} from '../../db/schema/index.ts';
import {
  appendRow,
  cell,
  createExchangeWorld,
  findRow,
  loadWorkbook,
  saveWorkbook,
  type ExchangeWorld,
} from './test-support.ts';

let w: ExchangeWorld;
let school1: number;
let school5: number;
let exported: Buffer;

beforeAll(async () => {
  w = await createExchangeWorld();
  school1 = await w.organizationOf('school1');
  school5 = await w.organizationOf('school5');
  const file = await w.download('school1', school1);
  expect(file.statusCode, file.body).toBe(200);
  exported = file.rawPayload;
}, 300_000);
afterAll(() => w.close());

const db = () => w.t.database.db;

describe('export', () => {
  it('answers the workbook with a Russian file name (RFC 5987) and every sheet', async () => {
    const file = await w.download('school1', school1);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="pedmonitor-\d+-2026-03-02\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(String(file.headers['content-disposition']).split("''")[1])).toBe(
      'Сведения МБОУ СОШ № 1 02.03.2026.xlsx',
    );
    const book = await loadWorkbook(exported);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Инструкция',
      'Педагоги',
      'Образование',
      'Аттестация',
      'Диагностики',
      'Обучение',
      'ИОМ',
      'Шаги ИОМ',
      'Конкурсы',
      'Наставничество',
      'Методические объединения',
      'Мероприятия',
      'Вакансии',
      'НПА',
      'Списки',
    ]);
    const staff = book.getWorksheet('Педагоги')!;
    expect(staff.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(book.getWorksheet('Списки')!.state).toBe('hidden');
    // A real date cell formatted дд.мм.гггг, and a drop-down of Russian labels.
    const birth = cell(staff, 2, 'Дата рождения');
    expect(birth.value).toBeInstanceOf(Date);
    expect(birth.numFmt).toBe('dd.mm.yyyy');
    expect(cell(staff, 2, 'Пол').dataValidation).toMatchObject({ type: 'list' });
    expect(['мужской', 'женский']).toContain(cell(staff, 2, 'Пол').value);
    expect(['да', 'нет']).toContain(cell(staff, 2, 'Основное место работы').value);
  });

  it('gives an empty template with the same sheets', async () => {
    const file = await w.download('school1', school1, true);
    expect(file.statusCode).toBe(200);
    const book = await loadWorkbook(file.rawPayload);
    expect(book.getWorksheet('Педагоги')!.actualRowCount).toBe(1);
    expect(decodeURIComponent(String(file.headers['content-disposition']).split("''")[1])).toMatch(
      /^Шаблон /,
    );
  });
});

describe('access', () => {
  it('an org_manager cannot export or import another organization; a teacher neither', async () => {
    expect((await w.download('school1', school5)).statusCode).toBe(403);
    expect((await w.upload('school1', school5, exported, 'книга.xlsx')).statusCode).toBe(403);
    expect((await w.download('teacher', school1)).statusCode).toBe(403);
    const anonymous = await w.t.request({ method: 'GET', url: `/api/organizations/${school1}/workbook` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('the coordinator of the municipality exports any of its organizations', async () => {
    expect((await w.download('metodist', school5)).statusCode).toBe(200);
  });

  it('another user cannot confirm or cancel an upload', async () => {
    const preview = await w.preview('school1', school1, exported);
    expect((await w.confirm('metodist', preview.importId)).statusCode).toBe(404);
    const cancel = await w.t.request({
      method: 'DELETE',
      url: `/api/imports/${preview.importId}`,
      cookie: await w.cookie('school1'),
    });
    expect(cancel.statusCode).toBe(204);
    expect((await w.confirm('school1', preview.importId)).statusCode).toBe(404);
  });
});

describe('import', () => {
  it('the unchanged file changes nothing', async () => {
    const before = await w.fingerprint();
    const preview = await w.preview('school1', school1, exported);
    expect(preview.errors).toEqual([]);
    expect(preview.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(preview.totals.unchanged).toBeGreaterThan(100);
    expect(preview.sheets.every((s) => s.isPresent)).toBe(true);
    const applied = await w.confirm('school1', preview.importId);
    expect(applied.json()).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(await w.fingerprint()).toBe(before);
  });

  it('a few edited cells are exactly the changes of the preview and of the database', async () => {
    const book = await loadWorkbook(exported);
    const staff = book.getWorksheet('Педагоги')!;
    const row = findRow(staff, 'Квалификационная категория', (v) => v === 'первая');
    const teacherId = Number(cell(staff, row, 'ID педагога').value);
    cell(staff, row, 'Квалификационная категория').value = 'высшая';
    cell(staff, row, 'Дата присвоения категории').value = new Date(Date.UTC(2026, 0, 15));
    const working = findRow(staff, 'Дата увольнения', (v) => v === null || v === undefined);
    const snils = String(cell(staff, working, 'СНИЛС').value);

    const courses = book.getWorksheet('Обучение')!;
    const trainingId = Number(cell(courses, 2, 'ID').value);
    const hours = Number(cell(courses, 2, 'Объём, часов').value);
    cell(courses, 2, 'Объём, часов').value = hours + 1;

    const jobs = book.getWorksheet('Вакансии')!;
    const vacancyId = Number(cell(jobs, 2, 'ID').value);
    jobs.spliceRows(2, 1);

    const contests = book.getWorksheet('Конкурсы')!;
    const added = appendRow(contests, {
      СНИЛС: snils,
      Конкурс: 'Педагогический дебют',
      Уровень: 'муниципальный',
      Дата: '12.02.2026',
      Результат: 'лауреат / призёр',
    });
    const edited = await saveWorkbook(book);

    const preview = await w.preview('school1', school1, edited);
    expect(preview.errors).toEqual([]);
    const sheet = (name: string) => preview.sheets.find((s) => s.sheet === name)!;
    expect(preview.totals).toMatchObject({ added: 1, changed: 2, removed: 1 });
    expect(sheet('Педагоги').changed).toEqual([
      expect.objectContaining({
        row,
        fields: expect.arrayContaining([
          { column: 'Квалификационная категория', before: 'первая', after: 'высшая' },
          expect.objectContaining({ column: 'Дата присвоения категории', after: '15.01.2026' }),
        ]),
      }),
    ]);
    expect(sheet('Обучение').changed).toEqual([
      expect.objectContaining({
        id: trainingId,
        fields: [{ column: 'Объём, часов', before: String(hours), after: String(hours + 1) }],
      }),
    ]);
    expect(sheet('Вакансии').removed).toEqual([expect.objectContaining({ id: vacancyId })]);
    expect(sheet('Конкурсы').added).toEqual([expect.objectContaining({ row: added })]);
    const untouched = await w.fingerprint();

    const applied = await w.confirm('school1', preview.importId);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ added: 1, changed: 2, removed: 1 });
    expect(await w.fingerprint()).not.toBe(untouched);

    const [teacher] = await db().select().from(teachers).where(eq(teachers.id, teacherId));
    expect(teacher).toMatchObject({ qualificationCategory: 'highest', categoryDate: '2026-01-15' });
    const [training] = await db().select().from(trainings).where(eq(trainings.id, trainingId));
    expect(training.hours).toBe(hours + 1);
    expect(await db().select().from(vacancies).where(eq(vacancies.id, vacancyId))).toEqual([]);
    const contest = await db()
      .select()
      .from(competitionParticipations)
      .where(eq(competitionParticipations.name, 'Педагогический дебют'));
    expect(contest).toEqual([
      expect.objectContaining({ date: '2026-02-12', result: 'laureate', level: 'municipal' }),
    ]);

    const audit = await db().select().from(auditLog).where(eq(auditLog.organizationId, school1));
    const summary = audit.find((a) => a.action === 'import' && a.entityId === preview.importId)!;
    expect(summary.summary).toMatch(/добавлено 1, изменено 2, удалено 1/);
    expect(
      audit
        .filter((a) => a.requestId === summary.requestId && a.action !== 'import')
        .map((a) => a.action)
        .sort(),
    ).toEqual(['create', 'delete', 'update', 'update']);

    // The same file again: the new row has no ID but is found by its natural key.
    const again = await w.preview('school1', school1, edited);
    expect(again.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });

  it('a file with errors reports every one with sheet, row and column, and writes nothing', async () => {
    const book = await loadWorkbook(exported);
    const staff = book.getWorksheet('Педагоги')!;
    cell(staff, 2, 'Дата рождения').value = '31.02.1980';
    cell(staff, 3, 'Пол').value = 'средний';
    cell(staff, 4, 'Фамилия').value = null;
    const [foreign] = await db()
      .select({ id: positions.id })
      .from(positions)
      .where(eq(positions.organizationId, school5));
    cell(staff, 5, 'ID').value = foreign.id;
    // Rows 6 and the next row of another teacher get the same СНИЛС.
    const rowA = 6;
    const other = [...Array(staff.rowCount).keys()]
      .map((i) => i + 1)
      .find(
        (r) => r > rowA && cell(staff, r, 'ID педагога').value !== cell(staff, rowA, 'ID педагога').value,
      )!;
    cell(staff, other, 'СНИЛС').value = cell(staff, rowA, 'СНИЛС').value;
    const broken = await saveWorkbook(book);

    const before = await w.fingerprint();
    const preview = await w.preview('school1', school1, broken);
    expect(preview.canApply).toBe(false);
    const find = (row: number, column: string) =>
      preview.errors.find((e) => e.sheet === 'Педагоги' && e.row === row && e.column === column);
    expect(find(2, 'Дата рождения')?.message).toBe(
      'Лист «Педагоги», строка 2, столбец «Дата рождения»: некорректная дата (нужна дата в формате дд.мм.гггг)',
    );
    expect(find(3, 'Пол')?.problem).toBe('допустимые значения — мужской, женский');
    expect(find(4, 'Фамилия')?.problem).toBe('обязательное поле');
    expect(find(5, 'ID')?.problem).toMatch(/относится к другой организации/);
    expect(find(other, 'СНИЛС')?.problem).toMatch(/указан и для другого педагога \(строка 6\)/);

    const confirm = await w.confirm('school1', preview.importId);
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().error.message).toMatch(/В файле есть ошибки/);
    expect(await w.fingerprint()).toBe(before);
  });

  it('refuses with 409 when a record changed after the preview, writing nothing', async () => {
    const book = await loadWorkbook((await w.download('school1', school1)).rawPayload);
    const courses = book.getWorksheet('Обучение')!;
    const trainingId = Number(cell(courses, 3, 'ID').value);
    cell(courses, 3, 'Номер документа (удостоверения, диплома)').value = 'НОВЫЙ-1';
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    expect(preview.totals.changed).toBe(1);
    await db().execute(
      sql`update trainings set hours = hours + 1, version = version + 1 where id = ${trainingId}`,
    );
    const before = await w.fingerprint();
    const confirm = await w.confirm('school1', preview.importId);
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().error.message).toMatch(/Загрузите файл ещё раз/);
    expect(await w.fingerprint()).toBe(before);
  });

  it('removing a teacher row removes only the position when the teacher works elsewhere too', async () => {
    const book = await loadWorkbook((await w.download('school1', school1)).rawPayload);
    const staff = book.getWorksheet('Педагоги')!;
    const row = findRow(staff, 'Дата увольнения', (v) => v === null || v === undefined);
    const teacherId = Number(cell(staff, row, 'ID педагога').value);
    const positionId = Number(cell(staff, row, 'ID').value);
    await db().insert(positions).values({
      teacherId,
      organizationId: school5,
      title: 'учитель',
      startDate: '2020-09-01',
      rate: 0.5,
      isMainJob: false,
    });
    const others = (
      await queryRows<{ id: number }>(db(), sql`select id from positions where teacher_id = ${teacherId}`)
    ).length;
    staff.spliceRows(row, 1);
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    const removed = preview.sheets.find((s) => s.sheet === 'Педагоги')!.removed;
    expect(removed).toEqual([
      expect.objectContaining({
        id: positionId,
        note: expect.stringMatching(/работает и в других организациях/),
      }),
    ]);
    expect((await w.confirm('school1', preview.importId)).statusCode).toBe(200);
    expect(await db().select().from(teachers).where(eq(teachers.id, teacherId))).toHaveLength(1);
    const left = await db().select().from(positions).where(eq(positions.teacherId, teacherId));
    expect(left).toHaveLength(others - 1);
    expect(left.every((p) => p.organizationId !== school1)).toBe(true);
  });

  it('a sheet missing from the file changes nothing of its kind', async () => {
    const book = await loadWorkbook((await w.download('school1', school1)).rawPayload);
    book.removeWorksheet(book.getWorksheet('Вакансии')!.id);
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    const sheet = preview.sheets.find((s) => s.sheet === 'Вакансии')!;
    expect(sheet).toMatchObject({
      isPresent: false,
      counts: { added: 0, changed: 0, removed: 0, unchanged: 0 },
    });
    expect(preview.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
    const count = await db()
      .select()
      .from(vacancies)
      .where(and(eq(vacancies.organizationId, school1)));
    expect(count.length).toBeGreaterThan(0);
  });
});
