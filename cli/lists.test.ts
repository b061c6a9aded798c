import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-lists-'));

/** The real `pedmonitor` command on a demo district of its own (always the embedded database). */
async function pedmonitor(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      'node',
      [path.join(ROOT, 'bin/pedmonitor.js'), ...args, '--data', dataDir],
      {
        env: { ...process.env, DATABASE_URL: '', PEDMONITOR_DEMO_PASSWORD: 'lists-demo-password' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function sheetRows(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return (workbook.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const seeded = await pedmonitor('seed', '--seed', '3');
  expect(seeded.code, seeded.stderr).toBe(0);
  expect(seeded.stdout).toMatch(
    /kurator\s+\(пароль из PEDMONITOR_DEMO_PASSWORD\)\s+— специалист методической службы/,
  );
}, 300_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(Boolean(process.env.DATABASE_URL))(
  'pedmonitor reserve / action-lists / specialists export',
  () => {
    it('each command explains itself with --help and is listed in the help', async () => {
      const help = await pedmonitor('help');
      for (const name of ['reserve export', 'action-lists export', 'specialists export'])
        expect(help.stdout).toContain(name);
      const lists = await pedmonitor('action-lists', 'export', '--help');
      expect(lists.code).toBe(0);
      expect(lists.stdout).toContain('pension      Педагоги пенсионного возраста');
      const reserve = await pedmonitor('reserve', 'export', '--help');
      expect(reserve.stdout).toContain('--status S          reserve (в резерве)');
      expect((await pedmonitor('specialists', 'export', '--help')).stdout).toContain(
        'cnppm_curator (куратор ЦНППМ)',
      );
    }, 240_000);

    it('writes the register of the methodical service as the list page does', async () => {
      const file = path.join(dataDir, 'specialists.xlsx');
      const result = await pedmonitor('specialists', 'export', file, '--active');
      expect(result.code, result.stderr).toBe(0);
      const rows = await sheetRows(file);
      expect(rows[0]).toEqual(['Специалисты методической службы']);
      const header = rows.findIndex((r) => r[0] === 'ФИО');
      const people = rows.slice(header + 1);
      expect(people).toHaveLength(6); // the seventh of the demo does not work any more
      expect(people.find((r) => r[0] === 'Степанова Ольга Викторовна')).toEqual(
        expect.arrayContaining(['куратор ЦНППМ', 'ЦНППМ', 'да', 'kurator']),
      );
    });

    it('writes the reserve and a list to act on; refuses a bad list or file name in Russian', async () => {
      const reserve = path.join(dataDir, 'reserve.xlsx');
      expect((await pedmonitor('reserve', 'export', reserve, '--status', 'reserve')).code).toBe(0);
      const rows = await sheetRows(reserve);
      expect(rows[0]).toEqual(['Кадровый резерв']);
      expect(String(rows[1][0])).toMatch(/^Сформировано \d\d\.\d\d\.\d{4}$/);
      expect(rows[2].slice(0, 3)).toEqual(['ФИО', 'Должность резерва', 'Статус']);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.slice(3).every((r) => r[2] === 'в резерве')).toBe(true);

      const pension = path.join(dataDir, 'pension.xlsx');
      const list = await pedmonitor('action-lists', 'export', 'pension', pension, '--municipality', '1');
      expect(list.code, list.stderr).toBe(0);
      expect((await sheetRows(pension))[0]).toEqual(['Педагоги пенсионного возраста']);

      const bad = await pedmonitor('action-lists', 'export', 'everyone', pension);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Неизвестный список «everyone»');
      const noFile = await pedmonitor('reserve', 'export', 'reserve.csv');
      expect(noFile.stderr).toContain('ожидается имя с расширением .xlsx');
    }, 240_000);

    it('does not open a data folder a running server holds', async () => {
      const port = 3343;
      const server = spawn(
        'node',
        [path.join(ROOT, 'bin/pedmonitor.js'), 'serve', '--port', String(port), '--data', dataDir],
        {
          env: { ...process.env, DATABASE_URL: '' },
          stdio: 'pipe',
        },
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
        const refused = await pedmonitor('specialists', 'export', path.join(dataDir, 'x.xlsx'));
        expect(refused.code).toBe(3);
        expect(refused.stderr).toContain('занята запущенным сервером pedmonitor');
      } finally {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.once('exit', resolve));
      }
    }, 120_000);
  },
);
