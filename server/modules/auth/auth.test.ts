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
    expect(response.json().error.message).toContain('«Пароль»');
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

  it('counts only failed logins toward the lockout, per address and login', async () => {
    const limited = await createTestApp({ loginMaxAttempts: 3 });
    try {
      await createUser(limited.database.db, {
        login: 'busy',
        password: 'right-password-1',
        grants: [{ role: 'admin' }],
      });
      const attempt = (password: string, login = 'busy') =>
        limited.request({ method: 'POST', url: '/api/auth/login', body: { login, password } });
      // A morning of logins from one school's address locks nobody out.
      for (let i = 0; i < 5; i++) expect((await attempt('right-password-1')).statusCode).toBe(200);
      for (let i = 0; i < 3; i++) expect((await attempt('wrong')).statusCode).toBe(401);
      const blocked = await attempt('right-password-1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(blocked.json().error.message).toMatch(/^Слишком много попыток/);
      // Another account from the same address is not locked out.
      expect((await attempt('y', 'someone-else')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('a success clears the failures counted before it', async () => {
    const limited = await createTestApp({ loginMaxAttempts: 3 });
    try {
      await createUser(limited.database.db, {
        login: 'typo',
        password: 'right-password-1',
        grants: [{ role: 'admin' }],
      });
      const attempt = (password: string) =>
        limited.request({ method: 'POST', url: '/api/auth/login', body: { login: 'typo', password } });
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 2; i++) expect((await attempt('wrong')).statusCode).toBe(401);
        expect((await attempt('right-password-1')).statusCode).toBe(200);
      }
    } finally {
      await limited.close();
    }
  });

  it('limits guesses of the current password in change-password', async () => {
    const limited = await createTestApp({ loginMaxAttempts: 3 });
    try {
      await createUser(limited.database.db, {
        login: 'guessed',
        password: 'right-password-1',
        grants: [{ role: 'admin' }],
      });
      const cookie = await limited.login('guessed', 'right-password-1');
      const change = (currentPassword: string) =>
        limited.request({
          method: 'POST',
          url: '/api/auth/change-password',
          cookie,
          body: { currentPassword, newPassword: 'brand-new-password-2' },
        });
      for (let i = 0; i < 3; i++) {
        const wrong = await change(`guess-${i}`);
        expect(wrong.statusCode).toBe(400);
        expect(wrong.json().error.message).toBe('Текущий пароль введён неверно.');
      }
      const blocked = await change('right-password-1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('changing the password ends the other sessions of the user, not the current one', async () => {
    await createUser(t.database.db, {
      login: 'twodevices',
      password: 'old-password-1',
      grants: [{ role: 'admin' }],
    });
    const laptop = await t.login('twodevices', 'old-password-1');
    const phone = await t.login('twodevices', 'old-password-1');
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/change-password',
      cookie: laptop,
      body: { currentPassword: 'old-password-1', newPassword: 'new-password-22' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: laptop })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: phone })).statusCode).toBe(401);
    expect(await t.login('twodevices', 'new-password-22')).toBeTruthy();
  });

  it('a password reset by an administrator ends every session of the user', async () => {
    const user = await createUser(t.database.db, {
      login: 'forgetful',
      password: 'old-password-1',
      grants: [{ role: 'admin' }],
    });
    await createUser(t.database.db, {
      login: 'root',
      password: 'root-password-1',
      grants: [{ role: 'admin' }],
    });
    const session = await t.login('forgetful', 'old-password-1');
    const reset = await t.request({
      method: 'POST',
      url: `/api/users/${user.id}/reset-password`,
      cookie: await t.login('root', 'root-password-1'),
      body: {},
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: session })).statusCode).toBe(401);
  });

  it('writes login and logout to the audit log', async () => {
    const entries = await t.database.db.query.auditLog.findMany();
    expect(entries.some((e) => e.action === 'login' && e.userLogin === 'head')).toBe(true);
    expect(entries.some((e) => e.action === 'logout' && e.userLogin === 'head')).toBe(true);
  });
});
