import type { FileLimits } from '../../../config.ts';
import { AppError, type ErrorCode } from '../../../errors.ts';
import { unreadable } from './file-errors.ts';
import { readUpload, type ParsedUpload } from './read.ts';
import { readXlsxValues, type XlsxBook } from './xlsx-reader.ts';

/** What the parsing worker is asked: an import upload, or the named sheets of a workbook. */
export type ParseTask =
  | { kind: 'upload'; file: Uint8Array; fileName: string; limits: FileLimits }
  | { kind: 'xlsx'; file: Uint8Array; sheets: string[]; limits: FileLimits };

/** Structured clone keeps no classes: a refusal travels as its code and message. */
export type ParseOutcome =
  { ok: true; upload?: ParsedUpload; book?: XlsxBook } | { ok: false; code: ErrorCode; message: string };

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Runs in the worker thread (parse.worker.js), and in-process where no worker is wanted. */
export function runParseTask(task: ParseTask): ParseOutcome {
  try {
    if (task.kind === 'upload')
      return { ok: true, upload: readUpload(bufferOf(task.file), task.fileName, task.limits) };
    const names = new Set(task.sheets);
    return { ok: true, book: readXlsxValues(task.file, task.limits, (name) => names.has(name)) };
  } catch (error) {
    // What the reader meets in a hostile file (a broken structure, a string too long) means «not readable».
    const refusal = error instanceof AppError ? error : task.kind === 'xlsx' ? unreadable() : undefined;
    if (refusal) return { ok: false, code: refusal.code, message: refusal.message };
    throw error;
  }
}
