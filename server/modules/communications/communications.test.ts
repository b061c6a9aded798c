import { simpleParser } from 'mailparser';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, campaignAnnouncements, users } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { systemAdmin } from '../auth/access.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { startSmtpSink } from '../../test/smtp.ts';
import { runReminders } from '../notifications/reminders.ts';
import { failInterruptedSendings, openSending, runSending } from './announcements.service.ts';
import { documentXmlOf } from '../../test/report-docx.ts';

/** A start may be held while it makes the letter (the DOCX), to see what a delete meanwhile does. */
const letterGate = vi.hoisted(() => ({
  held: null as null | { reached: () => void; wait: Promise<void> },
}));
vi.mock('../documents/announcement.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../documents/announcement.ts')>();
  return {
    ...actual,
    buildAnnouncementDocx: async (...args: Parameters<typeof actual.buildAnnouncementDocx>) => {
      const held = letterGate.held;
      letterGate.held = null;
      if (held) {
        held.reached();
        await held.wait;
      }
      return actual.buildAnnouncementDocx(...args);
    },
  };
});

/**
 * Campaign communications through the API and a real SMTP server in its own process: the announcement
 * letter sent to the heads (in the application and by e-mail with the DOCX) in the background with its
 * progress (the SMTP server held, then let go, letter by letter), its record and re-sending,
 * who downloads it; instructions and files beside the form; per-indicator due dates and their reminders.
 */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const PASSWORD = 'communications-pass-1';
const cookies: Record<string, string> = {};
const ids = { m: 0, a: 0, b: 0, c: 0, outside: 0, campaign: 0, otherCampaign: 0 };

const login = async (name: string) => (cookies[name] ??= await t.login(name, PASSWORD));
const call = async (
  who: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) => t.request({ method, url, cookie: await login(who), body });

type Sending = {
  id: number;
  status: string;
  done: number;
  total: number;
  recipients: { organizationName: string }[];
};
/** A campaign of its own for a test, with schools A and B taking part. */
const campaignOfTwoSchools = async (year: number) =>
  campaignFromTemplate(t, await login('coord'), {
    municipalityId: ids.m,
    year,
    campaign: { organizationIds: [ids.a, ids.b] },
  });
const sendings = async (campaignId = ids.campaign): Promise<Sending[]> =>
  (await call('coord', 'GET', `/api/campaigns/${campaignId}/announcements`)).json();

/** Polls the list of sendings (as the page does) until the latest one meets `until`. */
async function latestSending(until: (s: Sending) => boolean, campaignId = ids.campaign) {
  for (let i = 0; i < 200; i++) {
    const [latest] = await sendings(campaignId);
    if (latest && until(latest)) return latest;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the sending did not get there: ${JSON.stringify((await sendings(campaignId))[0])}`);
}
const finished = (campaignId = ids.campaign) => latestSending((s) => s.status !== 'running', campaignId);

/** What the page polls while a sending runs (GET …/announcements/:sendingId/progress). */
const progressOf = (sendingId: number, campaignId = ids.campaign) =>
  call('coord', 'GET', `/api/campaigns/${campaignId}/announcements/${sendingId}/progress`);
/** The progress answer of the three-organization sending, to compare the 60-organization one with. */
let smallProgress = '';
/** The audit entries of a sending: who wrote them and what they say. */
const auditOf = async (sendingId: number) =>
  (
    await t.database.db
      .select({ userLogin: auditLog.userLogin, action: auditLog.action, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'campaign_announcement'), eq(auditLog.entityId, String(sendingId))))
      .orderBy(auditLog.id)
  ).map((e) => [e.userLogin, e.action, e.summary]);

function multipart(name: string, content: Buffer, type = 'application/octet-stream') {
  return Buffer.concat([
    Buffer.from(
      `--X\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from('\r\n--X--\r\n'),
  ]);
}
const upload = async (who: string, url: string, name: string, content: Buffer) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await login(who), 'content-type': 'multipart/form-data; boundary=X' },
    payload: multipart(name, content),
  });

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ fixedToday: '2025-09-15' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'Школа А', email: 'school.a@example.ru' });
  const b = await createOrganization(db, m.id, { shortName: 'Школа Б' });
  const c = await createOrganization(db, m.id, { shortName: 'Школа В' });
  const outside = await createOrganization(db, m.id, { shortName: 'Школа вне мониторинга' });
  Object.assign(ids, { m: m.id, a: a.id, b: b.id, c: c.id, outside: outside.id });
  await createUser(db, { login: 'root', password: PASSWORD, grants: [{ role: 'admin' }] });
  await createUser(db, {
    login: 'coord',
    fullName: 'Петрова Анна Ивановна',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  await createUser(db, {
    login: 'coord2',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: other.id }],
  });
  const headA = await createUser(db, {
    login: 'heada',
    password: PASSWORD,
    grants: [{ role: 'org_manager', municipalityId: m.id, organizationId: a.id }],
  });
  await db.update(users).set({ email: 'Director.A@example.ru' }).where(eq(users.id, headA.id));
  const headB = await createUser(db, {
    login: 'headb',
    password: PASSWORD,
    grants: [{ role: 'org_manager', municipalityId: m.id, organizationId: b.id }],
  });
  await db.update(users).set({ email: 'director.b@example.ru' }).where(eq(users.id, headB.id));
  await createUser(db, {
    login: 'headc',
    password: PASSWORD,
    grants: [{ role: 'org_manager', municipalityId: m.id, organizationId: c.id }],
  });
  await createUser(db, {
    login: 'headout',
    password: PASSWORD,
    grants: [{ role: 'org_manager', municipalityId: m.id, organizationId: outside.id }],
  });
  ({ campaignId: ids.campaign } = await campaignFromTemplate(t, await login('coord'), {
    municipalityId: m.id,
    year: 2025,
    campaign: {
      organizationIds: [a.id, b.id, c.id],
      reminderDaysBefore: 3,
      dates: {
        initialStart: '2025-09-01',
        initialEnd: '2025-09-10',
        mainStart: '2025-09-10',
        mainEnd: '2025-11-10',
        finalStart: '2025-11-11',
        finalEnd: '2025-12-05',
      },
    },
  }));
  const put = await call('root', 'PUT', '/api/settings/smtp', {
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'Отдел образования <roo@district.example.ru>',
  });
  expect(put.statusCode, put.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
  smtp?.stop();
});

