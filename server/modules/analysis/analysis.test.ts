import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { expandAnalysis } from '../../../core/analysis/compact.ts';
import { expandResults } from '../../../core/indicators/compact-results.ts';
import { resolveSession } from '../auth/auth.service.ts';
import { getAnalysis } from './analysis.service.ts';

/** The analysis of the demo district's campaigns, through the API. */
let t: TestApp;
const cookies: Record<string, string> = {};
let closedId = 0;
let latestClosedId = 0;
let currentId = 0;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: 'analysis-pass-1' });
  for (const login of ['metodist', 'school1', 'school5'])
    cookies[login] = await t.login(login, 'analysis-pass-1');
  const campaigns = (await call('metodist', 'GET', '/api/campaigns')).json();
  // The demo publishes the report of its latest closed campaign; these tests publish the earlier one.
  const closed = campaigns
    .filter((c: { status: string }) => c.status === 'closed')
    .sort((a: { year: number }, b: { year: number }) => a.year - b.year);
  closedId = closed[0].id;
  latestClosedId = closed[closed.length - 1].id;
  currentId = campaigns.find((c: { status: string }) => c.status === 'active').id;
}, 300_000);
afterAll(() => t.close());

function call(
  who: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) {
  return t.request({ method, url, cookie: who ? cookies[who] : undefined, body });
}

describe('analysis of a campaign', () => {
  it('gives statistics, a rating with its method, clusters and the dynamics over earlier campaigns', async () => {
    const a = (await call('metodist', 'GET', `/api/campaigns/${latestClosedId}/analysis`)).json();
    expect(a.campaign.isFrozen).toBe(true);
    expect(a.organizations).toHaveLength(25);
    const stats = a.statistics['1.1'];
    const values = a.results
      .filter(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === '1.1' && r.organization !== null,
      )
      .map((r: { value: number }) => r.value);
    expect(stats.count).toBe(values.length);
    expect(stats.max).toBeCloseTo(Math.max(...values), 1);
    expect(a.rating.method).toMatch(/Интегральный балл/);
    expect(a.rating.rows[0].place).toBe(1);
    // Organizations are compared with their own kind: schools with schools, kindergartens with kindergartens.
    const kindOf = new Map(a.organizations.map((o: { id: number; kind: string }) => [o.id, o.kind]));
    const counted = [...new Set(kindOf.values())].filter(
      (k) => [...kindOf.values()].filter((x) => x === k).length >= 6,
    );
    expect(a.clusters.length).toBe(3 * counted.length);
    for (const c of a.clusters as { organizationIds: number[]; kind: string }[])
      expect(c.organizationIds.every((id) => kindOf.get(id) === c.kind)).toBe(true);
    expect(a.clusters.flatMap((c: { organizationIds: number[] }) => c.organizationIds).sort()).toEqual(
      a.organizations
        .filter((o: { kind: string }) => counted.includes(o.kind))
        .map((o: { id: number }) => o.id)
        .sort(),
    );
    const placesOf = (kind: string) =>
      a.rating.rows
        .filter((r: { kind: string; place: number | null }) => r.kind === kind && r.place !== null)
        .map((r: { place: number }) => r.place);
    expect(placesOf('preschool')[0]).toBe(1);
    // A kindergarten is not judged on a school indicator: 3.3 counts programs of schools.
    const kindergarten = a.organizations.find((o: { kind: string }) => o.kind === 'preschool');
    expect(
      a.results.find(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === '3.3' && r.organization === kindergarten.id,
      ),
    ).toMatchObject({ value: null, level: null, isApplicable: false });
    expect(a.dynamics.map((d: { year: number }) => d.year)).toEqual([2024, 2025]);
  });

  it('filters by kind of organization and ШНОР', async () => {
    const schools = (await call('metodist', 'GET', `/api/campaigns/${closedId}/analysis?kind=school`)).json();
    expect(schools.organizations.every((o: { kind: string }) => o.kind === 'school')).toBe(true);
    const shnor = (
      await call('metodist', 'GET', `/api/campaigns/${closedId}/analysis?lowResults=true`)
    ).json();
    expect(shnor.organizations.map((o: { name: string }) => o.name).sort()).toEqual([
      'МБОУ СОШ № 10',
      'МБОУ СОШ № 4',
      'МБОУ СОШ № 5',
    ]);
  });

  it('an organization sees only its own row', async () => {
    const a = (await call('school5', 'GET', `/api/campaigns/${closedId}/analysis`)).json();
    expect(a.organizations.map((o: { name: string }) => o.name)).toEqual(['МБОУ СОШ № 5']);
    expect(a.clusters).toEqual([]);
  });
});

