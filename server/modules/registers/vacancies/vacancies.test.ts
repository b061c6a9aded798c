import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
let ownId = 0;
let otherId = 0;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const vacancy = (organizationId: number, extra: object = {}) => ({
  organizationId,
  month: '2026-03',
  position: 'учитель',
  subject: 'математика',
  count: 2,
  ...extra,
});

describe('vacancies of an organization', () => {
  it('an org_manager adds its vacancy for a month; the month is stored as its first day', async () => {
    const response = await w.post('mgra1', '/api/vacancies', vacancy(w.a1));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      organizationId: w.a1,
      organizationShortName: 'Школа А1',
      month: '2026-03-01',
      count: 2,
      version: 1,
    });
    ownId = response.json().id;
    const [entry] = await w.audit('vacancy', ownId);
    expect(entry.action).toBe('create');
    expect(entry.userLogin).toBe('mgra1');
    expect(entry.summary).toBe('Добавлено: вакансия «учитель, математика» — 2 на март 2026, Школа А1');
  });

  it('answers Russian validation messages', async () => {
    const response = await w.post(
      'mgra1',
      '/api/vacancies',
      vacancy(w.a1, { month: 'март', count: -1, position: '' }),
    );
    expectError(response, 400);
    const message = response.json().error.message;
    expect(message).toContain('«Месяц»: укажите месяц (например, 01.03.2026 или 2026-03)');
    expect(message).toContain('«Количество вакансий»: не меньше 0');
    expect(message).toContain('«Должность»: обязательное поле');
  });

  it('refuses the same position twice in one month', async () => {
    expectError(
      await w.post('mgra1', '/api/vacancies', vacancy(w.a1, { position: 'Учитель', count: 1 })),
      409,
      'На март 2026 такая вакансия уже внесена. Измените количество в существующей записи.',
    );
  });

  it('an org_manager cannot add, read or change another organization’s vacancies', async () => {
    expectError(
      await w.post('mgra1', '/api/vacancies', vacancy(w.a2)),
      403,
      'Нет прав изменять данные этой организации.',
    );
    otherId = (await w.post('mgra2', '/api/vacancies', vacancy(w.a2))).json().id;
    expectError(
      await w.get('mgra1', `/api/vacancies?organizationId=${w.a2}`),
      403,
      'Нет доступа к данным этой организации.',
    );
    expectError(
      await w.get('mgra1', `/api/vacancies/${otherId}`),
      403,
      'Нет доступа к данным этой организации.',
    );
    expectError(await w.patch('mgra1', `/api/vacancies/${otherId}`, { count: 9, version: 1 }), 403);
    expectError(await w.del('mgra1', `/api/vacancies/${otherId}`), 403);
    // Nor move its own vacancy to another organization.
    expectError(await w.patch('mgra1', `/api/vacancies/${ownId}`, { organizationId: w.a2, version: 1 }), 403);
    const list = await w.get('mgra1', '/api/vacancies');
    expect(list.json().map((v: { id: number }) => v.id)).toEqual([ownId]);
    expect(list.headers['x-total-count']).toBe('1');
  });

  it('a coordinator sees the municipality, not another one', async () => {
    const mine = await w.get('coord1', '/api/vacancies?from=2026-01&to=2026-12');
    expect(
      mine
        .json()
        .map((v: { id: number }) => v.id)
        .sort(),
    ).toEqual([ownId, otherId].sort());
    expect((await w.get('coord2', '/api/vacancies')).json()).toEqual([]);
    expectError(await w.get('coord2', `/api/vacancies?organizationId=${w.a1}`), 403);
    expectError(await w.patch('coord2', `/api/vacancies/${ownId}`, { count: 5, version: 1 }), 403);
    expectError(await w.post('coord2', '/api/vacancies', vacancy(w.a1)), 403);
  });

  it('PATCH with a stale version answers 409 and keeps the data', async () => {
    const ok = await w.patch('coord1', `/api/vacancies/${ownId}`, { count: 3, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await w.patch('mgra1', `/api/vacancies/${ownId}`, { count: 7, version: 1 });
    expectError(stale, 409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await w.get('mgra1', `/api/vacancies/${ownId}`)).json().count).toBe(3);
    const [entry] = await w.audit('vacancy', ownId);
    expect(entry).toMatchObject({
      action: 'update',
      userLogin: 'coord1',
      before: { count: 2 },
      after: { count: 3 },
    });
  });

  it('the municipal summary: every organization × month, for the department only', async () => {
    await w.post(
      'mgra1',
      '/api/vacancies',
      vacancy(w.a1, { month: '2026-02', position: 'воспитатель', subject: null, count: 1 }),
    );
    const response = await w.get(
      'coord1',
      `/api/vacancies/summary?municipalityId=${w.m1}&from=2026-02&to=2026-03`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const cells = response
      .json()
      .map((r: { organizationShortName: string; month: string; count: number }) =>
        [r.organizationShortName, r.month, r.count].join(' '),
      );
    expect(cells).toEqual([
      'Школа А1 2026-02-01 1',
      'Школа А1 2026-03-01 3',
      'Школа А2 2026-02-01 0',
      'Школа А2 2026-03-01 2',
    ]);
    const one = await w.get('coord1', '/api/vacancies/summary?month=2026-03');
    expect(one.json().map((r: { count: number }) => r.count)).toEqual([3, 2]);
    expectError(
      await w.get('mgra1', `/api/vacancies/summary?municipalityId=${w.m1}`),
      403,
      'Сводка вакансий по муниципалитету доступна администратору и координатору.',
    );
    expectError(await w.get('coord2', `/api/vacancies/summary?municipalityId=${w.m1}`), 403);
  });

  it('deletes with an audit entry', async () => {
    expect((await w.del('mgra2', `/api/vacancies/${otherId}`)).statusCode).toBe(200);
    expectError(await w.get('coord1', `/api/vacancies/${otherId}`), 404, 'Вакансия не найден(а).');
    const [entry] = await w.audit('vacancy', otherId);
    expect(entry).toMatchObject({ action: 'delete', userLogin: 'mgra2' });
    expect(entry.before.position).toBe('учитель');
  });
});
