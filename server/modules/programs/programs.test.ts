import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const ids = { m1: 0, m2: 0, a1: 0, a2: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'programs-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  const a1 = await createOrganization(db, m1.id);
  const a2 = await createOrganization(db, m1.id);
  Object.assign(ids, { m1: m1.id, m2: m2.id, a1: a1.id, a2: a2.id });
  await createTeacher(db, a1, { birthDate: '1998-01-01', pedagogicalStartDate: '2024-09-01' });
  await createTeacher(db, a2, { birthDate: '1970-01-01', pedagogicalStartDate: '1995-09-01' });
  const users = {
    coord1: [{ role: 'coordinator' as const, municipalityId: m1.id }],
    coord2: [{ role: 'coordinator' as const, municipalityId: m2.id }],
    mgr1: [{ role: 'org_manager' as const, organizationId: a1.id }],
    teacher1: [{ role: 'teacher' as const, organizationId: a1.id }],
  };
  for (const [login, grants] of Object.entries(users)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });

describe('monitoring programs', () => {
  let programId = 0;

  it('loads a seed template into a municipality in one action', async () => {
    const templates = (await call('coord1', 'GET', '/api/program-templates')).json();
    expect(templates.map((x: { code: string }) => x.code)).toContain('seed-004-myasnikovsky');
    const response = await call('coord1', 'POST', '/api/programs/from-template', {
      municipalityId: ids.m1,
      templateCode: 'seed-004-myasnikovsky',
    });
    expect(response.statusCode).toBe(201);
    const program = response.json();
    programId = program.id;
    expect(program.criteria).toHaveLength(5);
    expect(program.criteria[0].indicators[0]).toMatchObject({
      code: '1.1',
      unit: 'percent',
      numerator: 'teachers(diagnosed(level = municipal))',
    });
    expect(program.referenceDateText).toBe('на 1 января года, следующего за отчётным');
    const indicatorCount = program.criteria.reduce(
      (n: number, c: { indicators: unknown[] }) => n + c.indicators.length,
      0,
    );
    expect(indicatorCount).toBeGreaterThan(1);
    const listed = (await call('coord1', 'GET', '/api/programs')).json();
    expect(listed.find((p: { id: number }) => p.id === programId).indicatorCount).toBe(indicatorCount);
  });

  it('a coordinator of another municipality and an org_manager cannot change it', async () => {
    expect(
      (
        await call('coord2', 'POST', '/api/programs/from-template', {
          municipalityId: ids.m1,
          templateCode: 'seed-004-myasnikovsky',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('coord2', 'GET', `/api/programs/${programId}`)).statusCode).toBe(403);
    const program = (await call('mgr1', 'GET', `/api/programs/${programId}`)).json();
    expect(program.title).toBeTruthy(); // organizations read their municipality's program
    expect(
      (await call('mgr1', 'PATCH', `/api/programs/${programId}`, { title: 'Моя', version: program.version }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses a broken formula with the Russian message and its position', async () => {
    const program = (await call('coord1', 'GET', `/api/programs/${programId}`)).json();
    const indicator = program.criteria[0].indicators[0];
    const response = await call('coord1', 'PATCH', `/api/indicators/${indicator.id}`, {
      numerator: 'teachers(diagnosed(level = munisipal))',
      version: indicator.version,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^Числитель: .*«munisipal».*municipal/);
    expect(response.json().error.details.errors[0].position).toBeGreaterThan(0);
    const validation = (
      await call('coord1', 'POST', '/api/formulas/validate', { formula: 'teachers(young' })
    ).json();
    expect(validation.ok).toBe(false);
    expect(validation.errors[0].message).toMatch(/скобк/);
  });

  it('adds, edits and removes an indicator; codes are unique; stale versions are refused', async () => {
    const program = (await call('coord1', 'GET', `/api/programs/${programId}`)).json();
    const criterionId = program.criteria[2].id;
    const body = {
      criterionId,
      code: '3.5',
      name: 'Доля молодых педагогов',
      unit: 'percent',
      numerator: 'teachers(young)',
      denominator: 'teachers()',
      factor: 100,
      direction: 'higher',
      levelHigh: 20,
      levelMedium: 10,
    };
    expect((await call('coord1', 'POST', `/api/programs/${programId}/indicators`, body)).statusCode).toBe(
      201,
    );
    const duplicate = await call('coord1', 'POST', `/api/programs/${programId}/indicators`, body);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe('Показатель с кодом «3.5» уже есть в программе.');
    const added = (await call('coord1', 'GET', `/api/programs/${programId}`))
      .json()
      .criteria[2].indicators.find((i: { code: string }) => i.code === '3.5');
    expect(
      (
        await call('coord1', 'PATCH', `/api/indicators/${added.id}`, {
          levelHigh: 25,
          version: added.version,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call('coord1', 'PATCH', `/api/indicators/${added.id}`, {
          levelHigh: 30,
          version: added.version,
        })
      ).statusCode,
    ).toBe(409);
    expect((await call('coord1', 'DELETE', `/api/indicators/${added.id}`)).statusCode).toBe(200);
    expect((await call('coord1', 'DELETE', `/api/criteria/${criterionId}`)).statusCode).toBe(409); // it still has indicators
  });

  it('computes results; an org_manager sees its organization and the municipality only', async () => {
    const all = (await call('coord1', 'GET', `/api/programs/${programId}/results?year=2025`)).json();
    const young = (r: { indicator: string }) => r.indicator === '3.4';
    expect(
      all.results
        .filter(young)
        .map((r: { organization: number | null }) => r.organization)
        .sort(),
    ).toEqual([ids.a1, ids.a2, null].sort());
    const own = (await call('mgr1', 'GET', `/api/programs/${programId}/results?year=2025`)).json();
    expect(own.results.filter(young).map((r: { organization: number | null }) => r.organization)).toEqual([
      ids.a1,
      null,
    ]);
    expect(own.organizations).toEqual([{ id: ids.a1, name: expect.any(String) }]);
  });

  it('drill-down lists the teachers behind a value, for those allowed', async () => {
    const body = {
      criterionId: (await call('coord1', 'GET', `/api/programs/${programId}`)).json().criteria[2].id,
      code: 'Y',
      name: 'Молодые',
      unit: 'count',
      numerator: 'teachers(young)',
      factor: 1,
      direction: 'higher',
    };
    await call('coord1', 'POST', `/api/programs/${programId}/indicators`, body);
    const coordinator = (
      await call('coord1', 'GET', `/api/programs/${programId}/drilldown?year=2025&indicator=Y`)
    ).json();
    expect(coordinator.calls[0].rows).toHaveLength(1);
    expect(coordinator.calls[0].isPersonal).toBe(true);
    expect(
      (await call('mgr1', 'GET', `/api/programs/${programId}/drilldown?year=2025&indicator=Y`)).statusCode,
    ).toBe(403);
    expect(
      (
        await call(
          'mgr1',
          'GET',
          `/api/programs/${programId}/drilldown?year=2025&indicator=Y&organizationId=${ids.a2}`,
        )
      ).statusCode,
    ).toBe(403);
    const own = (
      await call(
        'mgr1',
        'GET',
        `/api/programs/${programId}/drilldown?year=2025&indicator=Y&organizationId=${ids.a1}`,
      )
    ).json();
    expect(own.calls[0].rows).toHaveLength(1);
    // A teacher sees the values of its school, not which colleagues are counted in them (young, with deficits…).
    const teacher = await call(
      'teacher1',
      'GET',
      `/api/programs/${programId}/drilldown?year=2025&indicator=Y&organizationId=${ids.a1}`,
    );
    expect(teacher.statusCode).toBe(403);
    expect(teacher.json().error.message).toBe(
      'Записи за значением показателя открывают координатор и ответственный за организацию.',
    );
    const audit = await t.database.db.query.auditLog.findMany();
    expect(
      audit.filter((e) => e.action === 'view_personal' && e.entity === 'teacher').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('previews a formula on current data', async () => {
    const preview = (
      await call('coord1', 'POST', `/api/programs/${programId}/preview`, {
        unit: 'percent',
        numerator: 'teachers(young)',
        denominator: 'teachers()',
        factor: 100,
        year: 2025,
      })
    ).json();
    expect(preview.municipal).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(preview).toMatchObject({ organizations: 2, withValue: 2, min: 0, max: 100 });
  });

  it('a program monitored by a campaign is archived, not deleted', async () => {
    const campaign = await call('coord1', 'POST', '/api/campaigns', { programId, year: 2025 });
    expect(campaign.statusCode).toBe(201);
    const response = await call('coord1', 'DELETE', `/api/programs/${programId}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/^По программе проводились мониторинги/);
    expect((await call('coord1', 'GET', `/api/programs/${programId}`)).statusCode).toBe(200);
  });
});

describe('a template loaded again', () => {
  const load = async (who: string, municipalityId: number) => {
    const response = await call(who, 'POST', '/api/programs/from-template', {
      municipalityId,
      templateCode: 'seed-002-zhirnovsky',
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: number; title: string; version: number };
  };

  it('gets the next free number after the title, counted in its own municipality only', async () => {
    const first = await load('coord1', ids.m1);
    const second = await load('coord1', ids.m1);
    expect(second.title).toBe(`${first.title} (2)`);
    const third = await load('coord1', ids.m1);
    expect(third.title).toBe(`${first.title} (3)`);
    expect((await load('coord2', ids.m2)).title).toBe(first.title);

    // A number freed by a rename is given again; the list tells the copies apart.
    const renamed = await call('coord1', 'PATCH', `/api/programs/${second.id}`, {
      title: 'Мониторинг 2027 года',
      version: second.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect((await load('coord1', ids.m1)).title).toBe(`${first.title} (2)`);
    const titles = (await call('coord1', 'GET', '/api/programs'))
      .json()
      .map((p: { title: string }) => p.title)
      .filter((title: string) => title.startsWith(first.title));
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(3);
  });
});
