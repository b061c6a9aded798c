import type { ParseArgsConfig } from 'node:util';
import { AppError } from '../server/errors.ts';
import { serveCommand, startCommand } from './serve.ts';
import { migrateCommand, seedCommand } from './database.ts';
import { userCreateCommand, userResetPasswordCommand } from './users.ts';
import { computeCommand } from './compute.ts';
import { exportCommand, importCommand } from './exchange.ts';
import type { Flags } from './context.ts';

export interface Command {
  name: string;
  usage: string;
  summary: string;
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
];

export function usageError(message: string): AppError {
  return new AppError('bad_request', message);
}