describe('the analysis on the wire', () => {
  it('sends each value once and each organization name once; the web client gets back exactly the analysis', async () => {
    const response = await call('metodist', 'GET', `/api/campaigns/${currentId}/analysis`);
    const wire = response.json();
    expect(wire.campaign.status).toBe('active');
    // The current results are not repeated as the last point of the dynamics.
    const current = wire.dynamics.find((d: { campaignId: number }) => d.campaignId === currentId);
    expect(current).toBeDefined();
    expect(current.results).toBeUndefined();
    expect(wire.dynamics.filter((d: { results?: unknown[] }) => d.results).length).toBe(
      wire.dynamics.length - 1,
    );
    // No organization's name beside its values, rating row or cluster: they are in `organizations`.
    const named = (items: object[]) => items.filter((x) => 'organizationName' in x || 'name' in x);
    expect(named(wire.results)).toEqual([]);
    expect(named(wire.rating.rows)).toEqual([]);
    for (const d of wire.dynamics) expect(named(d.results ?? [])).toEqual([]);
    for (const c of wire.clusters) expect(c.names).toBeUndefined();
    const keys = wire.results.map((r: { indicator: string; organization: number | null }) =>
      [r.indicator, r.organization].join('/'),
    );
    expect(new Set(keys).size).toBe(keys.length);
    // Expanded, it is the analysis the service computes.
    const token = decodeURIComponent(cookies.metodist.split(';')[0].split('=').slice(1).join('='));
    const user = (await resolveSession({ db: t.database.db, token, ttlHours: 12 }))!;
    const full = await getAnalysis({ db: t.database.db, user, campaignId: currentId, filters: {} });
    const expanded = expandAnalysis<typeof full>(wire);
    expect(expanded).toEqual(JSON.parse(JSON.stringify(full)));
    expect(expanded.results.every((r) => r.organizationName)).toBe(true);
    // What that saves, sent as it used to be sent.
    expect(response.rawPayload.length).toBeLessThan(JSON.stringify(full).length * 0.7);
  });

  it('computes seed 000’s 3.3 from the demo’s open lessons: a value for the municipality and its schools', async () => {
    type Row = { indicator: string; organization: number | null; organizationName: string } & {
      value: number | null;
      denominator: number | null;
    };
    const restored = expandResults<Row>(
      (await call('metodist', 'GET', `/api/campaigns/${currentId}/results`)).json(),
    );
    const municipal = restored.find((r) => r.indicator === '3.3' && r.organization === null)!;
    // Some, not all, of the open lessons were given by young teachers.
    expect(municipal.denominator).toBeGreaterThan(20);
    expect(municipal.value).toBeGreaterThan(0);
    expect(municipal.value).toBeLessThan(100);
    const schools = restored.filter((r) => r.indicator === '3.3' && r.organization !== null);
    expect(schools.filter((r) => r.value !== null).length).toBeGreaterThan(3);
    // The district's own form indicator 3.4 stands beside it.
    expect(restored.some((r) => r.indicator === '3.4')).toBe(true);
  });

  it('the results table of a campaign names each organization once and keeps its values by id', async () => {
    const wire = (await call('metodist', 'GET', `/api/campaigns/${currentId}/results`)).json();
    expect(wire.results.length).toBeGreaterThan(wire.organizations.length);
    expect(wire.results.filter((r: object) => 'organizationName' in r)).toEqual([]);
    const restored = expandResults(wire);
    const names = new Map(wire.organizations.map((o: { id: number; name: string }) => [o.id, o.name]));
    for (const r of restored)
      expect(r.organizationName).toBe(
        r.organization === null ? 'Муниципалитет в целом' : names.get(r.organization),
      );
  });
});

