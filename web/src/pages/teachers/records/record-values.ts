import { formatRuDate } from '../../../../../core/dates.ts';
import { formatNumber, parseRuNumber } from '../../../../../core/format.ts';
import type { FieldDef, RecordKind } from '../../../../../core/registry/fields.ts';
import { recordSchema } from '../../../../../core/registry/schema.ts';

/**
 * Between a record kind's fields and a form: what each input holds (numbers as typed text, so a decimal
 * comma works; references as the Select's string ids), the payload the API takes, and how a stored value
 * reads on screen.
 */
export type FormValue = string | boolean | string[] | null;
export type FormValues = Record<string, FormValue>;

const isList = (f: FieldDef) => f.type.kind === 'enumList' || f.type.kind === 'textList';

export function toFormValues(
  kind: RecordKind,
  record?: Record<string, unknown> | null,
  defaults: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {};
  for (const f of kind.fields) {
    const v = record ? record[f.key] : defaults[f.key];
    switch (f.type.kind) {
      case 'int':
      case 'number':
        values[f.key] = v === null || v === undefined ? '' : String(v).replace('.', ',');
        break;
      case 'ref':
        values[f.key] = v === null || v === undefined ? null : String(v);
        break;
      case 'bool':
        // A nullable flag keeps «не указано» (null) apart from «нет».
        values[f.key] = f.type.nullable && (v === null || v === undefined) ? null : Boolean(v);
        break;
      case 'text':
        values[f.key] = v === null || v === undefined ? '' : String(v);
        break;
      default:
        values[f.key] = isList(f) ? ((v as string[] | undefined) ?? []) : ((v as string | undefined) ?? null);
    }
  }
  return values;
}

/** The API payload of the form, or the Russian errors by field (the same rules the server applies). */
export function toPayload(
  kind: RecordKind,
  values: FormValues,
): { payload: Record<string, unknown>; errors: Record<string, string> } {
  const payload: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of kind.fields) {
    const v = values[f.key];
    if (f.type.kind === 'int' || f.type.kind === 'number') {
      const text = String(v ?? '').trim();
      const parsed = text === '' ? null : parseRuNumber(text);
      if (text !== '' && parsed === null) errors[f.key] = `«${f.label}»: ожидается число`;
      payload[f.key] = parsed;
    } else if (f.type.kind === 'ref') {
      payload[f.key] = v === null || v === '' ? null : Number(v);
    } else {
      payload[f.key] = v;
    }
  }
  const result = recordSchema(kind).safeParse(payload);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  return { payload, errors };
}

/** A stored value as the list shows it. */
export function displayValue(
  f: FieldDef,
  row: Record<string, unknown> & { labels?: Record<string, string> },
) {
  const v = row[f.key];
  const t = f.type;
  if (t.kind === 'bool') {
    if (t.nullable && (v === null || v === undefined)) return 'не указано';
    return v ? 'да' : 'нет';
  }
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return '—';
  switch (t.kind) {
    case 'date':
      return formatRuDate(String(v));
    case 'month':
      return formatRuDate(String(v)).slice(3);
    case 'int':
      return String(v);
    case 'number':
      return formatNumber(Number(v), Number.isInteger(Number(v)) ? 0 : 2);
    case 'enum':
      return t.enumeration.label[String(v)] ?? String(v);
    case 'enumList':
      return (v as string[]).map((x) => t.enumeration.label[x] ?? x).join(', ');
    case 'textList':
      return (v as string[]).join(', ');
    case 'ref':
      return row.labels?.[f.key] ?? `№ ${String(v)}`;
    default:
      return String(v);
  }
}
