import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_MIN_GROUP } from '../../../core/publishing/suppression.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { systemAdmin } from '../auth/access.ts';
import { getCampaignResults } from '../campaigns/campaigns.service.ts';

/**
 * Publishing on the demo district (its latest closed campaign's report is published): the publication day,
 * an organization's public page with small groups hidden, the decisions and the effect of measures on the
 * public report, and the embeddable pages the only ones other sites may frame.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let publishedId = 0;
let school1 = 0;
const TODAY = '2026-11-01';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  await seedDemo({ db: t.database.db, seed: 5, today: TODAY, password: 'publishing-pass-1' });
  for (const login of ['metodist', 'school1']) cookies[login] = await t.login(login, 'publishing-pass-1');
  const listed = (await call(null, 'GET', '/api/public/campaigns')).json();
  expect(listed).toHaveLength(1);
  publishedId = listed[0].id;
  const me = (await call('school1', 'GET', '/api/auth/me')).json();
  school1 = me.roles[0].organizationId;
}, 300_000);
afterAll(() => t?.close());

function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) {
  return t.request({ method, url, cookie: who ? cookies[who] : undefined, body });
}

describe('the publication day', () => {
  it('keeps a published report from the public until its day, with a Russian message', async () => {
    const later = await call('metodist', 'PUT', `/api/campaigns/${publishedId}/report`, {
      publishOn: '2026-12-15',
    });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ isPublished: true, publishOn: '2026-12-15' });
    const before = await call(null, 'GET', `/api/public/campaigns/${publishedId}`);
    expect(before.statusCode).toBe(404);
    expect(before.json().error.message).toBe('Отчёт будет опубликован 15.12.2026.');
    expect((await call(null, 'GET', '/api/public/campaigns')).json()).toEqual([]);
    const organization = await call(null, 'GET', `/api/public/organizations/${school1}`);
    expect(organization.statusCode).toBe(404);
    expect(organization.json().error.message).toBe(
      'Публичных данных об организации нет: отчёты мониторинга с её участием ещё не опубликованы.',
    );

    // The day itself opens it; no day is «at once», as before the day existed.
    await call('metodist', 'PUT', `/api/campaigns/${publishedId}/report`, { publishOn: TODAY });
    expect((await call(null, 'GET', `/api/public/campaigns/${publishedId}`)).statusCode).toBe(200);
    const cleared = await call('metodist', 'PUT', `/api/campaigns/${publishedId}/report`, {
      publishOn: null,
    });
    expect(cleared.json().publishOn).toBeNull();
    expect((await call(null, 'GET', `/api/public/campaigns/${publishedId}`)).statusCode).toBe(200);
  });

  it('refuses a malformed day naming the field, and is the department’s to set', async () => {
    const bad = await call('metodist', 'PUT', `/api/campaigns/${publishedId}/report`, { publishOn: '15.12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Поле «Дата публикации»: некорректная дата.');
    const school = await call('school1', 'PUT', `/api/campaigns/${publishedId}/report`, {
      publishOn: '2026-12-15',
    });
    expect(school.statusCode).toBe(403);
  });
});

describe('small groups on public pages', () => {
  it('hides a share over fewer than the threshold on the public report, and sends no numerators', async () => {
    const { results } = await getCampaignResults({
      db: t.database.db,
      user: systemAdmin('cli'),
      id: publishedId,
    });
    const small = results.filter(
      (r) => r.denominator !== null && r.denominator > 0 && r.denominator < PUBLIC_MIN_GROUP,
    );
    expect(small.length, 'the demo has shares over small groups').toBeGreaterThan(0);
    const page = (await call(null, 'GET', `/api/public/campaigns/${publishedId}`)).json();
    expect(page.results).toHaveLength(results.length);
    for (const r of page.results) {
      expect(r).not.toHaveProperty('numerator');
      expect(r).not.toHaveProperty('denominator');
    }
    const shown = (indicator: string, organization: number | null) =>
      page.results.find(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === indicator && r.organization === organization,
      );
    for (const r of small)
      expect(shown(r.indicator, r.organization)).toMatchObject({
        value: null,
        level: null,
        isSuppressed: true,
      });
    // The statistics leave the hidden values out: no min, max or mean gives them away.
    const hiddenOf = new Set(small.filter((r) => r.organization !== null).map((r) => r.indicator));
    expect(hiddenOf.size).toBeGreaterThan(0);
    for (const code of hiddenOf) {
      const shownValues = page.results.filter(
        (r: { indicator: string; organization: number | null; value: number | null }) =>
          r.indicator === code && r.organization !== null && r.value !== null,
      );
      expect(page.statistics[code]?.count ?? 0, code).toBe(shownValues.length);
    }
    const large = results.find((r) => r.denominator !== null && r.denominator >= PUBLIC_MIN_GROUP)!;
    expect(shown(large.indicator, large.organization)).toMatchObject({
      value: large.value,
      isSuppressed: false,
    });
  });

  it('gives an organization its own public page: its values beside the municipality’s, small groups hidden', async () => {
    const res = await call(null, 'GET', `/api/public/organizations/${school1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.organization).toMatchObject({ id: school1, shortName: 'МБОУ СОШ № 1' });
    expect(body.threshold).toBe(PUBLIC_MIN_GROUP);
    expect(body.campaigns.map((c: { id: number }) => c.id)).toEqual([publishedId]);
    const { results } = await getCampaignResults({
      db: t.database.db,
      user: systemAdmin('cli'),
      id: publishedId,
    });
    for (const i of body.campaigns[0].indicators) {
      const own = results.find((r) => r.indicator === i.code && r.organization === school1);
      const municipal = results.find((r) => r.indicator === i.code && r.organization === null);
      const isSmall = own?.denominator != null && own.denominator > 0 && own.denominator < PUBLIC_MIN_GROUP;
      expect(i.isSuppressed, i.code).toBe(isSmall);
      expect(i.value, i.code).toBe(isSmall || own?.isApplicable === false ? null : (own?.value ?? null));
      expect(i.municipal, i.code).toBe(municipal?.value ?? null);
    }
    expect(res.body).not.toMatch(/numerator|denominator|birthDate|snils/);
    expect((await call(null, 'GET', '/api/public/organizations/999999')).statusCode).toBe(404);
  });
});

describe('decisions and the effect of measures on the public report', () => {
  it('shows only those the department marked public', async () => {
    const conclusions = (await call('metodist', 'GET', `/api/campaigns/${publishedId}/conclusions`)).json();
    expect(conclusions.length).toBeGreaterThan(0);
    const municipalityId = (await call('metodist', 'GET', '/api/municipalities')).json()[0].id;
    const decision = (title: string, isPublic: boolean) =>
      call('metodist', 'POST', '/api/decisions', {
        municipalityId,
        kind: 'order',
        number: '77-о',
        date: '2026-10-20',
        title,
        conclusionIds: [conclusions[0].id],
        isPublic,
      });
    expect((await decision('О мерах по итогам мониторинга', true)).statusCode).toBe(201);
    expect((await decision('Служебное распоряжение', false)).statusCode).toBe(201);

    // A measure whose effect this campaign measured (it is the campaign «after» the measure).
    const roadmaps = (await call('metodist', 'GET', '/api/roadmaps')).json();
    let measured: { id: number; roadmapId: number; title: string } | null = null;
    let other: { id: number; roadmapId: number } | null = null;
    for (const roadmap of roadmaps) {
      const effect = (await call('metodist', 'GET', `/api/roadmaps/${roadmap.id}/effect`)).json();
      for (const m of effect.measures) {
        const hits = m.indicators.some(
          (i: { after: { campaignId: number } | null }) => i.after?.campaignId === publishedId,
        );
        if (hits && !measured) measured = { id: m.measureId, roadmapId: roadmap.id, title: m.title };
        else if (hits && !other) other = { id: m.measureId, roadmapId: roadmap.id };
      }
    }
    expect(measured, 'the demo has a measure measured by its published campaign').not.toBeNull();
    const versionOf = async (m: { id: number; roadmapId: number }) =>
      (await call('metodist', 'GET', `/api/roadmaps/${m.roadmapId}`))
        .json()
        .measures.find((x: { id: number }) => x.id === m.id).version;
    const marked = await call('metodist', 'PATCH', `/api/measures/${measured!.id}`, {
      isPublic: true,
      version: await versionOf(measured!),
    });
    expect(marked.statusCode, marked.body).toBe(200);

    const page = (await call(null, 'GET', `/api/public/campaigns/${publishedId}`)).json();
    expect(page.decisions).toEqual([
      {
        kind: 'order',
        kindLabel: 'приказ',
        number: '77-о',
        date: '2026-10-20',
        title: 'О мерах по итогам мониторинга',
        url: null,
      },
    ]);
    expect(page.effects.map((e: { title: string }) => e.title)).toEqual([measured!.title]);
    const effect = page.effects[0];
    expect(effect.indicators.length).toBeGreaterThan(0);
    for (const i of effect.indicators) {
      expect(i.after.year).toBe(page.campaign.year);
      expect(i).not.toHaveProperty('organizations');
      expect(['improved', 'unchanged', 'worsened', 'no_data']).toContain(i.verdict);
    }
  });
});

describe('embeddable blocks', () => {
  const frameHeaders = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return {
      csp: String(res.headers['content-security-policy']),
      xfo: res.headers['x-frame-options'],
    };
  };

  it('lets other sites frame /embed/campaigns/:id and /embed/organizations/:id only', async () => {
    for (const url of [`/embed/campaigns/${publishedId}`, `/embed/organizations/${school1}`]) {
      const h = await frameHeaders(url);
      expect(h.csp, url).toContain('frame-ancestors *');
      expect(h.csp, url).not.toContain("frame-ancestors 'none'");
      expect(h.csp).toContain("script-src 'self'");
      expect(h.xfo, url).toBeUndefined();
    }
    for (const url of [
      '/',
      '/login',
      `/public/campaigns/${publishedId}`,
      `/api/public/campaigns/${publishedId}`,
      `/api/public/organizations/${school1}`,
      '/embed/campaigns/x',
      '/embedded/campaigns/1',
      '/api/health',
    ]) {
      const h = await frameHeaders(url);
      expect(h.csp, url).toContain("frame-ancestors 'none'");
      expect(h.xfo, url).toBe('DENY');
    }
  });
});
