import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { neutralizeText } from '../../core/csv.ts';
import { formatRuDate } from '../../core/dates.ts';

/** A cell of a list export: text (neutralised), a number, a day (written дд.мм.гггг), or empty. */
export type ExportCell = string | number | Date | null | undefined;

export interface ListExport {
  /** The sheet's name (at most 31 characters, as Excel allows). */
  sheet: string;
  /** The heading: what the list is (the filters, the indicator). */
  title: string;
  /** Further lines under the heading (the filters in words, the formula…). */
  notes?: string[];
  /** The day the list was made, written as «Сформировано дд.мм.гггг». */
  date: string;
  columns: { header: string; width: number }[];
  rows: ExportCell[][];
  /** Cells to draw attention to (a late form): [row index, column index] within `rows`. */
  attention?: [number, number][];
}

const ATTENTION_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE3E3' } } as const;

/** A column of a list export described by how it reads a row. */
export interface ExportColumn<Row> {
  header: string;
  width?: number;
  value(row: Row): ExportCell;
}

/** The columns and rows of a list export from column descriptions (width 20 unless given). */
export function tableOf<Row>(
  columns: ExportColumn<Row>[],
  rows: Row[],
): Pick<ListExport, 'columns' | 'rows'> {
  return {
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 20 })),
    rows: rows.map((row) => columns.map((c) => c.value(row))),
  };
}

/**
 * A list as an .xlsx workbook: the heading naming the filters or the indicator and the date, the column
 * headers (frozen), the rows. Every text cell goes through `neutralizeText` (core/csv.ts), as the CSV exports
 * do: a name starting with «=» stays a text in the department's Excel. The page is set up landscape, fitted
 * to the width, the header row repeated on every printed page.
 */
export async function listToXlsx(list: ListExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  const headerRow = 3 + (list.notes?.length ?? 0);
  const sheet = workbook.addWorksheet(list.sheet.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  const cell = (value: ExportCell) =>
    typeof value === 'string'
      ? neutralizeText(value)
      : typeof value === 'number' || value instanceof Date
        ? value
        : null;
  sheet.addRow([cell(list.title)]).font = { bold: true, size: 13 };
  for (const note of list.notes ?? []) sheet.addRow([cell(note)]);
  sheet.addRow([`Сформировано ${formatRuDate(list.date)}`]).font = { italic: true };
  const header = sheet.addRow(list.columns.map((c) => cell(c.header)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const firstRow = headerRow + 1;
  for (const row of list.rows) {
    const added = sheet.addRow(row.map(cell));
    added.alignment = { wrapText: true, vertical: 'top' };
    row.forEach((value, i) => {
      if (value instanceof Date) added.getCell(i + 1).numFmt = 'dd.mm.yyyy';
    });
  }
  for (const [row, column] of list.attention ?? [])
    sheet.getCell(firstRow + row, column + 1).fill = ATTENTION_FILL;
  list.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a workbook as a download named in Russian. */
export function sendXlsx(reply: FastifyReply, fileName: string, content: Buffer) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Cache-Control', 'no-store')
    .header(
      'Content-Disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(content);
}
