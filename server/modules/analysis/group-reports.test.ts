import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignParticipants } from '../../db/schema/index.ts';
import {
  createClosedCampaign,
  createMunicipality,
  createOrganization,
  createUser,
} from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * A recommendation to a group of organizations (ШНОР here) reaches each school of the group — its list of
 * recommendations, its card, the department's «нужно сделать» — and each school reports on it for itself:
 * its own status, text and files, accepted or returned by the department separately; a school never reports
 * for another school of the group, nor marks the recommendation done by itself.
 */
let t: TestApp;
const PASSWORD = 'group-reports-1';
const cookies: Record<string, string> = {};
let campaignId = 0;
let recommendationId = 0;
const org = { a: 0, b: 0, c: 0 };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Протокол семинара')]);

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2025-03-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  org.a = (await createOrganization(db, m.id, { isLowResults: true })).id;
  org.b = (await createOrganization(db, m.id, { isLowResults: true })).id;
  org.c = (await createOrganization(db, m.id)).id;
  const { campaign } = await createClosedCampaign(db, m.id, 2024);
  campaignId = campaign.id;
  await db
    .insert(campaignParticipants)
    .values(Object.values(org).map((organizationId) => ({ campaignId, organizationId })));
  await createUser(db, {
    login: 'dept',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  for (const [key, id] of Object.entries(org))
    await createUser(db, {
      login: `school-${key}`,
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId: id }],
    });
  for (const login of ['dept', 'school-a', 'school-b', 'school-c'])
    cookies[login] = await t.login(login, PASSWORD);
  const added = await call('dept', 'POST', `/api/campaigns/${campaignId}/recommendations`, {
    organizationId: null,
    audience: { groups: ['lowResults'] },
    text: 'Провести в ШНОР методический семинар по формирующему оцениванию.',
    deadline: '2025-02-01',
  });
  expect(added.statusCode, added.body).toBe(201);
  const list = (await call('dept', 'GET', `/api/campaigns/${campaignId}/recommendations`)).json();
  recommendationId = list[0].id;
}, 120_000);
afterAll(() => t?.close());

function call(who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}

