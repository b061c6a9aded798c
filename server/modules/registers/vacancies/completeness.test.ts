import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp.ts';
import { runVacancyReminders } from '../../notifications/vacancy-reminders.ts';

/**
 * The monthly vacancy report by the 10th: «не сдано» is not «вакансий нет», the completeness table and its
 * workbook, and the reminders received by a real SMTP server running in its own process.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const ids = { m: 0, n: 0, a: 0, b: 0, c: 0, other: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'vacancy-pass-1';

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ fixedToday: '2026-11-05' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const neighbour = await createMunicipality(db, { name: 'Соседний район' });
  const [a, b, c, other] = [
    await createOrganization(db, m.id, { shortName: 'Школа А' }),
    await createOrganization(db, m.id, { shortName: 'Школа Б' }),
    await createOrganization(db, m.id, { shortName: 'Школа В' }),
    await createOrganization(db, neighbour.id, { shortName: 'Соседняя школа' }),
  ];
  Object.assign(ids, { m: m.id, n: neighbour.id, a: a.id, b: b.id, c: c.id, other: other.id });
  await createUser(db, { login: 'root', password: PASSWORD, grants: [{ role: 'admin' }] });
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  for (const [login, org] of [
    ['heada', a],
    ['headb', b],
    ['headc', c],
    ['heado', other],
  ] as const) {
    const head = await createUser(db, {
      login,
      password: PASSWORD,
      grants: [{ role: 'org_manager', organizationId: org.id }],
    });
    await db.execute(`update users set email = '${login}@school.example.ru' where id = ${head.id}` as never);
  }
  // А: vacancies in October and November; Б: «вакансий нет» for October; В: nothing at all.
  await db.insert(s.vacancies).values([
    { organizationId: a.id, month: '2026-10-01', position: 'учитель', subject: 'математика', count: 2 },
    { organizationId: a.id, month: '2026-11-01', position: 'учитель', subject: 'математика', count: 1 },
    { organizationId: b.id, month: '2026-10-01', position: 'учитель', count: 0 },
  ]);
  for (const login of ['root', 'coord', 'heada']) cookies[login] = await t.login(login, PASSWORD);
  const put = await call('root', 'PUT', '/api/settings/smtp', {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'Отдел образования <roo@district.example.ru>',
  });
  expect(put.statusCode).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
  smtp?.stop();
});

function call(who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}

const statuses = async (query = 'from=2026-10-01&to=2026-11-01') => {
  const res = await call('coord', 'GET', `/api/vacancies/completeness?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    body,
    of: (org: number) =>
      body.rows
        .find((r: { organizationId: number }) => r.organizationId === org)
        .months.map((c: { status: string; count: number }) => `${c.status}:${c.count}`),
  };
};

async function subjectsOf(count: number) {
  const mail = await smtp.waitFor(count);
  return Promise.all(
    mail.map(async (m) => ({ to: m.to, subject: (await simpleParser(m.raw)).subject ?? '' })),
  );
}

describe('monthly vacancies by the 10th', () => {
  it('tells «не сдано» from «вакансий нет» month by month; the current month is awaited until the 10th', async () => {
    const { body, of } = await statuses();
    expect(of(ids.a)).toEqual(['reported:2', 'reported:1']);
    expect(of(ids.b)).toEqual(['none:0', 'pending:0']);
    expect(of(ids.c)).toEqual(['missing:0', 'pending:0']);
    expect(body.rows.map((r: { organizationId: number }) => r.organizationId)).not.toContain(ids.other);
    expect(body.months).toEqual([
      { month: '2026-10-01', dueDate: '2026-10-10', reported: 1, none: 1, missing: 1, pending: 0 },
      { month: '2026-11-01', dueDate: '2026-11-10', reported: 1, none: 0, missing: 0, pending: 2 },
    ]);
  });

  it('a school head sees its own row only, in the table and in the workbook', async () => {
    const res = await call('heada', 'GET', `/api/vacancies/completeness?from=2026-10-01&to=2026-11-01`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.isDepartment).toBe(false);
    expect(body.rows.map((r: { organizationId: number }) => r.organizationId)).toEqual([ids.a]);
    expect(body.rows[0].months.map((c: { status: string }) => c.status)).toEqual(['reported', 'reported']);
    // The totals are of its own row, not of the municipality.
    expect(body.months).toEqual([
      { month: '2026-10-01', dueDate: '2026-10-10', reported: 1, none: 0, missing: 0, pending: 0 },
      { month: '2026-11-01', dueDate: '2026-11-10', reported: 1, none: 0, missing: 0, pending: 0 },
    ]);
    const xlsx = await call('heada', 'GET', '/api/vacancies/completeness.xlsx?from=2026-10-01&to=2026-11-01');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const names = book.worksheets[0].getColumn(1).values.map(String);
    expect(names).toContain('Школа А');
    expect(names).not.toContain('Школа Б');
    expect(names).not.toContain('Школа В');
    // Nor another municipality's table, nor the department's reminder.
    const other = await call('heada', 'GET', `/api/vacancies/completeness?municipalityId=${ids.n}`);
    expect(other.statusCode).toBe(403);
    expect((await call('heada', 'POST', '/api/vacancies/remind', {})).statusCode).toBe(403);
  });

  it('reminds «до 10-го» from the 7th and «не сдано» from the 11th, once per organization and month', async () => {
    const db = t.database.db;
    const mine = (sent: { organizationId: number; kind: string; recipients: string[] }[]) =>
      sent.filter((x) => x.organizationId !== ids.other).map((x) => [x.organizationId, x.kind, x.recipients]);
    expect(await runVacancyReminders({ db, today: '2026-11-06' })).toEqual([]);
    const before = await runVacancyReminders({ db, today: '2026-11-07', municipalityIds: [ids.m] });
    expect(mine(before)).toEqual([
      [ids.b, 'before', ['headb@school.example.ru']],
      [ids.c, 'before', ['headc@school.example.ru']],
    ]);
    expect(await runVacancyReminders({ db, today: '2026-11-09', municipalityIds: [ids.m] })).toEqual([]);
    const letters = await subjectsOf(2);
    expect(letters).toEqual([
      {
        to: ['headb@school.example.ru'],
        subject: 'Напоминание: сведения о вакансиях за ноябрь 2026 — до 10.11.2026',
      },
      {
        to: ['headc@school.example.ru'],
        subject: 'Напоминание: сведения о вакансиях за ноябрь 2026 — до 10.11.2026',
      },
    ]);
  });

  it('after the 10th the letter says «не сданы»; a school that reports «вакансий нет» gets no more', async () => {
    const db = t.database.db;
    await db
      .insert(s.vacancies)
      .values({ organizationId: ids.b, month: '2026-11-01', position: 'учитель', count: 0 });
    const after = await runVacancyReminders({ db, today: '2026-11-11', municipalityIds: [ids.m] });
    expect(after.map((x) => [x.organizationId, x.kind])).toEqual([[ids.c, 'after']]);
    expect(await runVacancyReminders({ db, today: '2026-11-20', municipalityIds: [ids.m] })).toEqual([]);
    const letters = await subjectsOf(3);
    expect(letters[2]).toEqual({
      to: ['headc@school.example.ru'],
      subject: 'Сведения о вакансиях за ноябрь 2026 не сданы (срок — 10.11.2026)',
    });
    t.app.config.fixedToday = '2026-11-11';
    const { of } = await statuses();
    expect(of(ids.b)).toEqual(['none:0', 'none:0']);
    expect(of(ids.c)).toEqual(['missing:0', 'missing:0']);
  });

  it('«напомнить» reminds those who have not reported this month, at most once a day', async () => {
    t.app.config.fixedToday = '2026-11-12';
    const first = await call('coord', 'POST', '/api/vacancies/remind', { municipalityId: ids.m });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ month: '2026-11-01', sent: 1, alreadyToday: 0 });
    expect(first.json().message).toBe(
      'Не сдали сведения за ноябрь 2026: 1 организация. Писем отправлено: 1.',
    );
    const letters = await subjectsOf(4);
    expect(letters[3].to).toEqual(['headc@school.example.ru']);
    const again = await call('coord', 'POST', '/api/vacancies/remind', { municipalityId: ids.m });
    expect(again.json()).toMatchObject({ sent: 0, alreadyToday: 1 });
    const neighbours = await call('coord', 'POST', '/api/vacancies/remind', {
      municipalityId: ids.m,
      organizationIds: [ids.other],
    });
    expect(neighbours.json()).toMatchObject({ sent: 0, alreadyToday: 0 });
    const { of } = await statuses();
    expect(of(ids.c)).toEqual(['missing:0', 'missing:0']);
  });

  it('exports the table as a workbook with «не сдано» and «вакансий нет» spelt out', async () => {
    const res = await call('coord', 'GET', '/api/vacancies/completeness.xlsx?from=2026-10-01&to=2026-11-01');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.worksheets[0].eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null ? '' : String(v)))),
    );
    const header = rows.findIndex((r) => r[0] === 'Организация');
    expect(rows[header]).toEqual(['Организация', 'окт 2026', 'ноя 2026', 'Не сдано, месяцев']);
    const byName = new Map(rows.slice(header + 1).map((r) => [r[0], r.slice(1)]));
    expect(byName.get('Школа А')).toEqual(['2', '1', '0']);
    expect(byName.get('Школа Б')).toEqual(['вакансий нет', 'вакансий нет', '0']);
    expect(byName.get('Школа В')).toEqual(['не сдано', 'не сдано', '2']);
  });

  it('the vacancy indicators count the last reported month and say which: «на» its date', async () => {
    const program = await call('coord', 'POST', '/api/programs/from-template', {
      municipalityId: ids.m,
      templateCode: 'seed-004-myasnikovsky',
    });
    expect(program.statusCode, program.body).toBe(201);
    const res = await call('coord', 'GET', `/api/programs/${program.json().id}/results?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // November is the latest month reported (А with 1 vacancy, Б «вакансий нет»); В has not reported it.
    expect(body.vacanciesAsOf).toBe('2026-11-01');
    const value = (org: number | null) =>
      body.results.find(
        (r: { indicator: string; organization: number | null }) =>
          r.indicator === '5.4' && r.organization === org,
      ).value;
    expect([value(ids.a), value(ids.b), value(null)]).toEqual([1, 0, 1]);
    // A year without a reported month says no date.
    const earlier = await call('coord', 'GET', `/api/programs/${program.json().id}/results?year=2025`);
    expect(earlier.json().vacanciesAsOf).toBeNull();
  });
});
