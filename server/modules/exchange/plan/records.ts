import type { RecordKind } from '../../../../core/registry/fields.ts';
import { recordSchema } from '../../../../core/registry/schema.ts';
import type { AnyRow, TableKey } from '../exchange.repository.ts';
import { comparable, displayCell, type CellType } from '../format/cells.ts';
import type { ColumnSpec, SheetSpec } from '../format/sheets.ts';
import { placeholderOf, type AfterRecord, type PlanContext, type RawSheet } from './context.ts';
import {
  emptySheetPreview,
  importError,
  pushItem,
  REF_FIELDS,
  type FieldChange,
  type SheetPreview,
} from './types.ts';
import { pushTo } from '../collections.ts';

export interface CellError {
  /** The column header. */
  column: string;
  problem: string;
}

export interface ResolveResult {
  values: Record<string, unknown>;
  errors: CellError[];
  /** The row belongs to a teacher who leaves the organization in this import: it is left alone. */
  skip?: boolean;
  /** The row may only repeat its record unchanged (a dismissed teacher's): what to say if it does not. */
  readOnly?: CellError;
  note?: string;
}

/**
 * Turns some columns of a row into record fields by looking something up: a teacher by the identification
 * rule, a provider by its name, an event by title, date and level. `toCells` is the way back, for the export
 * and for showing a change.
 */
export interface Resolver {
  columns: string[];
  /** The columns a change of this resolver's fields shows (default: all of them). */
  shown?: string[];
  fields: string[];
  resolve(
    cells: Record<string, unknown>,
    ctx: PlanContext,
    values: Record<string, unknown>,
    headers: Record<string, string>,
  ): ResolveResult;
  toCells(record: Record<string, unknown>, ctx: PlanContext): Record<string, unknown>;
}

/** A sheet whose rows are records of one table, planned by the generic engine below. */
export interface RecordSheetDef {
  spec: SheetSpec;
  table: TableKey;
  kind: RecordKind;
  resolvers: Resolver[];
  /** Fields the organization decides (organizationId): validated and written, never compared. */
  fixed?(ctx: PlanContext): Record<string, unknown>;
  /** Fields only a new record gets (the municipality of an act). */
  insertExtra?(ctx: PlanContext): Record<string, unknown>;
  /** The records of this organization the sheet shows and an upload replaces. */
  existing(ctx: PlanContext): AnyRow[];
  /** The natural key of a record (fields after lookups), for rows without ID. */
  key(values: Record<string, unknown>): string;
  label(values: Record<string, unknown>, ctx: PlanContext): string;
  /**
   * Why the organization may neither change nor remove a record it sees (another organization entered it, or
   * its teacher no longer works here); null when it may. A row may repeat such a record unchanged.
   */
  protect?(record: AnyRow, ctx: PlanContext): string | null;
  /** Whether the export writes the record (default: every record of `existing`). */
  exported?(record: AnyRow, ctx: PlanContext): boolean;
  /** Checks against the catalogs (deficit codes). */
  check?(values: Record<string, unknown>, ctx: PlanContext, headers: Record<string, string>): CellError[];
}

export const headersOf = (spec: SheetSpec): Record<string, string> =>
  Object.fromEntries(spec.columns.map((c) => [c.key, c.header]));

/** «Дата рождения»: некорректная дата → некорректная дата (the column is named separately). */
export const stripLabel = (message: string) => message.replace(/^«[^»]*»:\s*/, '');

const ID_PROBLEM = 'ожидается номер записи (целое число); в новой строке оставьте ID пустым';

interface ValidRow {
  row: number;
  id: number | null;
  values: Record<string, unknown>;
  cells: Record<string, unknown>;
  note?: string;
  readOnly?: CellError;
}

/** The columns a sheet holds as plain record fields (no lookup). */
function plainColumns(def: RecordSheetDef): ColumnSpec[] {
  const taken = new Set(def.resolvers.flatMap((r) => r.columns));
  return def.spec.columns.filter((c) => !c.isId && !taken.has(c.key));
}

