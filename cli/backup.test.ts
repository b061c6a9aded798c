import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';
import { files, municipalities } from '../server/db/schema/index.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { snapshotDatabase } from '../server/test/compare.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const folder = mkdtempSync(path.join(os.tmpdir(), 'pm-cli-backup-'));
const dataDir = path.join(folder, 'data');
const env = { ...process.env, DATABASE_URL: '', PEDMONITOR_ADMIN_PASSWORD: 'cli-admin-password' };

async function pedmonitor(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [path.join(ROOT, 'bin/pedmonitor.js'), ...args], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function snapshotOf(dir: string) {
  const database = await openDatabase({ dataDir: dir, lockOwner: { role: 'test' } });
  try {
    return await snapshotDatabase(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ dataDir, lockOwner: { role: 'test' } });
  await database.migrate();
  await seedDemo({ db: database.db, seed: 3, today: '2025-11-01', password: 'cli-demo' });
  const [municipality] = await database.db.select({ id: municipalities.id }).from(municipalities).limit(1);
  const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
  await database.db.insert(files).values({
    municipalityId: municipality.id,
    name: 'Протокол.pdf',
    mimeType: 'application/pdf',
    size: content.length,
    content,
  });
  await database.close();
}, 600_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// The command on the embedded database; on PostgreSQL the same code is covered by server/db/backup.test.ts.
describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor backup and restore', () => {
  it('answers --help for both commands', async () => {
    const backup = await pedmonitor('backup', '--help');
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Использование: npx pedmonitor backup ФАЙЛ/);
    expect(backup.stdout).toMatch(/даже если сервер работает/);
    const restore = await pedmonitor('restore', '--help');
    expect(restore.stdout).toMatch(/Использование: npx pedmonitor restore ФАЙЛ/);
    expect(restore.stdout).toMatch(/в пустую папку/);
    expect((await pedmonitor('help')).stdout).toMatch(/backup ФАЙЛ\s+резервная копия/);
  }, 300_000);

  it('backs up a folder a running server holds through the server, and restores it into a new folder', async () => {
    const file = path.join(folder, 'while-serving.pmbackup');
    const port = 3990 + Math.floor(Math.random() * 9);
    const server = spawn(
      'node',
      [path.join(ROOT, 'bin/pedmonitor.js'), 'serve', '--port', String(port), '--data', dataDir],
      // A «today» long before the demo's deadlines: the server's reminders write nothing after the backup.
      { env: { ...env, PEDMONITOR_TODAY: '2000-01-01' }, stdio: 'pipe' },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 300_000);
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('pedmonitor работает')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // Only the owner of the data folder reaches the server's control socket.
      expect(statSync(path.join(dataDir, 'pedmonitor.sock')).mode & 0o777).toBe(0o600);
      // Restoring into the folder of the running server is refused like any other command.
      const locked = await pedmonitor('restore', path.join(ROOT, 'package.json'), '--data', dataDir);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain('занята запущенным сервером pedmonitor');
      const backup = await pedmonitor('backup', file, '--data', dataDir);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stderr).toContain('Папку данных держит запущенный сервер: копию делает сервер');
      expect(backup.stderr).toMatch(/таблица 1 из \d+: /);
      expect(backup.stdout).toMatch(
        /Резервная копия записана: .*while-serving\.pmbackup \([\d,]+ [КМ]Б; \d+ таблиц/,
      );
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    const target = path.join(folder, 'restored');
    const restored = await pedmonitor('restore', file, '--data', target);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toMatch(/таблица \d+ из \d+: files \(1 строка\)/);
    expect(restored.stdout).toMatch(/Копия восстановлена: \d+ таблиц[аы]?, [\d\s]+ строк/);
    const [before, after] = [await snapshotOf(dataDir), await snapshotOf(target)];
    expect(after.tables).toEqual(before.tables);
    for (const table of before.tables) expect(after.rows[table], table).toEqual(before.rows[table]);
    expect(after.files[0].content.equals(before.files[0].content)).toBe(true);

    const again = await pedmonitor('restore', file, '--data', target);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^Ошибка: База данных .*restored не пуста \(в таблице «.+» есть записи\)/m);
  }, 600_000);

  it('backs up a folder no server holds by opening it, and refuses what is not a backup', async () => {
    const file = path.join(folder, 'offline.pmbackup');
    const offline = await pedmonitor('backup', file, '--data', dataDir);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toContain(`Резервная копия базы в папке ${dataDir}`);
    const exists = await pedmonitor('backup', file, '--data', dataDir);
    expect(exists.stderr).toMatch(/offline\.pmbackup уже существует/);
    const notBackup = path.join(folder, 'notes.txt');
    writeFileSync(notBackup, 'просто текст');
    const refused = await pedmonitor('restore', notBackup, '--data', path.join(folder, 'empty'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/notes\.txt не является резервной копией pedmonitor/);
    expect((await pedmonitor('restore', '--data', dataDir)).stderr).toMatch(/Укажите файл копии/);
  }, 600_000);
});
