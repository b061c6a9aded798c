import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Knowing a СНИЛС no longer lets another school attach a teacher and read the card (issue 11, point 4):
 * attaching a teacher of another organization is a request, confirmed or refused by the teacher's current
 * organization or the coordinator.
 */
let t: TestApp;
const PASSWORD = 'attach-password-1';
const cookies: Record<string, string> = {};
const ids = { a: 0, b: 0, c: 0, shared: 0, refused: 0, byCoordinator: 0, foreign: 0 };
// Valid СНИЛС (check digits as in server/seed/demo-people.ts).
const SNILS = {
  shared: '112-233-445 95',
  refused: '22334455639',
  foreign: '33445566784',
  unknown: '445-566-778 28',
  byCoordinator: '55667788973',
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db, { name: 'Другой район' });
  const a = await createOrganization(db, m1.id, { shortName: 'Школа А' });
  const b = await createOrganization(db, m1.id, { shortName: 'Школа Б' });
  const c = await createOrganization(db, m2.id, { shortName: 'Школа В' });
  Object.assign(ids, { a: a.id, b: b.id, c: c.id });
  ids.shared = (
    await createTeacher(db, b, {
      lastName: 'Запросова',
      snils: SNILS.shared.replace(/\D/g, ''),
      birthDate: '1985-04-03',
    })
  ).id;
  ids.refused = (await createTeacher(db, b, { lastName: 'Отказова', snils: SNILS.refused })).id;
  ids.byCoordinator = (
    await createTeacher(db, b, { lastName: 'Координаторова', snils: SNILS.byCoordinator })
  ).id;
  ids.foreign = (await createTeacher(db, c, { lastName: 'Чужерайонова', snils: SNILS.foreign })).id;
  const people = {
    coord: [{ role: 'coordinator' as const, municipalityId: m1.id }],
    heada: [{ role: 'org_manager' as const, organizationId: a.id }],
    headb: [{ role: 'org_manager' as const, organizationId: b.id }],
    headc: [{ role: 'org_manager' as const, organizationId: c.id }],
  };
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, body?: object) =>
  t.request({ method, url, cookie: cookies[who], body });
const attach = (who: string, snils: string, organizationId = ids.a) =>
  call(who, 'POST', '/api/teachers/attach', {
    snils,
    position: { organizationId, title: 'совместитель', rate: 0.5, startDate: '2024-09-01' },
  });
const positionsIn = async (teacherId: number, organizationId: number) =>
  (
    await t.database.db
      .select({ organizationId: s.positions.organizationId })
      .from(s.positions)
      .where(eq(s.positions.teacherId, teacherId))
  ).filter((p) => p.organizationId === organizationId).length;
const requests = async (who: string) => (await call(who, 'GET', '/api/teacher-attach-requests')).json();
const titles = async (who: string) =>
  (await call(who, 'GET', '/api/notifications')).json().items.map((n: { title: string }) => n.title);