/** The rows the export writes for a sheet: every record in scope, cells by column key. */
export function exportRecordRows(def: RecordSheetDef, ctx: PlanContext): Record<string, unknown>[] {
  const plain = plainColumns(def);
  const records = def.existing(ctx).filter((r) => def.exported?.(r, ctx) ?? true);
  return records.map((record) => {
    const cells: Record<string, unknown> = { id: record.id };
    for (const c of plain) cells[c.key] = record[c.key];
    for (const r of def.resolvers) Object.assign(cells, r.toCells(record, ctx));
    return cells;
  });
}

/** Validates one row with the record kind's schema; lookups that failed are not reported twice. */
function validateRow(
  def: RecordSheetDef,
  cells: Record<string, unknown>,
  ctx: PlanContext,
  headers: Record<string, string>,
): {
  skip: boolean;
  errors: CellError[];
  values: Record<string, unknown>;
  note?: string;
  readOnly?: CellError;
} {
  const errors: CellError[] = [];
  const values: Record<string, unknown> = { ...def.fixed?.(ctx) };
  const failed = new Set<string>();
  const fieldColumn = new Map<string, string>();
  let skip = false;
  let note: string | undefined;
  let readOnly: CellError | undefined;
  for (const r of def.resolvers) {
    const result = r.resolve(cells, ctx, values, headers);
    skip ||= Boolean(result.skip);
    note ??= result.note;
    readOnly ??= result.readOnly;
    errors.push(...result.errors);
    for (const f of r.fields) {
      fieldColumn.set(f, headers[(r.shown ?? r.columns)[0]]);
      if (result.errors.length) failed.add(f);
    }
    Object.assign(values, result.values);
  }
  for (const c of plainColumns(def)) {
    values[c.key] = cells[c.key] ?? null;
    fieldColumn.set(c.key, c.header);
  }
  if (skip) return { skip, errors: [], values };
  const input = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      failed.has(k) ? 1 : isTempRef(k, v) ? placeholderOf(v as string) : v,
    ]),
  );
  const parsed = schemaOf(def.kind).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (failed.has(field)) continue;
      errors.push({ column: fieldColumn.get(field) ?? '', problem: stripLabel(issue.message) });
    }
    return { skip, errors, values };
  }
  const data = parsed.data as Record<string, unknown>;
  const out: Record<string, unknown> = { ...values };
  for (const key of Object.keys(values))
    if (key in data && !isTempRef(key, values[key])) out[key] = data[key];
  if (!errors.length) errors.push(...(def.check?.(out, ctx, headers) ?? []));
  return { skip, errors, values: out, note, readOnly };
}

const schemas = new Map<RecordKind, ReturnType<typeof recordSchema>>();

/** The kind's zod schema, built once (building one is far dearer than using it). */
export function schemaOf(kind: RecordKind) {
  let schema = schemas.get(kind);
  if (!schema) schemas.set(kind, (schema = recordSchema(kind)));
  return schema;
}

const isTempRef = (key: string, value: unknown) =>
  (REF_FIELDS as readonly string[]).includes(key) && typeof value === 'string';

/** The fields the sheet writes and compares (the fixed ones are written only). */
function comparedFields(def: RecordSheetDef): { field: string; type: CellType | null; column?: string }[] {
  return [
    ...plainColumns(def).map((c) => ({ field: c.key, type: c.type, column: c.header })),
    ...def.resolvers.flatMap((r) => r.fields.map((field) => ({ field, type: null }))),
  ];
}

const same = (a: unknown, b: unknown, type: CellType | null) =>
  type ? comparable(a, type) === comparable(b, type) : String(a ?? '') === String(b ?? '');

