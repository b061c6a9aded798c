import { asc, eq } from 'drizzle-orm';
import { municipalities, organizations } from '../server/db/schema/index.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import { getWebsiteChecks, openRun, runWebsiteCheck } from '../server/modules/websites/websites.service.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase } from './context.ts';
import { print, progress } from './output.ts';

const USAGE = 'websites check [--municipality ID] [--organization ID]';

/** The website check of the department's page, from the command line: the same service, with progress. */
export const websitesCheckCommand: Command = {
  name: 'websites check',
  usage: USAGE,
  summary: 'проверить сайты образовательных организаций по перечню требований (мониторинг сайтов ОО)',
  help:
    'Обходит сайт каждой действующей организации (поле «Сайт»): соблюдает robots.txt, только тот же\n' +
    'сайт, глубина до 2 ссылок, до 30 страниц, ответы до 2 МБ; адреса во внутренней сети запрещены.\n' +
    'Результаты — на странице «Мониторинг сайтов» и в функции формул websites().\n\n' +
    'Параметры:\n' +
    '  --municipality ID   только этот муниципалитет (по умолчанию — все)\n' +
    '  --organization ID   только эта организация\n\n' +
    'Переменные окружения: CRAWLER_MAX_PAGES, CRAWLER_TIMEOUT_MS, CRAWLER_DELAY_MS, CRAWLER_MAX_BYTES,\n' +
    'CRAWLER_ALLOW_HOSTS (адреса внутренней сети, которые разрешено обходить, через запятую; для тестов).',
  options: { municipality: { type: 'string' }, organization: { type: 'string' } },
  async run(flags) {
    const municipalityFlag = intFlag(flags, 'municipality');
    const organizationId = intFlag(flags, 'organization');
    await withDatabase(flags, async (database) => {
      const db = database.db;
      const user = systemAdmin('cli');
      let targets: number[];
      if (organizationId !== undefined) {
        const [org] = await db
          .select({ municipalityId: organizations.municipalityId })
          .from(organizations)
          .where(eq(organizations.id, organizationId));
        if (!org)
          throw new AppError('bad_request', `Параметр --organization: организации № ${organizationId} нет.`);
        if (municipalityFlag !== undefined && municipalityFlag !== org.municipalityId)
          throw new AppError(
            'bad_request',
            `Параметр --organization: организация № ${organizationId} не из муниципалитета № ${municipalityFlag}.`,
          );
        targets = [org.municipalityId];
      } else if (municipalityFlag !== undefined) targets = [municipalityFlag];
      else
        targets = (
          await db.select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.id))
        ).map((m) => m.id);
      for (const municipalityId of targets) {
        const run = await openRun({ db, user, municipalityId, organizationId });
        progress(`Муниципалитет № ${municipalityId}: проверка сайтов (${run.total})…`);
        await runWebsiteCheck({
          db,
          run,
          organizationId,
          onProgress: (done, total, name) => progress(`  ${done}/${total} ${name}`),
        });
        const result = await getWebsiteChecks({ db, user, municipalityId });
        for (const row of result.rows) {
          const found = row.items.filter((i) => i.isFound).length;
          print(
            `${row.organization}: ${row.error ?? `выполнено требований ${found} из ${row.items.length}`}`,
          );
        }
      }
    });
  },
};
