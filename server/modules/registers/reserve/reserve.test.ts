import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservePositionKind } from '../../../../core/reserve/reserve.ts';
import * as s from '../../../db/schema/index.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
let kinds: Record<string, number>;
let candidateId = 0;
beforeAll(async () => {
  w = await createWorld();
  const list = (await w.get('coord1', '/api/reserve-position-kinds')).json() as {
    id: number;
    code: string;
  }[];
  kinds = Object.fromEntries(list.filter((k) => k.code).map((k) => [k.code, k.id]));
});
afterAll(() => w.close());

const candidate = (extra: object = {}) => ({
  teacherId: w.teachers.a1[0],
  positionKindId: kinds.head,
  organizationId: w.a1,
  orderNumber: '45-к',
  orderDate: '2025-09-01',
  includedDate: '2025-09-01',
  ...extra,
});

describe('the catalog of kinds of position', () => {
  it('holds the built-in kinds of the program, in its order, under their Russian names', async () => {
    const list = (await w.get('mgra1', '/api/reserve-position-kinds')).json() as {
      code: string;
      name: string;
    }[];
    expect(list.map((k) => [k.code, k.name])).toEqual(
      reservePositionKind.values.map((code) => [code, reservePositionKind.label[code]]),
    );
  });

  it('a coordinator adds the municipality’s own kind, seen in its municipality only; built-ins stay', async () => {
    const added = await w.post('coord1', '/api/reserve-position-kinds', { name: 'Педагог-психолог' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ code: null, municipalityId: w.m1 });
    const names = (who: string) =>
      w.get(who, '/api/reserve-position-kinds').then((r) => r.json().map((k: { name: string }) => k.name));
    expect(await names('mgra1')).toContain('Педагог-психолог');
    expect(await names('coord2')).not.toContain('Педагог-психолог');
    expectError(
      await w.post('coord1', '/api/reserve-position-kinds', { name: 'методист' }),
      400,
      'Должность «методист» уже есть в справочнике кадрового резерва.',
    );
    expectError(await w.post('mgra1', '/api/reserve-position-kinds', { name: 'Логопед' }), 403);
    expectError(await w.del('coord1', `/api/reserve-position-kinds/${kinds.head}`), 403);
    expectError(
      await w.del('root', `/api/reserve-position-kinds/${kinds.head}`),
      409,
      'Должность «руководитель ОО» встроена в программу: её удалить нельзя.',
    );
  });
});

