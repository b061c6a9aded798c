import { AppError } from '../server/errors.ts';
import { isHeldByServer } from '../server/db/lock.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import {
  failInterruptedSendings,
  openSending,
  runSending,
} from '../server/modules/communications/announcements.service.ts';
import type { Command } from './commands.ts';
import { configFromFlags, intFlag, withDatabase } from './context.ts';
import { print, progress } from './output.ts';

const isResendRefusal = (details: unknown): details is { canContinue?: boolean } =>
  typeof details === 'object' && details !== null && 'field' in details && details.field === 'confirmResend';

/**
 * «Разослать письмо» from the command line: the same sending as the campaign's page (the same checks,
 * the same record), waited for here with its progress on stderr — for thousands of organizations or a
 * slow mail server, from cron or a terminal that stays open.
 */
export const announceCommand: Command = {
  name: 'announce',
  usage: 'announce --campaign ID [--resend | --continue] [--url АДРЕС]',
  summary: 'разослать информационное письмо мониторинга руководителям организаций-участников',
  help:
    'Письмо (DOCX) уходит каждой организации-участнику по электронной почте (адрес организации и её\n' +
    'руководителей) и уведомлением в системе; рассылка записывается, как на странице мониторинга.\n' +
    'Ход рассылки печатается в stderr, итог — в stdout.\n\n' +
    'Параметры:\n' +
    '  --campaign ID   мониторинг (номер из адреса страницы /campaigns/ID)\n' +
    '  --resend        разослать ещё раз, если письмо уже рассылалось\n' +
    '  --continue      продолжить прерванную рассылку: письмо получат только организации,\n' +
    '                  которым оно ещё не ушло\n' +
    '  --url АДРЕС     адрес сервера для ссылок на форму в письмах (по умолчанию первый из\n' +
    '                  PEDMONITOR_ALLOWED_ORIGINS или http://127.0.0.1:ПОРТ)\n\n' +
    'Почтовый сервер — из раздела «Настройки». Пока папку встроенной базы держит запущенный сервер,\n' +
    'команда не работает: разошлите письмо на странице мониторинга («Разослать письмо»).',
  options: {
    campaign: { type: 'string' },
    resend: { type: 'boolean' },
    continue: { type: 'boolean' },
    url: { type: 'string' },
  },
  async run(flags) {
    const campaignId = intFlag(flags, 'campaign');
    if (campaignId === undefined)
      throw new AppError('bad_request', 'Укажите мониторинг: --campaign ID (номер из адреса страницы).');
    if (flags.resend === true && flags.continue === true)
      throw new AppError(
        'bad_request',
        'Укажите одно: --resend (разослать всем ещё раз) или --continue (продолжить прерванную рассылку).',
      );
    const config = configFromFlags(flags);
    if (!config.databaseUrl && isHeldByServer(config.dataDir))
      throw new AppError(
        'data_locked',
        `Папку данных ${config.dataDir} держит запущенный сервер pedmonitor: разошлите письмо на странице ` +
          'мониторинга («Разослать письмо») — сервер рассылает его в фоне и показывает ход.',
      );
    const appUrl = (
      typeof flags.url === 'string'
        ? flags.url
        : (config.allowedOrigins[0] ?? `http://127.0.0.1:${config.port}`)
    ).replace(/\/+$/, '');
    await withDatabase(flags, async (database) => {
      const db = database.db;
      // The embedded base serves this process alone: a sending still «running» there was cut off.
      if (database.kind === 'pglite') await failInterruptedSendings(db);
      const opened = await openSending({
        db,
        actor: { user: systemAdmin('cli'), requestId: 'cli' },
        campaignId,
        appUrl,
        confirmResend: flags.resend === true,
        resume: flags.continue === true,
      }).catch((error: unknown) => {
        // The page asks with a dialog; here the confirmation is a flag.
        if (error instanceof AppError && isResendRefusal(error.details))
          throw new AppError(
            error.code,
            `${error.message} Команда: добавьте ${error.details.canContinue ? '--continue или ' : ''}--resend.`,
            error.details,
          );
        throw error;
      });
      progress(
        opened.resumed
          ? `Продолжение рассылки письма «${opened.title}»: разослано ${opened.announcement.done}, осталось организаций ${opened.participants.length}…`
          : `Рассылка письма «${opened.title}»: организаций ${opened.participants.length}…`,
      );
      const result = await runSending(opened, (done, total, name) => progress(`  ${done}/${total} ${name}`));
      print(result.message);
    });
  },
};
