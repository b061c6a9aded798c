import { ORGANIZATION_FORMS, TEACHER_FORMS, countOf } from '../core/format.ts';
import { isDatabaseEmpty, prepareDatabase } from '../server/bootstrap.ts';
import { AppError } from '../server/errors.ts';
import { seedDemo } from '../server/seed/demo.ts';
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
  usage: 'seed [--seed N]',
  summary: 'создать демонстрационный район (детерминированно для заданного N)',
  options: { seed: { type: 'string' } },
  async run(flags) {
    const seed = intFlag(flags, 'seed') ?? 1;
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
