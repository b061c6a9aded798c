import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { countOf } from '../core/format.ts';
import { PROGRAM_TEMPLATES } from '../core/templates/index.ts';
import { todayOf } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin, type Actor } from '../server/modules/auth/access.ts';
import {
  exportProgramFile,
  importProgramFile,
  programFileName,
} from '../server/modules/programs/program-file.service.ts';
import { createProgramFromTemplate } from '../server/modules/programs/programs.service.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase, type Flags } from './context.ts';
import { print } from './output.ts';

/** The command line acts as a system administrator, recorded in the audit log as «cli». */
const cliActor: Actor = { user: systemAdmin('cli'), requestId: 'cli' };

const DIFFERENCE_SIGN = { added: '+', removed: '−', changed: '~' } as const;

function requiredId(flags: Flags, name: string, what: string): number {
  const id = intFlag(flags, name);
  if (!id || id < 1) throw new AppError('bad_request', `Укажите ${what}: --${name} ID.`);
  return id;
}

export const programExportCommand: Command = {
  name: 'program export',
  usage: 'program export --program ID [ФАЙЛ.json]',
  summary: 'выгрузить программу мониторинга в файл JSON (для другого муниципалитета или региона)',
  help: [
    'В файле: критерии, показатели с формулами, уровнями, целевыми значениями и применимостью, параметры,',
    'поля формы и библиотека рекомендаций. Без имени файла он называется по программе и дате.',
  ].join('\n'),
  options: { program: { type: 'string' }, data: { type: 'string' } },
  async run(flags, positionals) {
    const id = requiredId(flags, 'program', 'программу');
    await withDatabase(flags, async (database, config) => {
      const file = await exportProgramFile({
        db: database.db,
        user: cliActor.user!,
        id,
        today: todayOf(config),
      });
      const target = positionals[0] ?? programFileName(file);
      writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
      const indicators = file.program.criteria.reduce((n, c) => n + c.indicators.length, 0);
      print(
        `Программа «${file.program.title}» выгружена в ${target}: ${countOf(file.program.criteria.length, ['критерий', 'критерия', 'критериев'])}, ${countOf(indicators, ['показатель', 'показателя', 'показателей'])}, ${countOf(file.program.formFields.length, ['поле формы', 'поля формы', 'полей формы'])}.`,
      );
    });
  },
};

export const programImportCommand: Command = {
  name: 'program import',
  usage: 'program import ФАЙЛ.json --municipality ID [--dry-run]',
  summary: 'загрузить программу из файла JSON в муниципалитет новой программой, показав отличия',
  help: [
    'Сравнивает файл с программой муниципалитета того же названия (или того же шаблона) и печатает',
    'отличия: + добавится, − нет в файле, ~ изменится. С --dry-run ничего не записывает.',
  ].join('\n'),
  options: {
    municipality: { type: 'string' },
    'dry-run': { type: 'boolean' },
    data: { type: 'string' },
  },
  async run(flags, positionals) {
    const file = positionals[0];
    if (!file)
      throw new AppError(
        'bad_request',
        'Укажите файл: pedmonitor program import ФАЙЛ.json --municipality ID',
      );
    if (!existsSync(file) || !statSync(file).isFile())
      throw new AppError('not_found', `Файл «${file}» не найден.`);
    const municipalityId = requiredId(flags, 'municipality', 'муниципалитет');
    const dryRun = flags['dry-run'] === true;
    await withDatabase(flags, async (database) => {
      const report = await importProgramFile({
        db: database.db,
        actor: cliActor,
        municipalityId,
        content: readFileSync(file, 'utf8'),
        dryRun,
      });
      if (report.comparedWith) {
        print(
          `Сравнение с программой «${report.comparedWith.title}» (ID ${report.comparedWith.id}): ${countOf(report.differences.length, ['отличие', 'отличия', 'отличий'])}.`,
        );
        for (const d of report.differences)
          print(`  ${DIFFERENCE_SIGN[d.kind]} ${d.subject}${d.detail ? `: ${d.detail}` : ''}`);
      } else print('В муниципалитете нет программы с тем же названием или шаблоном: сравнивать не с чем.');
      const c = report.counts;
      const contents = `${countOf(c.criteria, ['критерий', 'критерия', 'критериев'])}, ${countOf(c.indicators, ['показатель', 'показателя', 'показателей'])}, ${countOf(c.formFields, ['поле формы', 'поля формы', 'полей формы'])}`;
      print(
        dryRun
          ? `Проверка без записи: программа «${report.title}» (${contents}) будет загружена. Ничего не записано.`
          : `Загружена программа «${report.title}» (ID ${report.programId}): ${contents}.`,
      );
    });
  },
};

export const programFromTemplateCommand: Command = {
  name: 'program from-template',
  usage: 'program from-template --template КОД --municipality ID',
  summary: 'загрузить программу района-образца (шаблон) в муниципалитет',
  help: `Шаблоны: ${PROGRAM_TEMPLATES.map((t) => t.code).join(', ')}.`,
  options: { template: { type: 'string' }, municipality: { type: 'string' }, data: { type: 'string' } },
  async run(flags) {
    const templateCode = typeof flags.template === 'string' ? flags.template : '';
    if (!templateCode)
      throw new AppError(
        'bad_request',
        `Укажите шаблон: --template КОД (${PROGRAM_TEMPLATES.map((t) => t.code).join(', ')}).`,
      );
    const municipalityId = requiredId(flags, 'municipality', 'муниципалитет');
    await withDatabase(flags, async (database) => {
      const id = await createProgramFromTemplate({
        db: database.db,
        actor: cliActor,
        municipalityId,
        templateCode,
      });
      print(`Программа из шаблона ${templateCode} загружена в муниципалитет ${municipalityId}: ID ${id}.`);
    });
  },
};
