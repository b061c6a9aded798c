import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandAnalysis } from '../../../core/analysis/compact.ts';
import { expandResults } from '../../../core/indicators/compact-results.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import { getAnalysis } from '../analysis/analysis.service.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Groups and partnerships on the demo district: a recommendation addressed to a group reaches the letters
 * and cabinets of its schools and no other; a partnership's effect gives the supported school's values in
 * the campaigns the effect of measures picks.
 */
let t: TestApp;
const PASSWORD = 'groups-demo-pass-1';
const cookies: Record<string, string> = {};
let latestId = 0;
let orgIds: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: PASSWORD });
  for (const login of ['metodist', 'school1', 'school5']) cookies[login] = await t.login(login, PASSWORD);
  const list = (await call('metodist', 'GET', '/api/campaigns')).json() as {
    id: number;
    status: string;
    year: number;
  }[];
  latestId = list
    .filter((c) => c.status === 'closed')
    .sort((a, b) => a.year - b.year)
    .at(-1)!.id;
  const orgs = (await call('metodist', 'GET', '/api/organizations?pageSize=100')).json() as {
    id: number;
    shortName: string;
  }[];
  orgIds = Object.fromEntries(orgs.map((o) => [o.shortName, o.id]));
}, 300_000);
afterAll(() => t?.close());

function call(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}

const groupNamed = async (name: string) =>
  (
    (await call('metodist', 'GET', '/api/organization-groups')).json() as {
      id: number;
      name: string;
      organizationIds: number[];
    }[]
  ).find((g) => g.name === name)!;

describe('a recommendation to a group of organizations', () => {
  it('reaches the letters and the cabinet of the group’s schools, and of no other school', async () => {
    const group = await groupNamed('500+');
    expect(group.organizationIds).toContain(orgIds['МБОУ СОШ № 5']);
    expect(group.organizationIds).not.toContain(orgIds['МБОУ СОШ № 1']);
    const text = 'Школам проекта «500+»: провести педагогический совет по итогам мониторинга.';
    const added = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: null,
      audience: { orgGroupIds: [group.id] },
      text,
    });
    expect(added.statusCode, added.body).toBe(201);
    const stored = (await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)).json() as {
      text: string;
      audience: { orgGroups?: { id: number; name: string }[] } | null;
    }[];
    expect(stored.find((r) => r.text === text)?.audience?.orgGroups).toEqual([
      { id: group.id, name: '500+' },
    ]);

    const letterText = async (org: number) => {
      const r = await call(
        'metodist',
        'GET',
        `/api/campaigns/${latestId}/letter-content?organizationId=${org}`,
      );
      return r.statusCode === 200 ? JSON.stringify(r.json()) : '';
    };
    expect(await letterText(orgIds['МБОУ СОШ № 5'])).toContain(text);
    expect(await letterText(orgIds['МБОУ СОШ № 1'])).not.toContain(text);
    const general = (await call('metodist', 'GET', `/api/campaigns/${latestId}/letter-content`)).json();
    expect(JSON.stringify(general)).toContain('организации группы «500+»');

    const cabinet = (await call('school5', 'GET', '/api/my-recommendations')).json() as { text: string }[];
    expect(cabinet.filter((r) => r.text === text)).toHaveLength(1);
    const other = (await call('school1', 'GET', '/api/my-recommendations')).json() as { text: string }[];
    expect(other.some((r) => r.text === text)).toBe(false);
    const letters = (await call('school5', 'GET', '/api/my-letters')).json() as { campaignId: number }[];
    expect(letters.map((l) => l.campaignId)).toContain(latestId);
  });

  it('refuses a group of another municipality or none, naming the field', async () => {
    const r = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: null,
      audience: { orgGroupIds: [999999] },
      text: 'Рекомендация несуществующей группе',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('«Группы организаций»: групп № 999999 нет в муниципалитете.');
  });
});