describe('a school attaching a teacher of another school', () => {
  let requestId = 0;
  let version = 0;

  it('sends a request: no position, no card, the name only and no СНИЛС echoed', async () => {
    const response = await attach('heada', SNILS.shared);
    expect(response.statusCode).toBe(202);
    const request = response.json();
    expect(request).toMatchObject({
      teacherName: 'Запросова Мария Петровна',
      organizationId: ids.a,
      status: 'pending',
      statusLabel: 'ждёт подтверждения',
      position: { title: 'совместитель', rate: 0.5 },
    });
    expect(response.body).not.toContain('11223344595');
    expect(response.body).not.toContain('112-233-445 95');
    expect(response.body).not.toContain('1985-04-03');
    requestId = request.id;
    version = request.version;
    expect(await positionsIn(ids.shared, ids.a)).toBe(0);
    expect((await call('heada', 'GET', `/api/teachers/${ids.shared}`)).statusCode).toBe(403);
    expect((await requests('heada')).outgoing.map((r: { id: number }) => r.id)).toEqual([requestId]);
  });

  it('the same request twice is refused while the first waits', async () => {
    const again = await attach('heada', SNILS.shared);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'Запрос на добавление педагога Запросова Мария Петровна в Школа А уже отправлен и ждёт подтверждения.',
    );
  });

  it('tells the teacher’s organization and the coordinator, who see it among incoming requests', async () => {
    expect(await titles('headb')).toContain('Школа А: запрос на добавление педагога');
    expect(await titles('coord')).toContain('Школа А: запрос на добавление педагога');
    expect((await requests('headb')).incoming.map((r: { id: number }) => r.id)).toEqual([requestId]);
    expect((await requests('coord')).incoming.map((r: { id: number }) => r.id)).toEqual([requestId]);
    expect((await requests('heada')).incoming).toEqual([]);
    expect(await requests('headc')).toEqual({ incoming: [], outgoing: [] });
  });

  it('the asking school cannot confirm its own request; another municipality does not learn it exists', async () => {
    const own = await call('heada', 'POST', `/api/teacher-attach-requests/${requestId}/confirm`, { version });
    expect(own.statusCode).toBe(403);
    const foreign = await call('headc', 'POST', `/api/teacher-attach-requests/${requestId}/confirm`, {
      version,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Запросова');
    expect(await positionsIn(ids.shared, ids.a)).toBe(0);
  });

  it('confirmed by the teacher’s school: the position is added and the asking school reads the card', async () => {
    const response = await call('headb', 'POST', `/api/teacher-attach-requests/${requestId}/confirm`, {
      version,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'confirmed', decidedByName: expect.any(String) });
    expect(await positionsIn(ids.shared, ids.a)).toBe(1);
    const card = await call('heada', 'GET', `/api/teachers/${ids.shared}`);
    expect(card.statusCode).toBe(200);
    expect(card.json().snils).toBe('112-233-445 95');
    expect(await titles('heada')).toContain('Запрос на добавление педагога подтверждён');
    const twice = await call('headb', 'POST', `/api/teacher-attach-requests/${requestId}/confirm`, {
      version: version + 1,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refused by the coordinator: no position, and the card stays closed', async () => {
    const response = await attach('heada', SNILS.refused);
    expect(response.statusCode).toBe(202);
    const { id, version: v } = response.json();
    const refused = await call('coord', 'POST', `/api/teacher-attach-requests/${id}/refuse`, {
      version: v,
      comment: 'Педагог не работает по совместительству',
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      status: 'refused',
      comment: 'Педагог не работает по совместительству',
    });
    expect(await positionsIn(ids.refused, ids.a)).toBe(0);
    expect((await call('heada', 'GET', `/api/teachers/${ids.refused}`)).statusCode).toBe(403);
    expect(await titles('heada')).toContain('Запрос на добавление педагога отклонён');
  });

  it('a СНИЛС of another municipality is answered as unknown, with nothing written', async () => {
    const foreign = await attach('heada', SNILS.foreign);
    const unknown = await attach('heada', SNILS.unknown);
    expect(foreign.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe(
      `Педагог с СНИЛС ${SNILS.foreign} в реестре муниципалитета не найден.`,
    );
    expect(unknown.json().error.message).toBe(
      `Педагог с СНИЛС ${SNILS.unknown} в реестре муниципалитета не найден.`,
    );
    expect(foreign.body).not.toContain('Чужерайонова');
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(s.teacherAttachRequests)
      .where(eq(s.teacherAttachRequests.teacherId, ids.foreign));
    expect(n).toBe(0);
    expect(await positionsIn(ids.foreign, ids.a)).toBe(0);
  });

  it('the coordinator attaches within its municipality at once', async () => {
    const response = await attach('coord', SNILS.byCoordinator);
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(ids.byCoordinator);
    expect(await positionsIn(ids.byCoordinator, ids.a)).toBe(1);
  });
});
