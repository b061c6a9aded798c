import { readCell } from '../format/cells.ts';
import { SHEETS, type SheetSpec } from '../format/sheets.ts';
import type { RawRow, RawSheet } from '../plan/context.ts';
import { importError, type ImportError } from '../plan/types.ts';
import { readXlsxValues, type XlsxBook } from './xlsx-reader.ts';
import { tooManyRows, unreadable } from './file-errors.ts';
import { AppError } from '../../../errors.ts';
import type { FileLimits } from '../../../config.ts';
import {
  CsvTooLong,
  decodeCsv,
  detectSeparator,
  findControlCharacter,
  parseCsv,
  type CsvEncoding,
} from './csv.ts';

export interface ParsedUpload {
  format: 'xlsx' | 'csv';
  encoding?: CsvEncoding;
  sheets: RawSheet[];
  /** Problems of the file or of a whole sheet (a missing column): they block the import. */
  errors: ImportError[];
}

const FILE = 'Файл';
const normalize = (text: string) => text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/**
 * Which column of the spec each position of the header row holds; the required columns that are missing (the
 * sheet is refused) and the optional ones that are absent (blank in every row, unchanged in existing records).
 */
function mapHeader(spec: SheetSpec, header: string[]) {
  const byHeader = new Map(spec.columns.map((c) => [normalize(c.header), c]));
  const positions: (SheetSpec['columns'][number] | undefined)[] = header.map((h) =>
    byHeader.get(normalize(h)),
  );
  const present = new Set(positions.filter(Boolean).map((c) => c!.key));
  const missing = spec.columns.filter((c) => c.required && !present.has(c.key));
  const absent = spec.columns.filter((c) => !c.required && !present.has(c.key));
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const c of positions) {
    if (!c) continue;
    if (seen.has(c.key)) repeated.push(c.header);
    seen.add(c.key);
  }
  return { positions, missing, absent, repeated };
}

function sheetOf(
  spec: SheetSpec,
  header: string[],
  records: { row: number; values: unknown[] }[],
  errors: ImportError[],
  date1904 = false,
): RawSheet | null {
  const { positions, missing, absent, repeated } = mapHeader(spec, header);
  for (const c of missing)
    errors.push(
      importError(
        spec.name,
        1,
        c.header,
        'нет обязательного столбца; добавьте его в строку заголовков (лист не загружен)',
      ),
    );
  for (const h of repeated)
    errors.push(importError(spec.name, 1, h, 'столбец повторяется (лист не загружен)'));
  if (missing.length || repeated.length) return null;
  const rows: RawRow[] = [];
  for (const record of records) {
    const cells: Record<string, unknown> = Object.fromEntries(
      absent.map((c) => [c.key, readCell(null, c.type)]),
    );
    let isBlank = true;
    positions.forEach((c, i) => {
      if (!c) return;
      let raw = record.values[i];
      // Serial numbers of the Mac date system count from 1904.
      if (date1904 && typeof raw === 'number' && (c.type.kind === 'date' || c.type.kind === 'month'))
        raw += 1462;
      const value = readCell(raw, c.type);
      cells[c.key] = value;
      if (value !== null && !(Array.isArray(value) && value.length === 0)) isBlank = false;
    });
    if (!isBlank) rows.push({ row: record.row, cells });
  }
  return { name: spec.name, rows, absent: absent.map((c) => c.key) };
}

function readXlsx(buffer: Uint8Array, limits: FileLimits): ParsedUpload {
  let book: XlsxBook;
  try {
    book = readXlsxValues(buffer, limits, (name) =>
      SHEETS.some((s) => normalize(s.name) === normalize(name)),
    );
  } catch (error) {
    // A limit or a broken file is answered as such; anything else the reader meets means it is no workbook.
    throw error instanceof AppError ? error : unreadable();
  }
  const errors: ImportError[] = [];
  const sheets: RawSheet[] = [];
  for (const ws of book.sheets) {
    const spec = SHEETS.find((s) => normalize(s.name) === normalize(ws.name));
    if (!spec) continue;
    const header = Array.from(ws.rows.get(1) ?? [], (v) => (v === null || v === undefined ? '' : String(v)));
    const records = [...ws.rows]
      .filter(([row]) => row > 1)
      .sort(([a], [b]) => a - b)
      .map(([row, values]) => ({ row, values }));
    const sheet = sheetOf(spec, header, records, errors, book.date1904);
    if (sheet) sheets.push(sheet);
  }
  if (!sheets.length && !errors.length) {
    errors.push(
      importError(
        FILE,
        0,
        '',
        `в книге нет ни одного листа с данными (ожидаются листы: ${SHEETS.map((s) => `«${s.name}»`).join(', ')})`,
      ),
    );
  }
  return { format: 'xlsx', sheets, errors };
}