describe('conclusions and recommendations', () => {
  it('drafts conclusions from the data, naming organizations; the coordinator edits them', async () => {
    const drafted = (
      await call('metodist', 'POST', `/api/campaigns/${closedId}/conclusions/generate`)
    ).json();
    const texts = drafted.map((c: { text: string }) => c.text);
    expect(
      texts.some((x: string) =>
        /^Низкий уровень показателя 1\.1 «Доля педагогов, прошедших диагностику[^»]*» в \d+ ОО: .*МБОУ СОШ № 5 \(\d/.test(
          x,
        ),
      ),
    ).toBe(true);
    // 5.1 (обеспеченность) and 5.4 (вакансии) are low in the same organizations: one sentence names both.
    expect(
      texts.some((x: string) =>
        /^Низкий уровень показателей 5\.1 «[^»]+» и 5\.4 «[^»]*вакансий[^»]*» в \d+ ОО:/.test(x),
      ),
    ).toBe(true);
    // No kindergarten in a conclusion about school indicators, and no sentence twice.
    const s33 = drafted.find((c: { text: string }) => c.text.includes('3.3 «'));
    if (s33) expect(s33.text).not.toMatch(/д\/с/);
    expect(new Set(texts).size).toBe(texts.length);
    expect(drafted[0].evidence.items.length).toBeGreaterThan(0);
    const edited = await call('metodist', 'PATCH', `/api/conclusions/${drafted[0].id}`, {
      text: `${drafted[0].text} Уточнено методистом.`,
      version: drafted[0].version,
    });
    expect(edited.statusCode).toBe(200);
    expect((await call('school1', 'GET', `/api/campaigns/${closedId}/conclusions`)).statusCode).toBe(403);
  });

  it('applies the rule library to every organization and the department; the school reports what it did', async () => {
    const all = (
      await call('metodist', 'POST', `/api/campaigns/${closedId}/recommendations/generate`)
    ).json();
    const toSchool5 = all.filter(
      (r: { organizationName: string | null }) => r.organizationName === 'МБОУ СОШ № 5',
    );
    expect(toSchool5.map((r: { text: string }) => r.text)).toContain(
      'Обеспечить участие педагогов в едином мониторинге по выявлению профессиональных дефицитов педагогических работников и управленческих кадров.',
    );
    expect(toSchool5[0].addressee).toBe('Руководителю МБОУ СОШ № 5');
    expect(
      all.some(
        (r: { organizationId: number | null; addressee: string }) =>
          r.organizationId === null && r.addressee === 'Методическому кабинету отдела образования',
      ),
    ).toBe(true);

    const own = (await call('school5', 'GET', '/api/my-recommendations'))
      .json()
      .filter((r: { campaignId: number }) => r.campaignId === closedId);
    expect(own.length).toBe(toSchool5.length);
    const first = own[0];
    // The school cannot close a recommendation by itself: it reports, the department accepts.
    for (const status of ['done', 'cancelled']) {
      const closing = await call('school5', 'PATCH', `/api/recommendations/${first.id}`, {
        status,
        report: 'Сделали.',
        version: first.version,
      });
      expect(closing.statusCode).toBe(403);
      expect(closing.json().error.message).toMatch(/только методический отдел/);
    }
    const report = await call('school5', 'PATCH', `/api/recommendations/${first.id}`, {
      status: 'reported',
      report: 'Все учителя прошли диагностику ЦНППМ в марте.',
      version: first.version,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ status: 'reported', reportedBy: expect.any(String) });
    expect(
      (
        await call('school5', 'PATCH', `/api/recommendations/${first.id}`, {
          text: 'Иначе',
          version: first.version + 1,
        })
      ).statusCode,
    ).toBe(403);
    const told = (await call('metodist', 'GET', '/api/notifications')).json();
    expect(told.items.map((n: { title: string }) => n.title)).toContain(
      'МБОУ СОШ № 5: отчёт о выполнении рекомендации',
    );
    const accepted = await call('metodist', 'PATCH', `/api/recommendations/${first.id}`, {
      status: 'done',
      version: first.version + 1,
    });
    expect(accepted.json()).toMatchObject({ status: 'done' });
    const reopened = await call('school5', 'PATCH', `/api/recommendations/${first.id}`, {
      status: 'in_progress',
      version: first.version + 2,
    });
    expect(reopened.statusCode).toBe(403);
    const other = all.find(
      (r: { organizationName: string | null }) => r.organizationName && r.organizationName !== 'МБОУ СОШ № 5',
    );
    expect(
      (
        await call('school5', 'PATCH', `/api/recommendations/${other.id}`, {
          status: 'done',
          version: other.version,
        })
      ).statusCode,
    ).toBe(403);

    // Generating again keeps what the school reported.
    const again = (
      await call('metodist', 'POST', `/api/campaigns/${closedId}/recommendations/generate`)
    ).json();
    expect(again.find((r: { id: number }) => r.id === first.id)).toMatchObject({
      status: 'done',
      report: 'Все учителя прошли диагностику ЦНППМ в марте.',
    });
  });

  it('a rule of the library changes what is generated', async () => {
    const programId = (await call('metodist', 'GET', `/api/campaigns/${closedId}`)).json().campaign.programId;
    const rules = (await call('metodist', 'GET', `/api/programs/${programId}/recommendation-rules`)).json();
    const rule = rules.find(
      (r: { indicatorCode: string; target: string }) =>
        r.indicatorCode === '1.1' && r.target === 'organization',
    );
    await call('metodist', 'PATCH', `/api/recommendation-rules/${rule.id}`, {
      text: 'Провести диагностику в ЦНППМ до 1 марта.',
      version: rule.version,
    });
    const generated = (
      await call('metodist', 'POST', `/api/campaigns/${closedId}/recommendations/generate`)
    ).json();
    expect(
      generated.some((r: { text: string }) => r.text === 'Провести диагностику в ЦНППМ до 1 марта.'),
    ).toBe(true);
  });
});

describe('the demo’s targets', () => {
  it('plans the closed campaigns’ indicators, and the demo’s conclusions name exactly the missed targets', async () => {
    const a = (await call('metodist', 'GET', `/api/campaigns/${latestClosedId}/analysis`)).json();
    const year = String(a.campaign.year);
    const municipal = (code: string) =>
      a.results.find(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === code && r.organization === null,
      )?.value as number | null;
    const planned = (a.indicators as { code: string; direction: string; targets: Record<string, number> }[])
      .filter((i) => i.targets[year] !== undefined)
      .map((i) => {
        const fact = municipal(i.code);
        const plan = i.targets[year];
        const met = fact === null ? null : i.direction === 'lower' ? fact <= plan : fact >= plan;
        return { code: i.code, met };
      });
    expect(planned.map((p) => p.code)).toEqual(['1.1', '2.1', '3.1', '3.4', '4.1', '5.1', '5.4']);
    const missed = planned.filter((p) => p.met === false).map((p) => p.code);
    // Worth looking at: some targets met, some missed.
    expect(missed.length).toBeGreaterThan(0);
    expect(planned.filter((p) => p.met === true).length).toBeGreaterThan(0);
    const stored = (await call('metodist', 'GET', `/api/campaigns/${latestClosedId}/conclusions`)).json();
    const named = stored
      .filter((c: { text: string }) => c.text.includes(`целевой показатель ${year} года не достигнут`))
      .map((c: { evidence: { items: { indicator: string }[] } }) => c.evidence.items[0].indicator);
    expect(named.sort()).toEqual(missed.sort());
  });
});

describe('the demo history', () => {
  it('reads as it would have happened: forms accepted after they were sent, the campaign closed after its final stage', async () => {
    const view = (await call('metodist', 'GET', `/api/campaigns/${closedId}`)).json();
    expect(view.campaign.closedAt.slice(0, 10)).toBe(view.campaign.dates.finalEnd);
    const rows = await t.database.db
      .select({ submittedAt: s.submissions.submittedAt, reviewedAt: s.submissions.reviewedAt })
      .from(s.submissions)
      .where(eq(s.submissions.campaignId, closedId));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) expect(r.reviewedAt!.getTime() - r.submittedAt!.getTime()).toBe(2 * 86_400_000);
  });
});

