import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectCampaigns } from '../../../core/management/effect.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** One campaign per program and reporting year; a campaign made by mistake can be deleted while nothing was sent. */
let t: TestApp;
const ids = { m: 0, school: 0, program: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'one-per-period-1';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db, { name: 'Соседний район' });
  const school = await createOrganization(db, m.id, { shortName: 'Школа А' });
  await createTeacher(db, school);
  Object.assign(ids, { m: m.id, school: school.id });
  const people = {
    coord: [{ role: 'coordinator' as const, municipalityId: m.id }],
    neighbour: [{ role: 'coordinator' as const, municipalityId: other.id }],
    head: [{ role: 'org_manager' as const, organizationId: school.id }],
  };
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
  const program = await call('coord', 'POST', '/api/programs/from-template', {
    municipalityId: m.id,
    templateCode: 'seed-000-kardymovsky',
  });
  ids.program = program.json().id;
});
afterAll(() => t.close());

function call(who: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}
const migration = readFileSync(
  fileURLToPath(new URL('../../db/migrations/0007_campaigns_one_per_program_year.sql', import.meta.url)),
  'utf8',
);
/** Runs migration 0007 again, statement by statement as the migrator does. */
async function migrate() {
  for (const statement of migration.split('--> statement-breakpoint'))
    await t.database.db.execute(sql.raw(statement));
}
const create = (year: number) => call('coord', 'POST', '/api/campaigns', { programId: ids.program, year });

describe('one campaign per program and reporting year', () => {
  it('refuses a second campaign for the same program and year, in Russian, naming the first', async () => {
    const first = await create(2025);
    expect(first.statusCode).toBe(201);
    const { id, title } = first.json().campaign;
    const again = await create(2025);
    expect(again.statusCode).toBe(409);
    const [{ title: programTitle }] = await t.database.db
      .select()
      .from(s.programs)
      .where(eq(s.programs.id, ids.program));
    expect(again.json().error.message).toBe(
      `Кампания по программе «${programTitle}» за 2025 год уже есть: «${title}» (№ ${id}). Откройте её или выберите другой год.`,
    );
    expect(again.json().error.details).toMatchObject({ field: 'year', campaignId: id });
    expect((await create(2024)).statusCode).toBe(201);
  });

  it('the database holds the rule too: a direct second insert fails on the unique index', async () => {
    const [row] = await t.database.db.select().from(s.campaigns).where(eq(s.campaigns.year, 2025));
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...copy } = row;
    await expect(t.database.db.insert(s.campaigns).values(copy)).rejects.toThrow();
  });

  it('the migration does not fail on a database that already holds duplicates; it leaves the index out', async () => {
    const db = t.database.db;
    const hasIndex = async () => {
      const found = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`pg_indexes`)
        .where(sql`indexname = 'campaigns_program_year_unique'`);
      return found[0].n === 1;
    };
    await db.execute(sql`drop index campaigns_program_year_unique`);
    const [row] = await db.select().from(s.campaigns).where(eq(s.campaigns.year, 2024));
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...copy } = row;
    const [duplicate] = await db.insert(s.campaigns).values(copy).returning();
    await migrate();
    expect(await hasIndex()).toBe(false);
    // The service still refuses a third one.
    expect((await create(2024)).statusCode).toBe(409);
    // Once the duplicate is deleted, the same migration creates the index.
    expect((await call('coord', 'DELETE', `/api/campaigns/${duplicate.id}`)).statusCode).toBe(200);
    await migrate();
    expect(await hasIndex()).toBe(true);
  });
});

describe('the same migration corrects the seed templates’ shares in programs loaded earlier', () => {
  it('rewrites the numerators left as loaded and leaves a coordinator’s own formula alone', async () => {
    const db = t.database.db;
    const load = async (templateCode: string) =>
      (
        await call('coord', 'POST', '/api/programs/from-template', { municipalityId: ids.m, templateCode })
      ).json().id as number;
    const khorolsky = await load('seed-003-khorolsky');
    const egorlyksky = await load('seed-001-egorlyksky');
    const zhirnovsky = await load('seed-002-zhirnovsky');
    const indicator = async (programId: number, code: string) =>
      (
        await db
          .select()
          .from(s.indicators)
          .where(sql`${s.indicators.programId} = ${programId} and ${s.indicators.code} = ${code}`)
      )[0];
    const setNumerator = (programId: number, code: string, numerator: string) =>
      db
        .update(s.indicators)
        .set({ numerator })
        .where(sql`${s.indicators.programId} = ${programId} and ${s.indicators.code} = ${code}`);
    // As an earlier version loaded them, and one the coordinator rewrote.
    await setNumerator(khorolsky, '1.2', 'teachers(route(fromDiagnostic))');
    await setNumerator(egorlyksky, '4', 'teachers(certified)');
    await setNumerator(zhirnovsky, '2', 'teachers(route(fromDiagnostic, curator))');
    const version = (await indicator(khorolsky, '1.2')).version;
    await migrate();
    expect(await indicator(khorolsky, '1.2')).toMatchObject({
      numerator: 'teachers(route(fromDiagnostic), diagnosed(withDeficits, years = 2))',
      version: version + 1,
    });
    expect((await indicator(egorlyksky, '4')).numerator).toBe(
      'teachers(certified(result in (first, highest)))',
    );
    expect((await indicator(zhirnovsky, '2')).numerator).toBe('teachers(route(fromDiagnostic, curator))');
  });
});

