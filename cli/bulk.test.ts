import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';
import { organizations } from '../server/db/schema/index.ts';
import { captureOutput } from '../server/test/cli-output.ts';
import { commandHelp } from './commands.ts';
import { municipalityCreateCommand, organizationsImportCommand, regionCreateCommand } from './bulk.ts';

/** `region create`, `municipality create` and `organizations import` on a data folder of their own. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-bulk-cli-'));

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(
  command: typeof regionCreateCommand,
  flags: Record<string, string>,
  positionals: string[] = [],
) {
  return (await captureOutput(() => command.run({ data: dataDir, ...flags }, positionals))).printed;
}

async function organizationNames() {
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    return (await database.db.select().from(organizations)).map(
      (o) => `${o.shortName}/${o.kind}/${o.isLowResults}`,
    );
  } finally {
    await database.close();
  }
}

describe.skipIf(Boolean(process.env.DATABASE_URL))('bulk set-up from the command line', () => {
  it('explains each command with --help', () => {
    expect(commandHelp(regionCreateCommand)).toContain('region create --name НАЗВАНИЕ [--code КОД]');
    expect(commandHelp(municipalityCreateCommand)).toContain('--department НАЗВАНИЕ');
    expect(commandHelp(organizationsImportCommand)).toContain(
      'Полное наименование; Краткое наименование; Тип',
    );
  });

  it('creates a region and a municipality in it, naming bad parameters', async () => {
    expect(await run(regionCreateCommand, { name: 'Смоленская область', code: '67' })).toBe(
      'Создан регион № 1 «Смоленская область».\n',
    );
    await expect(run(regionCreateCommand, { name: 'Смоленская область' })).rejects.toThrow(
      'Регион «Смоленская область» уже есть (№ 1).',
    );
    await expect(
      run(municipalityCreateCommand, { region: '7', name: 'Район', department: 'Отдел' }),
    ).rejects.toThrow('Параметр --region: региона № 7 нет.');
    await expect(run(municipalityCreateCommand, { region: '1', name: 'Кардымовский район' })).rejects.toThrow(
      'Параметр --department',
    );
    expect(
      await run(municipalityCreateCommand, {
        region: '1',
        name: 'Кардымовский район',
        department: 'Отдел образования Администрации МО «Кардымовский район»',
      }),
    ).toBe('Создан муниципалитет № 1 «Кардымовский район» (Смоленская область).\n');
  });

  it('imports organizations from CSV all or nothing, with errors naming row and column', async () => {
    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      'Полное наименование;Краткое наименование;Тип;ИНН;ШНОР\n' +
        'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»;МБОУ СШ № 1;общеобразовательная;;да\n' +
        'Детский сад «Ромашка»;Д/с Ромашка;ясли;12;нет\n' +
        'Школа два;МБОУ СШ № 1;школа;;может быть\n',
    );
    await expect(run(organizationsImportCommand, { municipality: '1' }, [bad])).rejects.toThrow(
      [
        'Организации не добавлены (4 ош.):',
        'Строка 3, колонка «Тип»: «ясли» — укажите общеобразовательная, дошкольная или дополнительного образования.',
        'Строка 3, колонка «ИНН»: ИНН организации: 10 цифр.',
        'Строка 4, колонка «ШНОР»: ожидается «да» или «нет», получено «может быть».',
        'Строка 4, колонка «Краткое наименование»: «МБОУ СШ № 1» уже есть в строке 2.',
      ].join('\n'),
    );
    expect(await organizationNames()).toEqual([]);
    const good = path.join(dataDir, 'good.csv');
    writeFileSync(
      good,
      'Полное наименование,Краткое наименование,Тип,Сайт,ШНОР\n' +
        '"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",МБОУ СШ № 1,общеобразовательная,https://school1.example.ru,да\n' +
        'Детский сад «Ромашка»,Д/с Ромашка,дошкольная,,нет\n',
    );
    expect(await run(organizationsImportCommand, { municipality: '1' }, [good])).toBe(
      'Добавлено организаций в «Кардымовский район»: 2.\n',
    );
    expect((await organizationNames()).sort()).toEqual([
      'Д/с Ромашка/preschool/false',
      'МБОУ СШ № 1/school/true',
    ]);
    await expect(run(organizationsImportCommand, { municipality: '1' }, [good])).rejects.toThrow(
      'Краткое наименование «МБОУ СШ № 1»: такая организация в муниципалитете уже есть.',
    );
  });
});
