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
  { ok: true; upload?: PackedUpload; book?: XlsxBook } | { ok: false; code: ErrorCode; message: string };

/**
 * A parsed upload with each sheet's rows as arrays under one list of keys: cloning arrays across the thread
 * costs about half of cloning one object per row (10,000 rows: ~70 ms → see parse-pool.ts).
 */
export interface PackedUpload extends Omit<ParsedUpload, 'sheets'> {
  sheets: (Omit<ParsedUpload['sheets'][number], 'rows'> & { keys: string[]; rows: unknown[][] })[];
}

export function packUpload(upload: ParsedUpload): PackedUpload {
  return {
    ...upload,
    sheets: upload.sheets.map((sheet) => {
      const keys = sheet.rows.length ? Object.keys(sheet.rows[0].cells) : [];
      // Everything else a sheet says (the columns its header lacks) crosses the thread as it is.
      return {
        ...sheet,
        keys,
        rows: sheet.rows.map((r) => [r.row, ...keys.map((k) => r.cells[k])]),
      };
    }),
  };
}

export function unpackUpload(packed: PackedUpload): ParsedUpload {
  return {
    ...packed,
    sheets: packed.sheets.map(({ keys, rows, ...sheet }) => ({
      ...sheet,
      rows: rows.map((values) => {
        const cells: Record<string, unknown> = {};
        keys.forEach((k, i) => (cells[k] = values[i + 1]));
        return { row: values[0] as number, cells };
      }),
    })),
  };
}

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Runs in the worker thread (parse.worker.js), and in-process where no worker is wanted. */
export function runParseTask(task: ParseTask): ParseOutcome {
  try {
    if (task.kind === 'upload')
      return { ok: true, upload: packUpload(readUpload(bufferOf(task.file), task.fileName, task.limits)) };
    const names = new Set(task.sheets);
    return { ok: true, book: readXlsxValues(task.file, task.limits, (name) => names.has(name)) };
  } catch (error) {
    // What the reader meets in a hostile file (a broken structure, a string too long) means «not readable».
    const refusal = error instanceof AppError ? error : task.kind === 'xlsx' ? unreadable() : undefined;
    if (refusal) return { ok: false, code: refusal.code, message: refusal.message };
    throw error;
  }
}
