import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import { parseFormula, collectCalls, type AggregateCallNode } from '../../../core/formula/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { loadReferenceData, referenceCount } from '../indicators/reference.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';

/**
 * Groups of organizations (issue 14, point 4) on a district built by hand: the coordinator keeps them with
 * version checks, a school reads only the groups it is in; `orgGroup = "…"` in formulas counts exactly the
 * members (checked against the in-memory reference evaluation too); an indicator limited to a group is
 * «не применяется» outside it.
 */
let t: TestApp;
const PASSWORD = 'groups-pass-1';
const cookies: Record<string, string> = {};
const ids = { m: 0, other: 0, a: 0, b: 0, c: 0, kg: 0, foreignSchool: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'СОШ А' });
  const b = await createOrganization(db, m.id, { shortName: 'СОШ Б' });
  const c = await createOrganization(db, m.id, { shortName: 'СОШ В' });
  const kg = await createOrganization(db, m.id, { shortName: 'Д/с', kind: 'preschool' });
  const foreignSchool = await createOrganization(db, other.id, { shortName: 'СОШ чужая' });
  Object.assign(ids, {
    m: m.id,
    other: other.id,
    a: a.id,
    b: b.id,
    c: c.id,
    kg: kg.id,
    foreignSchool: foreignSchool.id,
  });
  // Teachers: А 2, Б 1, В 3, д/с 1.
  for (const [org, n] of [
    [a, 2],
    [b, 1],
    [c, 3],
    [kg, 1],
  ] as const)
    for (let i = 0; i < n; i++)
      await createTeacher(db, org, { birthDate: '1985-01-01', pedagogicalStartDate: '2010-09-01' });
  const users = [
    { login: 'coord', grants: [{ role: 'coordinator' as const, municipalityId: m.id }] },
    { login: 'foreign', grants: [{ role: 'coordinator' as const, municipalityId: other.id }] },
    {
      login: 'schoola',
      grants: [{ role: 'org_manager' as const, municipalityId: m.id, organizationId: a.id }],
    },
    {
      login: 'schoolc',
      grants: [{ role: 'org_manager' as const, municipalityId: m.id, organizationId: c.id }],
    },
  ];
  for (const u of users) {
    await createUser(db, { ...u, password: PASSWORD });
    cookies[u.login] = await t.login(u.login, PASSWORD);
  }
}, 120_000);
afterAll(() => t?.close());

const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });

