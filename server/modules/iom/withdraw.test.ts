import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, routeSteps } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { WITHDRAW_CURATOR_MESSAGE, WITHDRAW_TUTOR_MESSAGE } from './iom.policy.ts';

/**
 * An approved ИОМ can have its approval withdrawn by the side that gave it (the department also the
 * tutor's): the route is a draft again, its steps keep their statuses and results, the audit log keeps it.
 */
let t: TestApp;
const TODAY = '2026-03-02';
const PASSWORD = 'withdraw-password-1';
const ids = { teacher: 0, route: 0, done: 0, completed: 0 };
const cookies: Record<string, string> = {};

const approvals = {
  approvedAt: '2026-01-20',
  curatorApprovedAt: new Date('2026-01-19T10:00:00Z'),
  curatorApprovedBy: 'Сафонова Ирина Петровна',
  tutorApprovedAt: new Date('2026-01-20T14:00:00Z'),
  tutorApprovedBy: 'Ответственный А1',
};

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  const a1 = await createOrganization(db, m1.id, { shortName: 'Школа А1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'Школа А2' });
  const teacher = await createTeacher(db, a1, { lastName: 'Маршрутова' });
  ids.teacher = teacher.id;
  const [route] = await db
    .insert(routes)
    .values({
      teacherId: teacher.id,
      startDate: '2026-01-15',
      endDate: '2026-12-31',
      status: 'in_progress',
      ...approvals,
    })
    .returning();
  ids.route = route.id;
  const [done] = await db
    .insert(routeSteps)
    .values([
      {
        routeId: route.id,
        title: 'Курсы ЦНППМ',
        deadline: '2026-02-28',
        status: 'done',
        result: 'Удостоверение № 1',
      },
      { routeId: route.id, title: 'Открытый урок', deadline: '2026-05-20' },
    ])
    .returning();
  ids.done = done.id;
  const [completed] = await db
    .insert(routes)
    .values({
      teacherId: teacher.id,
      startDate: '2025-01-15',
      endDate: '2025-12-31',
      status: 'completed',
      ...approvals,
    })
    .returning();
  ids.completed = completed.id;
  await db.insert(routeSteps).values({
    routeId: completed.id,
    title: 'Курсы',
    deadline: '2025-05-20',
    status: 'done',
    result: 'Есть',
  });
  const users: [string, string, Parameters<typeof createUser>[1]['grants'], number?][] = [
    ['root', 'Администратор', [{ role: 'admin' }]],
    ['coord', 'Сафонова Ирина Петровна', [{ role: 'coordinator', municipalityId: m1.id }]],
    ['coord2', 'Координатор Второго', [{ role: 'coordinator', municipalityId: m2.id }]],
    ['mgr1', 'Ответственный А1', [{ role: 'org_manager', organizationId: a1.id }]],
    ['mgr2', 'Ответственный А2', [{ role: 'org_manager', organizationId: a2.id }]],
    ['own', 'Маршрутова М. П.', [{ role: 'teacher', organizationId: a1.id }], teacher.id],
  ];
  for (const [login, fullName, grants, teacherId] of users) {
    await createUser(db, { login, fullName, password: PASSWORD, grants, teacherId });
    cookies[login] = await t.login(login, PASSWORD);
  }
}, 120_000);
afterAll(() => t.close());

const post = (who: string, url: string, body: object) =>
  t.request({ method: 'POST', url, cookie: cookies[who], body });
const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const withdraw = (who: string, body: object, route = ids.route) =>
  post(who, `/api/routes/${route}/approvals/withdraw`, {
    reason: 'Изменились дефициты по новой диагностике',
    ...body,
  });
const errorOf = (r: { json(): any }) => r.json().error.message as string;
const routeOf = async (who: string, id = ids.route) =>
  (await get(who, `/api/teachers/${ids.teacher}/iom`)).json().find((r: { id: number }) => r.id === id);

