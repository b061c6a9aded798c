import type { Enumeration } from '../enums.ts';
import { WEB_URL_MESSAGE, WEB_URL_PATTERN } from '../url.ts';

/**
 * Field definitions of registry records: one description per field, from which the API validation, the
 * workbook columns with their drop-down lists, and the UI forms are all derived.
 */
export type FieldType =
  | {
      kind: 'text';
      max?: number;
      pattern?: RegExp;
      patternMessage?: string;
      /** A rule beyond the pattern (a check number), judged only on text that matches the pattern. */
      check?: { isValid(value: string): boolean; message: string };
      multiline?: boolean;
    }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  /**
   * «да»/«нет». A blank is `default` (false unless stated); a `nullable` one keeps a blank as null, «не указано».
   */
  | { kind: 'bool'; nullable?: boolean; default?: boolean }
  | { kind: 'enum'; enumeration: Enumeration<string> }
  | { kind: 'enumList'; enumeration: Enumeration<string> }
  | { kind: 'textList'; max?: number }
  | { kind: 'ref'; target: RefTarget };

/** What a reference field points to; the API carries its id. */
export type RefTarget =
  | 'organization'
  | 'teacher'
  | 'provider'
  | 'diagnostic'
  | 'association'
  | 'event'
  | 'mentoringProgram'
  | 'training'
  | 'route'
  | 'reservePositionKind'
  | 'specialist';

export interface FieldDef {
  key: string;
  /** Russian label: form label and workbook column header. */
  label: string;
  type: FieldType;
  required?: boolean;
  hint?: string;
}

/** A rule across fields of one record, such as «дата окончания не раньше даты начала». */
export interface RecordCheck {
  /** The field the message belongs to. */
  field: string;
  message: string;
  isValid(values: Record<string, unknown>): boolean;
}

export interface RecordKind {
  key: string;
  /** «Диагностика профессиональных дефицитов» */
  label: string;
  /** «Диагностики» — the list heading and the sheet name. */
  pluralLabel: string;
  fields: FieldDef[];
  checks?: RecordCheck[];
}

export const text = (
  key: string,
  label: string,
  options: Partial<FieldDef> & { max?: number } = {},
): FieldDef => ({
  key,
  label,
  type: { kind: 'text', max: options.max ?? 500 },
  ...options,
});

/** A link people open with one click: an http(s) address only (core/url.ts). */
export const webUrl = (key: string, label: string, options: Partial<FieldDef> = {}): FieldDef => ({
  key,
  label,
  type: { kind: 'text', max: 1000, pattern: WEB_URL_PATTERN, patternMessage: WEB_URL_MESSAGE },
  ...options,
});

export const field = (
  key: string,
  label: string,
  type: FieldType,
  options: Partial<FieldDef> = {},
): FieldDef => ({
  key,
  label,
  type,
  ...options,
});

/** «to» not before «from», when both are set. */
export const notBefore = (to: string, from: string, message: string): RecordCheck => ({
  field: to,
  message,
  isValid: (v) => !v[to] || !v[from] || String(v[to]) >= String(v[from]),
});
