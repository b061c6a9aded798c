import { formatRuDate, isValidIsoDate, parseRuDate } from '../../../../core/dates.ts';
import type { Enumeration } from '../../../../core/enums.ts';
import { formatNumber, parseRuNumber } from '../../../../core/format.ts';
import { formatSnils, snilsDigits } from '../../../../core/registry/snils.ts';

/**
 * How a workbook cell holds a value and how it is read back. Reading is lenient about the form (a real Excel
 * date or «дд.мм.гггг» text, «1,5» or 1.5, «Да» or «да») and strict about the content: a value it cannot
 * convert is passed on as the text the user typed, so the shared zod schema of the record kind reports it
 * with the same Russian message as the API.
 */
export type CellType =
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'snils' }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'int' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'enum'; enumeration: Enumeration<string> }
  | { kind: 'enumList'; enumeration: Enumeration<string> }
  | { kind: 'textList' }
  /** A name from a list of the database (provider, association, mentoring program). */
  | { kind: 'name'; list: NameList };

export type NameList = 'providers' | 'associations' | 'programs';

/** The separator of several values in one cell. */
export const LIST_SEPARATOR = ';';

export { formatSnils, snilsDigits };

/** A cell as ExcelJS or the CSV reader gives it, reduced to a string, number, boolean, Date or null. */
export function plainCell(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const trimmed = value.replace(/\u00a0/g, ' ').trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('result' in v) return plainCell(v.result);
    if (Array.isArray(v.richText))
      return plainCell((v.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('text' in v) return plainCell(v.text);
    if ('error' in v) return String(v.error);
  }
  return plainCell(String(value));
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

function readDate(value: string | number | boolean | Date): unknown {
  if (value instanceof Date) return dateOf(value);
  if (typeof value === 'number') {
    // An Excel date is its serial number of days from 1899-12-30 (a time of day is the fraction).
    if (value > 0 && value < 80000)
      return dateOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000));
    return String(value);
  }
  const text = String(value);
  if (isValidIsoDate(text)) return text;
  const iso = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(text);
  if (iso && isValidIsoDate(iso[1])) return iso[1];
  return parseRuDate(text) ?? text;
}

function readMonth(value: string | number | boolean | Date): unknown {
  const text = value instanceof Date ? dateOf(value) : String(value);
  const short = /^\s*(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (short) return `${short[2]}-${short[1].padStart(2, '0')}`;
  const date = readDate(value);
  // A snapshot is taken «на 10-е число»: any day of the month names that month.
  return typeof date === 'string' && isValidIsoDate(date) ? date.slice(0, 7) : text;
}

function readNumber(value: string | number | boolean | Date): unknown {
  if (typeof value === 'number') return value;
  const n = parseRuNumber(String(value));
  return n ?? String(value);
}

function readEnum(text: string, enumeration: Enumeration<string>): string {
  const wanted = text.trim().toLowerCase().replace(/ё/g, 'е');
  for (const code of enumeration.values) {
    const label = enumeration.label[code].toLowerCase().replace(/ё/g, 'е');
    if (label === wanted || code === wanted) return code;
  }
  return text;
}

const splitList = (text: string) =>
  text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);

/** The value of a cell for the record's schema; null for an empty cell. */
export function readCell(raw: unknown, type: CellType): unknown {
  const value = plainCell(raw);
  if (value === null) {
    if (type.kind === 'enumList' || type.kind === 'textList') return [];
    return null;
  }
  switch (type.kind) {
    case 'id':
      if (typeof value === 'number') return value;
      return /^\d+$/.test(String(value)) ? Number(value) : String(value);
    case 'text':
    case 'name':
      return value instanceof Date ? formatRuDate(dateOf(value)) : String(value);
    case 'snils':
      // Excel turns «01234567819» typed without dashes into a number and drops the leading zero.
      return typeof value === 'number' && Number.isInteger(value)
        ? String(value).padStart(11, '0')
        : String(value);
    case 'date':
      return readDate(value);
    case 'month':
      return readMonth(value);
    case 'int':
    case 'number':
      return readNumber(value);
    case 'bool': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (['да', 'д', 'yes', 'true', '1', '+'].includes(text)) return true;
      if (['нет', 'н', 'no', 'false', '0', '-', '—'].includes(text)) return false;
      return String(value);
    }
    case 'enum':
      return readEnum(String(value), type.enumeration);
    case 'enumList':
      return splitList(String(value)).map((item) => readEnum(item, type.enumeration));
    case 'textList':
      return splitList(String(value));
  }
}

const monthDate = (value: string) => {
  const [y, m] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
};

/** The value written into a workbook cell. */
export function writeCell(value: unknown, type: CellType): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'date': {
      const [y, m, d] = String(value).split('-').map(Number);
      return new Date(Date.UTC(y, m - 1, d));
    }
    case 'month':
      return monthDate(String(value));
    case 'bool':
      return value ? 'да' : 'нет';
    case 'enum':
      return type.enumeration.label[String(value)] ?? String(value);
    case 'enumList':
      return (
        (value as string[]).map((v) => type.enumeration.label[v] ?? v).join(`${LIST_SEPARATOR} `) || null
      );
    case 'textList':
      return (value as string[]).join(`${LIST_SEPARATOR} `) || null;
    case 'snils':
      return formatSnils(String(value));
    case 'id':
    case 'int':
    case 'number':
      return Number(value);
    case 'text':
    case 'name':
      return String(value);
  }
}

/** The value as a person reads it in the preview: «15.03.1985», «высшая», «да», «1,5». */
export function displayCell(value: unknown, type: CellType): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  switch (type.kind) {
    case 'date':
      return formatRuDate(String(value));
    case 'month': {
      const [y, m] = String(value).split('-');
      return `${m}.${y}`;
    }
    case 'number':
      return formatNumber(Number(value), Number.isInteger(Number(value)) ? 0 : 2);
    case 'int':
    case 'id':
      return String(value);
    default: {
      const written = writeCell(value, type);
      return written instanceof Date ? formatRuDate(dateOf(written)) : String(written ?? '');
    }
  }
}

/** Values as compared for «changed or not»: lists as sets, text without surrounding blanks, months as YYYY-MM. */
export function comparable(value: unknown, type: CellType): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return JSON.stringify([...value].map(String).sort());
  if (type.kind === 'month') return String(value).slice(0, 7);
  if (type.kind === 'snils') return snilsDigits(String(value));
  if (type.kind === 'number' || type.kind === 'int') return String(Number(value));
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

/** «Иванова М. П.» */
export function shortName(p: { lastName: string; firstName: string; middleName?: string | null }) {
  return [p.lastName, `${p.firstName.slice(0, 1)}.`, p.middleName ? `${p.middleName.slice(0, 1)}.` : '']
    .filter(Boolean)
    .join(' ');
}

export const fullName = (p: { lastName: string; firstName: string; middleName?: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

/** ФИО as a matching key: case, ё and extra spaces do not matter. */
export const nameKey = (name: string) => name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
