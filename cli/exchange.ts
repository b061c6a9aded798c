import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { countOf } from '../core/format.ts';
import { todayOf } from '../server/config.ts';
import type { Db } from '../server/db/client.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin, type Actor } from '../server/modules/auth/access.ts';
import { findOrganizationsOfMunicipality } from '../server/modules/exchange/exchange.repository.ts';
import type { ImportPreviewOutput } from '../server/modules/exchange/exchange.schema.ts';
import {
  cancelImport,
  confirmImport,
  exportWorkbook,
  previewImport,
} from '../server/modules/exchange/exchange.service.ts';
import type { ImportError } from '../server/modules/exchange/plan/types.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase, type Flags } from './context.ts';
import { print, progress } from './output.ts';

/** The command line acts as a system administrator, recorded in the audit log as «cli». */
const cliActor: Actor = { user: systemAdmin('cli'), requestId: 'cli' };

const ERROR_FORMS = ['ошибка', 'ошибки', 'ошибок'] as const;
const WORKBOOK_FORMS = ['книга', 'книги', 'книг'] as const;

function organizationFlag(flags: Flags, example: string): number {
  const id = intFlag(flags, 'organization');
  if (!id || id < 1)
    throw new AppError(
      'bad_request',
      `Укажите организацию: --organization ID, например ${example} (ID — в адресе карточки организации).`,
    );
  return id;
}

