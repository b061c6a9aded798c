import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp.ts';
import { runReminders } from './reminders.ts';

/** Reminders go through a real SMTP server running in its own process; the test reads what it received. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let port = 0;
const ids = { a: 0, b: 0, campaign: 0 };
let admin = '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  port = smtp.port;
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'Школа А' });
  const b = await createOrganization(db, m.id, { shortName: 'Школа Б' });
  Object.assign(ids, { a: a.id, b: b.id });
  await createUser(db, { login: 'root', password: 'reminder-pass-1', grants: [{ role: 'admin' }] });
  const head = await createUser(db, {
    login: 'heada',
    password: 'reminder-pass-1',
    grants: [{ role: 'org_manager', organizationId: a.id }],
  });
  await db.execute(`update users set email = 'director.a@school.example.ru' where id = ${head.id}` as never);
  await createUser(db, {
    login: 'headb',
    password: 'reminder-pass-1',
    grants: [{ role: 'org_manager', organizationId: b.id }],
  });
  await createUser(db, {
    login: 'coord',
    password: 'reminder-pass-1',
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  admin = await t.login('root', 'reminder-pass-1');
  const coord = await t.login('coord', 'reminder-pass-1');
  const program = (
    await t.request({
      method: 'POST',
      url: '/api/programs/from-template',
      cookie: coord,
      body: { municipalityId: m.id, templateCode: 'seed-000-kardymovsky' },
    })
  ).json();
  const campaign = await t.request({
    method: 'POST',
    url: '/api/campaigns',
    cookie: coord,
    body: {
      programId: program.id,
      year: 2025,
      reminderDaysBefore: 3,
      dates: {
        initialStart: '2025-09-01',
        initialEnd: '2025-09-10',
        mainStart: '2025-09-10',
        mainEnd: '2025-10-10',
        finalStart: '2025-10-11',
        finalEnd: '2025-11-05',
      },
    },
  });
  ids.campaign = campaign.json().campaign.id;
}, 60_000);

afterAll(async () => {
  await t.close();
  smtp.stop();
});

const waitForMail = (count: number) => smtp.waitFor(count);

describe('e-mail reminders through a real SMTP server', () => {
  it('the admin configures the SMTP server and a test letter arrives', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/api/settings/smtp',
      cookie: admin,
      body: { host: '127.0.0.1', port, secure: false, from: 'Отдел образования <roo@district.example.ru>' },
    });
    expect(put.statusCode).toBe(200);
    const test = await t.request({
      method: 'POST',
      url: '/api/settings/smtp/test',
      cookie: admin,
      body: { to: 'admin@district.example.ru' },
    });
    expect(test.statusCode).toBe(200);
    const mail = await waitForMail(1);
    expect(mail[0].to).toEqual(['admin@district.example.ru']);
  });

  it('nothing is sent before the reminder window', async () => {
    const report = await runReminders({ db: t.database.db, today: '2025-10-01' });
    expect(report.sent).toEqual([]);
  });

  it('a set number of days before the deadline, the responsible person gets one e-mail and a notification', async () => {
    const report = await runReminders({ db: t.database.db, today: '2025-10-07' });
    expect(report.sent.map((r) => [r.organizationId, r.kind, r.recipients, r.error])).toEqual([
      [ids.a, 'before_deadline', ['director.a@school.example.ru'], null],
      [ids.b, 'before_deadline', [], 'нет адреса электронной почты у ответственного'],
    ]);
    const mail = await waitForMail(2);
    const letter = mail[1];
    expect(letter.to).toEqual(['director.a@school.example.ru']);
    const { subject, text } = await read(letter.raw);
    expect(subject).toBe('Напоминание: срок сдачи формы мониторинга — 10.10.2025');
    expect(text).toContain('Школа А: форма мониторинга');
    // Idempotent: running again the same or the next day sends nothing more.
    expect((await runReminders({ db: t.database.db, today: '2025-10-08' })).sent).toEqual([]);
    const head = await t.login('heada', 'reminder-pass-1');
    const notes = (await t.request({ method: 'GET', url: '/api/notifications', cookie: head })).json();
    expect(notes.unread).toBe(1);
    expect(notes.items[0].title).toBe('Напоминание: срок сдачи формы мониторинга — 10.10.2025');
  });

  it('the day after the deadline, a second letter says it has passed; a sent form gets none', async () => {
    const head = await t.login('headb', 'reminder-pass-1');
    const url = `/api/campaigns/${ids.campaign}/organizations/${ids.b}/submission`;
    t.app.config.fixedToday = '2025-10-09';
    await t.request({
      method: 'PUT',
      url,
      cookie: head,
      body: {
        values: { deficit_plan: true },
        isRegistryConfirmed: true,
        version: null,
      },
    });
    expect(
      (await t.request({ method: 'POST', url: `${url}/submit`, cookie: head, body: { version: 1 } }))
        .statusCode,
    ).toBe(200);
    const report = await runReminders({ db: t.database.db, today: '2025-10-11' });
    expect(report.sent.map((r) => [r.organizationId, r.kind])).toEqual([[ids.a, 'after_deadline']]);
    const mail = await waitForMail(3);
    expect((await read(mail[2].raw)).subject).toBe('Срок сдачи формы мониторинга истёк 10.10.2025');
  });
});

/** The subject and text of a received message, parsed as a mail client would. */
async function read(raw: string) {
  const mail = await simpleParser(raw);
  return { subject: mail.subject ?? '', text: mail.text ?? '' };
}