function upload(who: string, url: string, name: string, content: Buffer) {
  const boundary = '----group-report-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookies[who], 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

interface Own {
  id: number;
  status: string;
  report: string | null;
  version: number;
  groupOrganizationId: number | null;
  files: { id: number; name: string }[];
}
const own = async (who: string) =>
  ((await call(who, 'GET', '/api/my-recommendations')).json() as Own[]).filter(
    (r) => r.id === recommendationId,
  );
const reportUrl = (organizationId: number) =>
  `/api/recommendations/${recommendationId}/reports/${organizationId}`;
interface DepartmentRow {
  id: number;
  status: string;
  ownStatus: string;
  version: number;
  progress: { total: number; inProgress: number; reported: number; done: number } | null;
}
const departmentRow = async () =>
  (
    (await call('dept', 'GET', `/api/campaigns/${campaignId}/recommendations`)).json() as DepartmentRow[]
  ).find((r) => r.id === recommendationId)!;
const progress = async () => (await departmentRow()).progress;

describe('a recommendation to a group of organizations', () => {
  it('reaches each school of the group, in its list and its card, and no school outside it', async () => {
    for (const [who, id] of [
      ['school-a', org.a],
      ['school-b', org.b],
    ] as const) {
      const rows = await own(who);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'planned', groupOrganizationId: id, version: 0, files: [] });
      const card = (await call(who, 'GET', `/api/organizations/${id}/monitoring`)).json();
      expect(card.recommendations.map((r: Own) => [r.id, r.status])).toEqual([[recommendationId, 'planned']]);
    }
    expect(await own('school-c')).toEqual([]);
    expect(await progress()).toEqual({ total: 2, inProgress: 0, reported: 0, done: 0 });
  });

  it('takes each school’s report for itself; another school of the group cannot report for it', async () => {
    const forOther = await call('school-b', 'PATCH', reportUrl(org.a), {
      status: 'reported',
      report: 'Чужой отчёт',
      version: 0,
    });
    expect(forOther.statusCode).toBe(403);
    const outside = await call('school-c', 'PATCH', reportUrl(org.c), {
      status: 'reported',
      report: 'Не адресована',
      version: 0,
    });
    expect(outside.statusCode).toBe(404);
    // The old route of a one-organization report does not take it either.
    const whole = await call('school-a', 'PATCH', `/api/recommendations/${recommendationId}`, {
      status: 'reported',
      report: 'За всех',
      version: 1,
    });
    expect(whole.statusCode).toBe(403);
    const done = await call('school-a', 'PATCH', reportUrl(org.a), { status: 'done', version: 0 });
    expect(done.statusCode).toBe(403);
    expect(done.json().error.message).toMatch(/только методический отдел/);

    const reported = await call('school-a', 'PATCH', reportUrl(org.a), {
      status: 'reported',
      report: 'Семинар проведён 20.02.2025, 14 педагогов.',
      version: 0,
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'reported', version: 1 });
    // A second first report (version 0 again) is a conflict, not a second row.
    const again = await call('school-a', 'PATCH', reportUrl(org.a), { report: 'ещё раз', version: 0 });
    expect(again.statusCode).toBe(409);

    expect((await own('school-a'))[0]).toMatchObject({
      status: 'reported',
      report: 'Семинар проведён 20.02.2025, 14 педагогов.',
    });
    expect((await own('school-b'))[0]).toMatchObject({ status: 'planned', report: null });
    expect(await progress()).toEqual({ total: 2, inProgress: 0, reported: 1, done: 0 });
    // The department's list counts and filters it by its addressees: a report awaits review.
    expect(await departmentRow()).toMatchObject({ status: 'reported', ownStatus: 'planned' });
  });

  it('keeps each school’s files with its own report, out of another school’s reach', async () => {
    const attached = await upload('school-a', `${reportUrl(org.a)}/files`, 'Протокол.pdf', PDF);
    expect(attached.statusCode, attached.body).toBe(201);
    const fileId = attached.json().id;
    expect((await own('school-a'))[0].files.map((f) => f.name)).toEqual(['Протокол.pdf']);
    expect((await own('school-b'))[0].files).toEqual([]);
    expect((await call('school-b', 'GET', `${reportUrl(org.a)}/files/${fileId}`)).statusCode).toBe(403);
    expect((await call('school-b', 'GET', `${reportUrl(org.b)}/files/${fileId}`)).statusCode).toBe(404);
    const other = await upload('school-b', `${reportUrl(org.a)}/files`, 'Чужой.pdf', PDF);
    expect(other.statusCode).toBe(403);
    const download = await call('dept', 'GET', `${reportUrl(org.a)}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // The files of a group report are not the recommendation's own.
    expect((await call('dept', 'GET', `/api/recommendations/${recommendationId}/files`)).json()).toEqual([]);
  });

  it('shows the department every addressee with its report, and accepts or returns each separately', async () => {
    const table = (await call('dept', 'GET', `/api/recommendations/${recommendationId}/reports`)).json();
    expect(
      table.map((r: { organizationId: number; status: string; files: unknown[] }) => [
        r.organizationId,
        r.status,
        r.files.length,
      ]),
    ).toEqual([
      [org.a, 'reported', 1],
      [org.b, 'planned', 0],
    ]);
    // A school sees only its own row.
    const mine = (await call('school-b', 'GET', `/api/recommendations/${recommendationId}/reports`)).json();
    expect(mine.map((r: { organizationId: number }) => r.organizationId)).toEqual([org.b]);
    expect(
      (await call('school-c', 'GET', `/api/recommendations/${recommendationId}/reports`)).statusCode,
    ).toBe(403);

    // «Нужно сделать»: A's report waits to be accepted; B is overdue — each school by itself.
    const todo = (await call('dept', 'GET', '/api/todo')).json();
    expect(
      todo.reportedRecommendations.map((r: { id: number; organizationId: number }) => [
        r.id,
        r.organizationId,
      ]),
    ).toEqual([[recommendationId, org.a]]);
    expect(
      todo.overdueRecommendations.map((r: { id: number; organizationId: number }) => [
        r.id,
        r.organizationId,
      ]),
    ).toEqual([[recommendationId, org.b]]);

    const notYet = await call('dept', 'POST', `${reportUrl(org.b)}/review`, {
      decision: 'accept',
      version: 1,
    });
    expect(notYet.statusCode).toBe(409);
    const bySchool = await call('school-a', 'POST', `${reportUrl(org.a)}/review`, {
      decision: 'accept',
      version: 1,
    });
    expect(bySchool.statusCode).toBe(403);
    const accepted = await call('dept', 'POST', `${reportUrl(org.a)}/review`, {
      decision: 'accept',
      version: 1,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'done', version: 2 });
    expect((await own('school-a'))[0].status).toBe('done');
    expect((await own('school-b'))[0].status).toBe('planned');
    expect(await progress()).toEqual({ total: 2, inProgress: 0, reported: 0, done: 1 });
    // One of two done: the group's recommendation is not «выполнено» while B still works on it.
    expect((await departmentRow()).status).toBe('in_progress');
    // Closed for A: it changes nothing more; B still reports and is returned with a comment.
    const late = await call('school-a', 'PATCH', reportUrl(org.a), { report: 'Дополнение', version: 2 });
    expect(late.statusCode).toBe(403);
    const b = await call('school-b', 'PATCH', reportUrl(org.b), {
      status: 'reported',
      report: 'Семинар запланирован.',
      version: 0,
    });
    expect(b.statusCode, b.body).toBe(200);
    const returned = await call('dept', 'POST', `${reportUrl(org.b)}/review`, {
      decision: 'return',
      comment: 'Пришлите протокол семинара.',
      version: 1,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await own('school-b'))[0]).toMatchObject({ status: 'in_progress' });
    const card = (await call('dept', 'GET', `/api/organizations/${org.b}/monitoring`)).json();
    expect(card.recommendations[0]).toMatchObject({
      status: 'in_progress',
      reviewComment: 'Пришлите протокол семинара.',
    });
  });

  it('lets the department only open or close a group recommendation as a whole, never report for the group', async () => {
    const before = await departmentRow();
    for (const patch of [{ status: 'reported' }, { status: 'in_progress' }, { report: 'За всех' }]) {
      const refused = await call('dept', 'PATCH', `/api/recommendations/${recommendationId}`, {
        ...patch,
        version: before.version,
      });
      expect(refused.statusCode, JSON.stringify(patch)).toBe(400);
      expect(refused.json().error.message).toMatch(/групп[еы] организаций/);
    }
    expect(await departmentRow()).toMatchObject({ status: before.status, version: before.version });
    // Closed as a whole: done for every addressee, whatever their reports said.
    const closed = await call('dept', 'PATCH', `/api/recommendations/${recommendationId}`, {
      status: 'done',
      version: before.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await departmentRow()).toMatchObject({ status: 'done', ownStatus: 'done' });
    expect((await own('school-b'))[0].status).toBe('done');
  });
});