/** The sheet whose every required column the CSV header has; of several, the one that matches most columns. */
function sheetOfHeader(header: string[]): { spec?: SheetSpec; closest: SheetSpec; missing: string[] } {
  const normalized = new Set(header.map(normalize));
  let best: { spec: SheetSpec; matched: number } | undefined;
  let closest = { spec: SHEETS[0], missing: SHEETS[0].columns.map((c) => c.header) };
  for (const spec of SHEETS) {
    const missing = spec.columns
      .filter((c) => c.required && !normalized.has(normalize(c.header)))
      .map((c) => c.header);
    const matched = spec.columns.filter((c) => normalized.has(normalize(c.header))).length;
    if (missing.length < closest.missing.length) closest = { spec, missing };
    if (!missing.length && (!best || matched > best.matched)) best = { spec, matched };
  }
  return { spec: best?.spec, closest: closest.spec, missing: closest.missing };
}

function readCsv(buffer: Buffer, limits: FileLimits): ParsedUpload {
  const { text, encoding } = decodeCsv(buffer);
  const control = findControlCharacter(text);
  if (control)
    throw new AppError(
      'bad_request',
      `Файл не читается как таблица CSV: в строке ${control.line} есть двоичные данные (символ с кодом ` +
        `${control.code}). Загрузите книгу Excel (.xlsx) или сохраните лист в Excel как «CSV (разделители — точка с запятой)».`,
    );
  let records: ReturnType<typeof parseCsv>;
  try {
    // The header and the limit of data rows.
    records = parseCsv(text, detectSeparator(text), limits.rowsPerSheet + 1);
  } catch (error) {
    if (error instanceof CsvTooLong) throw tooManyRows('Файл CSV', limits.rowsPerSheet);
    throw error;
  }
  if (!records.length)
    return { format: 'csv', encoding, sheets: [], errors: [importError(FILE, 0, '', 'файл пуст')] };
  const header = records[0].cells.map((h) => h.trim());
  const { spec, closest, missing } = sheetOfHeader(header);
  if (!spec) {
    const problem =
      'по строке заголовков не удалось определить лист: ближе всего лист ' +
      `«${closest.name}», но нет обязательных столбцов ${missing.map((m) => `«${m}»`).join(', ')}`;
    return { format: 'csv', encoding, sheets: [], errors: [importError(FILE, 1, '', problem)] };
  }
  const errors: ImportError[] = [];
  const sheet = sheetOf(
    spec,
    header,
    records.slice(1).map((r) => ({ row: r.line, values: r.cells })),
    errors,
  );
  return { format: 'csv', encoding, sheets: sheet ? [sheet] : [], errors };
}

const isZip = (buffer: Buffer) => buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b;

/**
 * Reads an uploaded .xlsx workbook or a .csv sheet into rows of cells by column key. A file that is not one,
 * or is over a limit, is refused with an AppError (400 or 413) naming the problem.
 */
export function readUpload(buffer: Buffer, fileName: string, limits: FileLimits): ParsedUpload {
  const name = fileName.toLowerCase();
  if (isZip(buffer)) return readXlsx(buffer, limits);
  if (name.endsWith('.xls'))
    throw new AppError(
      'bad_request',
      'Старый формат .xls не поддерживается: сохраните книгу в Excel как «Книга Excel (.xlsx)».',
    );
  if (name.endsWith('.xlsx')) throw unreadable();
  return readCsv(buffer, limits);
}
