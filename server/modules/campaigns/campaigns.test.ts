import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import {
  campaignFromTemplate,
  createTestApp,
  KARDYMOVSKY_WITH_FORM,
  type TestApp,
} from '../../test/harness.ts';
import { insertProgramFromTemplate } from '../programs/programs.repository.ts';
import { saveSubmissionValues } from './campaigns.repository.ts';

/** Campaign lifecycle on the Кардымовский template with the open-lesson report (its form), with «today» fixed in the main stage. */
let t: TestApp;
const ids = { m: 0, a: 0, b: 0, program: 0, campaign: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'campaign-password-1';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'Школа А' });
  const b = await createOrganization(db, m.id, { shortName: 'Школа Б' });
  Object.assign(ids, { m: m.id, a: a.id, b: b.id });
  await createTeacher(db, a, { birthDate: '1999-01-01', pedagogicalStartDate: '2024-09-01' });
  await createTeacher(db, b, { birthDate: '1970-01-01', pedagogicalStartDate: '1995-09-01' });
  const people = {
    coord: [{ role: 'coordinator' as const, municipalityId: m.id }],
    heada: [{ role: 'org_manager' as const, organizationId: a.id }],
    headb: [{ role: 'org_manager' as const, organizationId: b.id }],
  };
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
  // Seed 000 with the open-lesson report (its integer fields, «не больше» and the form indicator 3.4).
  ids.program = await insertProgramFromTemplate(db, m.id, KARDYMOVSKY_WITH_FORM);
});
afterAll(() => t.close());

