import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { ensureCatalogs } from '../../../seed/demo.ts';
import {
  createMunicipality,
  createOrganization,
  createTeacher,
  createUser,
} from '../../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

/** The records of a teacher through the one generic helper: every kind, its validation, versions, audit. */
let t: TestApp;
const ids = { m1: 0, a1: 0, a2: 0, b1: 0, teacher: 0, other: 0, provider: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'records-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await ensureCatalogs(db);
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  const a1 = await createOrganization(db, m1.id, { shortName: 'Школа А1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'Школа А2' });
  ids.b1 = (await createOrganization(db, m2.id, { shortName: 'Школа Б1' })).id;
  Object.assign(ids, { m1: m1.id, a1: a1.id, a2: a2.id });
  ids.teacher = (await createTeacher(db, a1, { lastName: 'Основная' })).id;
  ids.other = (await createTeacher(db, a2, { lastName: 'Другая' })).id;
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m1.id }],
  });
  await createUser(db, {
    login: 'mgr1',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: a1.id }],
  });
  for (const login of ['coord', 'mgr1']) cookies[login] = await t.login(login, PASSWORD);
  ids.provider = (await get('coord', '/api/providers')).json()[0].id;
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const post = (who: string, url: string, body: object) =>
  t.request({ method: 'POST', url, cookie: cookies[who], body });
const patch = (who: string, url: string, body: object) =>
  t.request({ method: 'PATCH', url, cookie: cookies[who], body });
const del = (who: string, url: string) => t.request({ method: 'DELETE', url, cookie: cookies[who] });

/** A valid record of each kind, and a change to make to it. */
const KINDS: [string, () => object, object][] = [
  [
    'educations',
    () => ({ level: 'higher', institution: 'ЮФУ', graduationYear: 2007, matchesProfile: true }),
    { specialty: 'математика' },
  ],
  [
    'certifications',
    () => ({ date: '2024-12-20', result: 'highest', documentNumber: '1234' }),
    { result: 'first' },
  ],
  [
    'diagnostics',
    () => ({
      date: '2025-03-10',
      level: 'regional',
      instrument: 'ЦНППМ',
      areas: ['subject'],
      score: 12.5,
      maxScore: 20,
      deficitCodes: ['П-01', 'М-02'],
    }),
    { score: 15 },
  ],
  [
    'trainings',
    () => ({
      type: 'upskilling',
      title: 'Функциональная грамотность',
      providerId: ids.provider,
      hours: 36,
      startDate: '2025-02-01',
      endDate: '2025-02-20',
      topics: ['federal_programs'],
    }),
    { hours: 72 },
  ],
  [
    'competitions',
    () => ({ name: 'Учитель года', level: 'municipal', date: '2025-02-14', result: 'winner' }),
    { result: 'laureate' },
  ],
  [
    'routes',
    () => ({ startDate: '2025-04-01', endDate: '2025-12-31', curatorName: 'Петрова И. И.', status: 'draft' }),
    { tutorName: 'Смирнова А. А.' },
  ],
  [
    'positions',
    () => ({
      organizationId: ids.a1,
      title: 'классный руководитель',
      isMainJob: false,
      rate: 0.25,
      startDate: '2024-09-01',
    }),
    { rate: 0.5 },
  ],
];