describe('conclusions verified before use', () => {
  it('refuses to publish or build letters while an organization named no longer has the stated value; redrafting fixes it', async () => {
    const drafted = (
      await call('metodist', 'POST', `/api/campaigns/${currentId}/conclusions/generate`)
    ).json();
    const vacancies = drafted.find((c: { text: string }) =>
      /^Низкий уровень показателя \S+ «[^»]*вакансий[^»]*» в \d+ ОО/.test(c.text),
    );
    expect(vacancies).toBeDefined();
    expect((await call('metodist', 'GET', `/api/campaigns/${currentId}/conclusions/check`)).json()).toEqual(
      [],
    );
    const orgId = vacancies.evidence.items[0].organization as number;
    const [org] = await t.database.db
      .select({ name: s.organizations.shortName })
      .from(s.organizations)
      .where(eq(s.organizations.id, orgId));
    // The school fills its vacancies: the sentence naming it with its vacancies is no longer true.
    await t.database.db.delete(s.vacancies).where(eq(s.vacancies.organizationId, orgId));
    const check = (await call('metodist', 'GET', `/api/campaigns/${currentId}/conclusions/check`)).json();
    // The sentence naming the school, and the municipal total that counted its vacancies.
    expect(check.map((c: { conclusionId: number }) => c.conclusionId)).toContain(vacancies.id);
    const named = check.find((c: { conclusionId: number }) => c.conclusionId === vacancies.id);
    expect(named.discrepancies).toHaveLength(1);
    expect(named.discrepancies[0]).toContain(`${org.name}, показатель ${vacancies.indicatorCode}: указано`);
    const publishing = await call('metodist', 'PUT', `/api/campaigns/${currentId}/report`, {
      isPublished: true,
    });
    expect(publishing.statusCode).toBe(409);
    expect(publishing.json().error.message).toMatch(
      /Выводы не подтверждаются текущими данными мониторинга \(\d+\)/,
    );
    expect(publishing.json().error.message).toContain(org.name);
    expect(publishing.json().error.message).toContain('Сформируйте выводы заново');
    expect(publishing.json().error.details.canRedraft).toBe(true);
    const letters = await call('metodist', 'POST', `/api/campaigns/${currentId}/documents`, {
      kind: 'letters',
    });
    expect(letters.statusCode).toBe(409);
    const settings = (await call('metodist', 'GET', `/api/campaigns/${currentId}/report`)).json();
    expect(settings.isPublished).toBe(false);
    // Drafted again from the data as it is now: the school is no longer named, and the check passes.
    const redrafted = (
      await call('metodist', 'POST', `/api/campaigns/${currentId}/conclusions/generate`)
    ).json();
    expect(
      redrafted.some(
        (c: { organizationIds: number[]; indicatorCode: string }) =>
          c.indicatorCode === vacancies.indicatorCode && c.organizationIds.includes(orgId),
      ),
    ).toBe(false);
    expect((await call('metodist', 'GET', `/api/campaigns/${currentId}/conclusions/check`)).json()).toEqual(
      [],
    );
  });

  it('refuses a drafted conclusion that carries no evidence (drafted before it was kept)', async () => {
    const drafted = (await call('metodist', 'GET', `/api/campaigns/${currentId}/conclusions`)).json();
    const problem = drafted.find((c: { kind: string }) => c.kind === 'problem');
    await t.database.db.update(s.conclusions).set({ evidence: null }).where(eq(s.conclusions.id, problem.id));
    const publishing = await call('metodist', 'PUT', `/api/campaigns/${currentId}/report`, {
      isPublished: true,
    });
    expect(publishing.statusCode).toBe(409);
    expect(publishing.json().error.message).toContain('проверить его нельзя');
    // The coordinator's own conclusion names no data and is not checked.
    await call('metodist', 'DELETE', `/api/conclusions/${problem.id}`);
    await call('metodist', 'POST', `/api/campaigns/${currentId}/conclusions`, { text: 'Вывод методиста.' });
    expect((await call('metodist', 'GET', `/api/campaigns/${currentId}/conclusions/check`)).json()).toEqual(
      [],
    );
  });
});

