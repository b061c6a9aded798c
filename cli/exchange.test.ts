import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-cli-exchange-'));
const dataDir = path.join(work, 'data');
const NEW_EMAIL = 'cli.obmen@school1.example';

/** Runs the real `pedmonitor` command on a data folder of its own (always the embedded database). */
const pedmonitor = (...args: string[]) => pedmonitorWith({}, ...args);

async function pedmonitorWith(env: Record<string, string>, ...args: string[]) {
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
          PEDMONITOR_TODAY: '2026-03-02',
          TZ: 'UTC',
          ...env,
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

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

async function readBook(file: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** The exported workbook of school 1 with some cells of the first teacher row set. */
async function editedCopy(name: string, cells: Record<string, ExcelJS.CellValue>) {
  const book = await readBook(exported);
  const sheet = book.getWorksheet('Педагоги')!;
  for (const [header, value] of Object.entries(cells))
    sheet.getRow(2).getCell(columnOf(sheet, header)).value = value;
  const file = path.join(work, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** The e-mail of the first teacher row in a fresh export: what the database holds now. */
async function currentEmail() {
  const file = path.join(work, `check-${Date.now()}.xlsx`);
  const result = await pedmonitor('export', '--organization', String(school1), file);
  expect(result.code, result.stderr).toBe(0);
  const sheet = (await readBook(file)).getWorksheet('Педагоги')!;
  return sheet.getRow(2).getCell(columnOf(sheet, 'Электронная почта')).value;
}

let school1 = 0;
let exported = '';

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const seeded = await pedmonitor('seed', '--seed', '3');
  expect(seeded.code, seeded.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The command always uses the embedded database here; on PostgreSQL the same services are covered by the module tests.
describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor export and import', () => {
  it('export --all writes one workbook per organization into a folder, or into one .zip archive', async () => {
    const folder = path.join(work, 'all');
    const result = await pedmonitor('export', '--all', folder);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Выгружено: 25 книг → ${folder}`);
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(25);
    for (const f of files) expect(f).toMatch(/^\d{2} Сведения .+ 02\.03\.2026\.xlsx$/);
    const own = files.find((f) => f.includes(' МБОУ СОШ № 1 '))!;
    school1 = Number(own.slice(0, 2));

    const archive = path.join(work, 'книги.zip');
    const zipped = await pedmonitor('export', '--all', archive, '--template');
    expect(zipped.code, zipped.stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(archive));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(25);
    expect(names[0]).toMatch(/^\d{2} Шаблон /);
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await zip.file(names[0])!.async('nodebuffer')) as never);
    expect(template.getWorksheet('Педагоги')!.actualRowCount).toBe(1);
  }, 180_000);

  it('export --organization writes the workbook to a file, or under its own name into a folder', async () => {
    exported = path.join(work, 'школа.xlsx');
    const result = await pedmonitor('export', '--organization', String(school1), exported);
    expect(result.code, result.stderr).toBe(0);
    const book = await readBook(exported);
    expect(book.worksheets.map((s) => s.name)).toContain('Педагоги');
    expect(book.getWorksheet('Педагоги')!.actualRowCount).toBeGreaterThan(5);

    const into = await pedmonitor('export', '--organization', String(school1), work);
    expect(into.stdout).toContain(path.join(work, 'Сведения МБОУ СОШ № 1 02.03.2026.xlsx'));
  }, 60_000);

  it('a dry run prints the counts per sheet and writes nothing', async () => {
    const before = await currentEmail();
    const file = await editedCopy('почта.xlsx', { 'Электронная почта': NEW_EMAIL });
    const result = await pedmonitor(
      'import',
      file,
      '--organization',
      String(school1),
      '--dry-run',
      '--verbose',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Файл «почта.xlsx» (книга Excel) → МБОУ СОШ № 1 (ID ${school1})`);
    expect(result.stdout).toMatch(/^Педагоги\s+0\s+1\s+0\s+\d+$/m);
    expect(result.stdout).toMatch(/^Вакансии\s+0\s+0\s+0\s+\d+$/m);
    expect(result.stdout).toContain('Всего: добавится 0, изменится 1, удалится 0');
    expect(result.stdout).toContain(`Электронная почта: «${String(before ?? '')}» → «${NEW_EMAIL}»`);
    expect(result.stdout).toContain('Проверка без записи (--dry-run): ошибок нет, ничего не записано.');
    expect(await currentEmail()).toBe(before);
  }, 120_000);

  it('a file with errors lists each with sheet, row and column, exits with 1 and writes nothing', async () => {
    const before = await currentEmail();
    const file = await editedCopy('ошибки.xlsx', {
      'Электронная почта': NEW_EMAIL,
      'Дата рождения': '31.02.1985',
      Пол: 'средний',
    });
    const result = await pedmonitor('import', file, '--organization', String(school1));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Ошибки (2):');
    expect(result.stdout).toContain(
      'Лист «Педагоги», строка 2, столбец «Дата рождения»: некорректная дата (нужна дата в формате дд.мм.гггг)',
    );
    expect(result.stdout).toMatch(/Лист «Педагоги», строка 2, столбец «Пол»: допустимые значения — /);
    expect(result.stdout).toContain('Ничего не записано: в файле 2 ошибки.');
    expect(await currentEmail()).toBe(before);
  }, 120_000);

  it('without --dry-run applies the file in one transaction; the same file again changes nothing', async () => {
    const file = await editedCopy('почта.xlsx', { 'Электронная почта': NEW_EMAIL });
    const applied = await pedmonitor('import', file, '--organization', String(school1));
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Применено одной транзакцией: добавлено 0, изменено 1, удалено 0.');
    expect(await currentEmail()).toBe(NEW_EMAIL);
    const again = await pedmonitor('import', file, '--organization', String(school1));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Файл совпадает с данными организации: записывать нечего.');
  }, 120_000);

  it('reads a CSV sheet in Windows-1251 and names its encoding', async () => {
    const csv = iconv.encode(
      'Месяц;Должность;Предмет;Количество вакансий\r\n01.2026;учитель физики;физика;2\r\n',
      'win1251',
    );
    const file = path.join(work, 'вакансии.csv');
    writeFileSync(file, csv);
    const result = await pedmonitor('import', file, '--organization', String(school1), '--dry-run');
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('(лист CSV, кодировка windows-1251)');
    expect(result.stdout).toMatch(/^Вакансии\s+1\s+0\s+\d+\s+\d+$/m);
    expect(result.stdout).toContain('Листов нет в файле, эти сведения не изменятся: «Педагоги»');
  }, 60_000);

  it('refuses a ZIP bomb and random bytes with the limits of the server, writing nothing', async () => {
    const before = await currentEmail();
    const parts = unzipSync(readFileSync(exported));
    const bomb = path.join(work, 'бомба.xlsx');
    writeFileSync(bomb, zipSync({ ...parts, 'xl/media/hidden.bin': new Uint8Array(3 * 1024 * 1024) }));
    const limited = { PEDMONITOR_UNZIPPED_ENTRY_MAX_MB: '2' };
    const refused = await pedmonitorWith(limited, 'import', bomb, '--organization', String(school1));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'Ошибка: Файл слишком велик после распаковки: часть «xl/media/hidden.bin» занимает 3 МБ (допускается до 2 МБ).',
    );
    const noise = path.join(work, 'шум.xlsx');
    writeFileSync(noise, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const unreadable = await pedmonitor('import', noise, '--organization', String(school1));
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('Ошибка: Файл не читается как книга Excel (.xlsx)');
    expect(unreadable.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(await currentEmail()).toBe(before);
  }, 120_000);

  it('explains bad arguments in Russian', async () => {
    const noOrganization = await pedmonitor('import', exported);
    expect(noOrganization.code).toBe(2);
    expect(noOrganization.stderr).toContain('Укажите организацию: --organization ID');
    const noFile = await pedmonitor('import', path.join(work, 'нет.xlsx'), '--organization', '1');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain(`Файл «${path.join(work, 'нет.xlsx')}» не найден.`);
    const both = await pedmonitor('export', '--all', '--organization', '1', work);
    expect(both.stderr).toContain('Укажите либо --organization ID, либо --all, но не оба.');
    const missing = await pedmonitor('export', '--organization', '9999', path.join(work, 'x.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Организация не найден(а).');
  }, 60_000);
});