describe.each(KINDS)('%s: create, list, change, delete', (kind, build, change) => {
  let id = 0;
  let version = 0;

  it('an org_manager adds a record to its own teacher; it is audited', async () => {
    const response = await post('mgr1', `/api/teachers/${ids.teacher}/${kind}`, build());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ ...build(), teacherId: ids.teacher, version: 1 });
    id = response.json().id;
    version = response.json().version;
    const [entry] = (await get('coord', `/api/audit?entityId=${id}&action=create`)).json();
    expect(entry.userLogin).toBe('mgr1');
    expect(entry.summary).toMatch(/^Добавлена запись: .* — Основная М\. П\.$/);
  });

  it('files the record as entered by the organization of the org_manager (its owner in workbooks)', async () => {
    if (kind === 'positions') return;
    const table = kind === 'competitions' ? 'competition_participations' : kind;
    const [row] = await queryRows<{ organization_id: number | null }>(
      t.database.db,
      sql`select organization_id from ${sql.identifier(table)} where id = ${id}`,
    );
    expect(row.organization_id).toBe(ids.a1);
  });

  it('lists it for the teacher, and the list read is audited as a view of personal data', async () => {
    const response = await get('coord', `/api/teachers/${ids.teacher}/${kind}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().map((r: { id: number }) => r.id)).toContain(id);
    const [entry] = (
      await get('coord', `/api/audit?entity=teacher&entityId=${ids.teacher}&action=view_personal`)
    ).json();
    expect(entry.userLogin).toBe('coord');
  });

  it('changes it with the current version, refuses a stale one', async () => {
    const response = await patch('coord', `/api/${kind}/${id}`, { ...change, version });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ...change, version: version + 1 });
    const stale = await patch('mgr1', `/api/${kind}/${id}`, { ...change, version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const [entry] = (await get('coord', `/api/audit?entityId=${id}&action=update`)).json();
    expect(Object.keys(entry.after)).toEqual(Object.keys(change));
  });

  it('deletes it', async () => {
    const response = await del('mgr1', `/api/${kind}/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().deleted).toBe(true);
    expect((await patch('coord', `/api/${kind}/${id}`, { ...change, version: 9 })).statusCode).toBe(404);
  });
});