describe('candidates', () => {
  it('an organization proposes its own teacher; another organization neither sees nor changes the candidate', async () => {
    const created = await w.post('mgra1', '/api/reserve-candidates', candidate());
    expect(created.statusCode, created.body).toBe(201);
    candidateId = created.json().id;
    expect(created.json()).toMatchObject({
      name: 'Алексеева Мария Петровна',
      status: 'reserve',
      positionKindName: 'руководитель ОО',
      organizationShortName: 'Школа А1',
      municipalityId: w.m1,
      currentOrganizationShortName: 'Школа А1',
    });
    expectError(await w.get('mgra2', `/api/reserve-candidates/${candidateId}`), 403);
    expectError(await w.get('mgra2', `/api/reserve-candidates?organizationId=${w.a1}`), 403);
    expect((await w.get('mgra2', '/api/reserve-candidates')).json()).toEqual([]);
    expect((await w.get('coord2', '/api/reserve-candidates')).json()).toEqual([]);
    // A teacher of the organization reads its registers, but not the personnel reserve.
    expect((await w.get('teachera1', '/api/reserve-candidates')).json()).toEqual([]);
    expectError(await w.get('teachera1', `/api/reserve-candidates/${candidateId}`), 403);
    expectError(
      await w.patch('mgra2', `/api/reserve-candidates/${candidateId}`, { notes: 'X', version: 1 }),
      403,
    );
    expect(
      (await w.get('coord1', '/api/reserve-candidates')).json().map((c: { id: number }) => c.id),
    ).toEqual([candidateId]);
    const [entry] = await w.audit('reserveCandidate', candidateId);
    expect(entry.summary).toBe(
      'Добавлено: кандидат кадрового резерва Алексеева Мария Петровна (руководитель ОО, в резерве), приказ № 45-к от 01.09.2025',
    );
  });

  it('an organization proposes only its own teachers, once per kind of position', async () => {
    expectError(
      await w.post('mgra1', '/api/reserve-candidates', candidate({ teacherId: w.teachers.a2[0] })),
      400,
      'Борисова Мария Петровна не работает в выдвинувшей организации: организация выдвигает своих педагогов.',
    );
    expectError(
      await w.post('mgra1', '/api/reserve-candidates', candidate()),
      409,
      'Алексеева Мария Петровна уже в резерве на эту должность.',
    );
    expectError(
      await w.post(
        'coord1',
        '/api/reserve-candidates',
        candidate({ teacherId: w.teachers.b1[0], organizationId: null }),
      ),
      400,
      'Педагог не найден в реестре педагогов муниципалитета.',
    );
    expectError(
      await w.post('mgra1', '/api/reserve-candidates', candidate({ organizationId: w.a2 })),
      403,
      'Нет прав изменять данные этой организации.',
    );
  });

  it('a person from outside: full name and a contact, no SNILS; included by the department', async () => {
    expectError(
      await w.post('coord1', '/api/reserve-candidates', candidate({ teacherId: null, organizationId: null })),
      400,
      /^«ФИО»: обязательное поле для кандидата не из реестра педагогов/,
    );
    const outsider = await w.post(
      'coord1',
      '/api/reserve-candidates',
      candidate({
        teacherId: null,
        organizationId: null,
        fullName: 'Сидорова Анна Ивановна',
        contact: '+7 900 000-00-00',
        positionKindId: kinds.methodist,
      }),
    );
    expect(outsider.statusCode, outsider.body).toBe(201);
    expect(outsider.json()).toMatchObject({
      name: 'Сидорова Анна Ивановна',
      teacherId: null,
      organizationId: null,
    });
    // The department's own candidates are not the organization's to read.
    expectError(await w.get('mgra1', `/api/reserve-candidates/${outsider.json().id}`), 403);
    const russian = await w.post('coord1', '/api/reserve-candidates', {
      ...candidate({ teacherId: null, fullName: 'Х' }),
      orderDate: '31.02.2025',
      orderNumber: '',
    });
    expectError(russian, 400);
    expect(russian.json().error.message).toContain('«Номер приказа о включении»: обязательное поле');
    expect(russian.json().error.message).toContain('«Дата приказа»: некорректная дата');
  });

  it('filters by kind of position, status, organization and name', async () => {
    const ids = async (query: string) =>
      (await w.get('coord1', `/api/reserve-candidates?${query}`)).json().map((c: { name: string }) => c.name);
    expect(await ids(`positionKindId=${kinds.methodist}`)).toEqual(['Сидорова Анна Ивановна']);
    expect(await ids(`organizationId=${w.a1}`)).toEqual(['Алексеева Мария Петровна']);
    expect(await ids('q=сидор')).toEqual(['Сидорова Анна Ивановна']);
    expect(await ids('status=appointed')).toEqual([]);
    expectError(
      await w.get('coord1', '/api/reserve-candidates?status=hired'),
      400,
      /«Статус»: допустимые значения — в резерве, назначен, исключён/,
    );
  });

  it('status: appointed with date, position and organization; back to the reserve; versions checked', async () => {
    const url = `/api/reserve-candidates/${candidateId}`;
    expectError(
      await w.patch('mgra1', url, { status: 'appointed', version: 1 }),
      400,
      '«Дата назначения или исключения»: обязательна для статусов «назначен» и «исключён»',
    );
    expectError(
      await w.patch('mgra1', url, {
        status: 'appointed',
        decisionDate: '2025-01-01',
        appointedPosition: 'директор',
        version: 1,
      }),
      400,
      'Дата назначения или исключения не может быть раньше даты включения в резерв',
    );
    expectError(
      await w.patch('mgra1', url, {
        status: 'appointed',
        decisionDate: '2026-03-01',
        appointedPosition: 'директор',
        appointedOrganizationId: w.b1,
        version: 1,
      }),
      400,
      'Организация назначения не найдена в муниципалитете.',
    );
    const appointed = await w.patch('mgra1', url, {
      status: 'appointed',
      decisionDate: '2026-03-01',
      appointedPosition: 'директор',
      appointedOrganizationId: w.a2,
      version: 1,
    });
    expect(appointed.statusCode, appointed.body).toBe(200);
    expect(appointed.json()).toMatchObject({
      status: 'appointed',
      appointedOrganizationShortName: 'Школа А2',
      version: 2,
    });
    expectError(await w.patch('mgra1', url, { notes: 'старая версия', version: 1 }), 409);
    expectError(
      await w.patch('mgra1', url, { status: 'excluded', exclusionReason: 'переезд', version: 2 }),
      400,
      'Из статуса «назначен» нельзя перейти в «исключён»: сначала верните кандидата в резерв.',
    );
    expectError(
      await w.patch('mgra1', url, { status: 'reserve', version: 2 }),
      400,
      'Кандидат в резерве: дата, должность и организация назначения и причина исключения не указываются',
    );
    const back = await w.patch('mgra1', url, {
      status: 'reserve',
      decisionDate: null,
      appointedPosition: null,
      appointedOrganizationId: null,
      version: 2,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'reserve', decisionDate: null });
    const excluded = await w.patch('mgra1', url, {
      status: 'excluded',
      decisionDate: '2026-02-01',
      exclusionReason: 'по собственному желанию',
      version: 3,
    });
    expect(excluded.json()).toMatchObject({ status: 'excluded', exclusionReason: 'по собственному желанию' });
    expect((await w.audit('reserveCandidate', candidateId)).map((e) => e.action)).toEqual([
      'update',
      'update',
      'update',
      'create',
    ]);
  });
});

