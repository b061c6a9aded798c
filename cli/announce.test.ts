import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { simpleParser } from 'mailparser';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kardymovsky } from '../core/templates/kardymovsky-000.ts';
import { openDatabase } from '../server/db/client.ts';
import { campaignAnnouncements, campaignParticipants, campaigns, files } from '../server/db/schema/index.ts';
import { SMTP_KEY } from '../server/modules/notifications/mailer.ts';
import { insertProgramFromTemplate } from '../server/modules/programs/programs.repository.ts';
import { writeSetting } from '../server/modules/settings/settings.repository.ts';
import { createMunicipality, createOrganization } from '../server/seed/factories.ts';
import { startSmtpSink } from '../server/test/smtp.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import { openSending, runSending } from '../server/modules/communications/announcements.service.ts';
import { announceCommand } from './announce.ts';
import { commandHelp } from './commands.ts';
import { captureOutput } from '../server/test/cli-output.ts';

const withoutId = <T extends { id: number }>({ id: _id, ...rest }: T) => rest;

/** `pedmonitor announce` on a data folder of its own, against the test SMTP server. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-announce-cli-'));
const ROOT = path.resolve(import.meta.dirname, '..');
const ids = { campaign: 0, other: 0, file: 0 };
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  smtp = await startSmtpSink();
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    await database.migrate();
    const db = database.db;
    const m = await createMunicipality(db);
    const one = await createOrganization(db, m.id, { shortName: 'Школа № 1', email: 'school1@example.ru' });
    const two = await createOrganization(db, m.id, { shortName: 'Школа № 2' });
    const programId = await insertProgramFromTemplate(db, m.id, kardymovsky);
    const [campaign] = await db
      .insert(campaigns)
      .values({
        municipalityId: m.id,
        programId,
        title: 'Мониторинг 2025',
        year: 2025,
        initialStart: '2025-09-01',
        initialEnd: '2025-09-10',
        mainStart: '2025-09-10',
        mainEnd: '2025-11-10',
        finalStart: '2025-11-11',
        finalEnd: '2025-12-05',
        status: 'active',
      })
      .returning();
    // Another campaign, for the sending a server left running (the test of the start-up marking).
    const [other] = await db
      .insert(campaigns)
      .values({ ...withoutId(campaign), title: 'Мониторинг 2026', year: 2026 })
      .returning();
    ids.other = other.id;
    await db.insert(campaignParticipants).values([
      { campaignId: campaign.id, organizationId: one.id },
      { campaignId: campaign.id, organizationId: two.id },
    ]);
    await writeSetting(db, SMTP_KEY, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Отдел образования <roo@district.example.ru>',
    });
    // What a command killed mid-sending leaves: a row still «running», 1 of 2 done.
    const [file] = await db
      .insert(files)
      .values({ municipalityId: m.id, name: 'a.docx', mimeType: 'x', size: 1, content: Buffer.from('x') })
      .returning();
    await db.insert(campaignAnnouncements).values({
      campaignId: campaign.id,
      fileId: file.id,
      sentByName: 'Командная строка',
      status: 'running',
      done: 1,
      total: 2,
    });
    ids.campaign = campaign.id;
    ids.file = file.id;
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(() => {
  smtp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (flags: Record<string, string | boolean>) =>
  captureOutput(() => announceCommand.run({ data: dataDir, ...flags }, []));

describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor announce', () => {
  it('explains itself with --help', () => {
    const help = commandHelp(announceCommand);
    expect(help).toContain('npx pedmonitor announce --campaign ID [--resend | --continue] [--url АДРЕС]');
    expect(help).toContain('--resend');
    expect(help).toContain('--continue      продолжить прерванную рассылку');
  });

  it('sends the letter with progress, after marking the sending a killed command left', async () => {
    await expect(run({ campaign: String(ids.campaign) })).rejects.toThrow(
      /^Рассылка письма \d\d\.\d\d\.\d{4} \(Командная строка\) прервана: разослано 1 из 2\. Чтобы письмо получили только те, кому оно не ушло, продолжите рассылку; чтобы разослать его ещё раз всем, подтвердите повторную рассылку\. Команда: добавьте --continue или --resend\.$/,
    );
    const { printed, progress } = await run({
      campaign: String(ids.campaign),
      resend: true,
      url: 'https://pm.example.ru/',
    });
    expect(progress).toContain('организаций 2…');
    expect(progress).toContain('  1/2 Школа № 1');
    expect(progress).toContain('  2/2 Школа № 2');
    expect(printed).toBe(
      'Письмо разослано: 2 организации (уведомление в системе). По электронной почте — 1 организация. ' +
        'Без письма: Школа № 2 — не известен адрес электронной почты организации и её руководителя.\n',
    );
    const mail = await smtp.waitFor(1);
    expect(mail.map((m) => m.to)).toEqual([['school1@example.ru']]);
    expect((await simpleParser(mail[0].raw)).text).toContain(
      `Форма мониторинга: https://pm.example.ru/campaigns/${ids.campaign}/organizations/`,
    );

    const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
    try {
      const rows = await database.db
        .select({ status: campaignAnnouncements.status, error: campaignAnnouncements.error })
        .from(campaignAnnouncements)
        .orderBy(campaignAnnouncements.id);
      expect(rows).toEqual([
        { status: 'failed', error: 'Рассылка прервана перезапуском сервера: разослано 1 из 2' },
        { status: 'done', error: null },
      ]);
    } finally {
      await database.close();
    }
  });

  it('asks for --resend before sending again, and names a missing campaign', async () => {
    await expect(run({ campaign: String(ids.campaign) })).rejects.toThrow(
      /^Письмо уже разослано \d\d\.\d\d\.\d{4} \(Командная строка, 2 организации\)\..* Команда: добавьте --resend\.$/,
    );
    await expect(run({})).rejects.toThrow('Укажите мониторинг: --campaign ID');
    const { printed } = await run({ campaign: String(ids.campaign), resend: true });
    expect(printed).toMatch(/^Письмо разослано: 2 организации/);
    expect(await smtp.waitFor(2)).toHaveLength(2);
  });

  it('continues a cut-off sending with --continue: only the organizations it did not reach', async () => {
    const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
    const before = smtp.received.length;
    try {
      const opened = await openSending({
        db: database.db,
        actor: { user: systemAdmin('cli'), requestId: 'cli' },
        campaignId: ids.campaign,
        appUrl: 'https://pm.example.ru',
        confirmResend: true,
      });
      // The command is killed right after Школа № 1's letter.
      await expect(
        runSending(opened, () => {
          throw new Error('killed');
        }),
      ).rejects.toThrow('killed');
    } finally {
      await database.close();
    }
    expect(await smtp.waitFor(before + 1)).toHaveLength(before + 1);
    await expect(run({ campaign: String(ids.campaign), continue: true, resend: true })).rejects.toThrow(
      'Укажите одно: --resend (разослать всем ещё раз) или --continue (продолжить прерванную рассылку).',
    );
    const { printed, progress } = await run({ campaign: String(ids.campaign), continue: true });
    expect(progress).toContain('Продолжение рассылки письма «');
    expect(progress).toContain('»: разослано 1, осталось организаций 1…');
    expect(progress).toContain('  2/2 Школа № 2');
    expect(progress).not.toContain('Школа № 1');
    expect(printed).toBe(
      'Письмо разослано: 2 организации (уведомление в системе). По электронной почте — 1 организация. ' +
        'Без письма: Школа № 2 — не известен адрес электронной почты организации и её руководителя.\n',
    );
    // Школа № 1 got its letter once: the continuation wrote to nobody else with an address.
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['school1@example.ru']]);
    await expect(run({ campaign: String(ids.campaign), continue: true })).rejects.toThrow(
      /^Последняя рассылка письма \(\d\d\.\d\d\.\d{4}, Командная строка\) не прерывалась: продолжать нечего\.$/,
    );
  });

  it('refuses a data folder a running server holds', async () => {
    // The lock file as a server writes it, naming a live process that is not this one.
    const lock = path.join(dataDir, 'pedmonitor.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.ppid, role: 'server', port: 3000, startedAt: new Date().toISOString() }),
    );
    try {
      await expect(run({ campaign: String(ids.campaign), resend: true })).rejects.toThrow(
        /держит запущенный сервер pedmonitor: разошлите письмо на странице мониторинга/,
      );
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it('the server marks at its start a sending the previous process left running', async () => {
    const open = () => openDatabase({ dataDir, lockOwner: { role: 'cli' } });
    let database = await open();
    const [left] = await database.db
      .insert(campaignAnnouncements)
      .values({
        campaignId: ids.other,
        fileId: ids.file,
        sentByName: 'Командная строка',
        status: 'running',
        done: 1,
        total: 2,
      })
      .returning();
    await database.close();
    const port = 4100 + Math.floor(Math.random() * 800);
    const server = spawn(
      'node',
      [path.join(ROOT, 'bin/pedmonitor.js'), 'serve', '--port', String(port), '--data', dataDir],
      { env: { ...process.env, DATABASE_URL: '' }, stdio: 'pipe' },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 90_000);
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('pedmonitor работает')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    database = await open();
    try {
      const [row] = await database.db
        .select({ status: campaignAnnouncements.status, error: campaignAnnouncements.error })
        .from(campaignAnnouncements)
        .where(eq(campaignAnnouncements.id, left.id));
      expect(row).toEqual({
        status: 'failed',
        error: 'Рассылка прервана перезапуском сервера: разослано 1 из 2',
      });
    } finally {
      await database.close();
    }
  }, 120_000);
});
