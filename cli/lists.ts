import { writeFileSync } from 'node:fs';
import { ACTION_LIST_LABEL, ACTION_LISTS, type ActionList } from '../core/action-lists.ts';
import { SPECIALIST_ROLES, specialistRole } from '../core/enums.ts';
import { RESERVE_STATUSES, reserveStatus, type ReserveStatus } from '../core/reserve/reserve.ts';
import { todayOf } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import {
  actionListWorkbook,
  buildActionList,
} from '../server/modules/registers/action-lists/action-lists.service.ts';
import { candidatesWorkbook } from '../server/modules/registers/reserve/reserve.export.ts';
import { specialistsWorkbook } from '../server/modules/registers/specialists/specialists.service.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase, type Flags } from './context.ts';
import { progress } from './output.ts';

/** The lists the department works with, written to .xlsx as the web pages download them (same services). */
const cliUser = systemAdmin('cli');

function fileArgument(positionals: string[], index: number, usage: string): string {
  const file = positionals[index];
  if (!file) throw new AppError('bad_request', `Укажите файл: npx pedmonitor ${usage}`);
  if (!file.toLowerCase().endsWith('.xlsx'))
    throw new AppError('bad_request', `Файл «${file}»: ожидается имя с расширением .xlsx.`);
  return file;
}

/** Opens the database (refused while a running server holds its folder), builds the workbook, writes it. */
async function exportTo(flags: Flags, file: string, build: Parameters<typeof withDatabase<Buffer>>[1]) {
  const content = await withDatabase(flags, build);
  writeFileSync(file, content);
  progress(`Записано в ${file}`);
}

const scopeOptions = {
  municipality: { type: 'string' },
  organization: { type: 'string' },
} as const;

const RESERVE_USAGE = 'reserve export ФАЙЛ.xlsx [--municipality ID] [--organization ID] [--status S]';
export const reserveExportCommand: Command = {
  name: 'reserve export',
  usage: RESERVE_USAGE,
  summary: 'выгрузить кадровый резерв в .xlsx (как со страницы «Кадровый резерв»)',
  help:
    'Параметры:\n' +
    '  --municipality ID   только кандидаты муниципалитета\n' +
    '  --organization ID   только кандидаты, выдвинутые организацией\n' +
    `  --status S          ${RESERVE_STATUSES.map((s) => `${s} (${reserveStatus.label[s]})`).join(', ')}`,
  options: { ...scopeOptions, status: { type: 'string' } },
  async run(flags, positionals) {
    const file = fileArgument(positionals, 0, RESERVE_USAGE);
    const status = flags.status as string | undefined;
    if (status !== undefined && !RESERVE_STATUSES.includes(status as ReserveStatus))
      throw new AppError('bad_request', `Неизвестный статус «${status}»: ${RESERVE_STATUSES.join(', ')}.`);
    await exportTo(flags, file, (database, config) =>
      candidatesWorkbook({
        db: database.db,
        user: cliUser,
        today: todayOf(config),
        query: {
          municipalityId: intFlag(flags, 'municipality'),
          organizationId: intFlag(flags, 'organization'),
          status: status as ReserveStatus | undefined,
        },
      }),
    );
  },
};

const LISTS_USAGE =
  'action-lists export СПИСОК ФАЙЛ.xlsx [--months N] [--municipality ID] [--organization ID]';
export const actionListsExportCommand: Command = {
  name: 'action-lists export',
  usage: LISTS_USAGE,
  summary: 'выгрузить список для работы отдела образования в .xlsx',
  help:
    'Списки:\n' +
    ACTION_LISTS.map((l) => `  ${l.padEnd(12)} ${ACTION_LIST_LABEL[l]}`).join('\n') +
    '\n\nПараметры:\n' +
    '  --months N          срок в месяцах (аттестация, вакансии)\n' +
    '  --municipality ID   организации муниципалитета (нужен, если не указана --organization)\n' +
    '  --organization ID   только одна организация',
  options: { ...scopeOptions, months: { type: 'string' } },
  async run(flags, positionals) {
    const list = positionals[0];
    if (!list || !ACTION_LISTS.includes(list as ActionList))
      throw new AppError(
        'bad_request',
        `${list ? `Неизвестный список «${list}»` : 'Укажите список'}: ${ACTION_LISTS.join(', ')}. Справка: npx pedmonitor action-lists export --help`,
      );
    const file = fileArgument(positionals, 1, LISTS_USAGE);
    await exportTo(flags, file, async (database, config) => {
      const result = await buildActionList({
        db: database.db,
        user: cliUser,
        list: list as ActionList,
        query: {
          municipalityId: intFlag(flags, 'municipality'),
          organizationId: intFlag(flags, 'organization'),
          months: intFlag(flags, 'months'),
        },
        today: todayOf(config),
      });
      progress(`${result.title}: ${result.rows.length} строк.`);
      return actionListWorkbook(result, todayOf(config));
    });
  },
};

const SPECIALISTS_USAGE = 'specialists export ФАЙЛ.xlsx [--municipality ID] [--role R] [--active|--inactive]';
export const specialistsExportCommand: Command = {
  name: 'specialists export',
  usage: SPECIALISTS_USAGE,
  summary: 'выгрузить реестр методической службы в .xlsx',
  help:
    'Параметры:\n' +
    '  --municipality ID   только специалисты муниципалитета\n' +
    `  --role R            ${SPECIALIST_ROLES.map((r) => `${r} (${specialistRole.label[r]})`).join(', ')}\n` +
    '  --active            только работающие; --inactive — только неработающие',
  options: {
    municipality: { type: 'string' },
    role: { type: 'string' },
    active: { type: 'boolean' },
    inactive: { type: 'boolean' },
  },
  async run(flags, positionals) {
    const file = fileArgument(positionals, 0, SPECIALISTS_USAGE);
    const role = flags.role as (typeof SPECIALIST_ROLES)[number] | undefined;
    if (role !== undefined && !SPECIALIST_ROLES.includes(role))
      throw new AppError('bad_request', `Неизвестная роль «${role}»: ${SPECIALIST_ROLES.join(', ')}.`);
    if (flags.active && flags.inactive)
      throw new AppError('bad_request', 'Укажите что-то одно: --active или --inactive.');
    await exportTo(flags, file, (database, config) =>
      specialistsWorkbook({
        db: database.db,
        user: cliUser,
        query: {
          municipalityId: intFlag(flags, 'municipality'),
          role,
          isActive: flags.active ? true : flags.inactive ? false : undefined,
        },
        today: todayOf(config),
      }),
    );
  },
};