describe('sending the announcement letter', () => {
  it('starts at once and goes on in the background, its progress growing organization by organization', async () => {
    // A slow mail server: no letter is answered until the test says so.
    smtp.hold();
    const started = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {});
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({
      status: 'running',
      statusLabel: 'идёт рассылка',
      done: 0,
      total: 3,
      organizations: 0,
      finishedAt: null,
      message: 'Идёт рассылка письма: разослано 0 из 3.',
    });
    expect(smtp.received).toHaveLength(0);

    // One sending at a time per campaign, even with the resending confirmed.
    const second = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {
      confirmResend: true,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe(
      'Рассылка письма по этому мониторингу уже идёт: разослано 0 из 3. Дождитесь её окончания.',
    );

    // Школа А's letter is answered: its row is written, the next letter waits.
    await smtp.step();
    const progress = await latestSending((s) => s.done > 0);
    expect(progress).toMatchObject({ id: started.json().id, status: 'running', done: 1, total: 3 });
    expect(progress.recipients.map((r) => r.organizationName)).toEqual(['Школа А']);
    // The page polls the progress alone: no recipient rows, only how far it got.
    const polled = await progressOf(started.json().id);
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json()).toEqual({
      id: started.json().id,
      status: 'running',
      statusLabel: 'идёт рассылка',
      done: 1,
      total: 3,
      error: null,
      finishedAt: null,
      organizations: 1,
      emailed: 1,
      failed: 0,
      message: 'Идёт рассылка письма: разослано 1 из 3.',
    });
    smallProgress = polled.body;

    smtp.release();
    const body = await finished();
    expect(body).toMatchObject({
      status: 'done',
      statusLabel: 'разослано',
      done: 3,
      total: 3,
      sentByName: 'Петрова Анна Ивановна',
      organizations: 3,
      emailed: 2,
      error: null,
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(body).toHaveProperty('failures', [
      {
        organizationId: ids.c,
        organizationName: 'Школа В',
        error: 'не известен адрес электронной почты организации и её руководителя',
      },
    ]);
    expect(body).toHaveProperty(
      'message',
      'Письмо разослано: 3 организации (уведомление в системе). По электронной почте — 2 организации. Без письма: Школа В — не известен адрес электронной почты организации и её руководителя.',
    );
    const mail = await smtp.waitFor(2);
    expect(mail).toHaveLength(2);
    const byRecipients = new Map(mail.map((m) => [[...m.to].sort().join(','), m]));
    // The organization's own address and its head's account, lower-cased, in one letter; no other school's.
    const letterA = byRecipients.get('director.a@example.ru,school.a@example.ru');
    expect(letterA, [...byRecipients.keys()].join(' | ')).toBeDefined();
    expect(byRecipients.get('director.b@example.ru')).toBeDefined();
    const parsed = await simpleParser(letterA!.raw);
    expect(parsed.subject).toMatch(/^Информационное письмо: О проведении мониторинга «.+»$/);
    expect(parsed.text).toContain(`Школа А: Отдел образования`);
    expect(parsed.text).toContain(`/campaigns/${ids.campaign}/organizations/${ids.a}`);
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(attachment.filename).toMatch(/^Информационное письмо О проведении мониторинга.*\.docx$/);
    const xml = await documentXmlOf(attachment.content);
    expect(xml).toContain('Руководителям образовательных организаций');
    expect(xml).toContain('Школа В');

    const notes = (await call('headc', 'GET', '/api/notifications')).json();
    expect(notes.items[0]).toMatchObject({
      title: expect.stringMatching(/^Информационное письмо: О проведении мониторинга/),
      link: `/campaigns/${ids.campaign}/organizations/${ids.c}`,
    });
    expect((await call('headout', 'GET', '/api/notifications')).json().unread).toBe(0);
  });

  it('is recorded: who, when, how many, what failed', async () => {
    const list = await call('coord', 'GET', `/api/campaigns/${ids.campaign}/announcements`);
    expect(list.statusCode).toBe(200);
    const [sending] = list.json();
    expect(sending).toMatchObject({ sentByName: 'Петрова Анна Ивановна', organizations: 3, emailed: 2 });
    expect(sending.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(
      sending.recipients.map((r: { organizationName: string; emails: string[] }) => [
        r.organizationName,
        r.emails,
      ]),
    ).toEqual([
      ['Школа А', ['school.a@example.ru', 'director.a@example.ru']],
      ['Школа Б', ['director.b@example.ru']],
      ['Школа В', []],
    ]);
    expect((await call('heada', 'GET', `/api/campaigns/${ids.campaign}/announcements`)).statusCode).toBe(403);
    expect((await call('coord2', 'GET', `/api/campaigns/${ids.campaign}/announcements`)).statusCode).toBe(
      403,
    );
  });

  it('asks for confirmation before sending again, then sends a second time', async () => {
    const again = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(
      /^Письмо уже разослано \d\d\.\d\d\.\d{4} \(Петрова Анна Ивановна, 3 организации\)\. Чтобы разослать его ещё раз, подтвердите повторную рассылку\.$/,
    );
    expect(smtp.received).toHaveLength(2);
    const confirmed = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {
      confirmResend: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(202);
    expect(await finished()).toMatchObject({ status: 'done', done: 3, emailed: 2 });
    expect(await smtp.waitFor(4)).toHaveLength(4);
    expect((await call('coord', 'GET', `/api/campaigns/${ids.campaign}/announcements`)).json()).toHaveLength(
      2,
    );
  });

  it('only the department sends it', async () => {
    const body = { confirmResend: true };
    expect(
      (await call('heada', 'POST', `/api/campaigns/${ids.campaign}/announcements`, body)).statusCode,
    ).toBe(403);
    expect(
      (await call('coord2', 'POST', `/api/campaigns/${ids.campaign}/announcements`, body)).statusCode,
    ).toBe(403);
  });

  it('is downloaded by that organization’s users and the department only', async () => {
    const url = (org: number) => `/api/campaigns/${ids.campaign}/organizations/${org}/announcement`;
    const own = await call('heada', 'GET', url(ids.a));
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toContain('wordprocessingml');
    expect(own.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('coord', 'GET', url(ids.b))).statusCode).toBe(200);
    expect((await call('heada', 'GET', url(ids.b))).statusCode).toBe(403);
    expect((await call('headout', 'GET', url(ids.outside))).statusCode).toBe(404);
    expect((await call('coord2', 'GET', url(ids.a))).statusCode).toBe(403);
    // The materials beside the form say the letter is there; the stored file is not reachable by another school.
    const materials = (await call('heada', 'GET', `/api/campaigns/${ids.campaign}/materials`)).json();
    expect(materials.announcement).toMatchObject({ organizationId: ids.a });
    const fileIds = (await t.database.db.execute(
      'select file_id from campaign_announcements order by id' as never,
    )) as unknown as { rows: { file_id: number }[] };
    const fileId = fileIds.rows[0].file_id;
    expect((await call('heada', 'GET', `/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await call('headout', 'GET', `/api/files/${fileId}`)).statusCode).toBe(403);
  });
});

/** A sending of the campaign's letter opened as the `announce` command does, resent without asking. */
const openAsCommand = () =>
  openSending({
    db: t.database.db,
    actor: { user: systemAdmin('cli'), requestId: 'cli' },
    campaignId: ids.campaign,
    appUrl: 'http://pedmonitor.test',
    confirmResend: true,
  });

describe('a sending that ends failed', () => {
  it('is marked failed at the start of the server, saying how far it got; one running here is left alone', async () => {
    const db = t.database.db;
    const [first] = await db.select().from(campaignAnnouncements).limit(1);
    // What a process that stopped mid-sending leaves: the row still «running», 1 of 3 done.
    const [left] = await db
      .insert(campaignAnnouncements)
      .values({
        campaignId: ids.campaign,
        fileId: first.fileId,
        sentByName: 'Петрова Анна Ивановна',
        status: 'running',
        done: 1,
        total: 3,
      })
      .returning();
    const blocked = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {
      confirmResend: true,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toBe(
      'Рассылка письма по этому мониторингу уже идёт: разослано 1 из 3. Дождитесь её окончания.',
    );

    expect(await failInterruptedSendings(db)).toEqual([{ id: left.id, campaignId: ids.campaign }]);
    const [marked] = await sendings();
    expect(marked).toMatchObject({
      id: left.id,
      status: 'failed',
      statusLabel: 'прервана',
      error: 'Рассылка прервана перезапуском сервера: разослано 1 из 3',
      finishedAt: expect.stringMatching(/^\d{4}-/),
      message:
        'Рассылка прервана перезапуском сервера: разослано 1 из 3. Письмо разослано: 0 организаций (уведомление в системе). По электронной почте — 0 организаций.',
    });
    // The audit says it too, as the system, with how far it got.
    const { title } = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json().campaign;
    expect(await auditOf(left.id)).toEqual([
      [
        'system',
        'send',
        `Рассылка информационного письма по мониторингу «${title}» прервана перезапуском сервера: разослано 1 из 3`,
      ],
    ]);

    // It reached some organizations: sending again asks first, saying how far it got.
    const again = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(
      /^Рассылка письма \d\d\.\d\d\.\d{4} \(Петрова Анна Ивановна\) прервана: разослано 1 из 3\. Чтобы письмо получили только те, кому оно не ушло, продолжите рассылку; чтобы разослать его ещё раз всем, подтвердите повторную рассылку\.$/,
    );

    // A sending this process runs is not the previous process's: the marking leaves it going.
    smtp.hold();
    const before = smtp.received.length;
    const started = await call('coord', 'POST', `/api/campaigns/${ids.campaign}/announcements`, {
      confirmResend: true,
    });
    expect(started.statusCode, started.body).toBe(202);
    expect(await failInterruptedSendings(db)).toEqual([]);
    smtp.release();
    expect(await finished()).toMatchObject({ id: started.json().id, status: 'done', done: 3 });
    expect(await smtp.waitFor(before + 2)).toHaveLength(before + 2);
  });

  it('stops on a server error, saying how far it got, in its row and in the audit', async () => {
    const opened = await openAsCommand();
    // The third organization is gone under the job: its recipient row cannot be written.
    const participants = opened.participants.map((p, i) => (i === 2 ? { ...p, organizationId: 2e9 } : p));
    await expect(runSending({ ...opened, participants })).rejects.toThrow();
    const polled = (await progressOf(opened.announcement.id)).json();
    expect(polled).toMatchObject({
      status: 'failed',
      done: 2,
      total: 3,
      error: 'Рассылка прервана из-за ошибки сервера: разослано 2 из 3',
      message:
        'Рассылка прервана из-за ошибки сервера: разослано 2 из 3. Письмо разослано: 2 организации (уведомление в системе). По электронной почте — 2 организации.',
    });
    const { title } = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json().campaign;
    expect(await auditOf(opened.announcement.id)).toEqual([
      [
        'cli',
        'send',
        `Рассылка информационного письма по мониторингу «${title}» прервана из-за ошибки сервера: разослано 2 из 3`,
      ],
    ]);
  });

  it('is continued to the organizations it did not reach, each getting the letter once', async () => {
    smtp.hold();
    const before = smtp.received.length;
    const opened = await openAsCommand();
    // The process stops right after Школа А's letter went: Школа Б and Школа В are left.
    const cutOff = runSending(opened, () => {
      throw new Error('the process stopped');
    });
    await smtp.step();
    await expect(cutOff).rejects.toThrow('the process stopped');
    expect((await progressOf(opened.announcement.id)).json()).toMatchObject({ status: 'failed', done: 1 });

    const url = `/api/campaigns/${ids.campaign}/announcements`;
    expect((await call('heada', 'POST', url, { continue: true })).statusCode).toBe(403);
    const continued = await call('coord', 'POST', url, { continue: true });
    expect(continued.statusCode, continued.body).toBe(202);
    expect(continued.json()).toMatchObject({
      id: opened.announcement.id,
      status: 'running',
      done: 1,
      total: 3,
      organizations: 1,
      error: null,
      message: 'Идёт рассылка письма: разослано 1 из 3.',
    });
    smtp.release();
    const over = await finished();
    expect(over).toMatchObject({ id: opened.announcement.id, status: 'done', done: 3, total: 3, emailed: 2 });
    expect(over.recipients.map((r) => r.organizationName)).toEqual(['Школа А', 'Школа Б', 'Школа В']);
    // One letter to each school with an address (Школа В has none), the same DOCX as the first went with.
    const mail = (await smtp.waitFor(before + 2)).slice(before);
    expect(mail.map((m) => [...m.to].sort().join(',')).sort()).toEqual([
      'director.a@example.ru,school.a@example.ru',
      'director.b@example.ru',
    ]);
    const [first, second] = await Promise.all(mail.map((m) => simpleParser(m.raw)));
    expect(second.attachments[0].content.equals(first.attachments[0].content)).toBe(true);
    expect(second.attachments[0].content.equals(opened.docx)).toBe(true);
    const { title } = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json().campaign;
    expect((await auditOf(opened.announcement.id)).at(-1)).toEqual([
      'coord',
      'send',
      `Продолжена рассылка информационного письма по мониторингу «${title}» (ещё 2 организации), разослано: 3 организации, по почте 2, без письма 1`,
    ]);

    // Over, it has nothing to continue.
    const nothing = await call('coord', 'POST', url, { continue: true });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.message).toMatch(
      /^Последняя рассылка письма \(\d\d\.\d\d\.\d{4}, Командная строка\) не прерывалась: продолжать нечего\.$/,
    );
  });
});

describe('instructions and files beside the form', () => {
  const PDF = Buffer.from('%PDF-1.4 инструкция по заполнению');
  const ODS = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
  let pdfId = 0;

  it('the coordinator writes instructions in paragraphs and attaches allowed files', async () => {
    const view = (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json();
    const patched = await call('coord', 'PATCH', `/api/campaigns/${ids.campaign}`, {
      instructions: 'Заполните форму до срока.\n\nСведения о педагогах\nпроверьте в реестре.',
      version: view.campaign.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().campaign.instructions).toContain('Заполните форму');
    const pdf = await upload('coord', `/api/campaigns/${ids.campaign}/files`, 'Инструкция.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    pdfId = pdf.json().id;
    const ods = await upload('coord', `/api/campaigns/${ids.campaign}/files`, 'Шаблон.ods', ODS);
    expect(ods.statusCode, ods.body).toBe(201);
    expect(ods.json().mimeType).toBe('application/vnd.oasis.opendocument.spreadsheet');
  });

  it('refuses other types, a content that is not what the name says, and a school’s upload', async () => {
    const exe = await upload('coord', `/api/campaigns/${ids.campaign}/files`, 'setup.exe', PDF);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toBe('Файл мониторинга: допустимы PDF, DOCX, XLSX, ODT, JPG, PNG, ODS.');
    const fake = await upload(
      'coord',
      `/api/campaigns/${ids.campaign}/files`,
      'fake.pdf',
      Buffer.from('MZ...'),
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toBe(
      'Файл мониторинга «fake.pdf» не является файлом PDF: его содержимое не соответствует расширению.',
    );
    expect((await upload('heada', `/api/campaigns/${ids.campaign}/files`, 'a.pdf', PDF)).statusCode).toBe(
      403,
    );
  });

  it('refuses a file over the upload limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(t.config.fileLimits.uploadBytes)]);
    const res = await upload('coord', `/api/campaigns/${ids.campaign}/files`, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
  });

  it('participants read them beside their form; others do not', async () => {
    const materials = await call('headb', 'GET', `/api/campaigns/${ids.campaign}/materials`);
    expect(materials.statusCode, materials.body).toBe(200);
    expect(materials.json().paragraphs).toEqual([
      'Заполните форму до срока.',
      'Сведения о педагогах\nпроверьте в реестре.',
    ]);
    expect(materials.json().files.map((f: { name: string }) => f.name)).toEqual([
      'Инструкция.pdf',
      'Шаблон.ods',
    ]);
    const file = await call('headb', 'GET', `/api/campaigns/${ids.campaign}/files/${pdfId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload).toEqual(PDF);
    expect((await call('headb', 'GET', `/api/files/${pdfId}`)).statusCode).toBe(200);
    for (const who of ['headout', 'coord2']) {
      expect((await call(who, 'GET', `/api/campaigns/${ids.campaign}/materials`)).statusCode, who).toBe(403);
      expect((await call(who, 'GET', `/api/campaigns/${ids.campaign}/files/${pdfId}`)).statusCode, who).toBe(
        403,
      );
      expect((await call(who, 'GET', `/api/files/${pdfId}`)).statusCode, who).toBe(403);
    }
    expect((await call('headb', 'DELETE', `/api/campaigns/${ids.campaign}/files/${pdfId}`)).statusCode).toBe(
      403,
    );
  });
});

describe('due dates of indicators and their reminders', () => {
  it('lists the indicators with what the program’s «срок» suggests, and validates a rule', async () => {
    const list = await call('coord', 'GET', `/api/campaigns/${ids.campaign}/due-dates`);
    expect(list.statusCode).toBe(200);
    const row = list.json().find((r: { indicatorCode: string }) => r.indicatorCode === '1.2');
    expect(row).toMatchObject({ fieldCodes: ['deficit_plan'], rule: null });
    const unknown = await call('coord', 'PUT', `/api/campaigns/${ids.campaign}/due-dates`, {
      items: [{ indicatorCode: '9.9', rule: { kind: 'date', date: '2025-10-15' } }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe(
      'Сроки сбора, строка 1 (поле indicatorCode): показателя «9.9» нет в программе мониторинга.',
    );
    const badDay = await call('coord', 'PUT', `/api/campaigns/${ids.campaign}/due-dates`, {
      items: [{ indicatorCode: '1.2', rule: { kind: 'monthly', day: 32 } }],
    });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.message).toContain('День месяца: число от 1 до 31');
    expect(
      (
        await call('heada', 'PUT', `/api/campaigns/${ids.campaign}/due-dates`, {
          items: [{ indicatorCode: '1.2', rule: { kind: 'date', date: '2025-10-15' } }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('the form shows each field’s due date', async () => {
    const put = await call('coord', 'PUT', `/api/campaigns/${ids.campaign}/due-dates`, {
      items: [{ indicatorCode: '1.2', rule: { kind: 'date', date: '2025-10-15' } }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().find((r: { indicatorCode: string }) => r.indicatorCode === '1.2')).toMatchObject({
      rule: { kind: 'date', date: '2025-10-15' },
      label: 'до 15.10.2025',
    });
    const materials = (await call('heada', 'GET', `/api/campaigns/${ids.campaign}/materials`)).json();
    expect(materials.fieldDueDates).toEqual([
      {
        fieldCode: 'deficit_plan',
        fieldLabel:
          'В организации утверждён план работы по выявлению и устранению профессиональных дефицитов',
        dueDate: '2025-10-15',
        label: 'до 15.10.2025',
        indicatorCodes: ['1.2'],
      },
    ]);
  });

  it('the reminder job reminds of fields due soon and not filled, once per due day', async () => {
    // School А fills the field; Б and В do not.
    t.app.config.fixedToday = '2025-10-10';
    const saved = await call(
      'heada',
      'PUT',
      `/api/campaigns/${ids.campaign}/organizations/${ids.a}/submission`,
      {
        values: { deficit_plan: true },
        version: null,
      },
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const before = smtp.received.length;
    expect((await runReminders({ db: t.database.db, today: '2025-10-11' })).fields).toEqual([]);
    const report = await runReminders({ db: t.database.db, today: '2025-10-12' });
    expect(report.fields.map((r) => [r.organizationId, r.dueDate, r.fields, r.recipients, r.error])).toEqual([
      [ids.b, '2025-10-15', ['deficit_plan'], ['director.b@example.ru'], null],
      [ids.c, '2025-10-15', ['deficit_plan'], [], 'нет адреса электронной почты у ответственного'],
    ]);
    const mail = await smtp.waitFor(before + 1);
    expect(mail).toHaveLength(before + 1);
    const letter = await simpleParser(mail[before].raw);
    expect(mail[before].to).toEqual(['director.b@example.ru']);
    expect(letter.subject).toBe('Напоминание: до 15.10.2025 заполните поля формы мониторинга');
    expect(letter.text).toContain(
      '— В организации утверждён план работы по выявлению и устранению профессиональных дефицитов',
    );
    expect((await runReminders({ db: t.database.db, today: '2025-10-13' })).fields).toEqual([]);
    expect((await runReminders({ db: t.database.db, today: '2025-10-16' })).fields).toEqual([]);
    const notes = (await call('headc', 'GET', '/api/notifications')).json();
    expect(notes.items[0].title).toBe('Напоминание: до 15.10.2025 заполните поля формы мониторинга');
  });

  it('a monthly rule reminds again the next month', async () => {
    const put = await call('coord', 'PUT', `/api/campaigns/${ids.campaign}/due-dates`, {
      items: [{ indicatorCode: '1.2', rule: { kind: 'monthly', day: 10 } }],
    });
    expect(put.statusCode, put.body).toBe(200);
    const october = await runReminders({ db: t.database.db, today: '2025-10-20' });
    expect(october.fields).toEqual([]);
    const november = await runReminders({ db: t.database.db, today: '2025-11-08' });
    expect(november.fields.map((r) => [r.organizationId, r.dueDate])).toEqual([
      [ids.b, '2025-11-10'],
      [ids.c, '2025-11-10'],
    ]);
  });
});

describe('a campaign deleted by mistake', () => {
  it('takes its attached files and sent letters with it', async () => {
    const { campaignId } = await campaignFromTemplate(t, await login('coord'), {
      municipalityId: (await call('coord', 'GET', `/api/campaigns/${ids.campaign}`)).json().campaign
        .municipalityId,
      year: 2026,
      campaign: { organizationIds: [ids.a] },
    });
    const file = await upload(
      'coord',
      `/api/campaigns/${campaignId}/files`,
      'a.pdf',
      Buffer.from('%PDF-1.4 x'),
    );
    expect(file.statusCode, file.body).toBe(201);
    const nothing = await call('coord', 'POST', `/api/campaigns/${campaignId}/announcements`, {
      continue: true,
    });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.message).toBe(
      'Письмо по этому мониторингу ещё не рассылалось: продолжать нечего.',
    );
    const sent = await call('coord', 'POST', `/api/campaigns/${campaignId}/announcements`, {});
    expect(sent.statusCode, sent.body).toBe(202);
    expect(await finished(campaignId)).toMatchObject({ status: 'done', done: 1 });
    const count = async () =>
      (
        (await t.database.db.execute('select count(*)::int as n from files' as never)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0].n;
    const before = await count();
    expect((await call('coord', 'DELETE', `/api/campaigns/${campaignId}`)).statusCode).toBe(200);
    expect(await count()).toBe(before - 2);
  });
});

describe('a campaign deleted while its letter is being prepared', () => {
  it('is refused as during the sending: the start goes on and sends', async () => {
    const { campaignId } = await campaignOfTwoSchools(2028);
    // The start stops while it makes the letter's DOCX, before the sending's row is written.
    let open = () => {};
    const atLetter = new Promise<void>((reached) => {
      letterGate.held = { reached, wait: new Promise<void>((resolve) => (open = resolve)) };
    });
    const starting = call('coord', 'POST', `/api/campaigns/${campaignId}/announcements`, {});
    await atLetter;
    const deleting = call('coord', 'DELETE', `/api/campaigns/${campaignId}`);
    // The delete has the time to go through if nothing stops it (and the start's row then finds no campaign).
    await Promise.race([deleting, new Promise((r) => setTimeout(r, 300))]);
    open();
    const [started, deleted] = await Promise.all([starting, deleting]);
    expect(started.statusCode, started.body).toBe(202);
    expect(deleted.statusCode, deleted.body).toBe(409);
    expect(deleted.json().error.message).toBe(
      'Идёт рассылка информационного письма по этому мониторингу: удалить его можно после окончания рассылки.',
    );
    expect(await finished(campaignId)).toMatchObject({ status: 'done', done: 2 });
    expect((await call('coord', 'DELETE', `/api/campaigns/${campaignId}`)).statusCode).toBe(200);
  });
});

describe('a sending that had reached everyone when the server stopped', () => {
  it('is marked done at the next start, not cut off with nothing to continue', async () => {
    const db = t.database.db;
    const { campaignId } = await campaignOfTwoSchools(2030);
    const [any] = await db.select().from(campaignAnnouncements).limit(1);
    const [left] = await db
      .insert(campaignAnnouncements)
      .values({
        campaignId,
        fileId: any.fileId,
        sentByName: 'Петрова Анна Ивановна',
        status: 'running',
        done: 2,
        total: 2,
      })
      .returning();
    expect(await failInterruptedSendings(db)).toEqual([]);
    const [marked] = await sendings(campaignId);
    expect(marked).toMatchObject({ id: left.id, status: 'done', error: null });
    expect((marked as { finishedAt?: string }).finishedAt).toMatch(/^\d{4}-/);
    expect(await auditOf(left.id)).toEqual([]);
  });
});

describe('a campaign closed while a start waits for it', () => {
  it('is not announced: the start reads the campaign again under its lock', async () => {
    const { campaignId } = await campaignOfTwoSchools(2029);
    // Another transaction holds the campaign's row and closes it; the start waits for the row.
    let commit = () => {};
    const held = new Promise<void>((resolve) => (commit = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const closing = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from campaigns where id = ${campaignId} for update`);
      await tx.execute(sql`update campaigns set status = 'closed' where id = ${campaignId}`);
      locked();
      await held;
    });
    await isLocked;
    const starting = call('coord', 'POST', `/api/campaigns/${campaignId}/announcements`, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await closing;
    const started = await starting;
    expect(started.statusCode, started.body).toBe(409);
    expect(started.json().error.message).toBe(
      'Мониторинг закрыт: информационное письмо больше не рассылается.',
    );
  });
});

describe('a sending to 60 organizations', () => {
  const big = { campaign: 0, sending: 0 };

  it('is polled by its progress alone, of the same size as for three organizations', async () => {
    // 59 schools without an address go at once; the 60th waits at the held SMTP server.
    const schools = [];
    for (let i = 1; i <= 60; i++)
      schools.push(
        await createOrganization(t.database.db, ids.m, {
          shortName: `Школа выборки ${String(i).padStart(2, '0')}`,
          email: i === 60 ? 'school.60@example.ru' : null,
        }),
      );
    ({ campaignId: big.campaign } = await campaignFromTemplate(t, await login('coord'), {
      municipalityId: ids.m,
      year: 2027,
      campaign: { organizationIds: schools.map((s) => s.id) },
    }));
    smtp.hold();
    const started = await call('coord', 'POST', `/api/campaigns/${big.campaign}/announcements`, {});
    expect(started.statusCode, started.body).toBe(202);
    big.sending = started.json().id;
    let polled = await progressOf(big.sending, big.campaign);
    for (let i = 0; i < 200 && polled.json().done < 59; i++) {
      await new Promise((r) => setTimeout(r, 50));
      polled = await progressOf(big.sending, big.campaign);
    }
    expect(polled.json()).toEqual({
      id: big.sending,
      status: 'running',
      statusLabel: 'идёт рассылка',
      done: 59,
      total: 60,
      error: null,
      finishedAt: null,
      organizations: 59,
      emailed: 0,
      failed: 59,
      message: 'Идёт рассылка письма: разослано 59 из 60.',
    });
    // The list carries the 59 recipient rows; the progress is the three-organization answer but its numbers.
    const list = await call('coord', 'GET', `/api/campaigns/${big.campaign}/announcements`);
    expect(list.json()[0].recipients).toHaveLength(59);
    const shape = (body: string) => body.replace(/\d+/g, '0');
    expect(smallProgress).not.toBe('');
    expect(shape(polled.body)).toBe(shape(smallProgress));
    expect(list.body.length).toBeGreaterThan(polled.body.length * 20);

    // Only the department of the campaign polls it, and only its own campaign's sendings.
    const url = `/api/campaigns/${big.campaign}/announcements/${big.sending}/progress`;
    expect((await call('heada', 'GET', url)).statusCode).toBe(403);
    expect((await call('coord2', 'GET', url)).statusCode).toBe(403);
    expect((await progressOf(big.sending, ids.campaign)).statusCode).toBe(404);
  });

  it('keeps its campaign from being deleted until it is over', async () => {
    const refused = await call('coord', 'DELETE', `/api/campaigns/${big.campaign}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'Идёт рассылка информационного письма по этому мониторингу: удалить его можно после окончания рассылки.',
    );
    expect((await progressOf(big.sending, big.campaign)).json()).toMatchObject({ status: 'running' });

    smtp.release();
    const over = await latestSending((s) => s.status !== 'running', big.campaign);
    expect(over).toMatchObject({ id: big.sending, status: 'done', done: 60 });
    expect((await progressOf(big.sending, big.campaign)).json()).toMatchObject({
      status: 'done',
      done: 60,
      total: 60,
      organizations: 60,
      emailed: 1,
      failed: 59,
      finishedAt: expect.stringMatching(/^\d{4}-/),
      message:
        'Письмо разослано: 60 организаций (уведомление в системе). По электронной почте — 1 организация. Без письма — 59 организаций.',
    });
    expect((await call('coord', 'DELETE', `/api/campaigns/${big.campaign}`)).statusCode).toBe(200);
  });
});
