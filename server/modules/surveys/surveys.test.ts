import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTeacher, createUser } from '../../seed/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import type { startSmtpSink } from '../../test/smtp.ts';
import { createSurveyDistrict } from '../../test/surveys.ts';

/**
 * Surveys end to end through the HTTP API on a real database: distribution by the real test SMTP server,
 * one-time tokens, skip logic, versions, the anonymity threshold in every output, who sees what.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let close: () => Promise<void>;
const PASS = 'survey-pass-12';
const ids = { m: 0, a: 0, b: 0 };
const cookies = { coord: '', headA: '', headB: '', teacher: '' };

const definition = {
  pages: [
    {
      name: 'p1',
      title: 'Методическая служба',
      elements: [
        {
          type: 'rating',
          name: 'satisfaction',
          title: 'Удовлетворены ли вы работой методической службы?',
          isRequired: true,
        },
        {
          type: 'radiogroup',
          name: 'attended',
          title: 'Посещали ли вы семинары?',
          choices: ['yes', 'no'],
          isRequired: true,
        },
        {
          type: 'text',
          name: 'count',
          title: 'Сколько семинаров?',
          inputType: 'number',
          isRequired: true,
          visibleIf: "{attended} = 'yes'",
        },
        { type: 'comment', name: 'wish', title: 'Ваши пожелания' },
      ],
    },
  ],
};

beforeAll(async () => {
  const district = await createSurveyDistrict({
    fixedToday: '2026-05-10',
    password: PASS,
    schoolB: { isLowResults: true },
  });
  ({ t, smtp, close } = district);
  const { a, b } = district.schools;
  Object.assign(ids, { m: district.municipality.id, a: a.id, b: b.id });
  const db = t.database.db;
  for (let i = 0; i < 6; i++) await createTeacher(db, a, { email: `a${i}@school.example.ru` });
  const young = await createTeacher(db, b, {
    email: 'b0@school.example.ru',
    birthDate: '2000-01-01',
    pedagogicalStartDate: '2024-09-01',
    positionStart: '2024-09-01',
  });
  for (let i = 1; i < 4; i++) await createTeacher(db, b, { email: `b${i}@school.example.ru` });
  await createUser(db, {
    login: 'headb',
    password: PASS,
    grants: [{ role: 'org_manager', organizationId: b.id }],
  });
  await createUser(db, {
    login: 'young',
    password: PASS,
    teacherId: young.id,
    grants: [{ role: 'teacher', organizationId: b.id }],
  });
  Object.assign(cookies, district.cookies);
  cookies.headB = await district.login('headb');
  cookies.teacher = await district.login('young');
}, 90_000);

afterAll(() => close());

const body = (overrides: Record<string, unknown> = {}) => ({
  municipalityId: ids.m,
  code: 'satisfaction',
  title: 'Удовлетворённость методической службой',
  kind: 'anonymous',
  audience: { target: 'teachers', organizationIds: [ids.a, ids.b] },
  opensOn: '2026-05-01',
  closesOn: '2026-05-31',
  threshold: 5,
  definition,
  ...overrides,
});

const answer = (token: string, answers: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `/api/public/surveys/${token}/responses`, body: { answers } });

async function tokenFor(code: string) {
  const r = await t.request({ method: 'POST', url: `/api/public/surveys/link/${code}/token` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().token as string;
}

let anonymous = 0;
const links: Record<number, string> = {};
/** The one-time token e-mailed to each address of the anonymous survey. */
const mailedTokens: Record<string, string> = {};

