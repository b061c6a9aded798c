import type { FileLimits } from '../../../config.ts';
import { tooManyRows, unreadable } from './file-errors.ts';
import { checkZipDirectory, readZipEntries, type InflateBudget } from './zip-entries.ts';

/**
 * A reader of .xlsx cell values: the shared strings and the sheets' cells, nothing else (no styles, drawings,
 * validations). ExcelJS takes seconds to load a workbook of 10,000 rows with its drop-downs; this takes a
 * fraction of a second. The ZIP is fflate's (zip-entries.ts, with the limits); the XML is scanned by indexOf,
 * linear in its length whatever it holds (no backtracking regular expression over a whole part). Dates come
 * as their serial numbers: the import knows which columns hold dates. Rows without any value are left out,
 * so a sheet formatted down to row 1,048,576 reads as the rows that hold data.
 */
export type XlsxValue = string | number | boolean | null;

export interface XlsxSheet {
  name: string;
  /** Rows with at least one value, by their number (1-based); cells by their column index (0-based). */
  rows: Map<number, XlsxValue[]>;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  /** The Mac date system: serial 0 is 1904-01-01 instead of 1899-12-30. */
  date1904: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()];
      const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const isNameEnd = (ch: string | undefined) =>
  ch === ' ' || ch === '>' || ch === '/' || ch === '\t' || ch === '\n' || ch === '\r';

/**
 * Calls `fn` for each `<name …>body</name>` or `<name …/>` of `xml`, in order: the text of the start tag and
 * the body (empty for an empty element). Stops at an element left open. Nested ranges are passed as slices
 * (V8 makes them without copying), so that a search never runs past the range.
 */
function eachElement(xml: string, name: string, fn: (tag: string, body: string) => void): void {
  const open = `<${name}`;
  const close = `</${name}>`;
  let at = xml.indexOf(open);
  while (at >= 0) {
    if (!isNameEnd(xml[at + open.length])) {
      at = xml.indexOf(open, at + open.length);
      continue;
    }
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0) return;
    const tag = xml.slice(at, tagEnd + 1);
    if (xml[tagEnd - 1] === '/') {
      fn(tag, '');
      at = xml.indexOf(open, tagEnd + 1);
      continue;
    }
    const end = xml.indexOf(close, tagEnd + 1);
    if (end < 0) return;
    fn(tag, xml.slice(tagEnd + 1, end));
    at = xml.indexOf(open, end + close.length);
  }
}

/** The body of the first `<name>…</name>` of `xml`, or undefined. */
function firstBody(xml: string, name: string): string | undefined {
  const start = xml.indexOf(`<${name}>`);
  if (start < 0) return undefined;
  const end = xml.indexOf(`</${name}>`, start);
  return end < 0 ? undefined : xml.slice(start + name.length + 2, end);
}

/** The text of an <si> or <is>: its <t> runs, without the phonetic hints (<rPh>). */
function textOf(xml: string): string {
  let text = '';
  const runs = (part: string) => eachElement(part, 't', (_tag, body) => (text += body));
  if (!xml.includes('<rPh')) runs(xml);
  else {
    let at = 0;
    for (let start = xml.indexOf('<rPh', at); start >= 0; start = xml.indexOf('<rPh', at)) {
      runs(xml.slice(at, start));
      const end = xml.indexOf('</rPh>', start);
      if (end < 0) return decodeXml(text);
      at = end + 6;
    }
    runs(xml.slice(at));
  }
  return decodeXml(text);
}

const ATTRS = {
  r: /\sr="([^"]*)"/,
  t: /\st="([^"]*)"/,
  id: /\sId="([^"]*)"/,
  target: /\sTarget="([^"]*)"/,
  name: /\sname="([^"]*)"/,
  rid: /\sr:id="([^"]*)"/,
  date1904: /\sdate1904="([^"]*)"/,
};
const attr = (tag: string, name: keyof typeof ATTRS) => ATTRS[name].exec(tag)?.[1];

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

