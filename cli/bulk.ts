import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { ORGANIZATION_KINDS } from '../core/enums.ts';
import { municipalities, regions } from '../server/db/schema/index.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin, systemActor } from '../server/modules/auth/access.ts';
import { recordAudit } from '../server/modules/audit/audit.repository.ts';
import { decodeCsv, detectSeparator, parseCsv } from '../server/modules/exchange/workbook/csv.ts';
import { createMunicipality } from '../server/modules/municipalities/municipalities.service.ts';
import {
  insertOrganization,
  isShortNameTaken,
} from '../server/modules/organizations/organizations.repository.ts';
import { CreateOrganizationInput } from '../server/modules/organizations/organizations.schema.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase } from './context.ts';
import { print } from './output.ts';

/** Bulk set-up from the command line: a region, a municipality, organizations from a CSV list. */

const cliActor = { ...systemActor, user: systemAdmin('cli') };

const text = (flags: Record<string, unknown>, name: string) =>
  typeof flags[name] === 'string' && (flags[name] as string).trim()
    ? (flags[name] as string).trim()
    : undefined;

export const regionCreateCommand: Command = {
  name: 'region create',
  usage: 'region create --name НАЗВАНИЕ [--code КОД]',
  summary: 'создать регион (субъект РФ); печатает его номер',
  help: 'Параметры:\n  --name НАЗВАНИЕ   название региона, например «Смоленская область»\n  --code КОД       код субъекта (необязательно), например 67',
  options: { name: { type: 'string' }, code: { type: 'string' } },
  async run(flags) {
    const name = text(flags, 'name');
    if (!name || name.length < 3)
      throw new AppError('bad_request', 'Параметр --name: укажите название региона (не короче 3 символов).');
    await withDatabase(flags, async (database) => {
      const taken = await database.db.select().from(regions).where(eq(regions.name, name));
      if (taken.length) throw new AppError('conflict', `Регион «${name}» уже есть (№ ${taken[0].id}).`);
      const [region] = await database.db
        .insert(regions)
        .values({ name, code: text(flags, 'code') ?? null })
        .returning();
      print(`Создан регион № ${region.id} «${region.name}».`);
    });
  },
};

export const municipalityCreateCommand: Command = {
  name: 'municipality create',
  usage: 'municipality create --region ID --name НАЗВАНИЕ --department НАЗВАНИЕ',
  summary: 'создать муниципалитет с его органом управления образованием; печатает его номер',
  help:
    'Параметры:\n  --region ID            номер региона (pedmonitor region create)\n' +
    '  --name НАЗВАНИЕ        муниципальное образование, например «Кардымовский район»\n' +
    '  --department НАЗВАНИЕ  отдел / управление образования, например «Отдел образования Администрации …»',
  options: { region: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' } },
  async run(flags) {
    const regionId = intFlag(flags, 'region');
    if (!regionId) throw new AppError('bad_request', 'Параметр --region: укажите номер региона.');
    const name = text(flags, 'name');
    const departmentName = text(flags, 'department');
    if (!name || name.length < 3)
      throw new AppError(
        'bad_request',
        'Параметр --name: укажите название муниципалитета (не короче 3 символов).',
      );
    if (!departmentName || departmentName.length < 3)
      throw new AppError(
        'bad_request',
        'Параметр --department: укажите наименование органа управления образованием.',
      );
    await withDatabase(flags, async (database) => {
      const [region] = await database.db.select().from(regions).where(eq(regions.id, regionId));
      if (!region) throw new AppError('bad_request', `Параметр --region: региона № ${regionId} нет.`);
      const created = await createMunicipality({
        db: database.db,
        actor: cliActor,
        input: {
          regionId,
          name,
          departmentName,
          departmentAddress: null,
          departmentPhone: null,
          departmentEmail: null,
          departmentRequisites: null,
          headName: null,
          headPosition: null,
        },
      });
      print(`Создан муниципалитет № ${created.id} «${created.name}» (${region.name}).`);
    });
  },
};

/** The columns of the organizations list (docs/exchange-format.md), by their Russian headers. */
const COLUMNS = {
  name: 'Полное наименование',
  shortName: 'Краткое наименование',
  kind: 'Тип',
  inn: 'ИНН',
  address: 'Адрес',
  headName: 'Руководитель',
  phone: 'Телефон',
  email: 'E-mail',
  website: 'Сайт',
  isLowResults: 'ШНОР',
  isHardSocialConditions: 'ШССУ',
} as const;
const REQUIRED: (keyof typeof COLUMNS)[] = ['name', 'shortName', 'kind'];

const KIND_WORDS: Record<string, (typeof ORGANIZATION_KINDS)[number]> = {
  school: 'school',
  preschool: 'preschool',
  additional: 'additional',
  общеобразовательная: 'school',
  школа: 'school',
  дошкольная: 'preschool',
  'детский сад': 'preschool',
  'дополнительного образования': 'additional',
  'доп. образования': 'additional',
};

/** Reads the list, checking every row; throws all the errors at once (the file is all or nothing). */
export function readOrganizationsCsv(buffer: Buffer, municipalityId: number) {
  const { text: content } = decodeCsv(buffer);
  const records = parseCsv(content, detectSeparator(content), 10_000);
  if (!records.length)
    throw new AppError('bad_request', 'Файл пуст: нужна строка заголовков и строки организаций.');
  const header = records[0].cells.map((c) => c.trim().toLowerCase());
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, title]) => [key, header.indexOf(title.toLowerCase())]),
  ) as Record<keyof typeof COLUMNS, number>;
  const missing = REQUIRED.filter((k) => index[k] < 0).map((k) => `«${COLUMNS[k]}»`);
  if (missing.length)
    throw new AppError(
      'bad_request',
      `В строке заголовков нет ${missing.length > 1 ? 'колонок' : 'колонки'} ${missing.join(', ')}.`,
    );
  const errors: string[] = [];
  const rows: CreateOrganizationInput[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cell = (k: keyof typeof COLUMNS) => (index[k] >= 0 ? (record.cells[index[k]] ?? '').trim() : '');
    const where = (k: keyof typeof COLUMNS) => `Строка ${record.line}, колонка «${COLUMNS[k]}»`;
    const flag = (k: 'isLowResults' | 'isHardSocialConditions') => {
      const v = cell(k).toLowerCase();
      if (['', 'нет', '0', 'false'].includes(v)) return false;
      if (['да', '1', 'true'].includes(v)) return true;
      errors.push(`${where(k)}: ожидается «да» или «нет», получено «${cell(k)}».`);
      return false;
    };
    const kindText = cell('kind').toLowerCase();
    const kind = KIND_WORDS[kindText] ?? Object.entries(KIND_WORDS).find(([w]) => kindText.includes(w))?.[1];
    if (!kind)
      errors.push(
        `${where('kind')}: «${cell('kind')}» — укажите общеобразовательная, дошкольная или дополнительного образования.`,
      );
    const parsed = CreateOrganizationInput.safeParse({
      municipalityId,
      name: cell('name'),
      shortName: cell('shortName'),
      kind: kind ?? 'school',
      inn: cell('inn') || null,
      address: cell('address') || null,
      headName: cell('headName') || null,
      phone: cell('phone') || null,
      email: cell('email') || null,
      website: cell('website') || null,
      isLowResults: flag('isLowResults'),
      isHardSocialConditions: flag('isHardSocialConditions'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof typeof COLUMNS;
        errors.push(`${COLUMNS[key] ? where(key) : `Строка ${record.line}`}: ${issue.message}.`);
      }
      continue;
    }
    const earlier = seen.get(parsed.data.shortName.toLowerCase());
    if (earlier)
      errors.push(`${where('shortName')}: «${parsed.data.shortName}» уже есть в строке ${earlier}.`);
    seen.set(parsed.data.shortName.toLowerCase(), record.line);
    rows.push(parsed.data);
  }
  return { rows, errors };
}