describe('deleting a campaign made by mistake', () => {
  const campaignOf = async (year: number) =>
    (await t.database.db.select().from(s.campaigns).where(eq(s.campaigns.year, year)))[0].id;

  it('only the coordinator of its municipality may delete it', async () => {
    const id = await campaignOf(2024);
    for (const who of ['neighbour', 'head']) {
      const denied = await call(who, 'DELETE', `/api/campaigns/${id}`);
      expect(denied.statusCode).toBe(403);
    }
    expect((await call('coord', 'GET', `/api/campaigns/${id}`)).statusCode).toBe(200);
  });

  it('deletes a campaign with drafts only, with its drafts, and writes the audit log', async () => {
    const id = await campaignOf(2024);
    await t.database.db.insert(s.submissions).values({
      campaignId: id,
      organizationId: ids.school,
      status: 'draft',
      values: { deficit_plan: true },
    });
    const view = (await call('coord', 'GET', `/api/campaigns/${id}`)).json();
    expect(view.campaign.isDeletable).toBe(true);
    expect((await call('coord', 'DELETE', `/api/campaigns/${id}`)).json()).toEqual({ ok: true });
    expect((await call('coord', 'GET', `/api/campaigns/${id}`)).statusCode).toBe(404);
    expect(await t.database.db.select().from(s.submissions).where(eq(s.submissions.campaignId, id))).toEqual(
      [],
    );
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.entityId, String(id)));
    expect(audit.map((a) => [a.action, a.summary])).toContainEqual([
      'delete',
      expect.stringContaining('Удалён мониторинг'),
    ]);
  });

  it('refuses once a form was sent, even if it was returned since, and refuses a closed campaign', async () => {
    const id = await campaignOf(2025);
    await t.database.db.insert(s.submissions).values({
      campaignId: id,
      organizationId: ids.school,
      status: 'returned',
      firstSubmittedAt: new Date('2025-09-30T10:00:00Z'),
    });
    expect((await call('coord', 'GET', `/api/campaigns/${id}`)).json().campaign.isDeletable).toBe(false);
    const refused = await call('coord', 'DELETE', `/api/campaigns/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'Организации уже отправляли формы этого мониторинга (1): удалить его нельзя.',
    );
    await t.database.db.delete(s.submissions).where(eq(s.submissions.campaignId, id));
    expect((await call('coord', 'POST', `/api/campaigns/${id}/close`)).statusCode).toBe(200);
    const closed = await call('coord', 'DELETE', `/api/campaigns/${id}`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe(
      'Мониторинг закрыт, его результаты заморожены: удалить его нельзя.',
    );
  });
});

describe('the campaigns the effect of a measure compares', () => {
  const run = (id: number, periodEnd: string, closedAt: string | null, isClosed = true) => ({
    id,
    periodEnd,
    closedAt,
    isClosed,
  });
  const runs = [
    run(1, '2023-12-31', '2024-07-01T00:00:00Z'),
    run(2, '2024-12-31', '2025-07-01T00:00:00Z'),
    run(5, '2024-12-31', '2025-07-20T00:00:00Z'), // a legacy duplicate of 2024, closed later
    run(3, '2025-12-31', '2026-07-01T00:00:00Z'),
    run(4, '2026-12-31', null, false), // still running
  ];
  const ids = (r: ReturnType<typeof effectCampaigns<(typeof runs)[number]>>) => [r.before?.id, r.after?.id];

  it('«before»: the latest closed period ended before the measure began; «after»: the first ended once it was done', () => {
    expect(ids(effectCampaigns(runs, { start: null, end: '2025-03-15' }))).toEqual([5, 3]);
    expect(ids(effectCampaigns(runs, { start: '2024-09-01', end: '2025-03-15' }))).toEqual([1, 3]);
    expect(ids(effectCampaigns(runs, { start: null, end: '2025-01-01' }))).toEqual([5, 3]);
    expect(ids(effectCampaigns(runs, { start: null, end: '2024-12-31' }))).toEqual([1, 5]);
  });
  it('ignores running campaigns, does not depend on the order of the list, and needs a date', () => {
    expect(ids(effectCampaigns(runs, { start: null, end: '2026-03-01' }))).toEqual([3, undefined]);
    expect(ids(effectCampaigns([...runs].reverse(), { start: null, end: '2025-03-15' }))).toEqual([5, 3]);
    expect(ids(effectCampaigns(runs, { start: null, end: null }))).toEqual([undefined, undefined]);
  });
});