describe('groups of organizations: who keeps them and who reads them', () => {
  let group: { id: number; version: number };

  it('the coordinator creates a group of the municipality’s organizations; a duplicate name is refused', async () => {
    const created = await call('coord', 'POST', '/api/organization-groups', {
      name: '500+',
      description: 'Школы с низкими результатами обучения (проект «500+»)',
      organizationIds: [ids.b, ids.a],
    });
    expect(created.statusCode, created.body).toBe(201);
    group = created.json();
    expect(created.json()).toMatchObject({
      name: '500+',
      municipalityId: ids.m,
      organizationIds: [ids.a, ids.b].sort((x, y) => x - y),
      canEdit: true,
      version: 1,
    });
    const again = await call('coord', 'POST', '/api/organization-groups', { name: '500+' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Группа «500+» в муниципалитете уже есть.');
  });

  it('refuses a member of another municipality, naming it', async () => {
    const r = await call('coord', 'POST', '/api/organization-groups', {
      name: 'Точка роста',
      organizationIds: [ids.c, ids.foreignSchool],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe(
      `«Организации группы»: организации № ${ids.foreignSchool} нет в муниципалитете группы.`,
    );
  });

  it('a school reads the groups it is in, with itself alone among the members, and changes nothing', async () => {
    const mine = (await call('schoola', 'GET', '/api/organization-groups')).json();
    expect(mine).toEqual([
      expect.objectContaining({ id: group.id, organizationIds: [ids.a], canEdit: false }),
    ]);
    expect((await call('schoolc', 'GET', '/api/organization-groups')).json()).toEqual([]);
    expect((await call('schoolc', 'GET', `/api/organization-groups/${group.id}`)).statusCode).toBe(403);
    const write = await call('schoola', 'PATCH', `/api/organization-groups/${group.id}`, {
      organizationIds: [ids.a, ids.b, ids.c],
      version: 1,
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toBe(
      'Группы организаций ведёт отдел образования (координатор муниципалитета).',
    );
    expect((await call('schoola', 'POST', '/api/organization-groups', { name: 'Своя' })).statusCode).toBe(
      403,
    );
    expect((await call('foreign', 'GET', `/api/organization-groups/${group.id}`)).statusCode).toBe(403);
    expect(
      (await call('foreign', 'GET', `/api/organization-groups?organizationId=${ids.a}`)).statusCode,
    ).toBe(403);
  });

  it('changes with the current version only; a stale one is 409 and nothing is overwritten', async () => {
    const ok = await call('coord', 'PATCH', `/api/organization-groups/${group.id}`, {
      description: 'Проект «500+»',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await call('coord', 'PATCH', `/api/organization-groups/${group.id}`, {
      organizationIds: [],
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await call('coord', 'GET', `/api/organization-groups/${group.id}`)).json().organizationIds,
    ).toHaveLength(2);
    expect((await call('coord', 'DELETE', `/api/organization-groups/${group.id}?version=1`)).statusCode).toBe(
      409,
    );
  });

  it('filters the organizations list by group', async () => {
    const r = await call('coord', 'GET', `/api/organizations?groupId=${group.id}`);
    expect(
      r
        .json()
        .map((o: { id: number }) => o.id)
        .sort(),
    ).toEqual([ids.a, ids.b].sort());
    const school = await call('schoola', 'GET', `/api/organizations?groupId=${group.id}`);
    expect(school.json().map((o: { id: number }) => o.id)).toEqual([ids.a]);
  });

  it('filters the list of a municipality by organization: the groups it is in', async () => {
    const r = await call('coord', 'GET', `/api/organization-groups?organizationId=${ids.c}`);
    expect(r.json()).toEqual([]);
    const a = await call('coord', 'GET', `/api/organization-groups?organizationId=${ids.a}`);
    expect(a.json().map((g: { name: string }) => g.name)).toEqual(['500+']);
  });
});

describe('orgGroup in formulas', () => {
  it('counts the members of a group by its name, on the SQL compiler and the reference evaluation alike', async () => {
    // The group «500+» holds А and Б (from the tests above); «Точка роста» holds В.
    const made = await call('coord', 'POST', '/api/organization-groups', {
      name: 'Точка роста',
      organizationIds: [ids.c],
    });
    expect(made.statusCode, made.body).toBe(201);
    const definitions = [
      indicator('orgs', 'organizations(orgGroup = "500+")'),
      indicator('teachers', 'teachers(orgGroup = "500+")'),
      indicator('notIn', 'teachers(orgGroup != "500+")'),
      indicator('either', 'positions(orgGroup in ("500+", "Точка роста"))'),
      indicator('share', 'teachers(orgGroup = "Точка роста")', 'teachers(orgKind = school)'),
      indicator('none', 'teachers(orgGroup = "Нет такой")'),
    ];
    const { results, problems } = await computeIndicators({
      db: t.database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: definitions,
    });
    expect(problems).toEqual([]);
    const value = (code: string, org: number | null) =>
      results.find((r) => r.indicator === code && r.organization === org)!.value;
    expect(value('orgs', null)).toBe(2);
    expect(value('teachers', null)).toBe(3); // А 2 + Б 1
    expect(value('teachers', ids.a)).toBe(2);
    expect(value('teachers', ids.c)).toBe(0);
    expect(value('notIn', null)).toBe(4); // В 3 + д/с 1
    expect(value('either', null)).toBe(6);
    expect(value('share', null)).toBe(50); // 3 of the 6 teachers of schools
    expect(value('none', null)).toBe(0);

    const data = await loadReferenceData(t.database.db);
    for (const d of definitions.filter((x) => !x.denominator)) {
      const parsed = parseFormula(d.numerator);
      if (!parsed.ok) throw new Error(d.numerator);
      const call = collectCalls(parsed.ast)[0].call as AggregateCallNode;
      const reference = referenceCount(data, ids.m, period, call);
      expect(reference.total, d.numerator).toBe(value(d.code, null));
    }
  });

  it('an indicator limited to a group is «не применяется» outside it: no value, no level', async () => {
    const groups = (await call('coord', 'GET', `/api/organization-groups?municipalityId=${ids.m}`)).json();
    const point = groups.find((g: { name: string }) => g.name === 'Точка роста');
    const { results } = await computeIndicators({
      db: t.database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [
        {
          ...indicator('limited', 'teachers()'),
          levelHigh: 2,
          levelMedium: 1,
          applicability: { kinds: null, groups: null, orgGroups: [{ id: point.id, name: point.name }] },
        },
      ],
    });
    const of = (org: number) => results.find((r) => r.organization === org)!;
    expect(of(ids.c)).toMatchObject({ isApplicable: true, value: 3, level: 'high' });
    expect(of(ids.a)).toMatchObject({ isApplicable: false, value: null, level: null });
    expect(of(ids.kg)).toMatchObject({ isApplicable: false, value: null, level: null });
  });
});
