import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** The organization's card of monitoring results on the demo district: values over years, rating, access. */
let t: TestApp;
const cookies: Record<string, string> = {};
let school1 = 0;
let school5 = 0;
let kindergarten = 0;

interface CardValue {
  value: number | null;
  level: string | null;
  isApplicable: boolean;
  municipal: number | null;
}
interface CardCampaign {
  campaignId: number;
  year: number;
  status: string;
  isFrozen: boolean;
  place: number | null;
  placedOf: number;
  score: number | null;
  values: Record<string, CardValue>;
}
interface Card {
  organization: { id: number };
  programs: { programId: number; indicators: { code: string }[]; campaigns: CardCampaign[] }[];
  recommendations: { id: number; status: string; files: unknown[] }[];
}

/** The program with the most campaigns: the demo's yearly monitoring. */
const longest = (card: Card) => [...card.programs].sort((a, b) => b.campaigns.length - a.campaigns.length)[0];

const call = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const ownOrganization = async (who: string) =>
  (await call(who, '/api/auth/me')).json().roles.find((g: { role: string }) => g.role === 'org_manager')
    .organizationId as number;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: 'card-pass-1' });
  for (const login of ['metodist', 'school1', 'school5', 'sad1', 'teacher'])
    cookies[login] = await t.login(login, 'card-pass-1');
  school1 = await ownOrganization('school1');
  school5 = await ownOrganization('school5');
  kindergarten = await ownOrganization('sad1');
}, 300_000);
afterAll(() => t.close());

describe('the organization card of monitoring results', () => {
  it('shows the values over the years, each equal to the campaign’s results, and the running campaign', async () => {
    const started = performance.now();
    const response = await call('metodist', `/api/organizations/${school1}/monitoring`);
    const elapsed = performance.now() - started;
    expect(response.statusCode, response.body).toBe(200);
    const card: Card = response.json();
    expect(card.programs.length).toBeGreaterThan(0);
    const program = longest(card);
    const closed = program.campaigns.filter((c) => c.status === 'closed');
    expect(closed.length).toBeGreaterThanOrEqual(2);
    expect(program.campaigns.map((c) => c.year)).toEqual([...program.campaigns.map((c) => c.year)].sort());
    const running = card.programs.flatMap((p) => p.campaigns).filter((c) => c.status === 'active');
    expect(running).toHaveLength(1);
    expect(running[0].isFrozen).toBe(false);
    for (const { c, indicators } of card.programs.flatMap((p) =>
      p.campaigns.map((c) => ({ c, indicators: p.indicators })),
    )) {
      const analysis = (await call('metodist', `/api/campaigns/${c.campaignId}/analysis`)).json();
      let compared = 0;
      for (const indicator of indicators) {
        const result = analysis.results.find(
          (r: { indicator: string; organization: number | null }) =>
            r.indicator === indicator.code && r.organization === school1,
        );
        const municipal = analysis.results.find(
          (r: { indicator: string; organization: number | null }) =>
            r.indicator === indicator.code && r.organization === null,
        );
        if (!result) continue;
        compared++;
        expect(c.values[indicator.code].value, `${c.year} ${indicator.code}`).toBe(
          result.isApplicable === false ? null : result.value,
        );
        expect(c.values[indicator.code].municipal).toBe(municipal?.value ?? null);
      }
      expect(compared).toBeGreaterThan(5);
    }
    // Two closed years differ somewhere: the card is not one year repeated.
    const [a, b] = closed;
    expect(program.indicators.some((i) => a.values[i.code].value !== b.values[i.code].value)).toBe(true);
    // Measured on the demo district (25 organizations, 3 closed campaigns and a running one).
    console.info(`organization card: ${Math.round(elapsed)} ms`);
  });

  it('states the place in each campaign’s rating exactly as the analysis rates, among the same kind', async () => {
    const card: Card = (await call('metodist', `/api/organizations/${school5}/monitoring`)).json();
    for (const c of longest(card).campaigns) {
      const analysis = (await call('metodist', `/api/campaigns/${c.campaignId}/analysis`)).json();
      const row = analysis.rating.rows.find((r: { organizationId: number }) => r.organizationId === school5);
      expect(c.place, `${c.year}`).toBe(row.place);
      expect(c.score).toBe(row.score);
      expect(c.placedOf).toBe(
        analysis.rating.rows.filter(
          (r: { kind: string; place: number | null }) => r.kind === row.kind && r.place !== null,
        ).length,
      );
    }
    // The school head sees the same place as the department: the rating is not cut down to its own school.
    const own: Card = (await call('school5', `/api/organizations/${school5}/monitoring`)).json();
    expect(longest(own).campaigns.map((c) => [c.place, c.placedOf])).toEqual(
      longest(card).campaigns.map((c) => [c.place, c.placedOf]),
    );
    expect(longest(card).campaigns.every((c) => c.placedOf > 1)).toBe(true);
  });

  it('marks «не применяется» where the indicator does not apply and places a kindergarten among kindergartens', async () => {
    const card: Card = (await call('sad1', `/api/organizations/${kindergarten}/monitoring`)).json();
    const [latest] = longest(card)
      .campaigns.filter((c) => c.status === 'closed')
      .slice(-1);
    const notApplicable = Object.entries(latest.values).filter(([, v]) => !v.isApplicable);
    expect(notApplicable.length).toBeGreaterThan(0);
    for (const [, v] of notApplicable) expect(v.value).toBeNull();
    const analysis = (await call('metodist', `/api/campaigns/${latest.campaignId}/analysis`)).json();
    const preschools = analysis.rating.rows.filter(
      (r: { kind: string; place: number | null }) => r.kind === 'preschool' && r.place !== null,
    );
    expect(latest.placedOf).toBe(preschools.length);
  });

  it('shows its recommendations with their status', async () => {
    const card: Card = (await call('school1', `/api/organizations/${school1}/monitoring`)).json();
    const own = (await call('school1', '/api/my-recommendations')).json();
    expect(card.recommendations.map((r) => [r.id, r.status]).sort()).toEqual(
      own.map((r: { id: number; status: string }) => [r.id, r.status]).sort(),
    );
    expect(card.recommendations.length).toBeGreaterThan(0);
  });

  it('a school head sees only its own organization; the coordinator every one of the municipality', async () => {
    expect((await call('school1', `/api/organizations/${school5}/monitoring`)).statusCode).toBe(403);
    expect((await call('school5', `/api/organizations/${school1}/monitoring`)).statusCode).toBe(403);
    expect((await call('teacher', `/api/organizations/${school1}/monitoring`)).statusCode).toBe(403);
    expect((await call('metodist', `/api/organizations/${kindergarten}/monitoring`)).statusCode).toBe(200);
  });
});