describe('an anonymous survey', () => {
  it('refuses a skip condition that does not name a previous question', async () => {
    const bad = structuredClone(definition);
    bad.pages[0].elements[1].visibleIf = '{count} > 1';
    const r = await t.request({
      method: 'POST',
      url: '/api/surveys',
      cookie: cookies.coord,
      body: body({ definition: bad }),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toContain('не предыдущий вопрос');
  });

  it('is created, opened and distributed: links per organization, a one-time link per address by SMTP', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/surveys',
      cookie: cookies.coord,
      body: body(),
    });
    expect(created.statusCode, created.body).toBe(200);
    anonymous = created.json().id;
    const head = await t.request({
      method: 'POST',
      url: `/api/surveys/${anonymous}/open`,
      cookie: cookies.headA,
    });
    expect(head.statusCode).toBe(403);
    const opened = await t.request({
      method: 'POST',
      url: `/api/surveys/${anonymous}/open`,
      cookie: cookies.coord,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ people: 10, organizations: 2, emailed: 10 });
    const mail = await smtp.waitFor(10);
    expect(mail).toHaveLength(10);
    for (const row of await queryRows<{ organization_id: number; code: string }>(
      t.database.db,
      sql`select organization_id, code from survey_links where survey_id = ${anonymous}`,
    ))
      links[row.organization_id] = row.code;
    // Every address gets a one-time link of its own (not the school's), so that a reminder can skip those
    // who used theirs; the link opens the anonymous survey like a device's token.
    for (const m of mail) {
      const text = (await simpleParser(m.raw)).text ?? '';
      expect(text).not.toContain('/s/o/');
      expect(text).toContain('Ответы анонимны');
      mailedTokens[m.to[0]] = /\/s\/([A-Za-z0-9_-]{20,})/.exec(text)![1];
    }
    expect(new Set(Object.values(mailedTokens)).size).toBe(10);
    const page = await t.request({
      method: 'GET',
      url: `/api/public/surveys/${mailedTokens['a0@school.example.ru']}`,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().kind).toBe('anonymous');
  });

  it('the notice prints the link and a QR code for the head of the school, not for another head', async () => {
    const own = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/notice?organizationId=${ids.a}`,
      cookie: cookies.headA,
    });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`/s/o/${links[ids.a]}`);
    expect(own.body).toContain('<svg');
    const other = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/notice?organizationId=${ids.b}`,
      cookie: cookies.headA,
    });
    expect(other.statusCode).toBe(403);
  });

  it('a token answers once; skip logic drops a hidden answer; required questions are checked', async () => {
    const token = await tokenFor(links[ids.a]);
    const page = await t.request({ method: 'GET', url: `/api/public/surveys/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().kind).toBe('anonymous');
    const missing = await answer(token, { attended: 'yes' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain(
      '«Удовлетворены ли вы работой методической службы?»: ответ обязателен',
    );
    expect(missing.json().error.message).toContain('«Сколько семинаров?»: ответ обязателен');
    const badScale = await answer(token, { satisfaction: 7, attended: 'no' });
    expect(badScale.json().error.message).toContain('от 1 до 5');
    const ok = await answer(token, { satisfaction: 5, attended: 'no', count: 3, wish: 'Больше практики' });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await answer(token, { satisfaction: 1, attended: 'no' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      'Ответ по этой ссылке уже отправлен: анкету можно заполнить один раз.',
    );
    const reopen = await t.request({ method: 'GET', url: `/api/public/surveys/${token}` });
    expect(reopen.statusCode).toBe(409);
    const [stored] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from survey_responses where survey_id = ${anonymous}`,
    );
    // The hidden question's answer was dropped; nothing links the answer to a person, a token or a moment.
    expect(stored.answers).toEqual({ satisfaction: 5, attended: 'no', wish: 'Больше практики' });
    expect(stored.teacher_id).toBeNull();
    expect(Object.keys(stored).sort()).toEqual(
      [
        'id',
        'survey_id',
        'version_id',
        'organization_id',
        'teacher_id',
        'answered_on',
        'age_group',
        'is_young',
        'answers',
      ].sort(),
    );
    expect(String(stored.answered_on)).toMatch(/^2026-05-10/);
    const tokens = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from survey_tokens where survey_id = ${anonymous}`,
    );
    expect(Object.keys(tokens[0]).sort()).toEqual(['is_used', 'organization_id', 'survey_id', 'token_hash']);
    expect(tokens[0].token_hash).not.toBe(token);
  });

  it('a running survey changes its questions only as a new version, confirmed; old answers keep theirs', async () => {
    const card = (
      await t.request({ method: 'GET', url: `/api/surveys/${anonymous}`, cookie: cookies.coord })
    ).json();
    const changed = structuredClone(definition);
    changed.pages[0].elements[0].title = 'Насколько вы удовлетворены методической службой?';
    const update = {
      title: card.title,
      audience: card.audience,
      opensOn: card.opensOn,
      closesOn: card.closesOn,
      threshold: 5,
      definition: changed,
      version: card.version,
    };
    const silent = await t.request({
      method: 'PUT',
      url: `/api/surveys/${anonymous}`,
      cookie: cookies.coord,
      body: update,
    });
    expect(silent.statusCode).toBe(409);
    expect(silent.json().error.message).toContain('новую версию');
    const confirmed = await t.request({
      method: 'PUT',
      url: `/api/surveys/${anonymous}`,
      cookie: cookies.coord,
      body: { ...update, confirmNewVersion: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().versionNumber).toBe(2);
    const versions = await queryRows<{ number: number; n: number }>(
      t.database.db,
      sql`select v.number, count(r.id)::int as n from survey_versions v left join survey_responses r on r.version_id = v.id
        where v.survey_id = ${anonymous} group by v.number order by v.number`,
    );
    expect(versions).toEqual([
      { number: 1, n: 1 },
      { number: 2, n: 0 },
    ]);
  });

  it('hides every result cell with fewer answers than the threshold: API, organization cross-tab, XLSX', async () => {
    // School A: 5 answers in all (one above), school B: 4.
    for (let i = 0; i < 4; i++)
      expect(
        (await answer(await tokenFor(links[ids.a]), { satisfaction: 4, attended: 'yes', count: 2 }))
          .statusCode,
      ).toBe(200);
    for (let i = 0; i < 4; i++)
      expect(
        (
          await answer(await tokenFor(links[ids.b]), {
            satisfaction: 2,
            attended: 'no',
            wish: `пожелание ${i}`,
          })
        ).statusCode,
      ).toBe(200);
    const r = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/results`,
      cookie: cookies.coord,
    });
    expect(r.statusCode).toBe(200);
    const results = r.json().results;
    expect(results.respondents).toBe(9);
    const satisfaction = results.questions.find((q: { name: string }) => q.name === 'satisfaction');
    // School B alone is below the threshold: the total leaves it out, or total − school A would be B.
    expect(satisfaction.total).toMatchObject({ hidden: false, respondents: 5, mean: 4.2 });
    expect(satisfaction.leftOut).toBe(1);
    for (const g of satisfaction.groups.filter((g: { cell: { hidden: boolean } }) => !g.cell.hidden))
      expect(g.cell.respondents, `${g.dimension} ${g.label}`).toBeLessThanOrEqual(5);
    const byOrg = satisfaction.groups.filter((g: { dimension: string }) => g.dimension === 'organization');
    expect(byOrg.find((g: { label: string }) => g.label === 'Школа А').cell).toMatchObject({
      hidden: false,
      respondents: 5,
      mean: 4.2,
    });
    expect(byOrg.find((g: { label: string }) => g.label === 'Школа Б').cell).toEqual({
      hidden: true,
      respondents: null,
    });
    // The number of seminars: 4 answers in all (asked only of those who attended) — hidden in total too.
    const count = results.questions.find((q: { name: string }) => q.name === 'count');
    expect(count.total).toEqual({ hidden: true, respondents: null });
    const wish = results.questions.find((q: { name: string }) => q.name === 'wish');
    expect(wish.total.texts).toHaveLength(5);
    expect(JSON.stringify(r.json())).not.toContain('"mean":2');

    const x = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/results.xlsx`,
      cookie: cookies.coord,
    });
    expect(x.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(x.rawPayload as never);
    const rows = workbook.worksheets[0]
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    const schoolB = rows.filter(
      (row) => row[0] === definition.pages[0].elements[0].title || String(row[0]).includes('удовлетворены'),
    );
    const bRows = schoolB.filter((row) => row[2] === 'Школа Б');
    expect(bRows).toEqual([[expect.any(String), 'Организация', 'Школа Б', 'скрыто: меньше 5 ответов']]);
    expect(
      rows.some((row) => row[1] === 'Организация' && row[2] === 'Школа Б' && typeof row[3] === 'number'),
    ).toBe(false);
    const satisfactionTotal = schoolB.filter((row) => row[1] === 'Всего');
    expect(satisfactionTotal.length).toBeGreaterThan(0);
    for (const row of satisfactionTotal)
      expect(row.slice(2, 4)).toEqual(['все, кроме скрытых организаций (1)', 5]);
    expect(rows.some((row) => row[0] === schoolB[0][0] && row[3] === 9)).toBe(false);
  });

  it('a head sees the results of their own school only, hidden below the threshold there as well', async () => {
    const own = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/results`,
      cookie: cookies.headB,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().results.respondents).toBe(4);
    expect(own.json().results.questions[0].total).toEqual({ hidden: true, respondents: null });
    const other = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/results?organizationId=${ids.a}`,
      cookie: cookies.headB,
    });
    expect(other.statusCode).toBe(403);
    const teacher = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/results`,
      cookie: cookies.teacher,
    });
    expect(teacher.statusCode).toBe(403);
    const card = (
      await t.request({ method: 'GET', url: `/api/surveys/${anonymous}`, cookie: cookies.headB })
    ).json();
    expect(card.rates).toEqual([
      { organizationId: ids.b, shortName: 'Школа Б', asked: 4, issued: 4, answered: 4, rate: 1 },
    ]);
    const raw = await t.request({
      method: 'GET',
      url: `/api/surveys/${anonymous}/responses.xlsx`,
      cookie: cookies.coord,
    });
    expect(raw.statusCode).toBe(403);
  });
});

