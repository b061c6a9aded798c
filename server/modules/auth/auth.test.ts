import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const m = await createMunicipality(t.database.db);
  const org = await createOrganization(t.database.db, m.id);
  await createUser(t.database.db, {
    login: 'head',
    password: 'correct-horse-1',
    grants: [{ role: 'org_manager', organizationId: org.id }],
  });
  await createUser(t.database.db, {
    login: 'other',
    password: 'correct-horse-2',
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in with JSON {login, password} and sets an httpOnly SameSite session cookie', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { login: 'head', password: 'correct-horse-1' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^pm_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(response.json().user.roles[0].role).toBe('org_manager');
  });

  it('stores argon2id hashes, never the password', async () => {
    const rows = await t.database.db.query.users.findMany();
    for (const row of rows) {
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain('correct-horse');
    }
  });

  it('answers a wrong password with a Russian message and no cookie', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { login: 'other', password: 'nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toEqual({
      code: 'invalid_credentials',
      message: 'Неверный логин или пароль.',
      details: null,
    });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers an unknown login exactly like a wrong password', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { login: 'ghost', password: 'nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('Неверный логин или пароль.');
  });

  it('names the missing field in Russian', async () => {
    const response = await t.request({ method: 'POST', url: '/api/auth/login', body: { login: 'head' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.json().error.message).toContain('password');
  });

  it('logout closes the session on the server', async () => {
    const cookie = await t.login('head', 'correct-horse-1');
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode).toBe(200);
    const after = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe('Войдите в систему, чтобы продолжить.');
  });

  it('an expired session no longer authenticates', async () => {
    const cookie = await t.login('head', 'correct-horse-1');
    await t.database.db.execute(`update sessions set expires_at = now() - interval '1 minute'` as never);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('rate-limits login attempts with a Russian message', async () => {
    const limited = await createTestApp({ loginMaxAttempts: 3 });
    try {
      const attempt = (login = 'x') =>
        limited.request({ method: 'POST', url: '/api/auth/login', body: { login, password: 'y' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(blocked.json().error.message).toMatch(/Слишком много попыток/);
      // Another account from the same address is not locked out.
      expect((await attempt('someone-else')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('writes login and logout to the audit log', async () => {
    const entries = await t.database.db.query.auditLog.findMany();
    expect(entries.some((e) => e.action === 'login' && e.userLogin === 'head')).toBe(true);
    expect(entries.some((e) => e.action === 'logout' && e.userLogin === 'head')).toBe(true);
  });
});
