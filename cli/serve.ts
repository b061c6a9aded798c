import { scheduleMaintenance } from '../server/db/maintenance.ts';
import { scheduleBackups } from '../server/db/backup-schedule.ts';
import { startControlChannel } from '../server/db/control.ts';
import { ORGANIZATION_FORMS, TEACHER_FORMS, countOf } from '../core/format.ts';
import { buildApp } from '../server/app.ts';
import { prepareDatabase } from '../server/bootstrap.ts';
import { openDatabase } from '../server/db/client.ts';
import type { Command } from './commands.ts';
import { configFromFlags, type Flags } from './context.ts';
import { warmRunningCampaigns } from '../server/modules/campaigns/kept-results.ts';
import { print, printAccounts, printAdmin, progress } from './output.ts';
import { ensureWebBuilt } from './web-build.ts';
import { todayOf } from '../server/config.ts';
import { scheduleReminders } from '../server/modules/notifications/reminders.ts';
import { failInterruptedSendings } from '../server/modules/communications/announcements.service.ts';
import { failInterruptedWebsiteChecks } from '../server/modules/websites/websites.service.ts';
import type { Db } from '../server/db/client.ts';

/**
 * Background work (letter sendings, website checks) lives in the process that started it: what the
 * previous process left «running» is over, and is marked failed with how far it got, so its page stops
 * polling and a new one may start. Work started since the listen, in this process, is left alone.
 */
async function failInterruptedWork(db: Db, log: (message: string) => void) {
  const sendings = await failInterruptedSendings(db);
  const runs = await failInterruptedWebsiteChecks(db);
  if (sendings.length)
    log(`Рассылки письма, прерванные перезапуском: ${sendings.map((s) => `№ ${s.id}`).join(', ')}`);
  if (runs.length)
    log(`Проверки сайтов, прерванные перезапуском: ${runs.map((r) => `№ ${r.id}`).join(', ')}`);
}

const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

async function serve(flags: Flags, seedIfEmpty: boolean) {
  const config = configFromFlags(flags);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    lockOwner: { role: 'server', port: config.port },
  });
  const prepared = await prepareDatabase({ database, config, seedIfEmpty, onProgress: progress });
  const app = await buildApp({ database, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  let control: { close(): Promise<void> } | undefined;
  const shutdown = async () => {
    await control?.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  scheduleMaintenance(database, (m) => app.log.warn(m));
  await failInterruptedWork(database.db, (m) => app.log.warn(m)).catch((e: unknown) =>
    app.log.warn(
      `Прерванные рассылки и проверки сайтов не отмечены: ${e instanceof Error ? e.message : String(e)}`,
    ),
  );
  warmRunningCampaigns(database.db).catch((e: unknown) =>
    app.log.warn(
      `Значения идущих мониторингов не подготовлены заранее: ${e instanceof Error ? e.message : String(e)}`,
    ),
  );
  // The embedded database serves this process only: `pedmonitor backup` asks the server through a socket.
  if (database.kind === 'pglite')
    control = await startControlChannel({
      database,
      dataDir: config.dataDir,
      log: (m) => app.log.warn(m),
    }).catch((e: unknown) => {
      app.log.warn(`Канал управления не открыт: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
  if (config.backupDir)
    scheduleBackups({
      database,
      dir: config.backupDir,
      keep: config.backupKeep,
      log: (m) => app.log.warn(m),
    });
  scheduleReminders({
    db: database.db,
    today: () => todayOf(config),
    baseUrl: url,
    log: (m) => app.log.warn(m),
  });
  print('');
  print(`pedmonitor работает: ${url}`);
  print(
    `База данных: ${database.kind === 'pglite' ? `встроенная (PGlite), папка ${database.location}` : `PostgreSQL ${database.location}`}`,
  );
  print(`Документация API: ${url}/api/docs`);
  if (config.backupDir)
    print(`Ежедневные резервные копии: ${config.backupDir} (хранятся последние ${config.backupKeep})`);
  printAdmin(prepared.admin);
  if (prepared.demo) {
    print('');
    print(
      `Создан демонстрационный район: ${countOf(prepared.demo.organizations, ORGANIZATION_FORMS)}, ${countOf(prepared.demo.teachers, TEACHER_FORMS)}.`,
    );
    if (prepared.region)
      print(
        `Муниципалитеты демонстрационного региона «${prepared.region.regionName}»: ${prepared.region.municipalities.map((m) => `${m.name} (${countOf(m.organizations, ORGANIZATION_FORMS)}, ${countOf(m.teachers, TEACHER_FORMS)})`).join(', ')}.`,
      );
    printAccounts(prepared.demo.accounts, Boolean(config.demoPassword));
  }
  if (!prepared.admin) {
    print('');
    print('Вход: учётная запись администратора, созданная при первом запуске.');
    print('Забыли пароль? Остановите сервер и выполните: npx pedmonitor user reset-password admin');
  }
  print('');
  print('Остановить: Ctrl+C');
}

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--port N] [--host H]',
  summary: 'собрать интерфейс при необходимости и запустить сервер; пустую базу заполнить демо-районом',
  options: serveOptions,
  async run(flags) {
    await ensureWebBuilt();
    await serve(flags, true);
  },
};

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host H]',
  summary: 'запустить сервер (порт из PORT или --port, по умолчанию 3000; адрес 127.0.0.1)',
  options: serveOptions,
  run: (flags) => serve(flags, false),
};