export const organizationsImportCommand: Command = {
  name: 'organizations import',
  usage: 'organizations import --municipality ID ФАЙЛ.csv',
  summary: 'добавить организации муниципалитета из списка CSV (всё или ничего)',
  help:
    'Колонки (строка заголовков, разделитель «;» или «,», UTF-8 или Windows-1251) — см. docs/exchange-format.md:\n' +
    `  ${Object.values(COLUMNS).join('; ')}\n` +
    'Обязательны «Полное наименование», «Краткое наименование» и «Тип» (общеобразовательная / дошкольная /\n' +
    'дополнительного образования); ШНОР и ШССУ — «да» или «нет». При любой ошибке не добавляется ничего.',
  options: { municipality: { type: 'string' } },
  async run(flags, positionals) {
    const municipalityId = intFlag(flags, 'municipality');
    if (!municipalityId)
      throw new AppError('bad_request', 'Параметр --municipality: укажите номер муниципалитета.');
    const [file] = positionals;
    if (!file)
      throw new AppError(
        'bad_request',
        'Укажите файл: npx pedmonitor organizations import --municipality ID ФАЙЛ.csv',
      );
    let buffer: Buffer;
    try {
      buffer = readFileSync(file);
    } catch {
      throw new AppError('bad_request', `Файл «${file}» не прочитан: проверьте путь.`);
    }
    const { rows, errors } = readOrganizationsCsv(buffer, municipalityId);
    await withDatabase(flags, async (database) => {
      const db = database.db;
      const [municipality] = await db
        .select()
        .from(municipalities)
        .where(eq(municipalities.id, municipalityId));
      if (!municipality)
        throw new AppError('bad_request', `Параметр --municipality: муниципалитета № ${municipalityId} нет.`);
      for (const row of rows)
        if (await isShortNameTaken(db, municipalityId, row.shortName))
          errors.push(
            `Краткое наименование «${row.shortName}»: такая организация в муниципалитете уже есть.`,
          );
      if (errors.length)
        throw new AppError(
          'validation_failed',
          `Организации не добавлены (${errors.length} ош.):\n${errors.join('\n')}`,
        );
      await db.transaction(async (tx) => {
        for (const row of rows) {
          const id = await insertOrganization(tx, row);
          await recordAudit(tx, cliActor, {
            action: 'create',
            entity: 'organization',
            entityId: id,
            municipalityId,
            organizationId: id,
            summary: `Создана организация «${row.shortName}» (импорт списка)`,
          });
        }
      });
      print(`Добавлено организаций в «${municipality.name}»: ${rows.length}.`);
    });
  },
};
