import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import {
  createMunicipality,
  createOrganization,
  createTeacher,
  createUser,
  type GrantSpec,
} from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * The authorization matrix of teachers and their records: every role against its own and others'
 * organizations and municipalities. A refusal must leave the data as it was.
 */
let t: TestApp;
const ids = { m1: 0, m2: 0, a1: 0, a2: 0, b1: 0, association: 0 };
const teacher = { a1: 0, a2: 0, b1: 0, former: 0 };
const record = { diagA2: 0, diagA1: 0, routeA2: 0, stepA2: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'matrix-password-2';

const people: Record<string, () => GrantSpec[]> = {
  root: () => [{ role: 'admin' }],
  adminM1: () => [{ role: 'admin', municipalityId: ids.m1 }],
  coordM1: () => [{ role: 'coordinator', municipalityId: ids.m1 }],
  coordM2: () => [{ role: 'coordinator', municipalityId: ids.m2 }],
  mgrA1: () => [{ role: 'org_manager', organizationId: ids.a1 }],
  teacherA1: () => [{ role: 'teacher', organizationId: ids.a1 }],
  leader: () => [{ role: 'association_leader', associationId: ids.association }],
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db, { name: 'Первый район' });
  const m2 = await createMunicipality(db, { name: 'Второй район' });
  ids.m1 = m1.id;
  ids.m2 = m2.id;
  const a1 = await createOrganization(db, m1.id, { shortName: 'A1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'A2' });
  const b1 = await createOrganization(db, m2.id, { shortName: 'B1' });
  Object.assign(ids, { a1: a1.id, a2: a2.id, b1: b1.id });
  teacher.a1 = (await createTeacher(db, a1, { lastName: 'Первая' })).id;
  teacher.a2 = (await createTeacher(db, a2, { lastName: 'Вторая', email: 'vtoraya@example.ru' })).id;
  teacher.b1 = (await createTeacher(db, b1, { lastName: 'Чужая' })).id;
  // Worked in A1 until 2023, now in A2.
  teacher.former = (await createTeacher(db, a2, { lastName: 'Ушедшая', positionStart: '2023-09-01' })).id;
  await db.insert(s.positions).values({
    teacherId: teacher.former,
    organizationId: a1.id,
    title: 'учитель',
    startDate: '2015-09-01',
    endDate: '2023-08-31',
  });
  const [association] = await db
    .insert(s.associations)
    .values({
      municipalityId: m1.id,
      name: 'РМО учителей',
      level: 'municipal',
      type: 'rmo',
      startDate: '2020-01-01',
    })
    .returning();
  ids.association = association.id;
  await db
    .insert(s.associationMembers)
    .values({ associationId: association.id, teacherId: teacher.a2, joinedOn: '2021-01-01' });
  const diag = (teacherId: number) =>
    db
      .insert(s.diagnostics)
      .values({ teacherId, date: '2025-03-01', level: 'municipal', instrument: 'Исходная методика' })
      .returning();
  record.diagA2 = (await diag(teacher.a2))[0].id;
  record.diagA1 = (await diag(teacher.a1))[0].id;
  const [route] = await db
    .insert(s.routes)
    .values({ teacherId: teacher.a2, startDate: '2025-04-01', endDate: '2025-12-31' })
    .returning();
  record.routeA2 = route.id;
  const [step] = await db
    .insert(s.routeSteps)
    .values({ routeId: route.id, title: 'Исходный шаг', deadline: '2025-06-01' })
    .returning();
  record.stepA2 = step.id;
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, {
      login: login.toLowerCase(),
      password: PASSWORD,
      grants: grants(),
      teacherId: login === 'teacherA1' ? teacher.a1 : null,
    });
    cookies[login] = await t.login(login.toLowerCase(), PASSWORD);
  }
});
afterAll(() => t.close());

const req = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
  t.request({ method, url, cookie: cookies[who], body });
const get = (who: string, url: string) => req(who, 'GET', url);

