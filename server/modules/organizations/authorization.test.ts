import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createMunicipality, createOrganization, createUser, type GrantSpec } from '../../seed/factories.ts';

/**
 * The authorization matrix: every role against its own and others' organizations and municipalities.
 * Runs on PGlite in `npm test` and on PostgreSQL in `.ci/run`.
 */
let t: TestApp;
const ids = { m1: 0, m2: 0, a1: 0, a2: 0, b1: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'matrix-password-1';

const people: Record<string, () => GrantSpec[]> = {
  root: () => [{ role: 'admin' }],
  adminM1: () => [{ role: 'admin', municipalityId: ids.m1 }],
  coordM1: () => [{ role: 'coordinator', municipalityId: ids.m1 }],
  coordM2: () => [{ role: 'coordinator', municipalityId: ids.m2 }],
  mgrA1: () => [{ role: 'org_manager', organizationId: ids.a1 }],
  teacherA1: () => [{ role: 'teacher', organizationId: ids.a1 }],
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db, { name: 'Первый район' });
  const m2 = await createMunicipality(db, { name: 'Второй район' });
  ids.m1 = m1.id;
  ids.m2 = m2.id;
  ids.a1 = (await createOrganization(db, m1.id, { shortName: 'A1' })).id;
  ids.a2 = (await createOrganization(db, m1.id, { shortName: 'A2', kind: 'preschool' })).id;
  ids.b1 = (await createOrganization(db, m2.id, { shortName: 'B1' })).id;
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, { login: login.toLowerCase(), password: PASSWORD, grants: grants() });
    cookies[login] = await t.login(login.toLowerCase(), PASSWORD);
  }
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const versionOf = async (id: number) =>
  (await get('root', `/api/organizations/${id}`)).json().version as number;
const patchOrg = async (who: string, id: number, body: object) =>
  t.request({
    method: 'PATCH',
    url: `/api/organizations/${id}`,
    cookie: cookies[who],
    body: { ...body, version: await versionOf(id) },
  });

describe('organizations list shows exactly what the caller may see', () => {
  const cases: [string, (keyof typeof ids)[]][] = [
    ['root', ['a1', 'a2', 'b1']],
    ['adminM1', ['a1', 'a2']],
    ['coordM1', ['a1', 'a2']],
    ['coordM2', ['b1']],
    ['mgrA1', ['a1']],
    ['teacherA1', ['a1']],
  ];
  it.each(cases)('%s sees %j', async (who, expected) => {
    const response = await get(who, '/api/organizations');
    expect(response.statusCode).toBe(200);
    const seen = response
      .json()
      .map((o: { id: number }) => o.id)
      .sort();
    expect(seen).toEqual(expected.map((k) => ids[k]).sort());
    expect(response.headers['x-total-count']).toBe(String(expected.length));
  });

  it('refuses an anonymous caller', async () => {
    const response = await t.request({ method: 'GET', url: '/api/organizations' });
    expect(response.statusCode).toBe(401);
  });
});

describe('reading one organization', () => {
  const cases: [string, keyof typeof ids, number][] = [
    ['mgrA1', 'a1', 200],
    ['mgrA1', 'a2', 403],
    ['mgrA1', 'b1', 403],
    ['teacherA1', 'a2', 403],
    ['coordM1', 'a2', 200],
    ['coordM1', 'b1', 403],
    ['coordM2', 'a1', 403],
    ['adminM1', 'b1', 403],
    ['root', 'b1', 200],
  ];
  it.each(cases)('%s reading %s → %i', async (who, target, status) => {
    const response = await get(who, `/api/organizations/${ids[target]}`);
    expect(response.statusCode).toBe(status);
    if (status === 403) expect(response.json().error.message).toBe('Нет доступа к данным этой организации.');
  });
});

