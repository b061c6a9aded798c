import type { ParseArgsConfig } from 'node:util';
import { AppError } from '../server/errors.ts';
import { serveCommand, startCommand } from './serve.ts';
import { migrateCommand, seedCommand } from './database.ts';
import { userCreateCommand, userResetPasswordCommand } from './users.ts';
import { computeCommand } from './compute.ts';
import { exportCommand, importCommand } from './exchange.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { programExportCommand, programFromTemplateCommand, programImportCommand } from './programs.ts';
import { actionListsExportCommand, reserveExportCommand, specialistsExportCommand } from './lists.ts';
import { surveyTrainingOrderCommand } from './surveys.ts';
import { websitesCheckCommand } from './websites.ts';
import { announceCommand } from './announce.ts';
import { municipalityCreateCommand, organizationsImportCommand, regionCreateCommand } from './bulk.ts';
import type { Flags } from './context.ts';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** The longer text of `pedmonitor <command> --help`, after the usage and the summary. */
  help?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(flags: Flags, positionals: string[]): Promise<void>;
}

export const COMMANDS: Command[] = [
  startCommand,
  serveCommand,
  migrateCommand,
  seedCommand,
  userCreateCommand,
  userResetPasswordCommand,
  computeCommand,
  importCommand,
  exportCommand,
  reserveExportCommand,
  actionListsExportCommand,
  specialistsExportCommand,
  surveyTrainingOrderCommand,
  backupCommand,
  restoreCommand,
  programFromTemplateCommand,
  programExportCommand,
  programImportCommand,
  websitesCheckCommand,
  announceCommand,
  regionCreateCommand,
  municipalityCreateCommand,
  organizationsImportCommand,
];

/** What `pedmonitor <command> --help` prints. */
export function commandHelp(command: Command): string {
  const text = `Использование: npx pedmonitor ${command.usage} [--data ПАПКА]\n\n${command.summary}.`;
  return command.help ? `${text}\n\n${command.help}` : text;
}

export function usageError(message: string): AppError {
  return new AppError('bad_request', message);
}
