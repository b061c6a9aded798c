import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_TEMPLATES } from '../../../core/surveys/templates.ts';
import { createTeacher } from '../../seed/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import type { startSmtpSink } from '../../test/smtp.ts';
import { createSurveyDistrict } from '../../test/surveys.ts';
import { findLinks } from './surveys.repository.ts';

/**
 * The «план-заказ» of ПК through the HTTP API: a named request survey from the template answered by
 * personal links (who asked is listed to the department, counts only to a head), an anonymous one whose
 * small school stays hidden in the JSON and the XLSX, and the catalog check of the options.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let close: () => Promise<void>;
const PASS = 'order-pass-1234';
const ids = { m: 0, a: 0, b: 0 };
const cookies = { coord: '', headA: '' };
const template = SURVEY_TEMPLATES.find((x) => x.code === 'training_requests')!;

beforeAll(async () => {
  const district = await createSurveyDistrict({ fixedToday: '2026-04-10', password: PASS });
  ({ t, smtp, close } = district);
  const { a, b } = district.schools;
  Object.assign(ids, { m: district.municipality.id, a: a.id, b: b.id });
  Object.assign(cookies, district.cookies);
  const db = t.database.db;
  const names = ['Алексеева', 'Борисова', 'Волкова'];
  for (const [i, lastName] of names.entries())
    await createTeacher(db, a, { lastName, email: `a${i}@school.example.ru` });
  for (const [i, lastName] of ['Громова', 'Денисова'].entries())
    await createTeacher(db, b, { lastName, email: `b${i}@school.example.ru` });
}, 90_000);

afterAll(() => close());

const create = (overrides: Record<string, unknown>) =>
  t.request({
    method: 'POST',
    url: '/api/surveys',
    cookie: cookies.coord,
    body: {
      municipalityId: ids.m,
      title: template.title,
      audience: { target: 'teachers', organizationIds: [ids.a, ids.b] },
      opensOn: '2026-04-01',
      closesOn: '2026-04-30',
      threshold: 3,
      templateCode: template.code,
      definition: template.definition,
      ...overrides,
    },
  });

const answer = (token: string, topics: string[]) =>
  t.request({ method: 'POST', url: `/api/public/surveys/${token}/responses`, body: { answers: { topics } } });

async function sheet(url: string, cookie: string) {
  const x = await t.request({ method: 'GET', url, cookie });
  expect(x.statusCode, x.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(x.rawPayload as never);
  return workbook.worksheets[0]
    .getSheetValues()
    .filter(Boolean)
    .map((row) => (row as unknown[]).slice(1));
}

describe('the training order of a named request survey', () => {
  let survey = 0;
  it('refuses a training-request question whose options are not in the catalog', async () => {
    const bad = structuredClone(template.definition);
    bad.pages[0].elements[0].choices = ['М-01', 'Х-77'];
    const r = await create({ code: 'bad_order', kind: 'named', definition: bad });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe(
      'Анкета составлена с ошибками: вопрос 1 («topics»): варианты «Х-77» — не коды каталога дефицитов и не направления ПК.',
    );
  });

  it('counts who asked for each topic per school and in total; the department sees the names, a head counts of the own school', async () => {
    const created = await create({ code: 'pk_requests', kind: 'named' });
    expect(created.statusCode, created.body).toBe(200);
    survey = created.json().id;
    const before = smtp.received.length;
    const opened = await t.request({
      method: 'POST',
      url: `/api/surveys/${survey}/open`,
      cookie: cookies.coord,
    });
    expect(opened.json()).toMatchObject({ people: 5, emailed: 5 });
    const letters = (await smtp.waitFor(before + 5)).slice(before);
    const tokenOf: Record<string, string> = {};
    for (const letter of letters)
      tokenOf[letter.to[0].split('@')[0]] = /\/s\/([A-Za-z0-9_-]+)/.exec(
        (await simpleParser(letter.raw)).text ?? '',
      )![1];
    const asked: Record<string, string[]> = {
      a0: ['М-01', 'topic:talents'],
      a1: ['М-01'],
      a2: ['О-03'],
      b0: ['М-01', 'О-03'],
    }; // b1 does not answer
    for (const [who, topics] of Object.entries(asked))
      expect((await answer(tokenOf[who], topics)).statusCode).toBe(200);

    const r = await t.request({
      method: 'GET',
      url: `/api/surveys/${survey}/training-order`,
      cookie: cookies.coord,
    });
    expect(r.statusCode, r.body).toBe(200);
    const { order, year } = r.json();
    expect(year).toBe(2027);
    expect(
      order.organizations.map((o: { name: string; respondents: number }) => [o.name, o.respondents]),
    ).toEqual([
      ['Школа А', 3],
      ['Школа Б', 1],
    ]);
    const row = (code: string) => order.rows.find((x: { topic: { code: string } }) => x.topic.code === code);
    expect(row('М-01').total.requested).toBe(3);
    expect(row('М-01').byOrganization.map((c: { requested: number }) => c.requested)).toEqual([2, 1]);
    expect(row('О-03').total.requested).toBe(2);
    expect(row('topic:talents').total).toMatchObject({ requested: 1 });
    expect(row('topic:talents').total.teachers).toEqual([expect.stringMatching(/^Алексеева /)]);
    expect(row('П-01').total.requested).toBe(0);

    const head = await t.request({
      method: 'GET',
      url: `/api/surveys/${survey}/training-order`,
      cookie: cookies.headA,
    });
    expect(head.statusCode).toBe(200);
    expect(head.json().isMunicipality).toBe(false);
    expect(head.json().order.organizations.map((o: { name: string }) => o.name)).toEqual(['Школа А']);
    expect(JSON.stringify(head.json())).not.toContain('Алексеева');

    const rows = await sheet(`/api/surveys/${survey}/training-order.xlsx`, cookies.coord);
    expect(rows[0][0]).toBe('План-заказ на повышение квалификации на 2027 год');
    const m01 = rows.filter((x) => x[0] === 'М-01');
    expect(m01.map((x) => [x[3], x[4]])).toEqual([
      ['Всего по муниципалитету', 3],
      ['Школа А', 2],
      ['Школа Б', 1],
    ]);
    expect(String(m01[2][5])).toMatch(/^Громова /);
  });
});

describe('the training order of an anonymous survey', () => {
  it('hides a school with fewer answers than the threshold in the JSON and the XLSX, and leaves it out of the total', async () => {
    const created = await create({ code: 'pk_anonymous', kind: 'anonymous' });
    const survey = created.json().id;
    expect(
      (await t.request({ method: 'POST', url: `/api/surveys/${survey}/open`, cookie: cookies.coord }))
        .statusCode,
    ).toBe(200);
    const linkRows = await findLinks(t.database.db, survey);
    expect(linkRows).toHaveLength(2);
    const codeOf = (org: number) => linkRows.find((l) => l.organizationId === org)!.code;
    const tokenAt = async (org: number) =>
      (await t.request({ method: 'POST', url: `/api/public/surveys/link/${codeOf(org)}/token` })).json()
        .token as string;
    for (const topics of [['М-01'], ['М-01', 'О-03'], ['О-03']])
      expect((await answer(await tokenAt(ids.a), topics)).statusCode).toBe(200);
    for (const topics of [['М-01'], ['П-02']])
      expect((await answer(await tokenAt(ids.b), topics)).statusCode).toBe(200);

    const r = await t.request({
      method: 'GET',
      url: `/api/surveys/${survey}/training-order`,
      cookie: cookies.coord,
    });
    const { order } = r.json();
    expect(order.organizations).toEqual([
      { id: ids.a, name: 'Школа А', respondents: 3, hidden: false },
      { id: ids.b, name: 'Школа Б', respondents: null, hidden: true },
    ]);
    expect(order.total).toEqual({ respondents: 3, hidden: false, isComplete: false, leftOut: 1 });
    const row = (code: string) => order.rows.find((x: { topic: { code: string } }) => x.topic.code === code);
    expect(row('М-01').total.requested).toBe(2);
    expect(row('П-02').total.requested).toBe(0);
    expect(row('М-01').byOrganization[1]).toEqual({ hidden: true, requested: null });

    const rows = await sheet(`/api/surveys/${survey}/training-order.xlsx`, cookies.coord);
    expect(rows.filter((x) => x[3] === 'Школа Б').every((x) => x[4] === 'скрыто: меньше 3 ответов')).toBe(
      true,
    );
    expect(rows.some((x) => x[3] === 'Школа Б' && typeof x[4] === 'number')).toBe(false);
    expect(rows.flat()).not.toContain('Педагоги');
    expect(rows.flat().join(' ')).toContain('не вошли скрытые организации (1)');
  });
});