const isEmpty = (value: XlsxValue) => value === null || (typeof value === 'string' && !value.trim());

function readSheet(xml: string, strings: string[], name: string, limits: FileLimits): XlsxSheet['rows'] {
  const rows: XlsxSheet['rows'] = new Map();
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) return rows;
  const dataEnd = xml.indexOf('</sheetData>', dataStart);
  let lastRow = 0;
  eachElement(xml.slice(dataStart + 1, dataEnd < 0 ? xml.length : dataEnd), 'row', (rowTag, rowXml) => {
    const number = Number(attr(rowTag, 'r') ?? lastRow + 1);
    lastRow = number;
    const cells: XlsxValue[] = [];
    let lastCol = -1;
    let hasValue = false;
    eachElement(rowXml, 'c', (tag, body) => {
      const ref = attr(tag, 'r');
      const col = ref ? columnIndex(ref) : lastCol + 1;
      lastCol = col;
      if (!body || col < 0 || col > 16_383) return;
      const type = attr(tag, 't') ?? 'n';
      let value: XlsxValue = null;
      if (type === 'inlineStr') {
        const is = firstBody(body, 'is');
        if (is !== undefined) value = textOf(is);
      } else {
        const v = firstBody(body, 'v');
        if (type === 's') value = v === undefined ? null : (strings[Number(v)] ?? null);
        else if (type === 'b') value = v === '1';
        else if (type === 'str' || type === 'e') value = v === undefined ? null : decodeXml(v);
        else if (v !== undefined && v !== '') value = Number(v);
      }
      cells[col] = value;
      if (!isEmpty(value)) hasValue = true;
    });
    if (!hasValue) return;
    rows.set(number, cells);
    if (rows.size > limits.rowsPerSheet) throw tooManyRows(`Лист «${name}»`, limits.rowsPerSheet);
  });
  return rows;
}

const utf8 = (data: Buffer | undefined) => data?.toString('utf8');

/**
 * Reads the cell values of the sheets of an .xlsx file that `wantSheet` accepts (all by default). Throws
 * AppError: 400 when it is not a workbook, 413 over a limit of the configuration.
 */
export function readXlsxValues(
  buffer: Uint8Array,
  limits: FileLimits,
  wantSheet: (name: string) => boolean = () => true,
): XlsxBook {
  checkZipDirectory(buffer, limits);
  const budget: InflateBudget = { used: 0 };
  const parts = readZipEntries(
    buffer,
    (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml',
    limits,
    budget,
  );
  const workbook = utf8(parts.get('xl/workbook.xml'));
  const rels = utf8(parts.get('xl/_rels/workbook.xml.rels'));
  if (!workbook || !rels) throw unreadable();
  const targets = new Map<string, string>();
  eachElement(rels, 'Relationship', (tag) => {
    const id = attr(tag, 'id');
    const target = attr(tag, 'target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  });
  const shared = utf8(parts.get('xl/sharedStrings.xml')) ?? '';
  const strings: string[] = [];
  eachElement(shared, 'si', (_tag, body) => strings.push(textOf(body)));

  const wanted: { name: string; path: string }[] = [];
  eachElement(workbook, 'sheet', (tag) => {
    const name = decodeXml(attr(tag, 'name') ?? '');
    const path = targets.get(attr(tag, 'rid') ?? '');
    if (path && wantSheet(name)) wanted.push({ name, path });
  });
  const paths = new Set(wanted.map((w) => w.path));
  const sheetParts = readZipEntries(buffer, (n) => paths.has(n), limits, budget);
  const sheets: XlsxSheet[] = [];
  for (const { name, path } of wanted) {
    const xml = utf8(sheetParts.get(path));
    if (xml) sheets.push({ name, rows: readSheet(xml, strings, name, limits) });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const date1904 = ['1', 'true'].includes(attr(pr, 'date1904') ?? '');
  return { sheets, date1904 };
}