function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}
const form = (org: number) => `/api/campaigns/${ids.campaign}/organizations/${org}/submission`;
const view = async (who: string, org: number) => (await call(who, 'GET', form(org))).json();
const state = async (org: number) =>
  (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`))
    .json()
    .organizations.find((o: { organizationId: number }) => o.organizationId === org);

describe('a monitoring campaign from draft to accepted', () => {
  it('is set up from the template in one call: seed 000 runs 13 September – 5 November', async () => {
    const response = await call('coord', 'POST', '/api/campaigns', { programId: ids.program, year: 2025 });
    expect(response.statusCode).toBe(201);
    const campaign = response.json();
    ids.campaign = campaign.campaign.id;
    expect(campaign.campaign.dates).toEqual({
      initialStart: '2025-09-13',
      initialEnd: '2025-09-24',
      mainStart: '2025-09-24',
      mainEnd: '2025-10-22',
      finalStart: '2025-10-22',
      finalEnd: '2025-11-05',
    });
    expect(campaign.campaign.phase).toBe('main');
    expect(campaign.stats.counts).toMatchObject({ not_started: 2 });
  });

  it('a school sees its form with the indicators computed from the registry before submitting', async () => {
    const v = await view('heada', ids.a);
    expect(v.state).toBe('not_started');
    expect(v.isEditable).toBe(true);
    expect(v.fields.map((f: { code: string }) => f.code)).toEqual([
      'deficit_plan',
      'open_lessons_total',
      'open_lessons_by_young',
    ]);
    expect(v.indicators.find((i: { code: string }) => i.code === '3.1')).toMatchObject({ denominator: 1 }); // one young teacher in school A
  });

  it('a school can neither see nor fill another school’s form', async () => {
    expect((await call('heada', 'GET', form(ids.b))).statusCode).toBe(403);
    expect(
      (await call('heada', 'PUT', form(ids.b), { values: { open_lessons_total: 1 }, version: null }))
        .statusCode,
    ).toBe(403);
    expect((await call('heada', 'POST', `${form(ids.b)}/submit`, { version: 1 })).statusCode).toBe(403);
    expect(
      (await call('heada', 'GET', `/api/campaigns/${ids.campaign}`))
        .json()
        .organizations.map((o: { organizationId: number }) => o.organizationId),
    ).toEqual([ids.a]);
  });

  it('saves drafts with optimistic locking and refuses values of the wrong type', async () => {
    const first = await call('heada', 'PUT', form(ids.a), {
      values: { open_lessons_total: 10 },
      version: null,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ version: 1, state: 'draft' });
    const stale = await call('heada', 'PUT', form(ids.a), {
      values: { open_lessons_total: 11 },
      version: null,
    });
    expect(stale.statusCode).toBe(409);
    const wrong = await call('heada', 'PUT', form(ids.a), {
      values: { open_lessons_total: 'десять' },
      version: 1,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe(
      '«Открытых уроков проведено за учебный год, всего»: ожидается число',
    );
    expect((await state(ids.a)).state).toBe('draft');
  });

  it('takes exactly one of saves racing each other, the first one too, and none once the campaign is closed', async () => {
    // A district of its own, so that the other steps keep their schools as they are.
    const db = t.database.db;
    const m2 = await createMunicipality(db);
    const school = await createOrganization(db, m2.id, { shortName: 'Школа Г' });
    await createUser(db, {
      login: 'race-coord',
      password: PASSWORD,
      grants: [{ role: 'coordinator', municipalityId: m2.id }],
    });
    await createUser(db, {
      login: 'race-head',
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId: school.id }],
    });
    const coord = await t.login('race-coord', PASSWORD);
    const head = await t.login('race-head', PASSWORD);
    const { campaignId } = await campaignFromTemplate(t, coord, {
      municipalityId: m2.id,
      template: KARDYMOVSKY_WITH_FORM,
    });
    const url = `/api/campaigns/${campaignId}/organizations/${school.id}/submission`;
    const racing = (version: number | null, base: number) =>
      Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          t.request({
            method: 'PUT',
            url,
            cookie: head,
            body: { values: { open_lessons_total: base + n }, version },
          }),
        ),
      );
    // No submission yet: five first saves at once make one row, four are told to reload.
    const first = await racing(null, 0);
    expect(first.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const again = await racing(1, 10);
    expect(again.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const read = async () => (await t.request({ method: 'GET', url, cookie: head })).json();
    expect(await read()).toMatchObject({ version: 2, history: [{}, {}] });
    // A save whose reads came before the campaign was closed writes nothing after it.
    const [row] = await db
      .select()
      .from(s.submissions)
      .where(and(eq(s.submissions.campaignId, campaignId), eq(s.submissions.organizationId, school.id)));
    await db.update(s.campaigns).set({ status: 'closed' }).where(eq(s.campaigns.id, campaignId));
    expect(
      await saveSubmissionValues(
        db,
        { submissionId: row.id, version: row.version },
        { values: {}, isRegistryConfirmed: false },
        null,
      ),
    ).toBeUndefined();
    expect((await read()).version).toBe(2);
  });

  it('refuses to submit an incomplete form or «из них» greater than «всего», and without the registry confirmation', async () => {
    await call('heada', 'PUT', form(ids.a), {
      values: { open_lessons_by_young: 12, deficit_plan: true },
      version: 1,
    });
    const tooMany = await call('heada', 'POST', `${form(ids.a)}/submit`, { version: 2 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain(
      '«Из них проведено молодыми педагогами» не может быть больше, чем «Открытых уроков проведено за учебный год, всего» (10)',
    );
    await call('heada', 'PUT', form(ids.a), { values: { open_lessons_by_young: 3 }, version: 2 });
    const unconfirmed = await call('heada', 'POST', `${form(ids.a)}/submit`, { version: 3 });
    expect(unconfirmed.json().error.message).toBe(
      'Подтвердите, что сведения реестра педагогов организации полны и актуальны на дату расчёта.',
    );
    await call('heada', 'PUT', form(ids.a), { values: {}, isRegistryConfirmed: true, version: 3 });
    expect((await call('heada', 'POST', `${form(ids.a)}/submit`, { version: 4 })).statusCode).toBe(200);
    expect((await state(ids.a)).state).toBe('submitted');
    expect((await view('heada', ids.a)).isEditable).toBe(false);
  });

  it('the coordinator returns it with a comment, the school corrects and resubmits, and every step is kept', async () => {
    const returned = await call('coord', 'POST', `${form(ids.a)}/return`, {
      comment: 'Уточните число открытых уроков',
      version: 5,
    });
    expect(returned.statusCode).toBe(200);
    const v = await view('heada', ids.a);
    expect(v).toMatchObject({
      state: 'returned',
      reviewComment: 'Уточните число открытых уроков',
      isEditable: true,
    });
    await call('heada', 'PUT', form(ids.a), { values: { open_lessons_total: 14 }, version: v.version });
    expect(
      (await call('heada', 'POST', `${form(ids.a)}/submit`, { version: v.version + 1 })).statusCode,
    ).toBe(200);
    expect(
      (await call('coord', 'POST', `${form(ids.a)}/accept`, { version: v.version + 2 })).statusCode,
    ).toBe(200);
    const history = (await view('coord', ids.a)).history.map(
      (h: { action: string; statusAfter: string; comment: string | null }) => [
        h.action,
        h.statusAfter,
        h.comment,
      ],
    );
    expect(history).toEqual([
      ['save', 'draft', null],
      ['save', 'draft', null],
      ['save', 'draft', null],
      ['save', 'draft', null],
      ['submit', 'submitted', null],
      ['return', 'returned', 'Уточните число открытых уроков'],
      ['save', 'returned', null],
      ['submit', 'submitted', null],
      ['accept', 'accepted', null],
    ]);
    const change = (await view('coord', ids.a)).history[6].changes;
    expect(change).toEqual({ open_lessons_total: [10, 14] });
    const notes = (await call('heada', 'GET', '/api/notifications')).json();
    expect(notes.items.map((n: { title: string }) => n.title)).toContain(
      'Форма мониторинга возвращена на доработку',
    );
    const told = (await call('coord', 'GET', '/api/notifications')).json();
    const sent = told.items.filter((n: { title: string }) => n.title.includes('форма отправлена'));
    expect(
      sent.map((n: { title: string; body: string }) => [n.title, n.body.slice(n.body.lastIndexOf(': ') + 2)]),
    ).toEqual([
      ['Школа А: форма отправлена на проверку', 'Школа А отправила форму повторно, после доработки.'],
      ['Школа А: форма отправлена на проверку', 'Школа А отправила форму.'],
    ]);
  });

  it('the completeness table counts statuses and the share sent on time', async () => {
    const c = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json();
    expect(c.stats).toMatchObject({
      participants: 2,
      counts: { accepted: 1, not_started: 1 },
      onTime: 1,
      onTimeShare: 50,
      late: 0,
    });
  });
});

describe('after the main stage', () => {
  it('editing closes at the end of the main stage unless the coordinator reopens it for one organization', async () => {
    t.app.config.fixedToday = '2025-10-25';
    const closed = await call('headb', 'PUT', form(ids.b), {
      values: { deficit_plan: true },
      version: null,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe(
      'Срок сбора данных истёк 22.10.2025. Обратитесь к координатору, чтобы он открыл форму повторно.',
    );
    expect(await state(ids.b)).toMatchObject({
      state: 'not_started',
      timeliness: 'not_sent',
      isOverdue: true,
    });
    expect(
      (
        await call('coord', 'POST', `/api/campaigns/${ids.campaign}/organizations/${ids.b}/reopen`, {
          until: '2025-10-30',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call('headb', 'PUT', form(ids.b), { values: { deficit_plan: true }, version: null })).statusCode,
    ).toBe(200);
    expect(
      (await call('heada', 'PUT', form(ids.a), { values: { deficit_plan: true }, version: 8 })).statusCode,
    ).toBe(409); // accepted
  });

  it('closing freezes the values: later registry edits do not change them', async () => {
    expect((await call('coord', 'POST', `/api/campaigns/${ids.campaign}/close`)).statusCode).toBe(200);
    const frozen = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}/results`)).json();
    expect(frozen.isFrozen).toBe(true);
    const diagnosed = (r: { indicator: string; organization: number | null }) =>
      r.indicator === '1.1' && r.organization === null;
    const before = frozen.results.find(diagnosed);
    expect(before).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    const teachers = await t.database.db.select().from(s.teachers);
    await t.database.db.insert(s.diagnostics).values(
      teachers.map((x) => ({
        teacherId: x.id,
        date: '2025-03-01',
        level: 'municipal' as const,
        instrument: 'РМК',
      })),
    );
    const live = (await call('coord', 'GET', `/api/programs/${ids.program}/results?year=2025`))
      .json()
      .results.find(diagnosed);
    expect(live.value).toBe(100);
    const after = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}/results`))
      .json()
      .results.find(diagnosed);
    expect(after).toEqual(before);
    expect(
      frozen.results.find(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === '3.4' && r.organization === ids.a,
      ),
    ).toMatchObject({ numerator: 3, denominator: 14 }); // from school A's accepted form
    expect((await call('coord', 'POST', `/api/campaigns/${ids.campaign}/close`)).statusCode).toBe(409);
    expect(
      (await call('headb', 'PUT', form(ids.b), { values: { deficit_plan: false }, version: 1 })).json().error
        .message,
    ).toBe('Мониторинг закрыт.');
  });

  it('the next year’s form warns about a value far from last year’s, without blocking', async () => {
    t.app.config.fixedToday = '2026-10-01';
    const next = (
      await call('coord', 'POST', '/api/campaigns', { programId: ids.program, year: 2026 })
    ).json().campaign.id;
    const url = `/api/campaigns/${next}/organizations/${ids.a}/submission`;
    await call('heada', 'PUT', url, { values: { open_lessons_total: 40 }, version: null });
    const v = (await call('heada', 'GET', url)).json();
    expect(v.lastYear.open_lessons_total).toBe(14);
    expect(v.warnings).toEqual([
      {
        field: 'open_lessons_total',
        message:
          '«Открытых уроков проведено за учебный год, всего»: значение сильно отличается от прошлогоднего (было 14). Проверьте, нет ли ошибки.',
      },
    ]);
  });
});
