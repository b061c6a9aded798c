import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associations, positions } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * The home page of an association leader counts the people of the municipality: a совместитель working in
 * two schools is one teacher, not two (the sum of the organizations' own counts would say two).
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const ids = { m1: 0, m2: 0, s1: 0, s2: 0 };
const PASSWORD = 'summary-password-1';

beforeAll(async () => {
  // A fixed «today» before the real date: who works there is on it, not on the database's date.
  t = await createTestApp({ fixedToday: '2026-11-01' });
  const db = t.database.db;
  const m1 = await createMunicipality(db, { name: 'Первый район' });
  const m2 = await createMunicipality(db, { name: 'Второй район' });
  ids.m1 = m1.id;
  ids.m2 = m2.id;
  const s1 = await createOrganization(db, m1.id, { shortName: 'Школа 1' });
  const s2 = await createOrganization(db, m1.id, { shortName: 'Школа 2' });
  const other = await createOrganization(db, m2.id, { shortName: 'Школа Б' });
  ids.s1 = s1.id;
  ids.s2 = s2.id;
  const shared = await createTeacher(db, s1, { lastName: 'Совместителева' });
  await db.insert(positions).values({
    teacherId: shared.id,
    organizationId: s2.id,
    title: 'педагог дополнительного образования',
    isMainJob: false,
    rate: 0.5,
    startDate: '2020-09-01',
  });
  await createTeacher(db, s2, { lastName: 'Своя' });
  const former = await createTeacher(db, s1, { lastName: 'Уволенная' });
  await db.insert(positions).values({
    teacherId: former.id,
    organizationId: s2.id,
    title: 'учитель',
    isMainJob: false,
    rate: 0.5,
    startDate: '2015-09-01',
    endDate: '2016-06-30',
  });
  await createTeacher(db, other, { lastName: 'Чужая' });
  const [rmo] = await db
    .insert(associations)
    .values({
      municipalityId: m1.id,
      name: 'РМО учителей математики',
      level: 'municipal',
      type: 'rmo',
      startDate: '2023-09-01',
    })
    .returning();
  await createUser(db, {
    login: 'leader',
    password: PASSWORD,
    grants: [{ role: 'association_leader', associationId: rmo.id }],
  });
  await createUser(db, {
    login: 'coord2',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m2.id }],
  });
  for (const login of ['leader', 'coord2']) cookies[login] = await t.login(login, PASSWORD);
}, 120_000);
afterAll(() => t.close());

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });

describe('GET /api/organizations/summary', () => {
  it('counts a teacher working in two organizations once', async () => {
    const list = (await get('leader', '/api/organizations?isActive=true')).json() as {
      teacherCount: number;
    }[];
    // Each school counts its own staff: the совместитель is in both, the one dismissed from Школа 2 only
    // in Школа 1 — four by the sum, three people.
    expect(list.map((o) => o.teacherCount)).toEqual([2, 2]);
    const response = await get('leader', '/api/organizations/summary?isActive=true');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ organizationCount: 2, teacherCount: 3 });
  });

  it('applies the filters and the caller scope', async () => {
    expect(
      (await get('leader', `/api/organizations/summary?q=${encodeURIComponent('Школа 2')}`)).json(),
    ).toEqual({ organizationCount: 1, teacherCount: 2 });
    expect((await get('coord2', '/api/organizations/summary')).json()).toEqual({
      organizationCount: 1,
      teacherCount: 1,
    });
    expect((await t.request({ method: 'GET', url: '/api/organizations/summary' })).statusCode).toBe(401);
  });
});

describe('teachers of an organization on the server’s «today» (config.fixedToday)', () => {
  it('counts a position ending after today and not one starting after it, whatever the database’s date', async () => {
    const db = t.database.db;
    const leaving = await createOrganization(db, ids.m2, { shortName: 'Школа В' });
    const opening = await createOrganization(db, ids.m2, { shortName: 'Школа Г' });
    // Both days lie between the fixed 01.11.2026 and the real date.
    const until = await createTeacher(db, leaving, { lastName: 'Уходящая' });
    await db.update(positions).set({ endDate: '2026-11-15' }).where(eq(positions.teacherId, until.id));
    await createTeacher(db, opening, { lastName: 'Будущая', positionStart: '2026-11-20' });

    const card = async (id: number) => (await get('coord2', `/api/organizations/${id}`)).json().teacherCount;
    expect([await card(leaving.id), await card(opening.id)]).toEqual([1, 0]);
    const list = (await get('coord2', '/api/organizations')).json() as {
      shortName: string;
      teacherCount: number;
    }[];
    expect(list.map((o) => [o.shortName, o.teacherCount])).toEqual([
      ['Школа Б', 1],
      ['Школа В', 1],
      ['Школа Г', 0],
    ]);
    const summary = async (q: string) =>
      (await get('coord2', `/api/organizations/summary?q=${encodeURIComponent(q)}`)).json();
    expect(await summary('Школа В')).toEqual({ organizationCount: 1, teacherCount: 1 });
    expect(await summary('Школа Г')).toEqual({ organizationCount: 1, teacherCount: 0 });
  });
});
