import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, submissions } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * A program edited while its campaign collects data: a new required form field or another formula changes
 * the live forms and values, so the server asks for an explicit confirmation and says what happens to the
 * forms already sent.
 */
let t: TestApp;
let cookie: string;
const ids = { program: 0, criterion: 0, indicator: 0, field: 0, campaign: 0 };
const PASSWORD = 'live-change-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m = await createMunicipality(db);
  const school = await createOrganization(db, m.id);
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookie = await t.login('coord', PASSWORD);
  const created = await call('POST', '/api/programs', {
    municipalityId: m.id,
    title: 'Мониторинг методической работы',
  });
  expect(created.statusCode, created.body).toBe(201);
  ids.program = created.json().id;
  let tree = (
    await call('POST', `/api/programs/${ids.program}/criteria`, { code: '1', title: 'Открытые уроки' })
  ).json();
  ids.criterion = tree.criteria[0].id;
  tree = (
    await call('POST', `/api/programs/${ids.program}/form-fields`, {
      code: 'open_lessons',
      label: 'Открытых уроков за год',
      type: 'integer',
      isRequired: true,
    })
  ).json();
  ids.field = tree.formFields[0].id;
  const indicator = await call('POST', `/api/programs/${ids.program}/indicators`, {
    criterionId: ids.criterion,
    code: '1.1',
    name: 'Открытых уроков на организацию',
    unit: 'count',
    numerator: 'form("open_lessons")',
    factor: 1,
    direction: 'higher',
  });
  expect(indicator.statusCode, indicator.body).toBe(201);
  tree = indicator.json();
  ids.indicator = tree.criteria[0].indicators[0].id;
  const [campaign] = await db
    .insert(campaigns)
    .values({
      municipalityId: m.id,
      programId: ids.program,
      title: 'Мониторинг 2025',
      year: 2025,
      initialStart: '2025-09-01',
      initialEnd: '2025-09-10',
      mainStart: '2025-09-10',
      mainEnd: '2025-10-22',
      finalStart: '2025-10-22',
      finalEnd: '2025-11-05',
    })
    .returning();
  ids.campaign = campaign.id;
  await db.insert(submissions).values({
    campaignId: campaign.id,
    organizationId: school.id,
    status: 'submitted',
    values: { open_lessons: 3 },
  });
}, 120_000);
afterAll(() => t.close());

function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  return t.request({ method, url, cookie, body });
}

const newField = (extra: object = {}) => ({
  code: 'mentors',
  label: 'Наставников в организации',
  type: 'integer',
  isRequired: true,
  ...extra,
});

describe('changing a program whose campaign is running', () => {
  it('a new required field needs a confirmation; the answer says what happens to the sent forms', async () => {
    const refused = await call('POST', `/api/programs/${ids.program}/form-fields`, newField());
    expect(refused.statusCode).toBe(409);
    const { error } = refused.json();
    expect(error.message).toBe(
      'По программе идёт мониторинг «Мониторинг 2025» (сбор до 22.10.2025, отправлено 1 форма): в формах появится ' +
        'обязательное поле «Наставников в организации». Черновики без него не отправить; уже отправленные и ' +
        'принятые формы не меняются и назад не возвращаются — в них это поле останется пустым, пока форму не ' +
        'вернут на доработку. Подтвердите изменение, чтобы сохранить его.',
    );
    expect(error.details).toEqual({
      requiresConfirmation: 'confirmRunningCampaign',
      campaigns: [{ id: ids.campaign, title: 'Мониторинг 2025', sentForms: 1 }],
    });
    const tree = (await call('GET', `/api/programs/${ids.program}`)).json();
    expect(tree.formFields.map((f: { code: string }) => f.code)).toEqual(['open_lessons']);

    const confirmed = await call(
      'POST',
      `/api/programs/${ids.program}/form-fields`,
      newField({ confirmRunningCampaign: true }),
    );
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().formFields.map((f: { code: string }) => f.code)).toEqual([
      'open_lessons',
      'mentors',
    ]);
  });

  it('an optional field, a label or a name change nothing live and need no confirmation', async () => {
    const optional = await call(
      'POST',
      `/api/programs/${ids.program}/form-fields`,
      newField({ code: 'notes', isRequired: false }),
    );
    expect(optional.statusCode, optional.body).toBe(201);
    const renamed = await call('PATCH', `/api/indicators/${ids.indicator}`, {
      name: 'Открытые уроки',
      version: 1,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('making a field required and changing a formula need the confirmation too', async () => {
    const notes = (await call('GET', `/api/programs/${ids.program}`))
      .json()
      .formFields.find((f: { code: string }) => f.code === 'notes');
    const required = await call('PATCH', `/api/form-fields/${notes.id}`, {
      isRequired: true,
      version: notes.version,
    });
    expect(required.statusCode).toBe(409);
    expect(required.json().error.details.requiresConfirmation).toBe('confirmRunningCampaign');
    const formula = await call('PATCH', `/api/indicators/${ids.indicator}`, {
      numerator: 'form("open_lessons") + form("mentors")',
      version: 2,
    });
    expect(formula.statusCode).toBe(409);
    expect(formula.json().error.message).toMatch(
      /значения показателя «1\.1» пересчитаются по новой формуле для всех форм мониторинга, в том числе уже отправленных и принятых/,
    );
    const confirmed = await call('PATCH', `/api/indicators/${ids.indicator}`, {
      numerator: 'form("open_lessons") + form("mentors")',
      version: 2,
      confirmRunningCampaign: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it('once the campaign is closed, the program is edited freely', async () => {
    await t.database.db.update(campaigns).set({ status: 'closed' }).where(eq(campaigns.id, ids.campaign));
    const response = await call(
      'POST',
      `/api/programs/${ids.program}/form-fields`,
      newField({ code: 'later' }),
    );
    expect(response.statusCode, response.body).toBe(201);
  });
});