describe('the development plan', () => {
  let trainingOfA1 = 0;
  let trainingOfA2 = 0;
  let eventOfM2 = 0;
  beforeAll(async () => {
    const db = w.t.database.db;
    const training = (teacherId: number) =>
      db
        .insert(s.trainings)
        .values({
          teacherId,
          type: 'upskilling',
          title: 'Управление школой',
          hours: 72,
          startDate: '2025-10-01',
          endDate: '2025-10-20',
        })
        .returning()
        .then(([r]) => r.id);
    trainingOfA1 = await training(w.teachers.a1[0]);
    trainingOfA2 = await training(w.teachers.a2[0]);
    eventOfM2 = (
      await db
        .insert(s.events)
        .values({
          municipalityId: w.m2,
          title: 'Чужой семинар',
          level: 'municipal',
          date: '2025-11-01',
          format: 'offline',
        })
        .returning()
    )[0].id;
  });

  it('links the candidate’s own trainings and free items with a due date; the done mark is counted', async () => {
    const url = `/api/reserve-candidates/${candidateId}/plan`;
    const ok = await w.post('mgra1', url, {
      kind: 'training',
      trainingId: trainingOfA1,
      dueDate: '2025-12-31',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().linkedTitle).toBe('Управление школой, 01.10.2025–20.10.2025');
    expectError(
      await w.post('mgra1', url, { kind: 'training', trainingId: trainingOfA2 }),
      400,
      'Запись об обучении не найдена у этого кандидата.',
    );
    expectError(
      await w.post('mgra1', url, { kind: 'event', eventId: eventOfM2 }),
      400,
      'Мероприятие не найдено в муниципалитете.',
    );
    expectError(
      await w.post('mgra1', url, { kind: 'free' }),
      400,
      /«Содержание»: обязательное поле для пункта вида «другое»/,
    );
    const free = await w.post('mgra1', url, {
      kind: 'free',
      title: 'Стажировка в СОШ № 2',
      dueDate: '2026-05-31',
    });
    expect(free.statusCode, free.body).toBe(201);
    expectError(await w.post('mgra2', url, { kind: 'free', title: 'X' }), 403);
    const done = await w.patch('mgra1', `/api/reserve-plan-items/${free.json().id}`, {
      doneDate: '2026-04-15',
      version: 1,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await w.get('mgra1', `/api/reserve-candidates/${candidateId}`)).json()).toMatchObject({
      planItemCount: 2,
      planDoneCount: 1,
    });
    expect((await w.get('mgra1', url)).json().map((i: { kind: string }) => i.kind)).toEqual([
      'training',
      'free',
    ]);
    expectError(await w.get('mgra2', url), 403);
    expectError(await w.del('mgra2', `/api/reserve-plan-items/${free.json().id}`), 403);
  });
});

describe('the workbook', () => {
  it('lists the filter’s candidates; a name that looks like a formula stays text', async () => {
    const hostile = await w.post(
      'coord1',
      '/api/reserve-candidates',
      candidate({
        teacherId: null,
        organizationId: null,
        fullName: '=HYPERLINK("http://x")',
        positionKindId: kinds.tutor,
      }),
    );
    expect(hostile.statusCode, hostile.body).toBe(201);
    const file = await w.get('coord1', '/api/reserve-candidates/export.xlsx');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Кадровый резерв')!;
    expect(sheet.getRow(3).getCell(1).value).toBe('ФИО');
    const names = [4, 5, 6].map((r) => sheet.getRow(r).getCell(1).value);
    // Neutralised as every list export is (core/csv.ts): a text cell Excel never runs as a formula.
    expect(names).toContain(`'=HYPERLINK("http://x")`);
    const formulaCell = [4, 5, 6]
      .map((r) => sheet.getRow(r).getCell(1))
      .find((c) => String(c.value).startsWith(`'=`))!;
    expect(formulaCell.type).toBe(ExcelJS.ValueType.String);
    const own = await w.get('mgra1', '/api/reserve-candidates/export.xlsx');
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(ownBook.getWorksheet(1)!.rowCount).toBe(4);
    expectError(await w.get('mgra2', `/api/reserve-candidates/export.xlsx?organizationId=${w.a1}`), 403);
  });
});