describe('reading a teacher card', () => {
  const cases: [string, keyof typeof teacher, number][] = [
    ['root', 'b1', 200],
    ['adminM1', 'a2', 200],
    ['adminM1', 'b1', 403],
    ['coordM1', 'a1', 200],
    ['coordM1', 'a2', 200],
    ['coordM1', 'b1', 403],
    ['coordM2', 'a1', 403],
    ['coordM2', 'b1', 200],
    ['mgrA1', 'a1', 200],
    ['mgrA1', 'former', 200],
    ['mgrA1', 'a2', 403],
    ['mgrA1', 'b1', 403],
    ['teacherA1', 'a1', 200],
    ['teacherA1', 'a2', 403],
    ['leader', 'a2', 200],
    ['leader', 'a1', 403],
  ];
  it.each(cases)('%s reading %s → %i', async (who, target, status) => {
    const response = await get(who, `/api/teachers/${teacher[target]}`);
    expect(response.statusCode).toBe(status);
    if (status === 403)
      expect(response.json().error.message).toBe('Нет доступа к сведениям об этом педагоге.');
  });

  it('an org_manager reads its former teacher but may not change it', async () => {
    const card = (await get('mgrA1', `/api/teachers/${teacher.former}`)).json();
    expect(card.permissions).toMatchObject({ canEdit: false, canDelete: false });
  });

  it('an association leader sees the name and the job of a member, nothing personal', async () => {
    const card = (await get('leader', `/api/teachers/${teacher.a2}`)).json();
    expect(card).toMatchObject({
      fullName: 'Вторая Мария Петровна',
      birthDate: null,
      snils: null,
      email: null,
      phone: null,
      age: null,
      permissions: { isLimited: true, canEdit: false },
    });
    expect(card.positions[0]).toMatchObject({ organizationShortName: 'A2', title: 'учитель' });
    expect((await get('leader', `/api/teachers/${teacher.a2}/diagnostics`)).statusCode).toBe(403);
    expect((await get('leader', '/api/teachers')).statusCode).toBe(403);
  });

  it('refuses an anonymous caller', async () => {
    expect((await t.request({ method: 'GET', url: `/api/teachers/${teacher.a1}` })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/teachers' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'GET', url: `/api/teachers/${teacher.a1}/trainings` })).statusCode,
    ).toBe(401);
  });
});

describe('the list shows exactly the teachers in scope', () => {
  const cases: [string, string, (keyof typeof teacher)[]][] = [
    ['root', '', ['a1', 'a2', 'b1', 'former']],
    ['adminM1', '', ['a1', 'a2', 'former']],
    ['coordM1', '', ['a1', 'a2', 'former']],
    ['coordM2', '', ['b1']],
    ['mgrA1', '', ['a1']],
    ['mgrA1', '?includeFormer=true', ['a1', 'former']],
    ['mgrA1', `?organizationId=A2`, []],
  ];
  it.each(cases)('%s %s → %j', async (who, query, expected) => {
    const response = await get(who, `/api/teachers${query.replace('A2', String(ids.a2))}`);
    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .map((r: { id: number }) => r.id)
        .sort(),
    ).toEqual(expected.map((k) => teacher[k]).sort());
    const summary = (await get(who, `/api/teachers/summary${query.replace('A2', String(ids.a2))}`)).json();
    expect(summary.total).toBe(expected.length);
  });

  it('an org_manager sees only its own positions of a teacher who also worked elsewhere', async () => {
    const [row] = (await get('mgrA1', `/api/teachers?includeFormer=true&q=Ушедшая`)).json();
    expect(row.positions.map((p: { organizationShortName: string }) => p.organizationShortName)).toEqual([
      'A1',
    ]);
  });

  it.each(['teacherA1', 'leader'])('%s cannot search the registry', async (who) => {
    const response = await get(who, '/api/teachers/summary');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe(
      'Поиск по реестру педагогов доступен администратору, координатору и ответственному ОО.',
    );
  });
});

