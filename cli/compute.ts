import { writeFileSync } from 'node:fs';
import { formatRuDate } from '../core/dates.ts';
import { countOf } from '../core/format.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import { computeProgramResults } from '../server/modules/indicators/results.service.ts';
import { resultsToCsv, resultsToXlsx } from '../server/modules/indicators/results.export.ts';
import type { Command } from './commands.ts';
import { intFlag, withDatabase } from './context.ts';
import { print, progress } from './output.ts';

const systemUser = systemAdmin('cli');

/** The unit as the results page writes it: «%», «чел.» / «ед.», «да/нет». */
const UNIT_LABEL: Record<string, string> = { percent: '%', count: 'количество', presence: 'наличие' };

export const computeCommand: Command = {
  name: 'compute',
  usage: 'compute --program ID --period YYYY [--format json|csv|xlsx] [--output FILE]',
  summary: 'рассчитать показатели программы за отчётный год по реестру',
  options: {
    program: { type: 'string' },
    period: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
  },
  async run(flags) {
    const programId = intFlag(flags, 'program');
    const year = intFlag(flags, 'period');
    const format = (flags.format as string | undefined) ?? 'json';
    if (!programId)
      throw new AppError(
        'bad_request',
        'Укажите программу: --program ID (список программ — в разделе «Программы мониторинга»).',
      );
    if (!year || year < 2000 || year > 2100)
      throw new AppError('bad_request', 'Укажите отчётный год: --period ГГГГ, например --period 2025.');
    if (!['json', 'csv', 'xlsx'].includes(format))
      throw new AppError('bad_request', `Неизвестный формат «${format}»: json, csv или xlsx.`);
    if (format === 'xlsx' && typeof flags.output !== 'string')
      throw new AppError('bad_request', 'Для формата xlsx укажите файл: --output ФАЙЛ.xlsx');
    await withDatabase(flags, async (database) => {
      const started = Date.now();
      const { tree, results, problems, period } = await computeProgramResults({
        db: database.db,
        user: systemUser,
        programId,
        year,
      });
      for (const p of problems)
        progress(
          `Показатель ${p.indicator}, ${p.part === 'numerator' ? 'числитель' : 'знаменатель'}: ${p.errors[0].message}`,
        );
      progress(
        `Рассчитано за ${Date.now() - started} мс: ${countOf(tree.indicators.length, ['показатель', 'показателя', 'показателей'])} × ${countOf(new Set(results.map((r) => r.organization)).size, ['строка', 'строки', 'строк'])}.`,
      );
      progress(
        `Отчётный период: ${formatRuDate(period.start)} — ${formatRuDate(period.end)}, по состоянию на ${formatRuDate(period.referenceDate)}.`,
      );
      const unitOf = new Map(tree.indicators.map((i) => [i.code, i.unit]));
      const output =
        format === 'json'
          ? JSON.stringify(
              results.map((r) => ({
                indicator: r.indicator,
                organization: r.organization,
                organizationName: r.organizationName,
                value: r.value,
                unit: UNIT_LABEL[unitOf.get(r.indicator) ?? 'count'],
                numerator: r.numerator,
                denominator: r.denominator,
                level: r.level,
              })),
              null,
              2,
            )
          : format === 'csv'
            ? resultsToCsv(results)
            : await resultsToXlsx(tree, year, results);
      if (typeof flags.output === 'string') {
        writeFileSync(flags.output, output);
        progress(`Записано в ${flags.output}`);
      } else print(String(output));
    });
  },
};