function describeChanges(
  def: RecordSheetDef,
  ctx: PlanContext,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changed: string[],
): FieldChange[] {
  const out: FieldChange[] = [];
  const columns = new Map(def.spec.columns.map((c) => [c.key, c]));
  for (const c of plainColumns(def)) {
    if (changed.includes(c.key))
      out.push({
        column: c.header,
        before: displayCell(before[c.key], c.type),
        after: displayCell(after[c.key], c.type),
      });
  }
  for (const r of def.resolvers) {
    if (!r.fields.some((f) => changed.includes(f))) continue;
    const was = r.toCells(before, ctx);
    const now = r.toCells(after, ctx);
    for (const key of r.shown ?? r.columns) {
      const c = columns.get(key)!;
      out.push({
        column: c.header,
        before: displayCell(was[key], c.type),
        after: displayCell(now[key], c.type),
      });
    }
  }
  return out;
}

function pick(record: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, record[k] ?? null]));
}

/**
 * Plans one sheet: every valid row is matched with a record of the organization (by ID, else by the natural
 * key), compared, and becomes an insert or an update; every record of the sheet's scope that no row matched is
 * removed. A missing sheet changes nothing. What the records look like afterwards is published in ctx.after.
 */
export function planRecordSheet(def: RecordSheetDef, sheet: RawSheet | null, ctx: PlanContext): SheetPreview {
  const preview = emptySheetPreview(def.spec.name, Boolean(sheet));
  ctx.previews.push(preview);
  const existing = def.existing(ctx);
  if (!sheet) {
    ctx.after[def.table] = existing.map((r) => ({ ref: r.id, values: r }));
    return preview;
  }
  const headers = headersOf(def.spec);
  const byId = new Map(existing.map((r) => [r.id, r]));
  const claimed = new Map<number, number>();
  const valid: ValidRow[] = [];
  for (const raw of sheet.rows) {
    const id = raw.cells.id ?? null;
    const result = validateRow(def, raw.cells, ctx, headers);
    if (id !== null && typeof id !== 'number') result.errors.push({ column: 'ID', problem: ID_PROBLEM });
    if (result.skip || result.errors.length) {
      // A row in error still holds its record: the preview does not announce its removal.
      if (typeof id === 'number' && byId.has(id) && !claimed.has(id)) claimed.set(id, raw.row);
      if (result.skip) preview.counts.unchanged += 1;
      for (const e of result.errors)
        ctx.errors.push(importError(def.spec.name, raw.row, e.column, e.problem));
      continue;
    }
    valid.push({
      row: raw.row,
      id: id as number | null,
      values: result.values,
      cells: raw.cells,
      note: result.note,
      readOnly: result.readOnly,
    });
  }

  const matches: { row: ValidRow; record: AnyRow | null }[] = [];
  for (const row of valid.filter((r) => r.id !== null)) {
    const record = byId.get(row.id!);
    if (!record) {
      ctx.foreignIds.push({
        sheet: def.spec.name,
        row: row.row,
        column: 'ID',
        table: def.table,
        id: row.id!,
      });
      continue;
    }
    const earlier = claimed.get(row.id!);
    if (earlier !== undefined) {
      ctx.errors.push(
        importError(def.spec.name, row.row, 'ID', `запись с ID ${row.id} уже указана в строке ${earlier}`),
      );
      continue;
    }
    claimed.set(row.id!, row.row);
    matches.push({ row, record });
  }
  // Fields whose every column the header lacks: an existing record keeps them.
  const absent = new Set(sheet.absent ?? []);
  const kept = [
    ...plainColumns(def)
      .filter((c) => absent.has(c.key))
      .map((c) => c.key),
    ...def.resolvers.filter((r) => r.columns.every((c) => absent.has(c))).flatMap((r) => r.fields),
  ];
  // A key of such fields is compared without them (the rows hold them blank).
  const blank = Object.fromEntries(kept.map((f) => [f, null]));
  const byKey = new Map<string, AnyRow[]>();
  for (const r of existing) pushTo(byKey, def.key({ ...r, ...blank }), r);
  const newKeys = new Map<string, number>();
  for (const row of valid.filter((r) => r.id === null)) {
    const key = def.key(row.values);
    const record = byKey.get(key)?.find((r) => !claimed.has(r.id));
    if (record) {
      claimed.set(record.id, row.row);
      matches.push({ row, record });
      continue;
    }
    const earlier = newKeys.get(key);
    if (earlier !== undefined) {
      ctx.errors.push(
        importError(
          def.spec.name,
          row.row,
          '',
          `строка повторяет строку ${earlier} (${def.spec.key} совпадают)`,
        ),
      );
      continue;
    }
    newKeys.set(key, row.row);
    matches.push({ row, record: null });
  }

  const after: AfterRecord[] = [];
  const fields = comparedFields(def).filter((f) => !kept.includes(f.field));
  const written = [...comparedFields(def).map((f) => f.field), ...Object.keys(def.fixed?.(ctx) ?? {})];
  for (const { row, record } of matches.sort((a, b) => a.row.row - b.row.row)) {
    const label = def.label(row.values, ctx);
    const guard = record ? def.protect?.(record, ctx) : null;
    const refuse = (fallback: string) => {
      const problem = row.readOnly?.problem ?? guard ?? fallback;
      const column = row.readOnly?.column ?? headers['teacher.name'] ?? '';
      ctx.errors.push(importError(def.spec.name, row.row, column, problem));
    };
    if (!record && row.readOnly) {
      refuse('');
      continue;
    }
    if (!record) {
      const temp = ctx.newKey(def.table);
      const values = { ...pick(row.values, written), ...def.insertExtra?.(ctx) };
      ctx.ops.inserts.push({
        table: def.table,
        temp,
        values,
        audit: {
          entity: def.spec.entity,
          summary: `Добавлено (лист «${def.spec.name}»): ${label}`,
          after: values,
        },
      });
      after.push({ ref: temp, values });
      pushItem(preview, 'added', { row: row.row, id: null, label, note: row.note });
      continue;
    }
    const changed = fields
      .filter((f) => !same(record[f.field], row.values[f.field], f.type))
      .map((f) => f.field);
    if (!changed.length) {
      preview.counts.unchanged += 1;
      after.push({ ref: record.id, values: record });
      continue;
    }
    if (row.readOnly || guard) {
      refuse('');
      after.push({ ref: record.id, values: record });
      continue;
    }
    const patch = pick(row.values, changed);
    ctx.ops.updates.push({
      table: def.table,
      id: record.id,
      version: record.version,
      patch,
      audit: {
        entity: def.spec.entity,
        summary: `Изменено (лист «${def.spec.name}»): ${label}`,
        before: pick(record, changed),
        after: patch,
      },
    });
    after.push({ ref: record.id, values: { ...record, ...patch } });
    pushItem(preview, 'changed', {
      row: row.row,
      id: record.id,
      label,
      fields: describeChanges(def, ctx, record, { ...record, ...patch }, changed),
      note: row.note,
    });
  }
  const placed = new Set(after.map((a) => a.ref));
  for (const record of existing) {
    // A record the organization may not remove stays, whether the file repeats it or not.
    if (claimed.has(record.id) || def.protect?.(record, ctx)) {
      if (!placed.has(record.id)) after.push({ ref: record.id, values: record });
      continue;
    }
    const label = def.label(record, ctx);
    ctx.ops.deletes.push({
      table: def.table,
      id: record.id,
      version: record.version,
      audit: {
        entity: def.spec.entity,
        summary: `Удалено (лист «${def.spec.name}»): ${label}`,
        before: record,
      },
    });
    pushItem(preview, 'removed', { row: null, id: record.id, label });
  }
  ctx.after[def.table] = after;
  return preview;
}