describe('the effect of a school partnership', () => {
  it('gives the supported school’s values before and after, in the two closed campaigns around its start', async () => {
    const partnerships = (await call('metodist', 'GET', '/api/school-partnerships')).json() as {
      id: number;
      weakOrganization: { id: number; name: string };
      strongOrganization: { name: string };
      events: unknown[];
      plan: { state: string }[];
    }[];
    const p = partnerships.find((x) => x.weakOrganization.name === 'МБОУ СОШ № 4')!;
    expect(p.strongOrganization.name).toBe('МБОУ СОШ № 1');
    expect(p.plan.map((i) => i.state)).toContain('done');
    const effect = await call('metodist', 'GET', `/api/school-partnerships/${p.id}/effect`);
    expect(effect.statusCode, effect.body).toBe(200);
    const body = effect.json() as {
      programs: {
        before: { campaignId: number } | null;
        after: { campaignId: number } | null;
        indicators: { code: string; before: number | null; after: number | null; verdict: string }[];
      }[];
    };
    const program = body.programs.find((x) => x.before && x.after)!;
    expect(program).toBeDefined();
    expect(program.before!.campaignId).not.toBe(program.after!.campaignId);
    const results = async (id: number) =>
      (await call('metodist', 'GET', `/api/campaigns/${id}/results`)).json().results as {
        indicator: string;
        organization: number | null;
        value: number | null;
      }[];
    const before = await results(program.before!.campaignId);
    const after = await results(program.after!.campaignId);
    expect(program.indicators.length).toBeGreaterThan(0);
    for (const i of program.indicators) {
      expect(i.before, i.code).toBe(findResult(before, i.code, p.weakOrganization.id)?.value ?? null);
      expect(i.after, i.code).toBe(findResult(after, i.code, p.weakOrganization.id)?.value ?? null);
    }
    expect(program.indicators.some((i) => i.before !== null && i.after !== null)).toBe(true);
    // The supported school sees its own effect; the supporting one does not see the other’s values.
    expect((await call('school1', 'GET', `/api/school-partnerships/${p.id}`)).statusCode).toBe(200);
    expect((await call('school1', 'GET', `/api/school-partnerships/${p.id}/effect`)).statusCode).toBe(403);
    expect((await call('school5', 'GET', `/api/school-partnerships/${p.id}`)).statusCode).toBe(403);
  });
});

describe('the analysis and the results narrowed to a group of organizations', () => {
  type Result = { indicator: string; organization: number | null; value: number | null };
  type Analysis = Awaited<ReturnType<typeof getAnalysis>>;
  const analysis = async (query = '') => {
    const r = await call('metodist', 'GET', `/api/campaigns/${latestId}/analysis${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return expandAnalysis<Analysis>(r.json());
  };

  it('counts the group’s members only: organizations, values, statistics and rating', async () => {
    const group = await groupNamed('500+');
    const whole = await analysis();
    const narrowed = await analysis(`?orgGroupId=${group.id}`);
    const members = whole.organizations.filter((o) => group.organizationIds.includes(o.id));
    expect(members.length).toBe(3);
    expect(whole.organizations.length).toBeGreaterThan(members.length);
    expect(narrowed.organizations.map((o) => o.id).sort()).toEqual(members.map((o) => o.id).sort());
    expect(
      narrowed.results.every(
        (r) => r.organization === null || group.organizationIds.includes(r.organization),
      ),
    ).toBe(true);
    expect(narrowed.rating.rows.map((r) => r.organizationId).sort()).toEqual(members.map((o) => o.id).sort());
    // The mean of each indicator is that of the members' values in the whole analysis.
    let compared = 0;
    for (const i of whole.indicators) {
      const values = members
        .map((o) => findResult(whole.results, i.code, o.id)?.value ?? null)
        .filter((v): v is number => v !== null);
      const stats = narrowed.statistics[i.code];
      if (!values.length) {
        expect(stats, i.code).toBeNull();
        continue;
      }
      expect(stats?.count, i.code).toBe(values.length);
      const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
      expect(stats?.mean, i.code).toBeCloseTo(mean, 2);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    // The municipality as a whole stays the whole municipality's.
    const municipal = (rs: Result[]) => rs.filter((r) => r.organization === null);
    expect(municipal(narrowed.results)).toEqual(municipal(whole.results));
  });

  it('narrows the results table the same way, the municipality row kept', async () => {
    const group = await groupNamed('Базовые площадки');
    const r = await call('metodist', 'GET', `/api/campaigns/${latestId}/results?orgGroupId=${group.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { organizations: { id: number }[] };
    expect(body.organizations.map((o) => o.id).sort()).toEqual([...group.organizationIds].sort());
    const results = expandResults<Result & { organizationName: string }>(r.json());
    expect(results.some((x) => x.organization === null)).toBe(true);
  });

  it('refuses a group of no municipality naming the field, and a group a school is not in', async () => {
    const unknown = await call('metodist', 'GET', `/api/campaigns/${latestId}/analysis?orgGroupId=999999`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe(
      '«Группа организаций»: группы № 999999 нет в муниципалитете мониторинга.',
    );
    const group = await groupNamed('500+');
    const foreign = await call('school1', 'GET', `/api/campaigns/${latestId}/results?orgGroupId=${group.id}`);
    expect(foreign.statusCode).toBe(403);
  });
});
