import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { MAX_DEPTH } from './input-guard.ts';

let t: TestApp;
let cookie: string;
let organizationId: number;
let municipalityId: number;

beforeAll(async () => {
  t = await createTestApp();
  municipalityId = (await createMunicipality(t.database.db)).id;
  organizationId = (await createOrganization(t.database.db, municipalityId)).id;
  await createUser(t.database.db, { login: 'admin', password: 'input-guard-1', grants: [{ role: 'admin' }] });
  cookie = await t.login('admin', 'input-guard-1');
});
afterAll(() => t.close());

const get = (url: string) => t.request({ method: 'GET', url, cookie });
/** A JSON body as raw text: escapes such as \ud800 reach the server as the client wrote them. */
const send = (method: 'POST' | 'PATCH', url: string, json: string) =>
  t.app.inject({ method, url, headers: { cookie, 'content-type': 'application/json' }, payload: json });

function expect400(response: { statusCode: number; body: string }, message: string | RegExp) {
  expect(response.statusCode, response.body).toBe(400);
  const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(error.code).toBe('validation_failed');
  expect(error.message).toMatch(message);
}

const organization = async () => (await get(`/api/organizations/${organizationId}`)).json();

describe('malformed input is answered 400 in Russian, never 500', () => {
  it('refuses ids beyond PostgreSQL integer in path and query parameters', async () => {
    expect400(
      await get('/api/teachers/2147483648'),
      '«Номер записи» в адресе запроса: такой записи нет: номер больше допустимого.',
    );
    expect400(await get('/api/organizations/99999999999999999999'), /^«Номер записи» в адресе запроса/);
    expect((await get('/api/teachers/2147483647')).statusCode).toBe(404);
    expect400(await get('/api/teachers?organizationId=2147483648'), /^Параметр «Организация»: /);
    expect400(await get('/api/organizations?municipalityId=1e12'), /^Параметр «Муниципалитет»: /);
  });

  it('answers a malformed address in the common Russian format', async () => {
    const response = await get('/api/teachers/%F0');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'bad_request',
      message: 'Некорректный адрес запроса: проверьте %-кодирование.',
      details: null,
    });
  });

  it('refuses a NUL byte in a query string, naming the parameter', async () => {
    expect400(
      await get('/api/teachers?q=%D0%B0%00'),
      'Параметр «Поиск»: содержит недопустимый символ U+0000 (нулевой байт).',
    );
    expect400(await get('/api/organizations?q=%00'), /^Параметр «Поиск»/);
  });

  it('refuses a NUL byte or a lone surrogate in a JSON body, naming the field, and writes nothing', async () => {
    const url = `/api/organizations/${organizationId}`;
    expect400(
      await send('PATCH', url, '{"version":1,"address":"ул. Ленина\\u0000, 1"}'),
      'Поле «Адрес»: содержит недопустимый символ U+0000 (нулевой байт).',
    );
    expect400(
      await send('PATCH', url, '{"version":1,"headName":"\\ud800"}'),
      'Поле «Руководитель»: содержит недопустимый символ: одиночный суррогат UTF-16 (U+D800).',
    );
    expect400(
      await send('PATCH', url, '{"version":1,"headName":"конец \\udfff"}'),
      /одиночный суррогат UTF-16 \(U\+DFFF\)/,
    );
    expect400(
      await send('PATCH', url, '{"version":1,"x\\u0000":1}'),
      /^Поле «x.»: имя поля содержит недопустимый символ U\+0000/,
    );
    // A correct pair (an emoji) is a valid character.
    const ok = await send('PATCH', url, '{"version":1,"headName":"Иванова \\ud83d\\ude00"}');
    expect(ok.statusCode, ok.body).toBe(200);
    const back = await send('PATCH', url, '{"version":2,"headName":null}');
    expect(back.statusCode, back.body).toBe(200);
  });

  it('refuses nesting deeper than the guard allows, even far deeper than the stack', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect400(
      await send('POST', '/api/organizations', `{"name":${nested(MAX_DEPTH + 1)}}`),
      /вложено глубже 32 уровней/,
    );
    const deep = await send('POST', '/api/organizations', `{"name":${nested(200_000)}}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.message).toBe(
      'Поле «Наименование» (№ 1, № 1, № 1, …): вложено глубже 32 уровней.',
    );
  });

  it('answers an integer beyond the column type in a body 400 and writes nothing', async () => {
    const before = await organization();
    expect400(
      await send(
        'PATCH',
        `/api/organizations/${organizationId}`,
        '{"version":2147483648,"headName":"Петрова"}',
      ),
      'Число в запросе вне допустимого диапазона.',
    );
    expect(await organization()).toEqual(before);
    const page = await get('/api/organizations?page=1e300');
    expect(page.statusCode, page.body).toBeLessThan(500);
  });
});
