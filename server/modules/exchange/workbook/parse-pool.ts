import { Piscina } from 'piscina';
import { AppError } from '../../../errors.ts';
import type { FileLimits } from '../../../config.ts';
import { unpackUpload, type ParseOutcome, type ParseTask } from './parse-task.ts';
import type { ParsedUpload } from './read.ts';
import type { XlsxBook } from './xlsx-reader.ts';

/**
 * Uploaded files are parsed off the main thread: a hostile or merely huge file keeps one worker busy while
 * the server goes on answering. One thread (the machine is small; uploads queue), started on first use and
 * let go when idle; a heap limit turns a file that would exhaust memory into a refusal instead of a crash.
 */
let pool: Piscina | undefined;

function poolOf(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./parse.worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return pool;
}

async function run(task: ParseTask): Promise<Extract<ParseOutcome, { ok: true }>> {
  let outcome: ParseOutcome;
  try {
    outcome = (await poolOf().run(task)) as ParseOutcome;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY')
      throw new AppError('payload_too_large', 'Файл слишком велик: на его чтение не хватило памяти сервера.');
    throw error;
  }
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
  return outcome;
}

/** readUpload in the worker. */
export async function parseUpload(file: Buffer, fileName: string, limits: FileLimits): Promise<ParsedUpload> {
  return unpackUpload((await run({ kind: 'upload', file, fileName, limits })).upload!);
}

/** readXlsxValues of the named sheets in the worker. */
export async function parseXlsx(file: Buffer, sheets: string[], limits: FileLimits): Promise<XlsxBook> {
  return (await run({ kind: 'xlsx', file, sheets, limits })).book!;
}

/** Stops the worker (the end of a command or of a test file). */
export async function closeParsePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
