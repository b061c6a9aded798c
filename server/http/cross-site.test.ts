import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createMunicipality, createOrganization, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
let proxied: TestApp;
let cookie: string;
let organizationId: number;
const PASSWORD = 'cross-site-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const m = await createMunicipality(t.database.db);
  organizationId = (await createOrganization(t.database.db, m.id, { shortName: 'МБОУ СОШ № 7' })).id;
  await createUser(t.database.db, { login: 'coord', password: PASSWORD, grants: [{ role: 'admin' }] });
  cookie = await t.login('coord', PASSWORD);
  proxied = await createTestApp({ trustProxy: true, allowedOrigins: ['https://pedmonitor.example.ru'] });
  await createUser(proxied.database.db, { login: 'coord', password: PASSWORD, grants: [{ role: 'admin' }] });
});
afterAll(async () => {
  await t.close();
  await proxied.close();
});

const NO_HEADER = { 'x-requested-with': undefined };
const login = { login: 'coord', password: PASSWORD };

async function shortName() {
  const response = await t.request({ method: 'GET', url: `/api/organizations/${organizationId}`, cookie });
  return response.json().shortName as string;
}

function expectRefused(response: { statusCode: number; json(): unknown }, reason: RegExp) {
  expect(response.statusCode).toBe(403);
  const { error } = response.json() as { error: { code: string; message: string } };
  expect(error.code).toBe('cross_site_refused');
  expect(error.message).toMatch(/^Запрос отклонён: /);
  expect(error.message).toMatch(reason);
}

describe('cross-site protection of state-changing requests', () => {
  it('refuses a login without the client header (login CSRF) and accepts it with the header', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: NO_HEADER,
      payload: login,
    });
    expectRefused(refused, /нет заголовка X-Requested-With: pedmonitor/);
    expect(refused.headers['set-cookie']).toBeUndefined();
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'pedmonitor' },
      payload: login,
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('refuses a form post of another page (text/plain, urlencoded) and changes nothing', async () => {
    const before = await shortName();
    for (const [type, payload] of [
      ['text/plain', '{"shortName":"Взломано","version":1, "x":"="}'],
      [
        'application/x-www-form-urlencoded',
        'shortName=%D0%92%D0%B7%D0%BB%D0%BE%D0%BC%D0%B0%D0%BD%D0%BE&version=1',
      ],
    ]) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/organizations/${organizationId}`,
        headers: {
          ...NO_HEADER,
          cookie,
          'content-type': type,
          origin: 'http://127.0.0.1:9999',
          'sec-fetch-site': 'same-site',
        },
        payload,
      });
      expectRefused(response, /со страницы другого сайта/);
    }
    expect(await shortName()).toBe(before);
  });

  it('refuses by each sign alone: Sec-Fetch-Site, Origin, the missing header', async () => {
    const patch = (headers: Record<string, string | undefined>) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/organizations/${organizationId}`,
        headers: { cookie, ...headers },
        payload: { shortName: 'Взломано', version: 1 },
      });
    expectRefused(await patch({ 'sec-fetch-site': 'cross-site' }), /другого сайта/);
    expectRefused(await patch({ 'sec-fetch-site': 'same-site' }), /другого сайта/);
    expectRefused(
      await patch({ origin: 'http://evil.example' }),
      /другого адреса \(http:\/\/evil\.example\)/,
    );
    expectRefused(await patch({ origin: 'null' }), /другого адреса \(null\)/);
    expectRefused(await patch({ origin: 'http://localhost:8080' }), /другого адреса/);
    expectRefused(await patch(NO_HEADER), /нет заголовка/);
    expectRefused(await patch({ 'x-requested-with': 'XMLHttpRequest' }), /нет заголовка/);
    expect(await shortName()).toBe('МБОУ СОШ № 7');
  });

  it('refuses a multipart upload without the header before the session or the body is looked at', async () => {
    const boundary = 'b';
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${organizationId}/imports`,
      headers: { ...NO_HEADER, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\r\n--${boundary}--\r\n`,
    });
    expectRefused(response, /нет заголовка/);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: NO_HEADER });
    expectRefused(anonymous, /нет заголовка/);
  });

  it('lets the own origin, Sec-Fetch-Site same-origin/none and clients without Origin through', async () => {
    for (const headers of [
      { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ]) {
      const version = (
        await t.request({ method: 'GET', url: `/api/organizations/${organizationId}`, cookie })
      ).json().version as number;
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/organizations/${organizationId}`,
        headers: { cookie, ...headers },
        payload: { shortName: `МБОУ СОШ № 7 (${version})`, version },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it('does not check reading requests', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { ...NO_HEADER, cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('behind a proxy takes the origin from X-Forwarded-Proto/Host, and accepts the configured origins', async () => {
    const post = (headers: Record<string, string>) =>
      proxied.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: login });
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'monitoring.uo.example' };
    expect((await post({ ...forwarded, origin: 'https://monitoring.uo.example' })).statusCode).toBe(200);
    expectRefused(await post({ ...forwarded, origin: 'http://monitoring.uo.example' }), /другого адреса/);
    expect((await post({ origin: 'https://pedmonitor.example.ru' })).statusCode).toBe(200);
    // Without trustProxy the forwarded headers are not believed.
    expectRefused(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { ...forwarded, origin: 'https://monitoring.uo.example' },
        payload: login,
      }),
      /другого адреса/,
    );
  });

  it('reads PEDMONITOR_ALLOWED_ORIGINS and names a malformed entry', () => {
    expect(
      loadConfig({ PEDMONITOR_ALLOWED_ORIGINS: 'https://a.example.ru/, http://b.example:8080' })
        .allowedOrigins,
    ).toEqual(['https://a.example.ru', 'http://b.example:8080']);
    expect(() => loadConfig({ PEDMONITOR_ALLOWED_ORIGINS: 'a.example.ru' })).toThrow(
      'Некорректный адрес в PEDMONITOR_ALLOWED_ORIGINS: «a.example.ru»',
    );
  });
});

describe('security headers', () => {
  it('sends a CSP forbidding framing, nosniff and X-Frame-Options on pages and API answers', async () => {
    for (const url of ['/', '/api/health', '/api/docs/static/index.html']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('documents the header in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.info.description).toContain('X-Requested-With: pedmonitor');
    expect(doc.components.securitySchemes.clientHeader).toMatchObject({
      in: 'header',
      name: 'X-Requested-With',
    });
  });
});
