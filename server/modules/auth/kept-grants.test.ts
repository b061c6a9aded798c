import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { createTestApp, recordQueries, type TestApp } from '../../test/harness.ts';
import { findActiveSession } from './auth.repository.ts';
import { sessionIdOf } from './auth.service.ts';

/**
 * A request's grants are kept in memory under the grant generation its session row carries (migration
 * grant_generation): each kind of change that alters what a user's grants resolve to must reach the very
 * next request, and a request with nothing changed must not resolve the grants again.
 */
let t: TestApp;
const PASSWORD = 'kept-grants-password-1';
const cookies: Record<string, string> = {};
let municipalityA = 0;
let municipalityB = 0;
let regionId = 0;
let organizationId = 0;
let associationId = 0;
const userIds: Record<string, number> = {};

type Grant = { role: string; municipalityId: number | null };
/** The municipalities the regional coordinator's grant reaches, as a request resolves them. */
async function regionalReach(): Promise<number[] | undefined> {
  const token = decodeURIComponent(cookies.region.split('=')[1]);
  const found = await findActiveSession(t.database.db, sessionIdOf(token));
  return found?.user.roles[0].regionMunicipalityIds;
}
async function grantsOf(login: string): Promise<Grant[] | null> {
  const response = await t.request({ method: 'GET', url: '/api/auth/me', cookie: cookies[login] });
  if (response.statusCode === 401) return null;
  expect(response.statusCode).toBe(200);
  return response.json().roles;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const a = await createMunicipality(db);
  const b = await createMunicipality(db);
  municipalityA = a.id;
  municipalityB = b.id;
  regionId = a.regionId!;
  organizationId = (await createOrganization(db, a.id)).id;
  [{ id: associationId }] = await queryRows<{ id: number }>(
    db,
    sql`insert into associations (municipality_id, name, level, type, start_date)
        values (${a.id}, 'РМО учителей математики', 'municipal', 'rmo', '2025-09-01') returning id`,
  );
  const specs = {
    head: [{ role: 'org_manager' as const, organizationId }],
    coord: [{ role: 'coordinator' as const, municipalityId: a.id }],
    region: [{ role: 'regional_coordinator' as const, regionId }],
    leader: [{ role: 'association_leader' as const, associationId }],
  };
  for (const [login, grants] of Object.entries(specs)) {
    userIds[login] = (await createUser(db, { login, password: PASSWORD, grants })).id;
    cookies[login] = await t.login(login, PASSWORD);
  }
});
afterAll(() => t?.close());

describe('grants kept with the sessions', () => {
  it('a request with nothing changed reads one plain row, not the grants', async () => {
    await grantsOf('coord');
    const recorded = recordQueries(t.database);
    try {
      await grantsOf('coord');
      await grantsOf('coord');
    } finally {
      recorded.stop();
    }
    expect(recorded.queries).toHaveLength(2);
    expect(recorded.queries.join('\n')).not.toMatch(/json_agg/);
  });

  it('the first request after a login reads one plain row too: the login kept the grants it read', async () => {
    const cookie = await t.login('head', PASSWORD);
    const recorded = recordQueries(t.database);
    try {
      const response = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
      expect(response.statusCode).toBe(200);
      expect(response.json().roles).toMatchObject([{ role: 'org_manager', organizationId }]);
    } finally {
      recorded.stop();
    }
    expect(recorded.queries).toHaveLength(1);
    expect(recorded.queries.join('\n')).not.toMatch(/json_agg/);
  });

  it('a grant added or removed counts from the next request', async () => {
    expect((await grantsOf('coord'))!.map((g) => g.municipalityId)).toEqual([municipalityA]);
    await t.database.db.execute(
      sql`insert into user_roles (user_id, role, municipality_id) values (${userIds.coord}, 'coordinator', ${municipalityB})`,
    );
    expect((await grantsOf('coord'))!.map((g) => g.municipalityId)).toEqual([municipalityA, municipalityB]);
    await t.database.db.execute(
      sql`delete from user_roles where user_id = ${userIds.coord} and municipality_id = ${municipalityA}`,
    );
    expect((await grantsOf('coord'))!.map((g) => g.municipalityId)).toEqual([municipalityB]);
    const forbidden = await t.request({
      method: 'GET',
      url: `/api/municipalities/${municipalityA}`,
      cookie: cookies.coord,
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('an organization moved to another municipality moves its head’s grant', async () => {
    expect((await grantsOf('head'))![0].municipalityId).toBe(municipalityA);
    await t.database.db.execute(
      sql`update organizations set municipality_id = ${municipalityB} where id = ${organizationId}`,
    );
    expect((await grantsOf('head'))![0].municipalityId).toBe(municipalityB);
  });

  it('an association moved to another municipality moves its leader’s grant', async () => {
    expect((await grantsOf('leader'))![0].municipalityId).toBe(municipalityA);
    await t.database.db.execute(
      sql`update associations set municipality_id = ${municipalityB} where id = ${associationId}`,
    );
    expect((await grantsOf('leader'))![0].municipalityId).toBe(municipalityB);
  });

  it('a municipality added to the region or moved out of it changes the regional grant', async () => {
    expect(await regionalReach()).toEqual([municipalityA]);
    const [added] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into municipalities (region_id, name, department_name)
          values (${regionId}, 'Новый район', 'Отдел образования Нового района') returning id`,
    );
    expect(await regionalReach()).toEqual([municipalityA, added.id]);
    const [other] = await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into regions (name) values ('Другая область') returning id`,
    );
    await t.database.db.execute(
      sql`update municipalities set region_id = ${other.id} where id = ${municipalityA}`,
    );
    expect(await regionalReach()).toEqual([added.id]);
  });

  it('a deactivated user or an ended session is refused at once', async () => {
    expect(await grantsOf('head')).not.toBeNull();
    await t.database.db.execute(sql`update users set is_active = false where id = ${userIds.head}`);
    expect(await grantsOf('head')).toBeNull();
    expect(await grantsOf('leader')).not.toBeNull();
    await t.database.db.execute(sql`delete from sessions where user_id = ${userIds.leader}`);
    expect(await grantsOf('leader')).toBeNull();
  });
});