describe('withdrawing an approval of an ИОМ', () => {
  it('is offered to those who may do it', async () => {
    expect((await routeOf('mgr1')).permissions).toMatchObject({
      canWithdrawCurator: false,
      canWithdrawTutor: true,
    });
    expect((await routeOf('coord')).permissions).toMatchObject({
      canWithdrawCurator: true,
      canWithdrawTutor: true,
    });
    expect((await routeOf('own')).permissions).toMatchObject({
      canWithdrawCurator: false,
      canWithdrawTutor: false,
    });
    // A completed route keeps its approvals.
    expect((await routeOf('coord', ids.completed)).permissions).toMatchObject({
      canWithdrawCurator: false,
      canWithdrawTutor: false,
    });
  });

  it('is refused to the teacher, to another school, to another municipality and across roles', async () => {
    expect(errorOf(await withdraw('own', { as: 'tutor', version: 1 }))).toBe(WITHDRAW_TUTOR_MESSAGE);
    expect(errorOf(await withdraw('own', { as: 'curator', version: 1 }))).toBe(WITHDRAW_CURATOR_MESSAGE);
    const other = await withdraw('mgr2', { as: 'tutor', version: 1 });
    expect(other.statusCode).toBe(403);
    expect(errorOf(other)).toBe('Нет доступа к сведениям об этом педагоге.');
    expect((await withdraw('coord2', { as: 'curator', version: 1 })).statusCode).toBe(403);
    const school = await withdraw('mgr1', { as: 'curator', version: 1 });
    expect(school.statusCode).toBe(403);
    expect(errorOf(school)).toBe(WITHDRAW_CURATOR_MESSAGE);
  });

  it('needs a reason, named in Russian', async () => {
    const response = await withdraw('mgr1', { as: 'tutor', version: 1, reason: ' ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues).toEqual([
      { path: 'reason', message: '«Причина»: опишите, почему снимается утверждение (не короче 3 символов)' },
    ]);
  });

  it('makes the route a draft again; the steps keep their results; the log keeps who approved and why', async () => {
    const response = await withdraw('mgr1', { as: 'tutor', version: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'draft',
      approvedAt: null,
      approvals: { curator: { by: 'Сафонова Ирина Петровна' }, tutor: null },
      permissions: { canApproveAsTutor: true, canMarkSteps: false, canWithdrawTutor: false },
    });
    expect(response.json().steps[0]).toMatchObject({ status: 'done', result: 'Удостоверение № 1' });
    const [entry] = (await get('root', `/api/audit?entity=route&entityId=${ids.route}&pageSize=1`)).json();
    expect(entry.summary).toBe(
      'Снято утверждение ИОМ тьютором (Ответственный А1, 20.01.2026): Изменились дефициты по новой диагностике' +
        ' — маршрут снова черновик — Маршрутова М. П.',
    );
    expect(entry.before).toMatchObject({
      status: 'in_progress',
      approvedAt: '2026-01-20',
      tutorApprovedBy: 'Ответственный А1',
    });
    expect(entry.after).toMatchObject({
      status: 'draft',
      reason: 'Изменились дефициты по новой диагностике',
    });
  });

  it('leaves nothing to withdraw twice; the steps cannot be marked until approved anew', async () => {
    const again = await withdraw('mgr1', { as: 'tutor', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toBe('Маршрут не утверждён тьютором: снимать нечего.');
    const stale = await withdraw('coord', { as: 'curator', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const [, open] = (await routeOf('own')).steps;
    const mark = await post('own', `/api/route-steps/${open.id}/progress`, {
      status: 'in_progress',
      version: 1,
    });
    expect(mark.statusCode).toBe(409);
  });

  it('approved anew, the route takes its status from the steps again', async () => {
    const response = await post('mgr1', `/api/routes/${ids.route}/approvals`, { as: 'tutor', version: 2 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'in_progress', approvedAt: TODAY });
  });

  it('the department withdraws the tutor’s approval too; a completed route keeps its approvals', async () => {
    const response = await withdraw('coord', { as: 'tutor', version: 3 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().approvals.tutor).toBeNull();
    const completed = await withdraw('coord', { as: 'curator', version: 1 }, ids.completed);
    expect(completed.statusCode).toBe(409);
    expect(errorOf(completed)).toBe(
      'Маршрут завершён: все шаги выполнены, его утверждение остаётся в истории и не снимается.',
    );
    const [row] = await t.database.db.select().from(routes).where(eq(routes.id, ids.completed));
    expect(row.status).toBe('completed');
  });
});