describe('changing organizations', () => {
  it('an org_manager changes its own contacts', async () => {
    const response = await patchOrg('mgrA1', ids.a1, { phone: '8 (863) 000-00-01' });
    expect(response.statusCode).toBe(200);
    expect(response.json().phone).toBe('8 (863) 000-00-01');
  });

  it('an org_manager cannot change another organization, even of its municipality', async () => {
    const response = await patchOrg('mgrA1', ids.a2, { phone: '000' });
    expect(response.statusCode).toBe(403);
    expect((await get('root', `/api/organizations/${ids.a2}`)).json().phone).toBeNull();
  });

  it('an org_manager cannot set its own ШНОР flag', async () => {
    const response = await patchOrg('mgrA1', ids.a1, { isLowResults: true });
    expect(response.statusCode).toBe(403);
  });

  it('a teacher cannot change its organization', async () => {
    expect((await patchOrg('teacherA1', ids.a1, { phone: '1' })).statusCode).toBe(403);
  });

  it('a coordinator changes organizations of its municipality only', async () => {
    expect((await patchOrg('coordM1', ids.a2, { isLowResults: true })).statusCode).toBe(200);
    expect((await patchOrg('coordM1', ids.b1, { isLowResults: true })).statusCode).toBe(403);
    expect((await patchOrg('coordM2', ids.a1, { phone: '2' })).statusCode).toBe(403);
    expect((await get('root', `/api/organizations/${ids.b1}`)).json().isLowResults).toBe(false);
  });

  it('creating an organization: coordinator in its municipality only, never an org_manager', async () => {
    const body = (municipalityId: number, shortName: string) => ({
      municipalityId,
      name: `Муниципальное бюджетное учреждение ${shortName}`,
      shortName,
      kind: 'school',
    });
    const post = (who: string, b: object) =>
      t.request({ method: 'POST', url: '/api/organizations', cookie: cookies[who], body: b });
    expect((await post('coordM1', body(ids.m1, 'Новая 1'))).statusCode).toBe(201);
    expect((await post('coordM1', body(ids.m2, 'Чужая'))).statusCode).toBe(403);
    expect((await post('mgrA1', body(ids.m1, 'Своя'))).statusCode).toBe(403);
  });

  it('a stale version is refused with 409 and nothing is overwritten', async () => {
    const version = await versionOf(ids.a1);
    const first = await t.request({
      method: 'PATCH',
      url: `/api/organizations/${ids.a1}`,
      cookie: cookies.coordM1,
      body: { headName: 'Первый', version },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.request({
      method: 'PATCH',
      url: `/api/organizations/${ids.a1}`,
      cookie: cookies.mgrA1,
      body: { headName: 'Второй', version },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('version_conflict');
    expect((await get('root', `/api/organizations/${ids.a1}`)).json().headName).toBe('Первый');
  });

  it('every change is in the audit log with before and after', async () => {
    const response = await get('root', `/api/audit?entity=organization&entityId=${ids.a1}`);
    const entry = response
      .json()
      .find((e: { after: { headName?: string } }) => e.after?.headName === 'Первый');
    expect(entry.userLogin).toBe('coordm1');
    expect(entry.before).toEqual({ headName: null });
  });
});

describe('municipalities, users and audit are scoped too', () => {
  const cases: [string, string, number][] = [
    ['coordM1', '/api/municipalities/M1', 200],
    ['coordM1', '/api/municipalities/M2', 403],
    ['coordM2', '/api/municipalities/M1', 403],
    ['mgrA1', '/api/municipalities/M2', 403],
    ['mgrA1', '/api/users', 403],
    ['coordM1', '/api/users', 403],
    ['adminM1', '/api/users', 200],
    ['mgrA1', '/api/audit', 403],
    ['coordM1', '/api/audit', 200],
  ];
  it.each(cases)('%s GET %s → %i', async (who, url, status) => {
    const response = await get(who, url.replace('M1', String(ids.m1)).replace('M2', String(ids.m2)));
    expect(response.statusCode).toBe(status);
  });

  it('a coordinator sees no audit entries of another municipality', async () => {
    const entries = (await get('coordM2', '/api/audit?pageSize=500')).json();
    expect(entries.every((e: { organizationId: number | null }) => e.organizationId !== ids.a1)).toBe(true);
  });

  it('a municipal admin lists only users of its municipality and cannot grant roles elsewhere', async () => {
    const logins = (await get('adminM1', '/api/users')).json().map((u: { login: string }) => u.login);
    expect(logins).toContain('mgra1');
    expect(logins).not.toContain('coordm2');
    expect(logins).not.toContain('root');
    const create = (roles: object[]) =>
      t.request({
        method: 'POST',
        url: '/api/users',
        cookie: cookies.adminM1,
        body: {
          login: `u${roles.length}x${Math.random().toString(36).slice(2, 6)}`,
          fullName: 'Новый Пользователь',
          roles,
        },
      });
    expect((await create([{ role: 'org_manager', organizationId: ids.b1 }])).statusCode).toBe(403);
    expect((await create([{ role: 'admin' }])).statusCode).toBe(403);
    const ok = await create([{ role: 'org_manager', organizationId: ids.a2 }]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().password).toMatch(/^[A-Za-z0-9]{14}$/);
  });

  it('a municipal admin cannot reset the password of a user of another municipality', async () => {
    const users = (await get('root', '/api/users?q=coordm2')).json();
    const response = await t.request({
      method: 'POST',
      url: `/api/users/${users[0].id}/reset-password`,
      cookie: cookies.adminM1,
      body: {},
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the ШНОР or ШССУ filter', () => {
  it('lists the organizations the home card counts: low results or hard social conditions', async () => {
    const db = t.database.db;
    const low = await createOrganization(db, ids.m2, { shortName: 'B-ШНОР', isLowResults: true });
    const hard = await createOrganization(db, ids.m2, { shortName: 'B-ШССУ', isHardSocialConditions: true });
    const names = async (query: string) =>
      (await get('coordM2', `/api/organizations?${query}`))
        .json()
        .map((o: { id: number }) => o.id)
        .sort();
    expect(await names('isAtRisk=true')).toEqual([low.id, hard.id].sort());
    expect(await names('isAtRisk=false')).toEqual([ids.b1]);
    expect(await names('isLowResults=true')).toEqual([low.id]);
  });
});
