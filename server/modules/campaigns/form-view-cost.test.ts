import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import type { ComputeContext } from '../indicators/compiler/context.ts';
import {
  campaignFromTemplate,
  createTestApp,
  KARDYMOVSKY_WITH_FORM,
  recordQueries,
  type TestApp,
} from '../../test/harness.ts';

/**
 * Opening one organization's form must not read the forms of the other participants, nor compute the
 * campaign: with 100 schools opening their forms at once, a view that reads every submission or computes
 * every participant grows with the number of participants, and one that recomputes the registry values on
 * every opening queues 100 computations (issue 11, point 6). The repository and the computation are
 * wrapped so that the test sees what the view asks for.
 */
const repository = vi.hoisted(() => ({
  findSubmissions: [] as number[],
  findFormState: [] as [number, number][],
  measures: [] as ComputeContext[],
}));
vi.mock('./campaigns.repository.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./campaigns.repository.ts')>();
  return {
    ...actual,
    findSubmissions: (...args: Parameters<typeof actual.findSubmissions>) => {
      repository.findSubmissions.push(args[1]);
      return actual.findSubmissions(...args);
    },
    findFormState: (...args: Parameters<typeof actual.findFormState>) => {
      repository.findFormState.push([args[1], args[2]]);
      return actual.findFormState(...args);
    },
  };
});
vi.mock('../indicators/compute.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../indicators/compute.ts')>();
  return {
    ...actual,
    measureIndicators: (...args: Parameters<typeof actual.measureIndicators>) => {
      repository.measures.push(args[1]);
      return actual.measureIndicators(...args);
    },
  };
});

let t: TestApp;
const PASSWORD = 'form-view-password-1';
const SCHOOLS = 6;
const orgIds: number[] = [];
const cookies: Record<string, string> = {};
let campaignId = 0;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  for (let i = 0; i < SCHOOLS; i++) {
    const org = await createOrganization(db, m.id, { shortName: `Школа ${i + 1}` });
    orgIds.push(org.id);
    await createUser(db, {
      login: `head${i}`,
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId: org.id }],
    });
    cookies[`head${i}`] = await t.login(`head${i}`, PASSWORD);
  }
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookies.coord = await t.login('coord', PASSWORD);
  campaignId = (
    await campaignFromTemplate(t, cookies.coord, {
      municipalityId: m.id,
      template: KARDYMOVSKY_WITH_FORM,
    })
  ).campaignId;
  // Every school but the first sends a full form with its own numbers of open lessons.
  for (let i = 1; i < SCHOOLS; i++) {
    const saved = await t.request({
      method: 'PUT',
      url: form(orgIds[i]),
      cookie: cookies[`head${i}`],
      body: {
        values: {
          deficit_plan: true,
          open_lessons_total: 10,
          open_lessons_by_young: i,
        },
        isRegistryConfirmed: true,
        version: null,
      },
    });
    expect(saved.statusCode).toBe(200);
    const sent = await t.request({
      method: 'POST',
      url: `${form(orgIds[i])}/submit`,
      cookie: cookies[`head${i}`],
      body: { version: 1 },
    });
    expect(sent.statusCode).toBe(200);
  }
  const own = await t.request({
    method: 'PUT',
    url: form(orgIds[0]),
    cookie: cookies.head0,
    body: { values: { open_lessons_total: 8, open_lessons_by_young: 2 }, version: null },
  });
  expect(own.statusCode).toBe(200);
});
afterAll(() => t.close());
beforeEach(() => {
  repository.findSubmissions.length = 0;
  repository.findFormState.length = 0;
  repository.measures.length = 0;
});

function form(organizationId: number) {
  return `/api/campaigns/${campaignId}/organizations/${organizationId}/submission`;
}

describe('opening one organization’s form', () => {
  it('reads its own submission only, not those of the other participants', async () => {
    const response = await t.request({ method: 'GET', url: form(orgIds[0]), cookie: cookies.head0 });
    expect(response.statusCode).toBe(200);
    expect(repository.findSubmissions).toEqual([]);
    expect(repository.findFormState).toEqual([[campaignId, orgIds[0]]]);
  });

  it('measures the campaign’s registry values once for every school, then keeps them: a few queries per opening', async () => {
    // A registry write: the values kept so far are of an older generation.
    await t.database.db.execute(sql`update organizations set address = address where id = ${orgIds[1]}`);
    const first = await t.request({ method: 'GET', url: form(orgIds[1]), cookie: cookies.head1 });
    expect(first.statusCode).toBe(200);
    expect(repository.measures).toHaveLength(1);
    expect(repository.measures[0]).toMatchObject({ campaignId });

    const recorded = recordQueries(t.database);
    try {
      const again = await t.request({ method: 'GET', url: form(orgIds[1]), cookie: cookies.head1 });
      expect(again.json()).toEqual(first.json());
      // Another school of the campaign: its values were measured with the first one's.
      const other = await t.request({ method: 'GET', url: form(orgIds[4]), cookie: cookies.head4 });
      expect(other.statusCode).toBe(200);
    } finally {
      recorded.stop();
    }
    expect(repository.measures).toHaveLength(1);
    // Per opening: the session and its grants, the campaign, the organization's own state, its history.
    expect(recorded.queries.length).toBeLessThanOrEqual(10);
    expect(recorded.queries.some((q) => /\bteachers\b/.test(q))).toBe(false);
  });

  it('still computes the organization’s own form indicators from its own values', async () => {
    const own = (await t.request({ method: 'GET', url: form(orgIds[0]), cookie: cookies.head0 })).json();
    expect(own.indicators.find((i: { code: string }) => i.code === '3.4')).toMatchObject({
      numerator: 2,
      denominator: 8,
      value: 25,
    });
    const other = (await t.request({ method: 'GET', url: form(orgIds[3]), cookie: cookies.head3 })).json();
    expect(other.indicators.find((i: { code: string }) => i.code === '3.4')).toMatchObject({
      numerator: 3,
      denominator: 10,
      value: 30,
    });
  });

  it('the coordinator’s view of one school also reads that school’s submission only', async () => {
    const response = await t.request({ method: 'GET', url: form(orgIds[2]), cookie: cookies.coord });
    expect(response.statusCode).toBe(200);
    expect(repository.findSubmissions).toEqual([]);
    expect(repository.findFormState).toEqual([[campaignId, orgIds[2]]]);
  });
});