describe('validation in Russian, naming the field', () => {
  it('required fields and enums', async () => {
    const response = await post('coord', `/api/teachers/${ids.teacher}/diagnostics`, {
      level: 'city',
      instrument: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'date', message: '«Дата»: обязательное поле' },
        {
          path: 'level',
          message:
            '«Уровень»: допустимые значения — институциональный, муниципальный, региональный, федеральный',
        },
        { path: 'instrument', message: '«Инструмент (методика)»: обязательное поле' },
      ]),
    );
  });

  it('an unknown deficit code is named', async () => {
    const response = await post('coord', `/api/teachers/${ids.teacher}/diagnostics`, {
      date: '2025-03-10',
      level: 'municipal',
      instrument: 'Анкета',
      deficitCodes: ['П-01', 'Х-99'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      message: '«Выявленные дефициты (коды)»: дефицита с кодом «Х-99» нет в справочнике дефицитов',
      details: { field: 'deficitCodes' },
    });
  });

  it('a score above the maximum, checked also against the stored values on change', async () => {
    const created = await post('coord', `/api/teachers/${ids.teacher}/diagnostics`, {
      date: '2025-03-10',
      level: 'municipal',
      instrument: 'Анкета',
      score: 8,
      maxScore: 10,
    });
    expect(created.statusCode).toBe(201);
    const response = await patch('coord', `/api/diagnostics/${created.json().id}`, { score: 11, version: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      message: 'Балл не может превышать максимальный',
      details: { field: 'score' },
    });
  });

  it('a training provider must exist; dates in order', async () => {
    const response = await post('coord', `/api/teachers/${ids.teacher}/trainings`, {
      type: 'retraining',
      title: 'Менеджмент в образовании',
      providerId: 99999,
      hours: 300,
      startDate: '2025-01-01',
      endDate: '2025-06-01',
    });
    expect(response.json().error).toMatchObject({
      message: '«Организация, проводившая обучение»: такой организации нет в справочнике',
      details: { field: 'providerId' },
    });
    const dates = await post('coord', `/api/teachers/${ids.teacher}/trainings`, {
      type: 'retraining',
      title: 'Менеджмент',
      hours: 300,
      startDate: '2025-06-01',
      endDate: '2025-01-01',
    });
    expect(dates.json().error.details.issues).toContainEqual({
      path: 'endDate',
      message: 'Дата окончания не может быть раньше даты начала',
    });
  });

  it('an ИОМ is built from a diagnostic of the same teacher', async () => {
    const foreign = await post('coord', `/api/teachers/${ids.other}/diagnostics`, {
      date: '2025-03-10',
      level: 'municipal',
      instrument: 'Анкета',
    });
    const response = await post('coord', `/api/teachers/${ids.teacher}/routes`, {
      diagnosticId: foreign.json().id,
      startDate: '2025-04-01',
      endDate: '2025-12-31',
      status: 'draft',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('«По итогам диагностики»: это диагностика другого педагога');
  });
});

describe('ИОМ steps', () => {
  let routeId = 0;
  let diagnosticId = 0;

  it('a route from the teacher’s diagnostic carries its label', async () => {
    diagnosticId = (
      await post('coord', `/api/teachers/${ids.teacher}/diagnostics`, {
        date: '2025-03-10',
        level: 'regional',
        instrument: 'ЦНППМ',
        deficitCodes: ['М-02'],
      })
    ).json().id;
    const response = await post('mgr1', `/api/teachers/${ids.teacher}/routes`, {
      diagnosticId,
      startDate: '2025-04-01',
      endDate: '2025-12-31',
      status: 'draft',
    });
    expect(response.statusCode).toBe(201);
    routeId = response.json().id;
    expect(response.json().labels).toEqual({ diagnosticId: '10.03.2025, ЦНППМ' });
  });

  it('steps are added, validated against the deficit catalog, changed and deleted', async () => {
    const created = await post('mgr1', `/api/routes/${routeId}/steps`, {
      deficitCode: 'М-02',
      title: 'Курс «Функциональная грамотность»',
      deadline: '2025-06-30',
      status: 'planned',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ routeId, deficitCode: 'М-02' });
    const unknown = await post('mgr1', `/api/routes/${routeId}/steps`, {
      deficitCode: 'ZZ',
      title: 'Что-то',
      deadline: '2025-06-30',
      status: 'planned',
    });
    expect(unknown.json().error.message).toBe(
      '«Дефицит (код)»: дефицита с кодом «ZZ» нет в справочнике дефицитов',
    );
    const step = created.json();
    const done = await patch('mgr1', `/api/route-steps/${step.id}`, {
      status: 'done',
      result: 'Сертификат',
      version: 1,
    });
    expect(done.json()).toMatchObject({ status: 'done', result: 'Сертификат' });
    expect((await get('coord', `/api/routes/${routeId}/steps`)).json()).toHaveLength(1);
    expect((await del('mgr1', `/api/route-steps/${step.id}`)).statusCode).toBe(200);
    expect((await get('coord', `/api/routes/${routeId}/steps`)).json()).toHaveLength(0);
    expect((await get('coord', '/api/routes/99999/steps')).json().error.message).toBe(
      'ИОМ не найден: возможно, его уже удалили.',
    );
  });
});

describe('positions stay within the caller’s organizations', () => {
  it('an org_manager cannot add its teacher a position in another organization', async () => {
    const response = await post('mgr1', `/api/teachers/${ids.teacher}/positions`, {
      organizationId: ids.a2,
      title: 'учитель',
      rate: 0.5,
      startDate: '2025-01-01',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe(
      'Ответственный ОО добавляет, меняет и удаляет должности только в своей организации.',
    );
  });

  it('nobody adds a position in an organization of another municipality', async () => {
    const response = await post('coord', `/api/teachers/${ids.teacher}/positions`, {
      organizationId: ids.b1,
      title: 'учитель',
      rate: 0.5,
      startDate: '2025-01-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('«Организация»: организация другого муниципалитета');
  });

  it('the only position of a teacher is not deleted', async () => {
    const [position] = (await get('coord', `/api/teachers/${ids.other}/positions`)).json();
    const response = await del('coord', `/api/positions/${position.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe(
      'Это единственная должность педагога. Укажите дату увольнения или удалите педагога из реестра.',
    );
  });

  it('a position shows the organization name', async () => {
    const [position] = (await get('coord', `/api/teachers/${ids.other}/positions`)).json();
    expect(position.labels).toEqual({ organizationId: 'Школа А2' });
  });
});
