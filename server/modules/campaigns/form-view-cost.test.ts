import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Opening one organization's form must not read the forms of the other participants: with 100 schools
 * opening their forms at once, a view that reads every submission of the campaign grows with the number of
 * participants (issue 11, point 6). The repository is wrapped so that the test sees which submissions the
 * view asks for.
 */
const repository = vi.hoisted(() => ({
  findSubmissions: [] as number[],
  findSubmission: [] as [number, number][],
}));
vi.mock('./campaigns.repository.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./campaigns.repository.ts')>();
  return {
    ...actual,
    findSubmissions: (...args: Parameters<typeof actual.findSubmissions>) => {
      repository.findSubmissions.push(args[1]);
      return actual.findSubmissions(...args);
    },
    findSubmission: (...args: Parameters<typeof actual.findSubmission>) => {
      repository.findSubmission.push([args[1], args[2]]);
      return actual.findSubmission(...args);
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
  campaignId = (await campaignFromTemplate(t, cookies.coord, { municipalityId: m.id })).campaignId;
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
          staff_need_next_year: 0,
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
  repository.findSubmission.length = 0;
});

function form(organizationId: number) {
  return `/api/campaigns/${campaignId}/organizations/${organizationId}/submission`;
}

describe('opening one organization’s form', () => {
  it('reads its own submission only, not those of the other participants', async () => {
    const response = await t.request({ method: 'GET', url: form(orgIds[0]), cookie: cookies.head0 });
    expect(response.statusCode).toBe(200);
    expect(repository.findSubmissions).toEqual([]);
    expect(repository.findSubmission.length).toBeGreaterThan(0);
    expect(repository.findSubmission.every(([, organizationId]) => organizationId === orgIds[0])).toBe(true);
  });

  it('still computes the organization’s own form indicators from its own values', async () => {
    const own = (await t.request({ method: 'GET', url: form(orgIds[0]), cookie: cookies.head0 })).json();
    expect(own.indicators.find((i: { code: string }) => i.code === '3.3')).toMatchObject({
      numerator: 2,
      denominator: 8,
      value: 25,
    });
    const other = (await t.request({ method: 'GET', url: form(orgIds[3]), cookie: cookies.head3 })).json();
    expect(other.indicators.find((i: { code: string }) => i.code === '3.3')).toMatchObject({
      numerator: 3,
      denominator: 10,
      value: 30,
    });
  });

  it('the coordinator’s view of one school also reads that school’s submission only', async () => {
    const response = await t.request({ method: 'GET', url: form(orgIds[2]), cookie: cookies.coord });
    expect(response.statusCode).toBe(200);
    expect(repository.findSubmissions).toEqual([]);
    expect(repository.findSubmission.every(([, organizationId]) => organizationId === orgIds[2])).toBe(true);
  });
});
