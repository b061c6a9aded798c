import type {
  EventRow,
  OrganizationData,
  OrganizationRef,
  TableKey,
  TeacherRecords,
} from '../exchange.repository.ts';
import { nameKey, type NameList } from '../format/cells.ts';
import { TeacherIndex } from './teacher-index.ts';
import { emptyOps, type ImportError, type PlanOps, type Ref, type SheetPreview } from './types.ts';
import { pushTo } from '../collections.ts';

/** A data row of an uploaded sheet: its row number and the cells by column key (see format/sheets.ts). */
export interface RawRow {
  row: number;
  cells: Record<string, unknown>;
}

export interface RawSheet {
  name: string;
  rows: RawRow[];
  /** Keys of the optional columns the header lacks: blank in new records, left as they are in existing ones. */
  absent?: string[];
}

export interface NameIndex {
  byKey: Map<string, { id: number; name: string }[]>;
  byId: Map<number, string>;
}

/** A record as it will be after the import: what later sheets may refer to (a diagnostic, a route). */
export interface AfterRecord {
  ref: Ref;
  values: Record<string, unknown>;
}

export interface EventEntry {
  ref: Ref;
  title: string;
  date: string;
  level: string;
  format: string;
  type: string | null;
}

/** Everything the planning of one organization's workbook shares between sheets. */
export interface PlanContext {
  organization: OrganizationRef;
  today: string;
  isDepartment: boolean;
  data: OrganizationData;
  records: TeacherRecords;
  teachers: TeacherIndex;
  names: Record<NameList, NameIndex>;
  deficitCodes: Set<string>;
  events: { byKey: Map<string, EventEntry>; byRef: Map<Ref, EventEntry> };
  after: Partial<Record<TableKey, AfterRecord[]>>;
  ops: PlanOps;
  errors: ImportError[];
  previews: SheetPreview[];
  /** IDs that are not this organization's records: reported once it is known whether they exist at all. */
  foreignIds: { sheet: string; row: number; column: string; table: TableKey; id: number }[];
  newKey(table: TableKey): string;
  /** Indexes built once per plan by the sheets that need them. */
  cache: Map<string, unknown>;
}

/** A value computed once per plan (an index over ctx.after, say). */
export function cached<T>(ctx: PlanContext, key: string, build: () => T): T {
  if (!ctx.cache.has(key)) ctx.cache.set(key, build());
  return ctx.cache.get(key) as T;
}

/** A number that passes the schema's «positive integer» check in place of a temporary key. */
export const placeholderOf = (temp: string) => 1_000_000_000 + Number(temp.split(':')[2] ?? 0);

export const eventKey = (title: string, date: string, level: string) => `${nameKey(title)}|${date}|${level}`;

function nameIndex(rows: { id: number; name: string }[]): NameIndex {
  const byKey = new Map<string, { id: number; name: string }[]>();
  for (const r of rows) pushTo(byKey, nameKey(r.name), r);
  return { byKey, byId: new Map(rows.map((r) => [r.id, r.name])) };
}

export function createContext(options: {
  data: OrganizationData;
  today: string;
  isDepartment: boolean;
}): PlanContext {
  const { data } = options;
  let counter = 0;
  const events = { byKey: new Map<string, EventEntry>(), byRef: new Map<Ref, EventEntry>() };
  for (const e of data.events as EventRow[]) {
    const entry = {
      ref: e.id,
      title: e.title,
      date: e.date,
      level: e.level,
      format: e.format,
      type: e.type,
    };
    const key = eventKey(e.title, e.date, e.level);
    // Of two equal events the organization's own one wins, then the older one.
    const taken = events.byKey.get(key);
    if (
      !taken ||
      (e.organizationId === data.organization.id && typeof taken.ref === 'number' && taken.ref > e.id)
    )
      events.byKey.set(key, entry);
    events.byRef.set(e.id, entry);
  }
  return {
    organization: data.organization,
    today: options.today,
    isDepartment: options.isDepartment,
    data,
    records: {
      educations: [],
      certifications: [],
      diagnostics: [],
      trainings: [],
      routes: [],
      routeSteps: [],
      competitions: [],
      memberships: [],
      participations: [],
    },
    teachers: new TeacherIndex(),
    names: {
      providers: nameIndex(data.providers),
      associations: nameIndex(data.associations),
      programs: nameIndex(data.programs.map((p) => ({ id: p.id, name: p.title }))),
    },
    deficitCodes: new Set(data.deficits.map((d) => d.code)),
    events,
    after: {},
    ops: emptyOps(),
    errors: [],
    previews: [],
    foreignIds: [],
    newKey: (table) => `new:${table}:${++counter}`,
    cache: new Map(),
  };
}

/** Remembers that the plan relies on an existing record it does not change. */
export function reference(ctx: PlanContext, table: TableKey, ref: unknown) {
  if (typeof ref !== 'number') return;
  (ctx.ops.references[table] ??= new Set()).add(ref);
}
