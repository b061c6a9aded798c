import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalogs } from '../../../seed/demo.ts';
import {
  createMunicipality,
  createOrganization,
  createTeacher,
  createUser,
} from '../../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { CURATOR_ONLY_MESSAGE } from '../../iom/iom.policy.ts';

/**
 * The register of the methodical service and the ИОМ its people supervise: the department keeps it, schools
 * read the names only, a specialist with an account sees the routes it supervises and approves them — and
 * only the assigned curator (tutor) approves as curator (tutor).
 */
let t: TestApp;
const TODAY = '2026-03-02';
const PASSWORD = 'ms-password-1';
const ids = { m1: 0, m2: 0, a1: 0, a2: 0, own: 0, other: 0, curator: 0, tutor: 0, idle: 0, foreign: 0 };
const routes = { supervised: 0, other: 0 };
const cookies: Record<string, string> = {};

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE') => (who: string, url: string, body?: object) =>
  t.request({ method, url, cookie: cookies[who], body });
const get = call('GET');
const post = call('POST');
const patch = call('PATCH');
const del = call('DELETE');
const errorOf = (r: { json(): any }) => r.json().error.message as string;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  const a1 = await createOrganization(db, m1.id, { shortName: 'Школа А1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'Школа А2' });
  Object.assign(ids, { m1: m1.id, m2: m2.id, a1: a1.id, a2: a2.id });
  ids.own = (await createTeacher(db, a1, { lastName: 'Маршрутова' })).id;
  ids.other = (await createTeacher(db, a2, { lastName: 'Другова' })).id;
  const users: [string, Parameters<typeof createUser>[1]['grants']][] = [
    ['coord', [{ role: 'coordinator', municipalityId: m1.id }]],
    ['coord2', [{ role: 'coordinator', municipalityId: m2.id }]],
    ['mgr1', [{ role: 'org_manager', organizationId: a1.id }]],
    ['admin1', [{ role: 'admin', municipalityId: m1.id }]],
  ];
  for (const [login, grants] of users) {
    await createUser(db, { login, fullName: login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
});
afterAll(() => t.close());

describe('the register of the methodical service', () => {
  it('the coordinator adds specialists; the roles and «другое» are checked in Russian', async () => {
    const empty = await post('coord', '/api/methodical-specialists', { fullName: 'Без Ролей', roles: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({
      message: '«Роль»: выберите хотя бы одну роль.',
      details: { issues: [{ path: 'roles', message: '«Роль»: выберите хотя бы одну роль' }] },
    });
    const other = await post('coord', '/api/methodical-specialists', {
      fullName: 'Иная Роль',
      roles: ['other'],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.issues[0].path).toBe('otherRole');
    const unknown = await post('coord', '/api/methodical-specialists', { fullName: 'Х', roles: ['boss'] });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown)).toContain('«Роль»: допустимые значения — методист управления / ММС');

    for (const [key, body] of Object.entries({
      curator: {
        fullName: 'Куратова Ольга Викторовна',
        roles: ['cnppm_curator', 'methodist'],
        workplace: 'ЦНППМ',
        subjects: ['математика'],
        email: 'kuratova@example.org',
        phone: '+7 900 000-00-01',
      },
      tutor: { fullName: 'Тьюторова Анна Сергеевна', roles: ['tutor'], workplace: 'ММС' },
      idle: { fullName: 'Уволенова Вера Петровна', roles: ['tutor'] },
    })) {
      const response = await post('coord', '/api/methodical-specialists', body);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ municipalityId: ids.m1, isActive: true, login: null });
      ids[key as 'curator' | 'tutor' | 'idle'] = response.json().id;
    }
    ids.foreign = (
      await post('coord2', '/api/methodical-specialists', { fullName: 'Чужова Ия', roles: ['tutor'] })
    ).json().id;
  });

  it('a school cannot add, change or read the register; it reads the names of the working ones only', async () => {
    const add = await post('mgr1', '/api/methodical-specialists', { fullName: 'Школьная', roles: ['tutor'] });
    expect(add.statusCode).toBe(403);
    const edit = await patch('mgr1', `/api/methodical-specialists/${ids.curator}`, {
      fullName: 'Подмена',
      version: 1,
    });
    expect(edit.statusCode).toBe(403);
    expect(errorOf(edit)).toBe(
      'Реестр методической службы ведут администратор и координатор (отдел образования) муниципалитета.',
    );
    expect((await get('mgr1', `/api/methodical-specialists/${ids.curator}`)).statusCode).toBe(403);
    expect((await get('mgr1', '/api/methodical-specialists')).statusCode).toBe(403);
    expect((await get('mgr1', '/api/methodical-specialists/export.xlsx')).statusCode).toBe(403);
    expect((await del('mgr1', `/api/methodical-specialists/${ids.idle}`)).statusCode).toBe(403);
    // Another municipality's coordinator does not keep it either.
    expect(
      (await patch('coord2', `/api/methodical-specialists/${ids.curator}`, { notes: 'x', version: 1 }))
        .statusCode,
    ).toBe(403);

    const deactivate = await patch('coord', `/api/methodical-specialists/${ids.idle}`, {
      isActive: false,
      version: 1,
    });
    expect(deactivate.statusCode, deactivate.body).toBe(200);
    expect(deactivate.json()).toMatchObject({ isActive: false, version: 2 });
    const stale = await patch('coord', `/api/methodical-specialists/${ids.idle}`, { notes: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);

    const names = await get('mgr1', '/api/methodical-specialists/names');
    expect(names.statusCode).toBe(200);
    expect(names.json()).toEqual([
      {
        id: ids.curator,
        fullName: 'Куратова Ольга Викторовна',
        roles: ['cnppm_curator', 'methodist'],
        workplace: 'ЦНППМ',
      },
      { id: ids.tutor, fullName: 'Тьюторова Анна Сергеевна', roles: ['tutor'], workplace: 'ММС' },
    ]);
    expect(names.body).not.toContain('kuratova@example.org');
    expect((await get('mgr1', `/api/methodical-specialists/names?municipalityId=${ids.m2}`)).statusCode).toBe(
      403,
    );
  });

  it('the list filters by role, activity and a word; the workbook has the same rows', async () => {
    const tutors = await get('coord', '/api/methodical-specialists?role=tutor');
    expect(tutors.json().map((r: { fullName: string }) => r.fullName)).toEqual([
      'Тьюторова Анна Сергеевна',
      'Уволенова Вера Петровна',
    ]);
    expect(tutors.headers['x-total-count']).toBe('2');
    const working = await get('coord', '/api/methodical-specialists?role=tutor&isActive=true');
    expect(working.json()).toHaveLength(1);
    expect((await get('coord', '/api/methodical-specialists?q=цнппм')).json()).toHaveLength(1);
    // «Организация / отдел»: a text match on the place of work, the other fields not searched.
    const byPlace = async (place: string) =>
      (await get('coord', `/api/methodical-specialists?workplace=${encodeURIComponent(place)}`))
        .json()
        .map((r: { fullName: string }) => r.fullName);
    expect(await byPlace('  ммс ')).toEqual(['Тьюторова Анна Сергеевна']);
    expect(await byPlace('ЦНП')).toEqual(['Куратова Ольга Викторовна']);
    expect(await byPlace('математика')).toEqual([]);
    const place = await get('coord', '/api/methodical-specialists/export.xlsx?workplace=ЦНППМ');
    const placeBook = new ExcelJS.Workbook();
    await placeBook.xlsx.load(place.rawPayload as unknown as ArrayBuffer);
    expect(JSON.stringify(placeBook.worksheets[0].getSheetValues())).not.toContain('Тьюторова');
    const long = await get('coord', `/api/methodical-specialists?workplace=${'х'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(errorOf(long)).toContain('«Организация / отдел»: не длиннее 200 символов');
    expect((await get('coord', `/api/methodical-specialists?municipalityId=${ids.m2}`)).statusCode).toBe(403);

    const file = await get('coord', '/api/methodical-specialists/export.xlsx?isActive=true');
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.findIndex((r) => r.includes('ФИО'));
    expect(rows[header].slice(1, 4)).toEqual(['ФИО', 'Роль', 'Место работы']);
    const data = rows.slice(header + 1);
    expect(data.map((r) => r[1])).toEqual(['Куратова Ольга Викторовна', 'Тьюторова Анна Сергеевна']);
    expect(data[0][2]).toBe('куратор ЦНППМ; методист управления / ММС');
  });
});

describe('ИОМ supervised by the people of the register', () => {
  it('the department creates accounts; the specialist logs in with the role of the methodical service', async () => {
    for (const key of ['curator', 'tutor'] as const) {
      const school = await post('mgr1', `/api/methodical-specialists/${ids[key]}/account`, {
        login: `ms-${key}`,
      });
      expect(school.statusCode).toBe(403);
      const created = await post('coord', `/api/methodical-specialists/${ids[key]}/account`, {
        login: `ms-${key}`,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().specialist.login).toBe(`ms-${key}`);
      cookies[key] = await t.login(`ms-${key}`, created.json().password);
    }
    const again = await post('coord', `/api/methodical-specialists/${ids.curator}/account`, {
      login: 'ms-x',
    });
    expect(again.statusCode).toBe(409);
    const me = await get('curator', '/api/auth/me');
    expect(me.json().roles).toEqual([
      expect.objectContaining({ role: 'specialist', municipalityId: ids.m1 }),
    ]);
    // The specialist reads its own card, not the register of others, nor teachers.
    expect((await get('curator', `/api/methodical-specialists/${ids.curator}`)).statusCode).toBe(200);
    expect((await get('curator', `/api/methodical-specialists/${ids.tutor}`)).statusCode).toBe(403);
    expect((await get('curator', `/api/teachers/${ids.own}`)).statusCode).toBe(403);
  });

  it('curators and tutors are chosen from the register of the teacher’s municipality, among those working', async () => {
    const build = (who: string, teacherId: number, extra: object) =>
      post(who, `/api/teachers/${teacherId}/iom`, {
        diagnosticId: null,
        startDate: '2026-03-01',
        endDate: '2026-12-31',
        steps: [
          {
            deficitCode: null,
            kind: 'self_study',
            resourceId: null,
            title: 'Самообразование',
            deadline: '2026-06-01',
          },
        ],
        ...extra,
      });
    const idle = await build('coord', ids.own, { curatorId: ids.idle });
    expect(idle.statusCode).toBe(400);
    expect(errorOf(idle)).toBe(
      '«Куратор из реестра»: Уволенова Вера Петровна отмечен в реестре как неработающий — выберите другого специалиста',
    );
    const foreign = await build('coord', ids.own, { tutorId: ids.foreign });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.field).toBe('tutorId');

    const supervised = await build('mgr1', ids.own, { curatorId: ids.curator, tutorId: ids.tutor });
    expect(supervised.statusCode, supervised.body).toBe(201);
    expect(supervised.json()).toMatchObject({
      curatorId: ids.curator,
      tutorId: ids.tutor,
      curatorName: 'Куратова Ольга Викторовна',
      tutorName: 'Тьюторова Анна Сергеевна',
      permissions: { canApproveAsCurator: false, canApproveAsTutor: false },
    });
    routes.supervised = supervised.json().id;
    routes.other = (await build('coord', ids.other, { curatorId: ids.tutor })).json().id;

    // The record form chooses them too; an unknown id is refused naming the field.
    const form = await patch('coord', `/api/routes/${routes.other}`, { tutorId: 999999, version: 1 });
    expect(form.statusCode).toBe(400);
    expect(form.json().error.details.field).toBe('tutorId');
  });

  it('a specialist sees only the routes it supervises', async () => {
    const mine = await get('curator', '/api/supervised-routes');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toHaveLength(1);
    expect(mine.json()[0]).toMatchObject({
      id: routes.supervised,
      teacher: { id: ids.own, organizationShortName: 'Школа А1' },
      asCurator: true,
      asTutor: false,
      permissions: { canApproveAsCurator: true, canApproveAsTutor: false, canEdit: false },
    });
    expect(mine.body).not.toMatch(/snils|birthDate/);
    const tutors = (await get('tutor', '/api/supervised-routes')).json();
    expect(tutors.map((r: { id: number }) => r.id).sort()).toEqual([routes.supervised, routes.other].sort());
    const notMine = await get('curator', `/api/supervised-routes/${routes.other}`);
    expect(notMine.statusCode).toBe(403);
    expect(errorOf(notMine)).toBe('Этот маршрут сопровождает другой куратор или тьютор.');
    expect((await get('curator', `/api/supervised-routes/${routes.supervised}`)).statusCode).toBe(200);
    expect((await get('curator', `/api/teachers/${ids.other}/iom`)).statusCode).toBe(403);
    expect((await get('coord', '/api/supervised-routes')).statusCode).toBe(403);
  });

  it('only the assigned curator approves as curator, only the assigned tutor as tutor', async () => {
    const approve = (who: string, as: 'curator' | 'tutor', version: number, routeId = routes.supervised) =>
      post(who, `/api/routes/${routeId}/approvals`, { as, version });
    const department = await approve('coord', 'curator', 1);
    expect(department.statusCode).toBe(403);
    expect(errorOf(department)).toBe(
      'Утверждает маршрут как куратор назначенный куратор — Куратова Ольга Викторовна.',
    );
    const school = await approve('mgr1', 'tutor', 1);
    expect(school.statusCode).toBe(403);
    expect(errorOf(school)).toBe(
      'Утверждает маршрут как тьютор назначенный тьютор — Тьюторова Анна Сергеевна.',
    );
    // The tutor is not the curator, and a specialist does not approve a route it does not supervise.
    expect((await approve('tutor', 'curator', 1)).statusCode).toBe(403);
    expect((await approve('curator', 'curator', 1, routes.other)).statusCode).toBe(403);

    const byCurator = await approve('curator', 'curator', 1);
    expect(byCurator.statusCode, byCurator.body).toBe(200);
    expect(byCurator.json().approvals.curator).toMatchObject({ by: 'Куратова Ольга Викторовна' });
    const byTutor = await approve('tutor', 'tutor', byCurator.json().version);
    expect(byTutor.statusCode, byTutor.body).toBe(200);
    expect(byTutor.json()).toMatchObject({ status: 'approved' });

    // The assigned curator withdraws its approval; the school does not withdraw the curator's.
    const v = byTutor.json().version;
    const schoolWithdraw = await post('mgr1', `/api/routes/${routes.supervised}/approvals/withdraw`, {
      as: 'curator',
      reason: 'ошибка',
      version: v,
    });
    expect(schoolWithdraw.statusCode).toBe(403);
    const withdrawn = await post('curator', `/api/routes/${routes.supervised}/approvals/withdraw`, {
      as: 'curator',
      reason: 'уточнить шаги',
      version: v,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'draft', approvals: { curator: null } });
  });

  it('a specialist without an account is approved for by the department, as before the register', async () => {
    const plain = await post('coord', '/api/methodical-specialists', {
      fullName: 'Безучётная Ия',
      roles: ['methodist'],
    });
    const route = await post('coord', `/api/teachers/${ids.own}/iom`, {
      diagnosticId: null,
      startDate: '2026-04-01',
      endDate: '2026-12-31',
      curatorId: plain.json().id,
      steps: [
        { deficitCode: null, kind: 'self_study', resourceId: null, title: 'Чтение', deadline: '2026-06-01' },
      ],
    });
    expect(route.statusCode, route.body).toBe(201);
    expect(route.json().permissions.canApproveAsCurator).toBe(true);
    const other = await post('coord2', `/api/routes/${route.json().id}/approvals`, {
      as: 'curator',
      version: 1,
    });
    expect(other.statusCode).toBe(403);
    expect(errorOf(other)).toBe('Нет доступа к сведениям об этом педагоге.');
    const school = await post('mgr1', `/api/routes/${route.json().id}/approvals`, {
      as: 'curator',
      version: 1,
    });
    expect(errorOf(school)).toBe(CURATOR_ONLY_MESSAGE);
    const ok = await post('coord', `/api/routes/${route.json().id}/approvals`, { as: 'curator', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    // A specialist named on a route cannot be deleted, only marked as not working.
    const removed = await del('coord', `/api/methodical-specialists/${plain.json().id}`);
    expect(removed.statusCode).toBe(409);
  });
});
