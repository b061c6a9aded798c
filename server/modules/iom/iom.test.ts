import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { CURATOR_ONLY_MESSAGE, TUTOR_ONLY_MESSAGE } from './iom.policy.ts';

/** The ИОМ builder from a diagnostic, its resource catalog, approvals by curator and tutor, the teacher's progress. */
let t: TestApp;
const TODAY = '2026-03-02';
const PASSWORD = 'iom-password-1';
const ids = { m1: 0, m2: 0, a1: 0, a2: 0, own: 0, colleague: 0, stranger: 0, diagnostic: 0, empty: 0 };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  const a1 = await createOrganization(db, m1.id, { shortName: 'Школа А1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'Школа А2' });
  Object.assign(ids, { m1: m1.id, m2: m2.id, a1: a1.id, a2: a2.id });
  ids.own = (await createTeacher(db, a1, { lastName: 'Маршрутова' })).id;
  ids.colleague = (await createTeacher(db, a1, { lastName: 'Соседова' })).id;
  ids.stranger = (await createTeacher(db, a2, { lastName: 'Чужова' })).id;
  const users: [string, string, Parameters<typeof createUser>[1]['grants'], number?][] = [
    ['root', 'Администратор', [{ role: 'admin' }]],
    ['coord', 'Сафонова Ирина Петровна', [{ role: 'coordinator', municipalityId: m1.id }]],
    ['coord2', 'Координатор Второго', [{ role: 'coordinator', municipalityId: m2.id }]],
    ['mgr1', 'Ответственный А1', [{ role: 'org_manager', organizationId: a1.id }]],
    ['mgr2', 'Ответственный А2', [{ role: 'org_manager', organizationId: a2.id }]],
    ['own', 'Маршрутова М. П.', [{ role: 'teacher', organizationId: a1.id }], ids.own],
    ['colleague', 'Соседова М. П.', [{ role: 'teacher', organizationId: a1.id }], ids.colleague],
  ];
  for (const [login, fullName, grants, teacherId] of users) {
    await createUser(db, { login, fullName, password: PASSWORD, grants, teacherId });
    cookies[login] = await t.login(login, PASSWORD);
  }
  ids.diagnostic = (
    await post('coord', `/api/teachers/${ids.own}/diagnostics`, {
      date: '2026-02-10',
      level: 'regional',
      instrument: 'ЦНППМ',
      deficitCodes: ['М-02', 'О-01', 'ПП-03'],
    })
  ).json().id;
  ids.empty = (
    await post('coord', `/api/teachers/${ids.own}/diagnostics`, {
      date: '2025-02-10',
      level: 'municipal',
      instrument: 'Анкета',
    })
  ).json().id;
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE') => (who: string, url: string, body?: object) =>
  t.request({ method, url, cookie: cookies[who], body });
const get = call('GET');
const post = call('POST');
const patch = call('PATCH');
const del = call('DELETE');
const errorOf = (r: { json(): any }) => r.json().error.message as string;

describe('the resource catalog', () => {
  const resources: Record<string, number> = {};

  it('the department adds resources for deficits of the catalog; the area comes from the deficit', async () => {
    for (const [key, body] of Object.entries({
      course: {
        deficitCode: 'М-02',
        kind: 'course',
        title: 'Функциональная грамотность',
        provider: 'ЦНППМ',
        hours: 36,
      },
      event: { deficitCode: 'М-02', kind: 'event', title: 'Семинар-практикум РМО' },
      mentor: { deficitCode: 'О-01', kind: 'mentoring', title: 'Консультации методиста по КИМ' },
    })) {
      const response = await post('coord', '/api/deficit-resources', body);
      expect(response.statusCode, response.body).toBe(201);
      resources[key] = response.json().id;
    }
    const [course] = (await get('mgr1', '/api/deficit-resources?deficitCode=М-02&kind=course')).json();
    expect(course).toMatchObject({
      municipalityId: ids.m1,
      isShared: false,
      area: 'methodical',
      deficitTitle: 'Формирование функциональной грамотности обучающихся',
      hours: 36,
      stepCount: 0,
    });
  });

  it('validates in Russian, naming the field', async () => {
    const unknown = await post('coord', '/api/deficit-resources', {
      deficitCode: 'Х-99',
      kind: 'course',
      title: 'Курс',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      message: '«Дефицит»: кода «Х-99» нет в справочнике дефицитов',
      details: { field: 'deficitCode' },
    });
    const bad = await post('coord', '/api/deficit-resources', {
      deficitCode: 'М-02',
      kind: 'webinar',
      title: 'Ку',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'kind', message: '«Вид»: курсы, мероприятие, наставничество или самообразование' },
        { path: 'title', message: '«Название»: не короче 3 символов' },
      ]),
    );
  });

  it('only the department of the municipality keeps it; shared resources only a global admin', async () => {
    const denied = await post('mgr1', '/api/deficit-resources', {
      deficitCode: 'М-02',
      kind: 'course',
      title: 'Курс',
    });
    expect(denied.statusCode).toBe(403);
    expect(errorOf(denied)).toBe(
      'Каталог ресурсов для ИОМ ведут администратор и методист (координатор) муниципалитета.',
    );
    const foreign = await patch('coord2', `/api/deficit-resources/${resources.event}`, {
      title: 'Чужое',
      version: 1,
    });
    expect(foreign.statusCode).toBe(403);
    expect((await get('coord2', '/api/deficit-resources')).json()).toEqual([]);
    const shared = await post('coord', '/api/deficit-resources', {
      deficitCode: 'П-01',
      kind: 'self_study',
      title: 'Общий ресурс',
      municipalityId: null,
    });
    expect(errorOf(shared)).toBe('Общие ресурсы каталога ведёт администратор системы.');
    const byRoot = await post('root', '/api/deficit-resources', {
      deficitCode: 'П-01',
      kind: 'self_study',
      title: 'Открытый банк задач ФИПИ',
      url: 'https://fipi.ru',
    });
    expect(byRoot.json()).toMatchObject({ isShared: true, municipalityId: null });
    expect(
      (await get('coord2', '/api/deficit-resources')).json().map((r: { title: string }) => r.title),
    ).toEqual(['Открытый банк задач ФИПИ']);
  });

  it('changes with the current version only', async () => {
    const changed = await patch('coord', `/api/deficit-resources/${resources.event}`, {
      title: 'Семинар-практикум РМО «Функциональная грамотность на уроке»',
      version: 1,
    });
    expect(changed.json()).toMatchObject({ version: 2 });
    const stale = await patch('coord', `/api/deficit-resources/${resources.event}`, {
      title: 'Старое',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('the builder', () => {
  let proposal: any;
  let routeId = 0;

  it('proposes steps from the diagnostic’s deficits, within a year from today', async () => {
    const response = await get(
      'mgr1',
      `/api/teachers/${ids.own}/iom/proposal?diagnosticId=${ids.diagnostic}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    proposal = response.json();
    expect(proposal).toMatchObject({ startDate: TODAY, endDate: '2027-03-01', existingRouteId: null });
    expect(
      proposal.deficits.map((d: { code: string; resources: unknown[] }) => [d.code, d.resources.length]),
    ).toEqual([
      ['М-02', 2],
      ['О-01', 1],
      ['ПП-03', 0],
    ]);
    expect(proposal.steps.map((s: any) => [s.deficitCode, s.kind, s.title])).toEqual([
      ['М-02', 'course', 'Функциональная грамотность'],
      ['М-02', 'event', 'Семинар-практикум РМО «Функциональная грамотность на уроке»'],
      ['О-01', 'mentoring', 'Консультации методиста по КИМ'],
      ['ПП-03', 'self_study', 'Самообразование: взаимодействие с родителями (законными представителями)'],
    ]);
    for (const s of proposal.steps) expect(s.deadline > TODAY && s.deadline <= '2027-03-01').toBe(true);
    expect(proposal.steps.at(-1).deadline).toBe('2027-03-01');
  });

  it('refuses a diagnostic without deficits, another teacher’s, and callers who do not keep the teacher', async () => {
    const empty = await get('mgr1', `/api/teachers/${ids.own}/iom/proposal?diagnosticId=${ids.empty}`);
    expect(errorOf(empty)).toBe('В этой диагностике не выявлено дефицитов: строить маршрут не из чего.');
    const foreign = await get(
      'mgr1',
      `/api/teachers/${ids.colleague}/iom/proposal?diagnosticId=${ids.diagnostic}`,
    );
    expect(foreign.statusCode).toBe(400);
    expect(errorOf(foreign)).toBe('Это диагностика другого педагога.');
    expect(
      (await get('own', `/api/teachers/${ids.own}/iom/proposal?diagnosticId=${ids.diagnostic}`)).statusCode,
    ).toBe(403);
    expect(
      (await get('mgr2', `/api/teachers/${ids.own}/iom/proposal?diagnosticId=${ids.diagnostic}`)).statusCode,
    ).toBe(403);
  });

  it('names the step whose deadline falls outside the period; nothing is written', async () => {
    const steps = proposal.steps.map((s: any, i: number) => (i === 1 ? { ...s, deadline: '2027-06-01' } : s));
    const response = await post('mgr1', `/api/teachers/${ids.own}/iom`, {
      diagnosticId: ids.diagnostic,
      startDate: proposal.startDate,
      endDate: proposal.endDate,
      steps,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      message: 'Шаг 2: срок 01.06.2027 вне периода маршрута (02.03.2026 — 01.03.2027).',
      details: { field: 'steps.1.deadline' },
    });
    expect((await get('mgr1', `/api/teachers/${ids.own}/iom`)).json()).toEqual([]);
  });

  it('creates the route with the picked and edited steps in one action, as a draft', async () => {
    const steps = proposal.steps
      .filter((s: any) => s.kind !== 'self_study')
      .map((s: any, i: number) =>
        i === 2 ? { ...s, title: 'Консультации методиста: разработка КИМ по алгебре' } : s,
      );
    const response = await post('mgr1', `/api/teachers/${ids.own}/iom`, {
      diagnosticId: ids.diagnostic,
      startDate: proposal.startDate,
      endDate: proposal.endDate,
      // No curator from the register: the department approves as curator (specialists.test.ts: the register's).
      steps,
    });
    expect(response.statusCode, response.body).toBe(201);
    const route = response.json();
    routeId = route.id;
    expect(route).toMatchObject({
      status: 'draft',
      approvals: { curator: null, tutor: null },
      progress: { done: 0, total: 3, percent: 0 },
      diagnostic: { id: ids.diagnostic, deficitCodes: ['М-02', 'О-01', 'ПП-03'] },
      permissions: {
        canEdit: true,
        canApproveAsCurator: false,
        canApproveAsTutor: true,
        canMarkSteps: false,
      },
    });
    expect(route.steps.map((s: any) => [s.kind, s.title, s.status])).toEqual([
      ['course', 'Функциональная грамотность', 'planned'],
      ['event', 'Семинар-практикум РМО «Функциональная грамотность на уроке»', 'planned'],
      ['mentoring', 'Консультации методиста: разработка КИМ по алгебре', 'planned'],
    ]);
    expect(route.steps[0].resource).toMatchObject({ provider: 'ЦНППМ', hours: 36 });
    const [course] = (await get('coord', '/api/deficit-resources?deficitCode=М-02&kind=course')).json();
    expect(course.stepCount).toBe(1);
  });

  it('refuses a second route from the same diagnostic and a resource of another municipality', async () => {
    const again = await post('mgr1', `/api/teachers/${ids.own}/iom`, {
      diagnosticId: ids.diagnostic,
      startDate: TODAY,
      endDate: '2026-12-31',
      steps: [
        { deficitCode: null, kind: 'self_study', resourceId: null, title: 'Чтение', deadline: '2026-05-01' },
      ],
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toBe('По этой диагностике уже составлен ИОМ (с 02.03.2026). Измените его шаги.');
    const foreignResource = (
      await post('coord2', '/api/deficit-resources', {
        deficitCode: 'О-02',
        kind: 'course',
        title: 'Курс района 2',
      })
    ).json().id;
    const response = await post('mgr1', `/api/teachers/${ids.own}/iom`, {
      diagnosticId: null,
      startDate: TODAY,
      endDate: '2026-12-31',
      steps: [
        {
          deficitCode: 'О-02',
          kind: 'course',
          resourceId: foreignResource,
          title: 'Курс',
          deadline: '2026-05-01',
        },
      ],
    });
    expect(errorOf(response)).toBe('Шаг 1: ресурс не найден в каталоге для этого дефицита.');
  });

  describe('approvals', () => {
    const approve = (who: string, as: string, version: number) =>
      post(who, `/api/routes/${routeId}/approvals`, { as, version });

    it('the teacher approves nothing; another school’s manager has no access; roles are not mixed', async () => {
      expect(errorOf(await approve('own', 'tutor', 1))).toBe(TUTOR_ONLY_MESSAGE);
      expect((await approve('own', 'curator', 1)).statusCode).toBe(403);
      const other = await approve('mgr2', 'tutor', 1);
      expect(other.statusCode).toBe(403);
      expect(errorOf(other)).toBe('Нет доступа к сведениям об этом педагоге.');
      expect(errorOf(await approve('mgr1', 'curator', 1))).toBe(CURATOR_ONLY_MESSAGE);
      expect((await approve('coord2', 'curator', 1)).statusCode).toBe(403);
      expect(errorOf(await approve('coord', 'tutor', 1))).toBe(TUTOR_ONLY_MESSAGE);
    });

    it('the curator approves; who and when are recorded; the route stays a draft until the tutor does', async () => {
      const response = await approve('coord', 'curator', 1);
      expect(response.statusCode, response.body).toBe(200);
      const route = response.json();
      expect(route.status).toBe('draft');
      expect(route.approvals.curator.by).toBe('Сафонова Ирина Петровна');
      expect(route.curatorName).toBe('Сафонова Ирина Петровна');
      expect(Date.parse(route.approvals.curator.at)).toBeGreaterThan(Date.now() - 60_000);
      expect(errorOf(await approve('coord', 'curator', 2))).toMatch(
        /^Маршрут уже утверждён куратором \d\d\.\d\d\.\d{4}\.$/,
      );
      expect((await approve('mgr1', 'tutor', 1)).statusCode).toBe(409);
      const [{ steps }] = (await get('own', `/api/teachers/${ids.own}/iom`)).json();
      const early = await post('own', `/api/route-steps/${steps[0].id}/progress`, {
        status: 'done',
        result: 'Удостоверение',
        version: 1,
      });
      expect(early.statusCode).toBe(409);
      expect(errorOf(early)).toBe(
        'ИОМ ещё не утверждён куратором и тьютором: отмечать выполнение шагов можно после утверждения.',
      );
    });

    it('the tutor’s approval makes it «утверждён» with the date; both are in the audit log', async () => {
      const route = (await approve('mgr1', 'tutor', 2)).json();
      expect(route).toMatchObject({
        status: 'approved',
        approvedAt: TODAY,
        tutorName: 'Ответственный А1',
        approvals: { tutor: { by: 'Ответственный А1' } },
      });
      const log = (await get('root', `/api/audit?entity=route&entityId=${routeId}&pageSize=10`)).json();
      expect(log.map((e: { summary: string }) => e.summary)).toEqual(
        expect.arrayContaining([
          'ИОМ утверждён куратором — Маршрутова М. П.',
          'ИОМ утверждён тьютором (маршрут утверждён) — Маршрутова М. П.',
        ]),
      );
    });
  });

  describe('the teacher’s progress', () => {
    const steps = async () => (await get('own', `/api/teachers/${ids.own}/iom`)).json()[0].steps;

    it('the teacher sees its route and may mark its steps; a colleague may not even see it', async () => {
      const [route] = (await get('own', `/api/teachers/${ids.own}/iom`)).json();
      expect(route.permissions).toEqual({
        canEdit: false,
        canApproveAsCurator: false,
        canApproveAsTutor: false,
        canWithdrawCurator: false,
        canWithdrawTutor: false,
        canMarkSteps: true,
      });
      expect((await get('colleague', `/api/teachers/${ids.own}/iom`)).statusCode).toBe(403);
      const [step] = await steps();
      const foreign = await post('colleague', `/api/route-steps/${step.id}/progress`, {
        status: 'done',
        result: 'Чужой',
        version: 1,
      });
      expect(foreign.statusCode).toBe(403);
      expect(errorOf(foreign)).toBe('Нет доступа к сведениям об этом педагоге.');
    });

    it('«выполнен» needs a result; cancelling is not for the teacher; progress and status follow', async () => {
      const [first, second] = await steps();
      const empty = await post('own', `/api/route-steps/${first.id}/progress`, {
        status: 'done',
        version: 1,
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.details.field).toBe('result');
      const cancel = await post('own', `/api/route-steps/${second.id}/progress`, {
        status: 'cancelled',
        version: 1,
      });
      expect(errorOf(cancel)).toBe('Отменить шаг могут тьютор, куратор и ответственный ОО.');
      const done = await post('own', `/api/route-steps/${first.id}/progress`, {
        status: 'done',
        result: 'Удостоверение № 612400123456',
        version: 1,
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'in_progress',
        progress: { done: 1, total: 3, percent: 33 },
      });
      expect(done.json().steps[0]).toMatchObject({ status: 'done', result: 'Удостоверение № 612400123456' });
      const stale = await post('own', `/api/route-steps/${first.id}/progress`, {
        status: 'in_progress',
        version: 1,
      });
      expect(stale.statusCode).toBe(409);
    });

    it('the school cancels a step; when the rest are done the route is «завершён»', async () => {
      const [, second, third] = await steps();
      await post('mgr1', `/api/route-steps/${second.id}/progress`, { status: 'cancelled', version: 1 });
      const last = await post('own', `/api/route-steps/${third.id}/progress`, {
        status: 'done',
        result: 'КИМ по алгебре для 8 класса',
        version: 1,
      });
      expect(last.json()).toMatchObject({
        status: 'completed',
        progress: { done: 2, total: 2, percent: 100 },
      });
    });
  });

  describe('editing after approval', () => {
    it('a change of status or result keeps the approvals; a change of the plan withdraws them', async () => {
      const [, second] = (await get('mgr1', `/api/teachers/${ids.own}/iom`)).json()[0].steps;
      const reopened = await patch('mgr1', `/api/route-steps/${second.id}`, {
        status: 'planned',
        version: second.version,
      });
      expect(reopened.statusCode, reopened.body).toBe(200);
      let [route] = (await get('mgr1', `/api/teachers/${ids.own}/iom`)).json();
      expect(route).toMatchObject({ status: 'in_progress', approvedAt: TODAY });
      expect(route.approvals.curator).not.toBeNull();

      const moved = await patch('mgr1', `/api/route-steps/${second.id}`, {
        deadline: '2026-11-30',
        version: second.version + 1,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      [route] = (await get('mgr1', `/api/teachers/${ids.own}/iom`)).json();
      expect(route).toMatchObject({
        status: 'draft',
        approvedAt: null,
        approvals: { curator: null, tutor: null },
      });
      const [entry] = (await get('root', `/api/audit?entity=route&entityId=${route.id}&pageSize=1`)).json();
      expect(entry.summary).toBe(
        'Утверждения ИОМ сняты: изменён шаг «Семинар-практикум РМО «Функциональная грамотность на уроке»» — маршрут снова черновик',
      );
    });

    it('the record forms keep to the route: its period holds the steps, the status is not set by hand', async () => {
      const [route] = (await get('mgr1', `/api/teachers/${ids.own}/iom`)).json();
      const outside = await post('mgr1', `/api/routes/${route.id}/steps`, {
        title: 'Открытый урок',
        deadline: '2027-09-01',
        status: 'planned',
      });
      expect(outside.statusCode).toBe(400);
      expect(errorOf(outside)).toBe('«Срок»: срок вне периода маршрута (02.03.2026 — 01.03.2027)');
      const shrink = await patch('mgr1', `/api/routes/${route.id}`, {
        endDate: '2026-06-30',
        version: route.version,
      });
      expect(errorOf(shrink)).toBe(
        '«Окончание»: шаг «Семинар-практикум РМО «Функциональная грамотность на уроке»» со сроком 30.11.2026 окажется вне периода маршрута',
      );
      const byHand = await patch('mgr1', `/api/routes/${route.id}`, {
        status: 'approved',
        version: route.version,
      });
      expect(byHand.statusCode).toBe(400);
      expect(errorOf(byHand)).toBe('«Статус»: маршрут ещё не утверждён куратором и тьютором.');
      const created = await post('mgr1', `/api/teachers/${ids.colleague}/routes`, {
        startDate: TODAY,
        endDate: '2026-12-31',
        status: 'approved',
      });
      expect(errorOf(created)).toBe(
        '«Статус»: новый ИОМ сохраняется черновиком — утверждают его куратор и тьютор.',
      );
    });

    it('a deleted resource leaves its steps with their titles', async () => {
      const [course] = (await get('coord', '/api/deficit-resources?deficitCode=М-02&kind=course')).json();
      expect((await del('coord', `/api/deficit-resources/${course.id}`)).statusCode).toBe(200);
      const [route] = (await get('mgr1', `/api/teachers/${ids.own}/iom`)).json();
      expect(route.steps[0]).toMatchObject({
        title: 'Функциональная грамотность',
        resourceId: null,
        resource: null,
      });
    });
  });
});
