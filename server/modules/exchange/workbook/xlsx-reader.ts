import { inflateRawSync } from 'node:zlib';

/**
 * A small reader of .xlsx cell values: the ZIP container, the shared strings and the sheets' cells, nothing
 * else (no styles, drawings, validations). ExcelJS takes seconds to load a workbook of 10,000 rows with its
 * drop-downs; this takes a fraction of a second. Dates come as their serial numbers: the import knows which
 * columns hold dates.
 */
export interface XlsxSheet {
  name: string;
  /** Rows by their number (1-based), cells by their column index (0-based). */
  rows: Map<number, (string | number | boolean | null)[]>;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  /** The Mac date system: serial 0 is 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

export class XlsxError extends Error {}

function unzip(buffer: Buffer): Map<string, Buffer> {
  let eocd = buffer.length - 22;
  const min = Math.max(0, buffer.length - 65_557);
  while (eocd >= min && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < min) throw new XlsxError('not a zip');
  const count = buffer.readUInt16LE(eocd + 10);
  let p = buffer.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('broken central directory');
    const method = buffer.readUInt16LE(p + 10);
    const size = buffer.readUInt32LE(p + 20);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const local = buffer.readUInt32LE(p + 42);
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    if (size === 0xffffffff || local === 0xffffffff) throw new XlsxError('zip64');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    if (method === 8) files.set(name, inflateRawSync(data));
    else if (method === 0) files.set(name, data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ENTITIES[e.toLowerCase()],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of an <si> or <is>: its <t> runs, without phonetic hints. */
function textOf(xml: string): string {
  const runs =
    xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').match(/<t(?:\s[^>]*)?>[\s\S]*?<\/t>|<t\s*\/>/g) ?? [];
  return decodeXml(runs.map((t) => t.replace(/^<t[^>]*>|<\/t>$|<t\s*\/>/g, '')).join(''));
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function readSheet(xml: string, strings: string[]): XlsxSheet['rows'] {
  const rows: XlsxSheet['rows'] = new Map();
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let lastRow = 0;
  for (let rm = rowRe.exec(xml); rm; rm = rowRe.exec(xml)) {
    const number = Number(attr(rm[1], 'r') ?? lastRow + 1);
    lastRow = number;
    const cells: (string | number | boolean | null)[] = [];
    let lastCol = -1;
    for (let cm = cellRe.exec(rm[2] ?? ''); cm; cm = cellRe.exec(rm[2] ?? '')) {
      const ref = attr(cm[1], 'r');
      const col = ref ? columnIndex(ref) : lastCol + 1;
      lastCol = col;
      const body = cm[2] ?? '';
      const type = attr(cm[1], 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: string | number | boolean | null = null;
      if (type === 's') value = v === undefined ? null : (strings[Number(v)] ?? null);
      else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = v === undefined ? null : decodeXml(v);
      else if (v !== undefined && v !== '') value = Number(v);
      cells[col] = value;
    }
    rows.set(number, cells);
  }
  return rows;
}

/** Reads the cell values of every sheet of an .xlsx file; throws XlsxError when it is not one. */
export function readXlsxValues(buffer: Buffer): XlsxBook {
  const files = unzip(buffer);
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) throw new XlsxError('no workbook');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const strings = (
    files
      .get('xl/sharedStrings.xml')
      ?.toString('utf8')
      .match(/<si>[\s\S]*?<\/si>|<si\/>/g) ?? []
  ).map(textOf);
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = decodeXml(attr(m[0], 'name') ?? '');
    const path = targets.get(attr(m[0], 'r:id') ?? '');
    const xml = path ? files.get(path)?.toString('utf8') : undefined;
    if (xml) sheets.push({ name, rows: readSheet(xml, strings) });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const date1904 = ['1', 'true'].includes(attr(pr, 'date1904') ?? '');
  return { sheets, date1904 };
}
