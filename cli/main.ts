import { parseArgs } from 'node:util';
import { AppError } from '../server/errors.ts';
import { print } from './output.ts';
import { commandHelp, COMMANDS } from './commands.ts';

const HELP = `pedmonitor — мониторинг профессионального развития педагогических работников

Использование: npx pedmonitor <команда> [параметры]

Команды:
${COMMANDS.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`).join('\n')}

Общие параметры:
  --data ПАПКА      папка встроенной базы (по умолчанию ./data или PEDMONITOR_DATA)
  DATABASE_URL      переменная окружения: работать с PostgreSQL вместо встроенной базы
`;

/** Commands of two words: `user create`, `reserve export`… */
const COMMAND_GROUPS = [
  ...new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0])),
];

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    print(HELP);
    return;
  }
  const words = COMMAND_GROUPS.includes(name) ? [name, rest.shift() ?? ''] : [name];
  const command = COMMANDS.find((c) => c.name === words.join(' '));
  if (!command) {
    throw new AppError(
      'bad_request',
      `Неизвестная команда «${words.join(' ')}». Список команд: npx pedmonitor help`,
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(commandHelp(command));
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...command.options, data: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  await command.run(values as Record<string, string | boolean | undefined>, positionals);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AppError) {
    process.stderr.write(`Ошибка: ${error.message}\n`);
    process.exit(error.code === 'data_locked' ? 3 : 2);
  }
  if (
    error instanceof Error &&
    'code' in error &&
    String((error as { code: string }).code).startsWith('ERR_PARSE_ARGS')
  ) {
    const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
    const text = unknown ? `неизвестный параметр ${unknown}` : error.message;
    process.stderr.write(`Ошибка в параметрах: ${text}\nСправка: npx pedmonitor help\n`);
    process.exit(2);
  }
  // Database errors carry the whole statement; the cause says what went wrong.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  process.stderr.write(`Непредвиденная ошибка: ${text.slice(0, 1000)}\n`);
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
