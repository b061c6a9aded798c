import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1251';

/**
 * Text of a CSV file: UTF-8 with a BOM, UTF-8 without one (if the bytes are valid UTF-8), otherwise
 * Windows-1251 — what Russian Excel writes with «CSV (разделители — запятые)».
 */
export function decodeCsv(buffer: Buffer): { text: string; encoding: CsvEncoding } {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1251'), encoding: 'windows-1251' };
  }
}

/** «;» (Russian Excel) or «,»: whichever the header line has more of outside quotes. */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : commas > 0 ? ',' : ';';
}

export class CsvTooLong extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} records`);
  }
}

/**
 * The first control character of a text (other than tab and line breaks), with its line: a CSV that has one
 * is binary data or a text in an encoding it does not say (UTF-16, a ZIP renamed to .csv).
 */
export function findControlCharacter(text: string): { line: number; code: number } | null {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const match = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (!match) return null;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
  return { line, code: match[0].charCodeAt(0) };
}

/**
 * RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), each with the line it starts on.
 * Records of empty cells only are left out; more than `maxRecords` others throw CsvTooLong.
 */
export function parseCsv(
  text: string,
  separator: string,
  maxRecords = Infinity,
): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) {
      records.push({ line: start, cells });
      if (records.length > maxRecords) throw new CsvTooLong(maxRecords);
    }
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}
