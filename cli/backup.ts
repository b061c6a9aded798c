import { existsSync } from 'node:fs';
import path from 'node:path';
import { countOf, formatNumber } from '../core/format.ts';
import { createBackup, restoreBackup, type BackupProgress, type BackupSummary } from '../server/db/backup.ts';
import { isHeldByServer } from '../server/db/lock.ts';
import { requestServerBackup } from '../server/db/control.ts';
import { AppError } from '../server/errors.ts';
import type { Command } from './commands.ts';
import { configFromFlags, withDatabase, type Flags } from './context.ts';
import { print, progress } from './output.ts';

const ROW_FORMS = ['строка', 'строки', 'строк'] as const;
const TABLE_FORMS = ['таблица', 'таблицы', 'таблиц'] as const;
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 1)} КБ` : `${formatNumber(bytes / 1024 / 1024, 1)} МБ`;

const showProgress: BackupProgress = (p) =>
  progress(`  таблица ${p.done} из ${p.total}: ${p.table} (${countOf(p.rows, ROW_FORMS)})`);

const totalRows = (tables: { rows: number }[]) => tables.reduce((n, t) => n + t.rows, 0);

function fileArgument(positionals: string[], usage: string): string {
  const [file, ...extra] = positionals;
  if (!file) throw new AppError('bad_request', `Укажите файл копии: npx pedmonitor ${usage}`);
  if (extra.length)
    throw new AppError(
      'bad_request',
      `Лишние параметры: ${extra.join(' ')}. Использование: npx pedmonitor ${usage}`,
    );
  return path.resolve(file);
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup ФАЙЛ',
  summary: 'резервная копия всей базы и файлов, в том числе при работающем сервере',
  help: `Записывает в ФАЙЛ согласованную копию всей базы данных (все таблицы и все загруженные файлы) —
один снимок на момент начала, даже если сервер работает. Формат один для встроенной базы и PostgreSQL.

Если папку встроенной базы держит запущенный сервер, копию делает сервер по запросу команды
(через <папка данных>/pedmonitor.sock); иначе команда открывает базу сама.
Существующий файл не перезаписывается.

Пример: npx pedmonitor backup /var/backups/pedmonitor-2026-12-01.pmbackup --data /srv/pedmonitor/data`,
  options: {},
  async run(flags, positionals) {
    const file = fileArgument(positionals, 'backup ФАЙЛ');
    const config = configFromFlags(flags);
    let summary: BackupSummary;
    if (!config.databaseUrl && isHeldByServer(config.dataDir)) {
      progress(`Папку данных держит запущенный сервер: копию делает сервер (${config.dataDir}).`);
      summary = await requestServerBackup({ dataDir: config.dataDir, file, onProgress: showProgress });
    } else {
      summary = await withDatabase(flags, (database) => {
        progress(
          `Резервная копия базы ${database.kind === 'pglite' ? `в папке ${database.location}` : `PostgreSQL ${database.location}`}…`,
        );
        return createBackup({ database, file, onProgress: showProgress });
      });
    }
    print(
      `Резервная копия записана: ${summary.file} (${size(summary.bytes)}; ${countOf(summary.tables.length, TABLE_FORMS)}, ` +
        `${countOf(totalRows(summary.tables), ROW_FORMS)}; схема базы «${summary.migration.tag}»).`,
    );
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore ФАЙЛ',
  summary: 'восстановить резервную копию в пустую папку данных или пустую базу PostgreSQL',
  help: `Восстанавливает копию, сделанную командой backup (или ежедневную копию сервера), в пустую папку
встроенной базы (--data) или в пустую базу PostgreSQL (DATABASE_URL). Копия встроенной базы
восстанавливается и в PostgreSQL, и наоборот. Сервер на этой папке должен быть остановлен.

Контрольные суммы каждой таблицы проверяются; повреждённая копия не записывается (база остаётся
пустой). База с данными, чужой файл и копия более новой версии pedmonitor не принимаются.
После восстановления применяются миграции, если копия сделана более старой версией.

Пример: npx pedmonitor restore /var/backups/pedmonitor-2026-12-01.pmbackup --data /srv/pedmonitor/data-new`,
  options: {},
  async run(flags: Flags, positionals) {
    const file = fileArgument(positionals, 'restore ФАЙЛ');
    if (!existsSync(file)) throw new AppError('not_found', `Файл ${file} не найден.`);
    await withDatabase(flags, async (database) => {
      progress(
        `Восстановление копии ${file} в ${database.kind === 'pglite' ? `папку ${database.location}` : `PostgreSQL ${database.location}`}…`,
      );
      const restored = await restoreBackup({ database, file, onProgress: showProgress });
      print(
        `Копия восстановлена: ${countOf(restored.tables.length, TABLE_FORMS)}, ${countOf(totalRows(restored.tables), ROW_FORMS)} ` +
          `(сделана ${restored.header.createdAt}, pedmonitor ${restored.header.appVersion}).`,
      );
    });
  },
};
