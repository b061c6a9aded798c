import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignParticipants, campaignResults, submissions } from '../../db/schema/index.ts';
import { createClosedCampaign, createMunicipality, createOrganization } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * A campaign lists only organizations of its program's municipality: the migration removes the ones old
 * versions let in (with their forms and frozen results), and the database refuses a new one.
 */
let t: TestApp;
const ids = { campaign: 0, own: 0, foreign: 0 };

const folder = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
// Found by name, not number: migrations of parallel work are renumbered when they are merged.
const migration = readFileSync(
  folder + readdirSync(folder).find((f) => f.endsWith('_campaign_participants_own_municipality.sql'))!,
  'utf8',
);
async function migrate() {
  for (const statement of migration.split('--> statement-breakpoint'))
    await t.database.db.execute(sql.raw(statement));
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  ids.own = (await createOrganization(db, m1.id, { shortName: 'Своя школа' })).id;
  ids.foreign = (await createOrganization(db, m2.id, { shortName: 'Чужая школа' })).id;
  ids.campaign = (await createClosedCampaign(db, m1.id)).campaign.id;
}, 120_000);
afterAll(() => t.close());

const rowsOf = async (organizationId: number) => {
  const db = t.database.db;
  const where = (table: typeof campaignParticipants | typeof submissions | typeof campaignResults) =>
    and(eq(table.campaignId, ids.campaign), eq(table.organizationId, organizationId));
  return {
    participants: (await db.select().from(campaignParticipants).where(where(campaignParticipants))).length,
    submissions: (await db.select().from(submissions).where(where(submissions))).length,
    results: (await db.select().from(campaignResults).where(where(campaignResults))).length,
  };
};

describe('participants of a campaign belong to its municipality', () => {
  it('the database refuses an organization of another municipality, whoever writes it', async () => {
    const db = t.database.db;
    await expect(
      db.insert(campaignParticipants).values({ campaignId: ids.campaign, organizationId: ids.foreign }),
    ).rejects.toThrow();
    const error = await db
      .insert(campaignParticipants)
      .values({ campaignId: ids.campaign, organizationId: ids.foreign })
      .catch((e: unknown) => e as Error);
    const messages: string[] = [];
    for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
      messages.push(String((e as Error).message));
    expect(messages.join(' ')).toMatch(/не относится к муниципалитету программы мониторинга/);
    await db.insert(campaignParticipants).values({ campaignId: ids.campaign, organizationId: ids.own });
    expect((await rowsOf(ids.own)).participants).toBe(1);
  });

  it('the migration removes an old foreign participant with its form and results, and keeps the rest', async () => {
    const db = t.database.db;
    // As an old version left it: written past the guard.
    await db.execute(
      sql`alter table campaign_participants disable trigger campaign_participants_same_municipality`,
    );
    await db.insert(campaignParticipants).values({ campaignId: ids.campaign, organizationId: ids.foreign });
    await db.execute(
      sql`alter table campaign_participants enable trigger campaign_participants_same_municipality`,
    );
    for (const organizationId of [ids.own, ids.foreign]) {
      await db
        .insert(submissions)
        .values({ campaignId: ids.campaign, organizationId, status: 'accepted', values: { x: 1 } });
      await db.insert(campaignResults).values({
        campaignId: ids.campaign,
        indicatorCode: '1.1',
        organizationId,
        organizationName: organizationId === ids.own ? 'Своя школа' : 'Чужая школа',
        value: 50,
      });
    }
    expect(await rowsOf(ids.foreign)).toEqual({ participants: 1, submissions: 1, results: 1 });
    await migrate();
    expect(await rowsOf(ids.foreign)).toEqual({ participants: 0, submissions: 0, results: 0 });
    expect(await rowsOf(ids.own)).toEqual({ participants: 1, submissions: 1, results: 1 });
    // Run again (the guard is replaced, not duplicated), it still refuses the foreign school.
    await migrate();
    await expect(
      db.insert(campaignParticipants).values({ campaignId: ids.campaign, organizationId: ids.foreign }),
    ).rejects.toThrow();
  });
});
