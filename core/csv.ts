/**
 * Writing CSV for Russian Excel, one place for every CSV export. A text cell beginning with `=`, `+`, `-`
 * or `@` (or a tab or carriage return, which Excel skips before reading one of these) is what a spreadsheet
 * runs as a formula — «=HYPERLINK(…)» typed into an organization's name would run on the department's
 * computer. Such a text is written with a leading apostrophe, as OWASP recommends: Excel shows it as text.
 * Numbers are written as numbers (with the decimal comma), so a negative value stays a negative number.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

/**
 * A text a spreadsheet would run as a formula, written as text: with a leading apostrophe. The CSV writer
 * and the XLSX exports (server/http/xlsx-export.ts) both neutralise their text cells through this.
 */
export const neutralizeText = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** One cell: a number with the decimal comma, a text neutralised and quoted when it needs to be. */
export function csvCell(value: CsvValue, separator = ';'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const text = neutralizeText(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: the rows joined by «;» and CRLF, with the UTF-8 BOM Excel needs to read Cyrillic. */
export function toCsv(rows: CsvValue[][], separator = ';'): string {
  const lines = rows.map((row) => row.map((value) => csvCell(value, separator)).join(separator));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
