import { writeFileSync } from 'node:fs';
import { todayOf } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { systemAdmin } from '../server/modules/auth/access.ts';
import { getTrainingOrder, trainingOrderToXlsx } from '../server/modules/surveys/training-order.service.ts';
import type { Command } from './commands.ts';
import { withDatabase } from './context.ts';
import { print, progress } from './output.ts';

const USAGE = 'survey training-order ID ФАЙЛ.xlsx [--question КОД]';

/** The «план-заказ» of a survey written to .xlsx, as the survey page downloads it (the same service). */
export const surveyTrainingOrderCommand: Command = {
  name: 'survey training-order',
  usage: USAGE,
  summary: 'выгрузить план-заказ на повышение квалификации по анкете в .xlsx (для ЦНППМ / РИПК)',
  help:
    'ID — номер анкеты (в адресе страницы анкеты: /surveys/ID). План-заказ строится по вопросу о темах\n' +
    'повышения квалификации (шаблон «Запрос на повышение квалификации»): по каждой теме — число\n' +
    'запросивших педагогов по организациям и по муниципалитету; у именной анкеты — и кто запросил.\n' +
    'У анонимной организации, где ответили меньше порога, скрыты.\n\n' +
    'Параметры:\n' +
    '  --question КОД      код вопроса, если таких вопросов в анкете несколько',
  options: { question: { type: 'string' } },
  async run(flags, positionals) {
    const [idText, file] = positionals;
    const id = Number(idText);
    if (!idText || !Number.isInteger(id) || id <= 0)
      throw new AppError('bad_request', `Укажите номер анкеты: npx pedmonitor ${USAGE}`);
    if (!file || !file.toLowerCase().endsWith('.xlsx'))
      throw new AppError(
        'bad_request',
        `${file ? `Файл «${file}»: ожидается имя с расширением .xlsx` : 'Укажите файл'}: npx pedmonitor ${USAGE}`,
      );
    const question = typeof flags.question === 'string' ? flags.question : undefined;
    const content = await withDatabase(flags, async (database, config) => {
      const result = await getTrainingOrder(database.db, systemAdmin('cli'), id, question);
      const asked = result.order.rows.filter((r) => !r.total.hidden && (r.total.requested ?? 0) > 0);
      print(
        `План-заказ на ${result.year} год по анкете «${result.survey.title}»: тем с запросами — ${asked.length}, ответили ${result.order.total.respondents ?? 'меньше порога'}.`,
      );
      for (const r of asked)
        print(`  ${String(r.total.requested).padStart(4)}  ${r.topic.code}  ${r.topic.title}`);
      return trainingOrderToXlsx(result, todayOf(config));
    });
    writeFileSync(file, content);
    progress(`Записано в ${file}`);
  },
};