describe('records of another organization’s teacher are out of reach', () => {
  const cases: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, object?][] = [
    ['mgrA1', 'GET', '/api/teachers/A2T/diagnostics'],
    ['mgrA1', 'GET', '/api/routes/ROUTE/steps'],
    [
      'mgrA1',
      'POST',
      '/api/teachers/A2T/diagnostics',
      { date: '2025-05-01', level: 'municipal', instrument: 'Чужая' },
    ],
    ['mgrA1', 'PATCH', '/api/diagnostics/DIAG_A2', { instrument: 'Чужая', version: 1 }],
    ['mgrA1', 'DELETE', '/api/diagnostics/DIAG_A2'],
    [
      'mgrA1',
      'POST',
      '/api/routes/ROUTE/steps',
      { title: 'Чужой шаг', deadline: '2025-06-01', status: 'planned' },
    ],
    ['mgrA1', 'PATCH', '/api/route-steps/STEP', { title: 'Чужой шаг', version: 1 }],
    ['mgrA1', 'DELETE', '/api/route-steps/STEP'],
    ['mgrA1', 'PATCH', '/api/teachers/A2T', { email: 'x@example.ru', version: 1 }],
    ['mgrA1', 'PATCH', '/api/teachers/FORMER', { email: 'x@example.ru', version: 1 }],
    ['mgrA1', 'DELETE', '/api/teachers/A2T'],
    [
      'mgrA1',
      'POST',
      '/api/teachers/FORMER/trainings',
      { type: 'upskilling', title: 'Чужое', hours: 16, startDate: '2025-01-01', endDate: '2025-01-10' },
    ],
    ['coordM2', 'GET', '/api/teachers/A1T/diagnostics'],
    ['coordM2', 'PATCH', '/api/diagnostics/DIAG_A1', { instrument: 'Чужая', version: 1 }],
    ['coordM2', 'DELETE', '/api/diagnostics/DIAG_A1'],
    ['coordM2', 'PATCH', '/api/teachers/A1T', { email: 'x@example.ru', version: 1 }],
    ['coordM2', 'DELETE', '/api/teachers/A1T'],
    ['coordM1', 'DELETE', '/api/teachers/B1T'],
    [
      'teacherA1',
      'POST',
      '/api/teachers/A1T/diagnostics',
      { date: '2025-05-01', level: 'municipal', instrument: 'Своя' },
    ],
    ['teacherA1', 'DELETE', '/api/diagnostics/DIAG_A1'],
    ['leader', 'PATCH', '/api/teachers/A2T', { email: 'x@example.ru', version: 1 }],
  ];
  const url = (u: string) =>
    u
      .replace('A2T', String(teacher.a2))
      .replace('A1T', String(teacher.a1))
      .replace('B1T', String(teacher.b1))
      .replace('FORMER', String(teacher.former))
      .replace('DIAG_A2', String(record.diagA2))
      .replace('DIAG_A1', String(record.diagA1))
      .replace('ROUTE', String(record.routeA2))
      .replace('STEP', String(record.stepA2));

  it.each(cases)('%s %s %s → 403', async (who, method, path, body) => {
    const response = await req(who, method, url(path), body);
    expect(response.statusCode).toBe(403);
  });

  it('nothing was changed or deleted by the refused requests', async () => {
    const diagnostics = (await get('root', `/api/teachers/${teacher.a2}/diagnostics`)).json();
    expect(diagnostics).toEqual([
      expect.objectContaining({ id: record.diagA2, instrument: 'Исходная методика', version: 1 }),
    ]);
    expect((await get('root', `/api/teachers/${teacher.a1}/diagnostics`)).json()).toHaveLength(1);
    expect((await get('root', `/api/teachers/${teacher.former}/trainings`)).json()).toEqual([]);
    const steps = (await get('root', `/api/routes/${record.routeA2}/steps`)).json();
    expect(steps).toEqual([expect.objectContaining({ title: 'Исходный шаг', version: 1 })]);
    for (const key of ['a1', 'a2', 'b1', 'former'] as const) {
      const card = (await get('root', `/api/teachers/${teacher[key]}`)).json();
      expect(card.version).toBe(1);
    }
    expect((await get('root', `/api/teachers/${teacher.a2}`)).json().email).toBe('vtoraya@example.ru');
  });

  it('the department of the municipality may change them', async () => {
    const response = await req('adminM1', 'PATCH', `/api/diagnostics/${record.diagA2}`, {
      instrument: 'Новая',
      version: 1,
    });
    expect(response.statusCode).toBe(200);
  });
});