describe('the public report', () => {
  it('is not reachable before it is published, then opens without login and holds no personal data', async () => {
    expect((await call(null, 'GET', `/api/public/campaigns/${closedId}`)).statusCode).toBe(404);
    await call('metodist', 'POST', `/api/campaigns/${closedId}/conclusions/generate`);
    const published = await call('metodist', 'PUT', `/api/campaigns/${closedId}/report`, {
      isPublished: true,
      introduction: 'Итоги мониторинга',
    });
    expect(published.json().isPublished).toBe(true);
    const page = await call(null, 'GET', `/api/public/campaigns/${closedId}`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.conclusions.length).toBeGreaterThan(0);
    expect(body.results.length).toBe(body.indicators.length * 26);
    const text = page.body;
    const teachers = await t.database.db
      .select({ lastName: s.teachers.lastName, snils: s.teachers.snils })
      .from(s.teachers)
      .limit(200);
    for (const x of teachers) expect(text).not.toContain(x.snils);
    expect(text).not.toMatch(/birthDate|snils|teacherId/);
    const listed = (await call(null, 'GET', '/api/public/campaigns')).json().map((c: { id: number }) => c.id);
    expect(listed).toContain(closedId);
    expect(listed).not.toContain(currentId);
    expect((await call(null, 'GET', `/api/public/campaigns/${currentId}`)).statusCode).toBe(404);
  });
});
