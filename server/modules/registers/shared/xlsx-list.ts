import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../exchange/exchange.service.ts';

/**
 * A list as a one-sheet workbook: a title, a header and one row per record. Every value is a string, a
 * number or empty — a text is written as a text cell, never as a formula, so «=HYPERLINK(…)» typed into a
 * name stays the text it was (ExcelJS writes a formula only when given `{ formula }`).
 */
export interface ListColumn<Row> {
  header: string;
  width?: number;
  value(row: Row): string | number | null | undefined;
}

export async function listToXlsx<Row>(
  sheetName: string,
  title: string,
  columns: ListColumn<Row>[],
  rows: Row[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        return v === undefined || v === '' ? null : v;
      }),
    ).alignment = { wrapText: true, vertical: 'top' };
  }
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width ?? 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a workbook as a download with a Russian file name. */
export function sendXlsx(reply: FastifyReply, file: Buffer, fileName: string, asciiName: string) {
  return reply
    .header('Content-Type', XLSX_TYPE)
    .header('Content-Disposition', contentDisposition(`${fileName}.xlsx`, `${asciiName}.xlsx`))
    .send(file);
}
