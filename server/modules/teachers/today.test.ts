import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageAt, toIsoDate } from '../../../core/dates.ts';
import { positions } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * The teachers module takes «today» from the configuration, as every other module does: a fixed day years
 * before the clock decides ages, experience, which jobs are current and who may still change a teacher.
 */
const TODAY = '2021-03-01';
let t: TestApp;
let cookie: string;
let teacherId = 0;
let organizationId = 0;
const PASSWORD = 'today-password-1';

beforeAll(async () => {
  expect(toIsoDate(new Date()) > '2022-06-30', 'the test needs a clock past the end of the job').toBe(true);
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const school = await createOrganization(db, m.id, { shortName: 'Школа Д' });
  organizationId = school.id;
  const teacher = await createTeacher(db, school, {
    lastName: 'Вчерашняя',
    birthDate: '1990-03-15',
    pedagogicalStartDate: '2010-09-01',
    positionStart: '2015-09-01',
  });
  teacherId = teacher.id;
  // Dismissed after the configured day and before the clock's.
  await db.update(positions).set({ endDate: '2022-06-30' }).where(eq(positions.teacherId, teacher.id));
  await createUser(db, {
    login: 'head',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: school.id }],
  });
  cookie = await t.login('head', PASSWORD);
}, 120_000);
afterAll(() => t.close());

describe('the teachers module takes «today» from the configuration', () => {
  it('the card: reference date, age and experience on the configured day', async () => {
    const response = await t.request({ method: 'GET', url: `/api/teachers/${teacherId}`, cookie });
    expect(response.statusCode, response.body).toBe(200);
    const card = response.json();
    expect(card.referenceDate).toBe(TODAY);
    expect(card.age).toBe(ageAt('1990-03-15', TODAY));
    expect(card.age).toBe(30);
    expect(card.experience).toBe(10);
    // The job still lasts on that day, so the school may change the teacher.
    expect(card.permissions.canEdit).toBe(true);
  });

  it('the list: the job is current and the age is counted on the configured day', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/teachers?organizationId=${organizationId}`,
      cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual([expect.objectContaining({ id: teacherId, age: 30, experience: 10 })]);
    const summary = await t.request({
      method: 'GET',
      url: `/api/teachers/summary?organizationId=${organizationId}`,
      cookie,
    });
    expect(summary.json()).toMatchObject({ total: 1 });
  });

  it('a change by the school is allowed while the job lasts on the configured day', async () => {
    const card = (await t.request({ method: 'GET', url: `/api/teachers/${teacherId}`, cookie })).json();
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/teachers/${teacherId}`,
      cookie,
      body: { email: 'v@school.ru', version: card.version },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const education = await t.request({
      method: 'POST',
      url: `/api/teachers/${teacherId}/educations`,
      cookie,
      body: { level: 'higher', institution: 'ЮФУ' },
    });
    expect(education.statusCode, education.body).toBe(201);
  });
});
