import { ORGANIZATION_FORMS, TEACHER_FORMS, countOf } from '../core/format.ts';
import { isDatabaseEmpty, prepareDatabase } from '../server/bootstrap.ts';
import { AppError } from '../server/errors.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { seedDemoRegion } from '../server/seed/demo-region.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase } from './context.ts';
import { print, printAccounts, printAdmin, progress } from './output.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'применить миграции базы данных',
  options: {},
  async run(flags) {
    await withDatabase(flags, async (database) => {
      await database.migrate();
      print(
        `Миграции применены (${database.kind === 'pglite' ? database.location : `PostgreSQL ${database.location}`}).`,
      );
    });
  },
};

export const seedCommand: Command = {
  name: 'seed',
  usage: 'seed [--seed N] [--region]',
  summary: 'создать демонстрационный район (детерминированно для заданного N)',
  help:
    'Параметры:\n  --seed N    начальное число генератора (1 по умолчанию): то же N — те же данные\n' +
    '  --region    добавить в базу ещё муниципалитеты демонстрационного региона (3 района с организациями,\n' +
    '              педагогами и координатором) — для регионального представления; первый запуск (start)\n' +
    '              создаёт их вместе с демонстрационным районом',
  options: { seed: { type: 'string' }, region: { type: 'boolean' } },
  async run(flags) {
    const seed = intFlag(flags, 'seed') ?? 1;
    if (flags.region) {
      await withDatabase(flags, async (database, config) => {
        await prepareDatabase({ database, config, onProgress: progress });
        const result = await seedDemoRegion({ db: database.db, seed, password: config.demoPassword });
        print(`Добавлены муниципалитеты демонстрационного региона «${result.regionName}»:`);
        for (const m of result.municipalities)
          print(
            `  № ${m.id} ${m.name}: ${countOf(m.organizations, ORGANIZATION_FORMS)}, ${countOf(m.teachers, TEACHER_FORMS)}`,
          );
        print(
          `Мониторинг по региональной программе (№ ${result.approval.campaignId}) закрыт и отправлен в регион: его ждёт «Приём результатов».`,
        );
        printAccounts(result.accounts, Boolean(config.demoPassword));
      });
      return;
    }
    await withDatabase(flags, async (database, config) => {
      const { admin } = await prepareDatabase({ database, config, onProgress: progress });
      if (!(await isDatabaseEmpty(database))) {
        throw new AppError(
          'conflict',
          'В базе уже есть организации: демонстрационный район создаётся только в пустой базе. Укажите другую папку данных (--data).',
        );
      }
      progress(`Создание демонстрационного района (seed ${seed})…`);
      const demo = await seedDemo({ db: database.db, seed, password: config.demoPassword });
      print(
        `Создан демонстрационный район: ${countOf(demo.organizations, ORGANIZATION_FORMS)}, ${countOf(demo.teachers, TEACHER_FORMS)}.`,
      );
      printAdmin(admin);
      printAccounts(demo.accounts, Boolean(config.demoPassword));
    });
  },
};
