import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignParticipants, userRoles } from '../db/schema/index.ts';
import {
  createClosedCampaign,
  createMunicipality,
  createOrganization,
  createUser,
} from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { CHECK_VIOLATION_MESSAGE, installErrorHandler } from './errors.ts';

/**
 * A check_violation (23514) the database raises — a trigger's Russian sentence or a CHECK constraint — is
 * the client's problem, answered in Russian, never a 500. The writes are real ones, through Drizzle, so the
 * error reaches the handler wrapped as the services see it.
 */
let t: TestApp;
let app: FastifyInstance;
const ids = { campaign: 0, foreign: 0, user: 0 };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  ids.foreign = (await createOrganization(db, m2.id, { shortName: 'Чужая школа' })).id;
  ids.campaign = (await createClosedCampaign(db, m1.id)).campaign.id;
  ids.user = (
    await createUser(db, { login: 'check-user', password: 'check-password-1', grants: [{ role: 'admin' }] })
  ).id;
  app = Fastify();
  installErrorHandler(app);
  app.post('/trigger', async () => {
    await db.insert(campaignParticipants).values({ campaignId: ids.campaign, organizationId: ids.foreign });
    return { ok: true };
  });
  app.post('/check', async () => {
    // user_roles_scope: a coordinator needs a municipality.
    await db.insert(userRoles).values({ userId: ids.user, role: 'coordinator' });
    return { ok: true };
  });
  app.post('/raised', async () => {
    await db.execute(
      sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'new row violates a rule' USING ERRCODE = '23514'; END $$`),
    );
    return { ok: true };
  });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.close();
});

describe('a check_violation of the database', () => {
  it('raised by a trigger in Russian: 409 with the trigger’s sentence', async () => {
    const response = await app.inject({ method: 'POST', url: '/trigger' });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error).toEqual({
      code: 'conflict',
      message: `Организация ${ids.foreign} не относится к муниципалитету программы мониторинга.`,
      details: null,
    });
  });

  it('of a CHECK constraint or with an English message: 400 with a general Russian sentence', async () => {
    for (const url of ['/check', '/raised']) {
      const response = await app.inject({ method: 'POST', url });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error).toEqual({
        code: 'validation_failed',
        message: CHECK_VIOLATION_MESSAGE,
        details: null,
      });
      expect(response.body).not.toMatch(/user_roles_scope|violates/);
    }
  });
});
