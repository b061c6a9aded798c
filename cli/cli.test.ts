import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHelp, COMMANDS } from './commands.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-cli-'));

/** Runs the real `pedmonitor` command on a data folder of its own (always the embedded database). */
async function pedmonitor(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      'node',
      [path.join(ROOT, 'bin/pedmonitor.js'), ...args, '--data', dataDir],
      {
        env: {
          ...process.env,
          DATABASE_URL: '',
          PEDMONITOR_DEMO_PASSWORD: 'cli-demo-password',
          PEDMONITOR_ADMIN_PASSWORD: '',
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const seeded = await pedmonitor('seed', '--seed', '3');
  expect(seeded.code, seeded.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The command always uses the embedded database here; on PostgreSQL the same services are covered by the module tests.
describe.skipIf(Boolean(process.env.DATABASE_URL))('the pedmonitor command', () => {
  it('seed refuses a database that already holds a district', async () => {
    const again = await pedmonitor('seed');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/В базе уже есть организации/);
  });

  it('compute prints the JSON array of every indicator for every organization and the municipality', async () => {
    const result = await pedmonitor('compute', '--program', '1', '--period', '2025');
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Object.keys(rows[0]).sort()).toEqual(
      [
        'denominator',
        'indicator',
        'level',
        'numerator',
        'organization',
        'organizationName',
        'unit',
        'value',
      ].sort(),
    );
    expect(rows).toHaveLength(13 * 26);
    expect(result.stderr).toMatch(
      /Отчётный период: \d\d\.\d\d\.\d{4} — \d\d\.\d\d\.\d{4}, по состоянию на \d\d\.\d\d\.\d{4}\./,
    );
    const municipal = rows.find((r) => r.indicator === '1.1' && r.organization === null)!;
    expect(municipal.unit).toBe('%');
    expect(municipal.organizationName).toBe('Муниципалитет в целом');
    expect(municipal.value).toBeCloseTo(
      ((municipal.numerator as number) / (municipal.denominator as number)) * 100,
      3,
    );
  });

  it('compute writes CSV for Russian Excel and XLSX', async () => {
    const csv = await pedmonitor('compute', '--program', '1', '--period', '2025', '--format', 'csv');
    expect(csv.stdout.startsWith('\ufeffПоказатель;ID организации;Организация;')).toBe(true);
    expect(csv.stdout).toMatch(/;\d+,\d+;/); // decimal comma
    const file = path.join(dataDir, 'results.xlsx');
    const xlsx = await pedmonitor(
      'compute',
      '--program',
      '1',
      '--period',
      '2025',
      '--format',
      'xlsx',
      '--output',
      file,
    );
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('explains bad arguments in Russian', async () => {
    const missing = await pedmonitor('compute', '--period', '2025');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Укажите программу: --program ID/);
    const unknown = await pedmonitor('compute', '--program', '1', '--period', '2025', '--format', 'pdf');
    expect(unknown.stderr).toMatch(/Неизвестный формат «pdf»/);
  });

  it('refuses to open a data folder a running server holds, and names the server', async () => {
    const port = 3900 + Math.floor(Math.random() * 90);
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
        const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('pedmonitor работает')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
      const refused = await pedmonitor('migrate');
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(
        `занята запущенным сервером pedmonitor (PID ${server.pid}, порт ${port})`,
      );
      // A workbook import neither: it would write behind the server's back.
      const importing = await pedmonitor('import', path.join(ROOT, 'package.json'), '--organization', '1');
      expect(importing.code).toBe(3);
      expect(importing.stderr).toContain('занята запущенным сервером pedmonitor');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    expect((await pedmonitor('migrate')).code).toBe(0); // released on shutdown
  });

  it('user create prints a generated password once', async () => {
    const created = await pedmonitor(
      'user',
      'create',
      '--login',
      'new.methodist',
      '--name',
      'Новикова Анна Петровна',
      '--role',
      'coordinator',
      '--municipality',
      '1',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Создан пользователь new\.methodist \(Муниципальный координатор: .+\)/);
    expect(created.stdout).toMatch(/Пароль: [A-Za-z0-9]{14}/);
    const wrong = await pedmonitor(
      'user',
      'create',
      '--login',
      'x123',
      '--name',
      'Иванов Иван',
      '--role',
      'coordinator',
    );
    expect(wrong.stderr).toMatch(/Для роли «Муниципальный координатор» укажите муниципалитет/);
    const regional = await pedmonitor(
      'user',
      'create',
      '--login',
      'region.cnppm',
      '--name',
      'Регионова Ирина Олеговна',
      '--role',
      'regional_coordinator',
      '--region',
      '1',
    );
    expect(regional.code, regional.stderr).toBe(0);
    expect(regional.stdout).toMatch(/Создан пользователь region\.cnppm \(Региональный координатор: .+\)/);
    const noRegion = await pedmonitor(
      'user',
      'create',
      '--login',
      'region.x',
      '--name',
      'Без Региона',
      '--role',
      'regional_coordinator',
    );
    expect(noRegion.stderr).toMatch(/Для роли «Региональный координатор» укажите регион/);
  });
  it('a two-word subcommand answers --help with its usage', async () => {
    const help = await pedmonitor('program', 'import', '--help');
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout.trim()).toBe(commandHelp(COMMANDS.find((c) => c.name === 'program import')!));
  });

  it('program export and import carry a program to another municipality, showing the differences first', async () => {
    const file = path.join(dataDir, 'program.json');
    const exported = await pedmonitor('program', 'export', '--program', '1', file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/выгружена в .+program\.json: \d+ критери/);
    const title = (JSON.parse(readFileSync(file, 'utf8')) as { program: { title: string } }).program.title;
    const dry = await pedmonitor('program', 'import', file, '--municipality', '1', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`Сравнение с программой «${title}» (ID 1): 0 отличий.`);
    expect(dry.stdout).toContain('Ничего не записано.');
    const loaded = await pedmonitor('program', 'import', file, '--municipality', '1');
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(new RegExp(`Загружена программа «.+ \\(2\\)» \\(ID \\d+\\)`));
    const missing = await pedmonitor('program', 'import', file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Укажите муниципалитет: --municipality ID/);
    const template = await pedmonitor(
      'program',
      'from-template',
      '--template',
      'seed-002-zhirnovsky',
      '--municipality',
      '1',
    );
    expect(template.code, template.stderr).toBe(0);
    expect(template.stdout).toMatch(
      /Программа из шаблона seed-002-zhirnovsky загружена в муниципалитет 1: ID \d+\./,
    );
  }, 300_000);
});
