import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp.ts';
import { manualReminderMessage } from '../notifications/reminders.ts';
import { todoSummary } from './todo.service.ts';

/**
 * The methodist's day on a built district. Кардымовский template, 2025: the main stage ends 22.10.2025;
 * today is 28.10.2025 and the campaign runs. А sent on time and was accepted; Б sent late (24.10) and waits
 * for review; В has a draft, Г never started, the kindergarten Е never started; Д sent on time and was
 * returned for revision (sent, so not late). Reminders go through a real SMTP server in its own process.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const PASSWORD = 'todo-pass-12345';
const ids = { m: 0, foreignM: 0, campaign: 0, a: 0, b: 0, v: 0, g: 0, d: 0, e: 0 };
const rec = { overdue: 0, future: 0, done: 0, reported: 0 };
let coord = '';
let foreign = '';
let head = '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db);
  ids.m = m.id;
  ids.foreignM = other.id;
  const school = (shortName: string, extra: Partial<typeof s.organizations.$inferInsert> = {}) =>
    createOrganization(db, m.id, { shortName, ...extra }).then((o) => o.id);
  ids.a = await school('Школа А');
  ids.b = await school('Школа Б');
  ids.v = await school('Школа В', {
    responsibleName: 'Петрова Анна Сергеевна',
    responsiblePhone: '8 (928) 111-22-33',
    headName: 'Иванов И.И.',
    phone: '8 (86349) 2-10-30',
  });
  ids.g = await school('Школа Г', { headName: 'Сидоров С.С.', phone: '8 (86349) 2-11-32' });
  ids.d = await school('Школа Д', { responsibleName: '=HYPERLINK("http://evil.example","x")' });
  ids.e = await school('Детский сад Е', { kind: 'preschool' });
  await createUser(db, { login: 'root', password: PASSWORD, grants: [{ role: 'admin' }] });
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  await createUser(db, {
    login: 'foreign',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: other.id }],
  });
  const v = await createUser(db, {
    login: 'headv',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: ids.v }],
  });
  await db.execute(`update users set email = 'zam.v@school.example.ru' where id = ${v.id}` as never);
  await createUser(db, {
    login: 'headg',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: ids.g }],
  });
  const a = await createUser(db, {
    login: 'heada',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: ids.a }],
  });
  await db.execute(`update users set email = 'a@school.example.ru' where id = ${a.id}` as never);
  coord = await t.login('coord', PASSWORD);
  foreign = await t.login('foreign', PASSWORD);
  head = await t.login('heada', PASSWORD);
  const admin = await t.login('root', PASSWORD);
  const smtpSet = await t.request({
    method: 'PUT',
    url: '/api/settings/smtp',
    cookie: admin,
    body: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Отдел образования <roo@example.ru>' },
  });
  expect(smtpSet.statusCode, smtpSet.body).toBe(200);
  ids.campaign = (await campaignFromTemplate(t, coord, { municipalityId: m.id })).campaignId;
  const at = (day: string) => new Date(`${day}T09:00:00Z`);
  const sent = (organizationId: number, status: 'submitted' | 'returned' | 'accepted', first: string) => ({
    campaignId: ids.campaign,
    organizationId,
    status,
    firstSubmittedAt: at(first),
    submittedAt: at(first),
  });
  await db
    .insert(s.submissions)
    .values([
      sent(ids.a, 'accepted', '2025-10-15'),
      sent(ids.b, 'submitted', '2025-10-24'),
      sent(ids.d, 'returned', '2025-10-20'),
      { campaignId: ids.campaign, organizationId: ids.v, status: 'draft' as const },
    ]);
  const recommendation = (values: Partial<typeof s.recommendations.$inferInsert>) =>
    db
      .insert(s.recommendations)
      .values({ campaignId: ids.campaign, text: 'Рекомендация', addressee: 'Руководителю ОО', ...values })
      .returning()
      .then(([r]) => r.id);
  rec.overdue = await recommendation({
    organizationId: ids.g,
    text: 'Провести диагностику',
    deadline: '2025-10-01',
    status: 'in_progress',
  });
  rec.future = await recommendation({ organizationId: ids.g, deadline: '2025-12-01' });
  rec.done = await recommendation({ organizationId: ids.a, deadline: '2025-09-01', status: 'done' });
  rec.reported = await recommendation({
    organizationId: ids.a,
    text: 'Организовать наставничество',
    deadline: '2025-09-15',
    status: 'reported',
    report: 'Закреплены наставники',
    reportedAt: new Date('2025-10-20T10:00:00Z'),
    reportedBy: 'heada',
  });
  t.app.config.fixedToday = '2025-10-28';
}, 120_000);

afterAll(async () => {
  await t?.close();
  smtp?.stop();
});

const get = async (url: string, cookie = coord) => {
  const r = await t.request({ method: 'GET', url, cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('«нужно сделать»', () => {
  it('lists the forms awaiting review with a link to the review screen', async () => {
    const todo = await get('/api/todo');
    expect(todo.reviews).toEqual([
      expect.objectContaining({
        organizationId: ids.b,
        organizationName: 'Школа Б',
        link: `/campaigns/${ids.campaign}/organizations/${ids.b}`,
      }),
    ]);
  });

  it('lists the schools late with the form — by the one completeness definition — with who answers and a phone', async () => {
    const todo = await get('/api/todo');
    const late = todo.late.map((x: Record<string, unknown>) => [
      x.organizationName,
      x.stateLabel,
      x.contactName,
      x.contactPhone,
      x.daysLate,
      x.hasEmail,
    ]);
    // А and Д sent on time (Д was returned but sent), Б sent late: none of them is «not sent».
    expect(late).toEqual([
      ['Школа В', 'черновик', 'Петрова Анна Сергеевна', '8 (928) 111-22-33', 6, true],
      ['Школа Г', 'не начато', 'Сидоров С.С.', '8 (86349) 2-11-32', 6, false],
      ['Детский сад Е', 'не начато', null, null, 6, false],
    ]);
    const view = await get(`/api/campaigns/${ids.campaign}`);
    expect(todo.late.length).toBe(view.stats.notSent);
  });

  it('lists overdue recommendations (deadline passed, not done) and reports awaiting acceptance', async () => {
    const todo = await get('/api/todo');
    expect(
      todo.overdueRecommendations.map((r: { id: number; daysOverdue: number }) => [r.id, r.daysOverdue]),
    ).toEqual([[rec.overdue, 27]]);
    expect(todo.overdueRecommendations[0]).toMatchObject({
      organizationName: 'Школа Г',
      text: 'Провести диагностику',
      link: `/campaigns/${ids.campaign}?tab=recommendations`,
    });
    expect(todo.reportedRecommendations.map((r: { id: number }) => r.id)).toEqual([rec.reported]);
    expect(todo.reportedRecommendations[0]).toMatchObject({
      organizationName: 'Школа А',
      reportedBy: 'heada',
    });
    expect(todo.counts).toEqual({
      reviews: 1,
      late: 3,
      overdueRecommendations: 1,
      reportedRecommendations: 1,
    });
    expect(todo.summary).toBe(
      'Нужно сделать: проверить 1 форму; 3 организации не отправили форму в срок; 1 рекомендация с истёкшим сроком; принять 1 отчёт о выполнении рекомендаций.',
    );
  });

  it('says there is nothing to do in a municipality with nothing due, and shows nothing of another', async () => {
    const todo = await get('/api/todo', foreign);
    expect(todo).toMatchObject({ total: 0, reviews: [], late: [], overdueRecommendations: [] });
    expect(todo.summary).toBe('Всё сделано: срочных дел нет.');
    const other = await t.request({
      method: 'GET',
      url: `/api/todo?municipalityId=${ids.m}`,
      cookie: foreign,
    });
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Школа');
  });

  it('is refused to a school head, with a Russian message', async () => {
    const r = await t.request({ method: 'GET', url: '/api/todo', cookie: head });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('координатора');
  });

  it('writes the counts with correct plurals', () => {
    expect(todoSummary({ reviews: 2, late: 1, overdueRecommendations: 5, reportedRecommendations: 21 })).toBe(
      'Нужно сделать: проверить 2 формы; 1 организация не отправила форму в срок; 5 рекомендаций с истёкшим сроком; принять 21 отчёт о выполнении рекомендаций.',
    );
    expect(
      todoSummary({ reviews: 11, late: 22, overdueRecommendations: 0, reportedRecommendations: 3 }),
    ).toBe(
      'Нужно сделать: проверить 11 форм; 22 организации не отправили форму в срок; принять 3 отчёта о выполнении рекомендаций.',
    );
  });
});

describe('reminding from the completeness table', () => {
  const remind = (organizationIds: unknown, cookie = coord) =>
    t.request({
      method: 'POST',
      url: `/api/campaigns/${ids.campaign}/remind`,
      cookie,
      body: { organizationIds },
    });

  it('reminds the selected organizations in one request and says how many reminders went out', async () => {
    const before = smtp.received.length;
    const r = await remind([ids.a, ids.v, ids.g, ids.e]);
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.sent).toBe(1);
    expect(report.alreadySent).toBe(1);
    expect(report.notDelivered.map((x: { organizationName: string }) => x.organizationName)).toEqual([
      'Школа Г',
      'Детский сад Е',
    ]);
    expect(report.message).toBe(
      'Отправлено 1 напоминание по электронной почте. Только уведомление в системе, без письма: 2 организации (Школа Г — нет адреса электронной почты у ответственного; Детский сад Е — нет адреса электронной почты у ответственного). 1 организация уже отправила форму.',
    );
    const mail = await smtp.waitFor(before + 1);
    expect(mail.length).toBe(before + 1);
    const letter = mail[before];
    expect(letter.to).toEqual(['zam.v@school.example.ru']);
    const parsed = await simpleParser(letter.raw);
    expect(parsed.subject).toBe('Срок сдачи формы мониторинга истёк 22.10.2025');
    expect(parsed.text).toContain('Школа В: срок сдачи формы мониторинга');
    expect(parsed.text).toContain(`/campaigns/${ids.campaign}/organizations/${ids.v}`);
    const headv = await t.login('headv', PASSWORD);
    const notes = await get('/api/notifications', headv);
    expect(notes.items[0].title).toBe('Срок сдачи формы мониторинга истёк 22.10.2025');
  });

  it('reminds an organization at most once a day, and the to-do list shows when it was reminded', async () => {
    const before = smtp.received.length;
    const r = await remind([ids.v]);
    expect(r.json()).toMatchObject({ sent: 0, alreadyToday: 1 });
    expect(r.json().message).toBe(
      'Напоминания по электронной почте не отправлены. 1 организация сегодня уже получила напоминание.',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.length).toBe(before);
    const todo = await get('/api/todo');
    const v = todo.late.find((x: { organizationId: number }) => x.organizationId === ids.v);
    expect(v.lastReminderAt).not.toBeNull();
    const view = await get(`/api/campaigns/${ids.campaign}`);
    expect(
      view.organizations.find((o: { organizationId: number }) => o.organizationId === ids.v).lastReminderAt,
    ).not.toBeNull();
  });

  it('refuses an empty selection and an organization outside the campaign, naming the field', async () => {
    const empty = await remind([]);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('выберите хотя бы одну организацию');
    const stranger = await createOrganization(t.database.db, ids.foreignM, { shortName: 'Чужая школа' });
    const outside = await remind([stranger.id]);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('organizationIds');
    expect(outside.json().error.message).toContain('не участвуют в этом мониторинге');
  });

  it('is refused to a school head and to another municipality’s coordinator', async () => {
    expect((await remind([ids.v], head)).statusCode).toBe(403);
    expect((await remind([ids.v], foreign)).statusCode).toBe(403);
  });

  it('pluralises the outcome', () => {
    expect(manualReminderMessage({ sent: 5, notDelivered: [], alreadySent: 2, alreadyToday: 0 })).toBe(
      'Отправлено 5 напоминаний по электронной почте. 2 организации уже отправили форму.',
    );
    expect(manualReminderMessage({ sent: 22, notDelivered: [], alreadySent: 0, alreadyToday: 0 })).toBe(
      'Отправлено 22 напоминания по электронной почте.',
    );
  });
});

describe('the completeness table as XLSX', () => {
  async function workbook(query: string, cookie = coord) {
    const r = await t.request({
      method: 'GET',
      url: `/api/campaigns/${ids.campaign}/completeness.xlsx${query}`,
      cookie,
    });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    return book.worksheets[0];
  }
  // The heading, the campaign's sentence, the view's filters, «Сформировано …», the header: rows from the 6th.
  const bodyRows = (sheet: ExcelJS.Worksheet) =>
    sheet.getRows(6, sheet.rowCount - 5)!.map((row) => (row.values as unknown[]).slice(1));

  it('writes the rows of the view with its filter and order, and the whole campaign above them', async () => {
    const sheet = await workbook('?timeliness=not_sent&sort=responsible&dir=desc');
    expect(sheet.getCell('A1').value).toContain('Полнота и своевременность');
    expect(sheet.getCell('A2').value).toBe(
      'Формы отправили 3 из 6 (50,0\u00a0%): в срок — 2, с опозданием — 1; не отправили — 3. Из отправленных принято 1, на проверке 1, возвращено на доработку 1. Срок — 22.10.2025; по состоянию на 28.10.2025.',
    );
    expect(sheet.getCell('A3').value).toBe(
      'Отбор: срок «не отправлена»; сортировка: ответственный, по убыванию. В выгрузке: 3.',
    );
    expect(sheet.getCell('A4').value).toBe('Сформировано 28.10.2025');
    expect((sheet.getRow(5).values as unknown[]).slice(1, 5)).toEqual([
      '№',
      'Организация',
      'Тип',
      'Статус формы',
    ]);
    const rows = bodyRows(sheet);
    // By the responsible person, descending (Сидоров — the head of Г — before Петрова), the one without
    // anybody last.
    expect(rows.map((r) => [r[1], r[3], r[4], r[8], r[9]])).toEqual([
      ['Школа Г', 'не начато', 'не отправлена', 'Сидоров С.С.', '8 (86349) 2-11-32'],
      ['Школа В', 'черновик', 'не отправлена', 'Петрова Анна Сергеевна', '8 (928) 111-22-33'],
      ['Детский сад Е', 'не начато', 'не отправлена', undefined, undefined],
    ]);
    expect(rows[1][10]).toBeInstanceOf(Date); // reminded above
    expect(sheet.getRow(7).getCell(11).numFmt).toBe('dd.mm.yyyy');
    // Past the deadline and not sent: the term is marked.
    expect(sheet.getRow(6).getCell(5).fill).toMatchObject({ fgColor: { argb: 'FFFFE3E3' } });
  });

  it('filters by state and kind, neutralises formula-like text and prints one page wide in landscape', async () => {
    const sent = await workbook('?state=sent');
    const names = bodyRows(sent).map((r) => r[1]);
    expect(names).toEqual(['Школа А', 'Школа Б', 'Школа Д']);
    const d = bodyRows(sent)[2];
    expect(d[8]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(d[5]).toEqual(new Date('2025-10-20T00:00:00Z'));
    expect(sent.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(sent.pageSetup.printTitlesRow).toBe('5:5');
    const kindergartens = await workbook('?kind=preschool');
    expect(bodyRows(kindergartens).map((r) => [r[1], r[2]])).toEqual([
      ['Детский сад Е', 'Дошкольная образовательная организация'],
    ]);
    const review = await workbook('?state=submitted&timeliness=late');
    expect(bodyRows(review).map((r) => r[1])).toEqual(['Школа Б']);
  });

  it('refuses a bad filter with the field named, and is the department’s only', async () => {
    const bad = await t.request({
      method: 'GET',
      url: `/api/campaigns/${ids.campaign}/completeness.xlsx?state=lost`,
      cookie: coord,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('state');
    for (const cookie of [head, foreign]) {
      const r = await t.request({
        method: 'GET',
        url: `/api/campaigns/${ids.campaign}/completeness.xlsx`,
        cookie,
      });
      expect(r.statusCode).toBe(403);
    }
  });
});
