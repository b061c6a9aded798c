import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { describeProblem, fieldLabelOf } from './field-labels.ts';

/** A refused request names its fields in Russian, as a person sees them — not «Тело запроса: поле «x»». */
describe('field names in messages', () => {
  it('names the fields of the registry kinds and of the other forms', () => {
    expect(fieldLabelOf('endDate')).toBe('«Дата окончания»');
    expect(fieldLabelOf('lastName')).toBe('«Фамилия»');
    expect(fieldLabelOf('pedagogicalStartDate')).toBe('«Дата начала педагогической деятельности»');
    expect(fieldLabelOf('version')).toBe('«Версия записи»');
    expect(fieldLabelOf('steps.1.title')).toBe('«Название» (шаги, № 2)');
    expect(fieldLabelOf('subjects.0')).toBe('«Преподаваемые предметы» (№ 1)');
    expect(fieldLabelOf('someUnknownKey')).toBe('«someUnknownKey»');
  });

  it('keeps a message that names its field, and adds the name to one that does not', () => {
    expect(describeProblem('body', 'lastName', '«Фамилия»: обязательное поле')).toBe(
      '«Фамилия»: обязательное поле',
    );
    expect(describeProblem('body', 'version', 'ожидалось число')).toBe(
      'Поле «Версия записи»: ожидалось число',
    );
    expect(describeProblem('querystring', 'page', 'слишком мало')).toBe('Параметр «Страница»: слишком мало');
    expect(describeProblem('params', 'id', 'ожидалось число')).toBe(
      '«Номер записи» в адресе запроса: ожидалось число',
    );
    expect(describeProblem('body', '', 'Выберите хотя бы один шаг маршрута.')).toBe(
      'Выберите хотя бы один шаг маршрута.',
    );
  });
});

describe('the answers of the API', () => {
  let t: TestApp;
  let cookie: string;
  let organizationId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const m = await createMunicipality(t.database.db);
    organizationId = (await createOrganization(t.database.db, m.id)).id;
    await createUser(t.database.db, {
      login: 'admin',
      password: 'messages-pass-1',
      grants: [{ role: 'admin' }],
    });
    cookie = await t.login('admin', 'messages-pass-1');
  }, 120_000);
  afterAll(() => t.close());

  const messageOf = async (request: Parameters<TestApp['request']>[0]) => {
    const response = await t.request({ ...request, cookie });
    expect(response.statusCode, response.body).toBe(400);
    return response.json().error.message as string;
  };

  it('a form field is «Поле «Название»», never «Тело запроса»', async () => {
    const message = await messageOf({
      method: 'PATCH',
      url: `/api/organizations/${organizationId}`,
      body: { version: 'первая', headName: 'Петрова' },
    });
    expect(message).toMatch(/^Поле «Версия записи»: /);
    expect(message).not.toMatch(/Тело запроса|поле «version»/);
  });

  it('a message that names its field is kept as the form shows it', async () => {
    const message = await messageOf({
      method: 'POST',
      url: '/api/teachers',
      body: {
        lastName: '',
        firstName: 'Анна',
        birthDate: '1998-05-20',
        sex: 'female',
        pedagogicalStartDate: '2023-09-01',
        qualificationCategory: 'none',
        position: { organizationId, title: 'учитель', rate: 1, startDate: '2023-09-01' },
      },
    });
    expect(message).toBe('«Фамилия»: обязательное поле.');
  });

  it('a query parameter and an address part are named too', async () => {
    expect(await messageOf({ method: 'GET', url: '/api/organizations?page=0' })).toMatch(
      /^Параметр «Страница»: /,
    );
    expect(await messageOf({ method: 'GET', url: '/api/organizations/abc' })).toMatch(
      /^«Номер записи» в адресе запроса: /,
    );
  });
});