function readInput(file: string | undefined): { buffer: Buffer; fileName: string } {
  if (!file)
    throw new AppError(
      'bad_request',
      'Укажите файл: npx pedmonitor import ФАЙЛ.xlsx --organization ID [--dry-run]',
    );
  if (!existsSync(file) || !statSync(file).isFile())
    throw new AppError('not_found', `Файл «${file}» не найден.`);
  return { buffer: readFileSync(file), fileName: path.basename(file) };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The preview as a table of sheets, then the changes (with --verbose) and every error. */
function printPreview(preview: ImportPreviewOutput, errors: ImportError[], isVerbose: boolean) {
  const format =
    preview.format === 'xlsx' ? 'книга Excel' : `лист CSV, кодировка ${preview.encoding ?? 'не определена'}`;
  print(
    `Файл «${preview.fileName}» (${format}) → ${preview.organizationName} (ID ${preview.organizationId})`,
  );
  print('');
  const present = preview.sheets.filter((s) => s.isPresent);
  const width = Math.max(4, ...present.map((s) => s.sheet.length));
  print(`${'Лист'.padEnd(width)}  добавится  изменится  удалится  без изменений`);
  for (const s of present) {
    const c = s.counts;
    print(
      `${s.sheet.padEnd(width)}  ${pad(c.added, 9)}  ${pad(c.changed, 9)}  ${pad(c.removed, 8)}  ${pad(c.unchanged, 13)}`,
    );
  }
  const absent = preview.sheets.filter((s) => !s.isPresent);
  if (absent.length && present.length)
    print(`Листов нет в файле, эти сведения не изменятся: ${absent.map((s) => `«${s.sheet}»`).join(', ')}.`);
  const t = preview.totals;
  print(
    `Всего: добавится ${t.added}, изменится ${t.changed}, удалится ${t.removed}, без изменений ${t.unchanged}.`,
  );
  if (isVerbose) {
    for (const s of present) {
      const items = [
        ...s.added.map((i) => ({ ...i, sign: '+' })),
        ...s.changed.map((i) => ({ ...i, sign: '~' })),
        ...s.removed.map((i) => ({ ...i, sign: '−' })),
      ];
      if (!items.length) continue;
      print('');
      print(`«${s.sheet}»:`);
      for (const i of items) {
        print(`  ${i.sign} ${i.row ? `строка ${i.row}: ` : ''}${i.label}${i.note ? ` (${i.note})` : ''}`);
        for (const f of i.fields ?? []) print(`      ${f.column}: «${f.before}» → «${f.after}»`);
      }
      if (s.isTruncated) print('  … (показаны первые записи каждого вида; числа в таблице полные)');
    }
  }
  if (errors.length) {
    print('');
    print(`Ошибки (${errors.length}):`);
    for (const e of errors) print(`  ${e.message}`);
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import ФАЙЛ --organization ID [--dry-run] [--verbose]',
  summary: 'загрузить книгу (.xlsx) или лист CSV организации: проверка, затем одна транзакция',
  options: {
    organization: { type: 'string' },
    'dry-run': { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  async run(flags, positionals) {
    const organizationId = organizationFlag(flags, '--organization 3');
    const file = readInput(positionals[0]);
    const isDryRun = Boolean(flags['dry-run']);
    await withDatabase(flags, async (database, config) => {
      await database.migrate();
      const { stored, preview } = await previewImport({
        db: database.db,
        actor: cliActor,
        organizationId,
        file,
        today: todayOf(config),
        limits: config.fileLimits,
      });
      printPreview(preview, stored.plan.errors, Boolean(flags.verbose));
      print('');
      const errorCount = stored.plan.errors.length;
      const hasChanges = preview.totals.added + preview.totals.changed + preview.totals.removed > 0;
      if (errorCount || isDryRun || !hasChanges) {
        cancelImport({ actor: cliActor, importId: stored.id });
        if (errorCount) {
          print(
            `Ничего не записано: в файле ${countOf(errorCount, ERROR_FORMS)}. Исправьте их и запустите команду снова.`,
          );
          process.exitCode = 1;
        } else if (isDryRun) print('Проверка без записи (--dry-run): ошибок нет, ничего не записано.');
        else print('Файл совпадает с данными организации: записывать нечего.');
        return;
      }
      const result = await confirmImport({ db: database.db, actor: cliActor, importId: stored.id });
      print(
        `Применено одной транзакцией: добавлено ${result.added}, изменено ${result.changed}, удалено ${result.removed}.`,
      );
    });
  },
};

function writeFile(target: string, buffer: Buffer) {
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  writeFileSync(target, buffer);
}

async function exportAll(
  db: Db,
  options: { target: string; municipalityId: number | null; today: string; isTemplate: boolean },
) {
  const list = await findOrganizationsOfMunicipality(db, options.municipalityId);
  if (!list.length) throw new AppError('not_found', 'Организаций не найдено.');
  const isZip = options.target.toLowerCase().endsWith('.zip');
  if (!isZip) mkdirSync(options.target, { recursive: true });
  const zip = new JSZip();
  const width = String(list[list.length - 1].id).length;
  for (const organization of list) {
    const file = await exportWorkbook({
      db,
      actor: cliActor,
      organizationId: organization.id,
      isTemplate: options.isTemplate,
      today: options.today,
    });
    // The ID first: short names repeat across municipalities, and the files sort by it.
    const name = `${String(organization.id).padStart(width, '0')} ${file.fileName}`;
    if (isZip) zip.file(name, file.buffer);
    else writeFileSync(path.join(options.target, name), file.buffer);
    progress(`  ${name}`);
  }
  if (isZip)
    writeFile(options.target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return list.length;
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export --organization ID ФАЙЛ | --all ПАПКА|АРХИВ.zip [--municipality ID] [--template]',
  summary: 'выгрузить книгу Excel организации или всех организаций (по книге на организацию)',
  options: {
    organization: { type: 'string' },
    all: { type: 'boolean' },
    municipality: { type: 'string' },
    template: { type: 'boolean' },
  },
  async run(flags, positionals) {
    const target = positionals[0];
    const isAll = Boolean(flags.all);
    const isTemplate = Boolean(flags.template);
    if (isAll && flags.organization !== undefined)
      throw new AppError('bad_request', 'Укажите либо --organization ID, либо --all, но не оба.');
    if (!isAll && flags.municipality !== undefined)
      throw new AppError('bad_request', 'Параметр --municipality действует только вместе с --all.');
    if (!target)
      throw new AppError(
        'bad_request',
        isAll
          ? 'Укажите папку или архив: npx pedmonitor export --all ПАПКА (или АРХИВ.zip)'
          : 'Укажите файл: npx pedmonitor export --organization ID ФАЙЛ.xlsx',
      );
    const organizationId = isAll ? null : organizationFlag(flags, '--organization 3');
    await withDatabase(flags, async (database, config) => {
      await database.migrate();
      const today = todayOf(config);
      if (organizationId === null) {
        const count = await exportAll(database.db, {
          target,
          municipalityId: intFlag(flags, 'municipality') ?? null,
          today,
          isTemplate,
        });
        print(`Выгружено: ${countOf(count, WORKBOOK_FORMS)} → ${target}`);
        return;
      }
      const file = await exportWorkbook({
        db: database.db,
        actor: cliActor,
        organizationId,
        isTemplate,
        today,
      });
      // An existing folder receives the file under the name the web download would have.
      const output =
        existsSync(target) && statSync(target).isDirectory() ? path.join(target, file.fileName) : target;
      writeFile(output, file.buffer);
      print(`Выгружено: ${output}`);
    });
  },
};