describe('reminders of an anonymous survey by e-mail', () => {
  it('go only to the addresses whose one-time token is unused, with a new link; the answer keeps no address', async () => {
    const before = smtp.received.length;
    const used = mailedTokens['a1@school.example.ru'];
    const ok = await answer(used, { satisfaction: 3, attended: 'no' });
    expect(ok.statusCode, ok.body).toBe(200);
    const remind = await t.request({
      method: 'POST',
      url: `/api/surveys/${anonymous}/remind`,
      cookie: cookies.coord,
    });
    expect(remind.statusCode, remind.body).toBe(200);
    expect(remind.json()).toMatchObject({ emailed: 9 });
    expect(remind.json().message).toContain('писем тем, кто ещё не воспользовался своей ссылкой, — 9');
    const letters = (await smtp.waitFor(before + 9)).slice(before);
    expect(letters).toHaveLength(9);
    expect(letters.map((m) => m.to[0])).not.toContain('a1@school.example.ru');
    const fresh: Record<string, string> = {};
    for (const m of letters) {
      const text = (await simpleParser(m.raw)).text ?? '';
      expect(text).toContain('Напоминаем');
      fresh[m.to[0]] = /\/s\/([A-Za-z0-9_-]{20,})/.exec(text)![1];
    }
    // The reminder's link is new and works; the first letter's no longer opens the survey (one token each).
    const address = 'b2@school.example.ru';
    expect(fresh[address]).not.toBe(mailedTokens[address]);
    expect(
      (await t.request({ method: 'GET', url: `/api/public/surveys/${fresh[address]}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.request({ method: 'GET', url: `/api/public/surveys/${mailedTokens[address]}` })).statusCode,
    ).toBe(404);
    // Once a day.
    const again = await t.request({
      method: 'POST',
      url: `/api/surveys/${anonymous}/remind`,
      cookie: cookies.coord,
    });
    expect(again.statusCode).toBe(409);
    // What is stored: an address and a token hash, nothing of a response; a response nothing of either.
    const [row] = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`select * from survey_addresses where survey_id = ${anonymous} limit 1`,
    );
    expect(Object.keys(row).sort()).toEqual(['email', 'id', 'reminded_on', 'survey_id', 'token_hash']);
    const responseColumns = await queryRows<{ column_name: string }>(
      t.database.db,
      sql`select column_name from information_schema.columns where table_name = 'survey_responses'`,
    );
    expect(responseColumns.map((c) => c.column_name)).not.toContain('token_hash');
  });
});

describe('a named survey', () => {
  let named = 0;
  it('invites each person with a personal link by e-mail and in the app; raw answers export with names', async () => {
    const before = smtp.received.length;
    const created = await t.request({
      method: 'POST',
      url: '/api/surveys',
      cookie: cookies.coord,
      body: body({
        code: 'young_ready',
        kind: 'named',
        title: 'Готовность молодых педагогов',
        audience: { target: 'teachers', organizationIds: [ids.a, ids.b], youngOnly: true },
      }),
    });
    named = created.json().id;
    const opened = await t.request({
      method: 'POST',
      url: `/api/surveys/${named}/open`,
      cookie: cookies.coord,
    });
    expect(opened.json()).toMatchObject({ people: 1, emailed: 1, notified: 1 });
    const [letter] = (await smtp.waitFor(before + 1)).slice(before);
    expect(letter.to).toEqual(['b0@school.example.ru']);
    const notes = (
      await t.request({ method: 'GET', url: '/api/notifications', cookie: cookies.teacher })
    ).json();
    const link: string = notes.items.find((n: { title: string }) => n.title.includes('Готовность')).link;
    const token = link.replace('/s/', '');
    expect((await answer(token, { satisfaction: 3, attended: 'no' })).statusCode).toBe(200);
    expect((await answer(token, { satisfaction: 3, attended: 'no' })).statusCode).toBe(409);
    const [row] = await queryRows<{ teacher_id: number | null; is_young: boolean; age_group: string }>(
      t.database.db,
      sql`select teacher_id, is_young, age_group from survey_responses where survey_id = ${named}`,
    );
    expect(row).toMatchObject({ is_young: true, age_group: 'до 30' });
    expect(row.teacher_id).not.toBeNull();
    const raw = await t.request({
      method: 'GET',
      url: `/api/surveys/${named}/responses.xlsx`,
      cookie: cookies.coord,
    });
    expect(raw.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw.rawPayload as never);
    expect(JSON.stringify(workbook.worksheets[0].getSheetValues())).toContain('Иванова Мария Петровна');
    const headRaw = await t.request({
      method: 'GET',
      url: `/api/surveys/${named}/responses.xlsx`,
      cookie: cookies.headB,
    });
    expect(headRaw.statusCode).toBe(403);
  });

  it('reminds at most once a day, and a closed survey takes no answers', async () => {
    const first = await t.request({
      method: 'POST',
      url: `/api/surveys/${named}/remind`,
      cookie: cookies.coord,
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await t.request({
      method: 'POST',
      url: `/api/surveys/${named}/remind`,
      cookie: cookies.coord,
    });
    expect(second.statusCode).toBe(409);
    expect(
      (await t.request({ method: 'POST', url: `/api/surveys/${named}/close`, cookie: cookies.coord }))
        .statusCode,
    ).toBe(200);
    const token = await t.request({ method: 'POST', url: `/api/public/surveys/link/${links[ids.a]}/token` });
    expect(token.statusCode).toBe(200); // the anonymous one is still open
  });

  it('closing an anonymous survey forgets the addresses and the e-mailed tokens never used', async () => {
    // A running survey's results are not published.
    const running = (
      await t.request({ method: 'GET', url: `/api/surveys/${anonymous}`, cookie: cookies.coord })
    ).json();
    const early = await t.request({
      method: 'PUT',
      url: `/api/surveys/${anonymous}/publication`,
      cookie: cookies.coord,
      body: { isPublic: true, version: running.version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('Опубликовать можно итоги только завершённого анкетирования.');
    const close = await t.request({
      method: 'POST',
      url: `/api/surveys/${anonymous}/close`,
      cookie: cookies.coord,
    });
    expect(close.statusCode, close.body).toBe(200);
    const [left] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from survey_addresses where survey_id = ${anonymous}`,
    );
    expect(left.n).toBe(0);
    expect(
      (await t.request({ method: 'GET', url: `/api/public/surveys/${mailedTokens['a3@school.example.ru']}` }))
        .statusCode,
    ).toBe(404);
    // The rate still counts what was answered.
    const card = (
      await t.request({ method: 'GET', url: `/api/surveys/${anonymous}`, cookie: cookies.coord })
    ).json();
    expect(card.rates.find((r: { organizationId: number }) => r.organizationId === ids.a).answered).toBe(6);
  });

  it('the department publishes a closed survey: anyone reads its aggregates, small cells hidden, no free text', async () => {
    const publicPage = () => t.request({ method: 'GET', url: `/api/public/survey-results/${anonymous}` });
    expect((await publicPage()).statusCode).toBe(404);
    const card = async () =>
      (await t.request({ method: 'GET', url: `/api/surveys/${anonymous}`, cookie: cookies.coord })).json();
    const publish = (cookie: string, isPublic: boolean, version: number) =>
      t.request({
        method: 'PUT',
        url: `/api/surveys/${anonymous}/publication`,
        cookie,
        body: { isPublic, version },
      });
    const { version } = await card();
    expect((await publish(cookies.headA, true, version)).statusCode).toBe(403);
    const ok = await publish(cookies.coord, true, version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await card()).isPublic).toBe(true);

    const page = await publicPage();
    expect(page.statusCode, page.body).toBe(200);
    const { survey, results } = page.json();
    expect(survey).toMatchObject({ title: 'Удовлетворённость методической службой', threshold: 5 });
    const satisfaction = results.questions.find((q: { name: string }) => q.name === 'satisfaction');
    expect(satisfaction.groups.find((g: { label: string }) => g.label === 'Школа Б').cell).toEqual({
      hidden: true,
      respondents: null,
    });
    // Free text is not publishable here: counts only, no text; nothing names a person.
    const wish = results.questions.find((q: { name: string }) => q.name === 'wish');
    expect(wish.total.texts).toEqual([]);
    expect(page.body).not.toContain('пожелание');
    expect(page.body).not.toContain('Больше практики');
    expect(page.body).not.toContain('@school.example.ru');

    const { version: v2 } = await card();
    expect((await publish(cookies.coord, false, v2)).statusCode).toBe(200);
    expect((await publicPage()).statusCode).toBe(404);
  });
});
