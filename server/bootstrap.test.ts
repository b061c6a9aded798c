import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase, type PreparedDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { queryRows, type Database } from './db/client.ts';
import { systemAdmin } from './modules/auth/access.ts';
import { computeRegionalRollUp } from './modules/regional/roll-up.service.ts';
import { createTestDatabase } from './test/harness.ts';

/**
 * The first start (`npm start` on an empty database) seeds the demo district and the further municipalities of
 * its region, each with a coordinator, so the regional view has several municipalities from the first login.
 */
let database: Database;
let prepared: PreparedDatabase;
const config = loadConfig({
  PEDMONITOR_ADMIN_PASSWORD: 'bootstrap-admin-password',
  PEDMONITOR_DEMO_PASSWORD: 'bootstrap-demo-password',
});

beforeAll(async () => {
  database = await createTestDatabase();
  prepared = await prepareDatabase({ database, config, seedIfEmpty: true });
}, 180_000);
afterAll(() => database?.close());

describe('prepareDatabase on an empty database', () => {
  it('seeds the demo region beside the district, each municipality with its coordinator', async () => {
    expect(prepared.region?.municipalities.map((m) => m.name)).toEqual([
      'Заречный район',
      'Каменский район',
      'Степной район',
    ]);
    const rows = await queryRows<{ m: string; login: string | null; orgs: number }>(
      database.db,
      sql`select m.name as m, u.login,
          (select count(*)::int from organizations o where o.municipality_id = m.id) as orgs
        from municipalities m join regions r on r.id = m.region_id
        left join user_roles ur on ur.municipality_id = m.id and ur.role = 'coordinator'
        left join users u on u.id = ur.user_id
        order by m.id`,
    );
    expect(rows).toEqual([
      { m: 'Приреченский район', login: 'metodist', orgs: 25 },
      { m: 'Заречный район', login: 'zarechny', orgs: 4 },
      { m: 'Каменский район', login: 'kamensky', orgs: 3 },
      { m: 'Степной район', login: 'stepnoy', orgs: 4 },
    ]);
    // The accounts printed at the first start include the region's, with the demo password.
    expect(prepared.demo?.accounts.map((a) => a.login)).toEqual(
      expect.arrayContaining(['metodist', 'region', 'zarechny', 'kamensky', 'stepnoy']),
    );
    expect(prepared.demo?.accounts.find((a) => a.login === 'kamensky')).toMatchObject({
      role: 'coordinator',
      password: 'bootstrap-demo-password',
    });
  });

  it('gives the region two monitorings of last year to compare, its row over distinct teachers', async () => {
    const rollUp = await computeRegionalRollUp({
      db: database.db,
      user: systemAdmin('cli'),
      regionalProgramId: prepared.region!.approval.regionalProgramId,
      year: 2025,
    });
    expect(rollUp.municipalities.map((m) => [m.municipalityName, m.source])).toEqual([
      ['Заречный район', 'sent'],
      ['Каменский район', 'closed'],
      ['Степной район', null],
    ]);
    // Two teachers of Заречный work part-time at a school of Каменский: each district counts them, the region once.
    const denominators = rollUp.municipalities
      .filter((m) => m.source)
      .map((m) => m.results.find((r) => r.indicator === '5.2')!.denominator!);
    const region = rollUp.region.find((r) => r.indicator === '5.2')!;
    expect(region.denominator).toBe(denominators[0] + denominators[1] - 2);
  });

  it('seeds nothing on the next start', async () => {
    const again = await prepareDatabase({ database, config, seedIfEmpty: true });
    expect(again).toEqual({ admin: null, demo: null, region: null });
  });
});
