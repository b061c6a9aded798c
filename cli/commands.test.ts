import { describe, expect, it } from 'vitest';
import { commandHelp, COMMANDS } from './commands.ts';

describe('the subcommands', () => {
  it('each has a usage starting with its name, a summary and a help text naming its options', () => {
    for (const command of COMMANDS) {
      expect(command.usage.startsWith(command.name), command.name).toBe(true);
      expect(command.summary.length, command.name).toBeGreaterThan(10);
      const help = commandHelp(command);
      expect(help).toContain(`npx pedmonitor ${command.usage}`);
      for (const option of Object.keys(command.options).filter((o) => o !== 'data'))
        expect(`${command.usage}\n${command.help ?? ''}`, `${command.name}: --${option}`).toContain(
          `--${option}`,
        );
    }
  });

  it('names are unique, and a group word is never also a command of its own', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const groups = new Set(names.filter((n) => n.includes(' ')).map((n) => n.split(' ')[0]));
    expect(names.filter((n) => groups.has(n))).toEqual([]);
  });
});
