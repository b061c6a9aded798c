import type { TableKey } from '../exchange.repository.ts';

/** A record reference: the id of an existing record, or the temporary key of one this import inserts. */
export type Ref = number | string;

/** Fields that may hold a temporary key of a record inserted earlier in the same import. */
export const REF_FIELDS = [
  'teacherId',
  'mentorId',
  'menteeId',
  'routeId',
  'diagnosticId',
  'eventId',
] as const;

export interface AuditNote {
  entity: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export interface InsertOp {
  table: TableKey;
  temp: string;
  values: Record<string, unknown>;
  audit: AuditNote;
}

export interface UpdateOp {
  table: TableKey;
  id: number;
  version: number;
  patch: Record<string, unknown>;
  audit: AuditNote;
}

export interface DeleteOp {
  table: TableKey;
  id: number;
  version: number;
  audit: AuditNote;
}

/** Subjects of a teacher are replaced as a whole (the teacher's row update carries the version check). */
export interface SubjectsOp {
  teacher: Ref;
  subjects: string[];
}

/**
 * A school head's row that names a teacher of another organization (found by СНИЛС): the import does not add
 * the position, it sends an attach request that the teacher's organization or the coordinator confirms
 * (teachers/attach-requests.ts).
 */
export interface AttachRequestOp {
  teacherId: number;
  position: Record<string, unknown>;
  today: string;
}

export interface PlanOps {
  inserts: InsertOp[];
  updates: UpdateOp[];
  deletes: DeleteOp[];
  subjects: SubjectsOp[];
  attachRequests: AttachRequestOp[];
  /** Existing records the plan refers to without changing them: they must still exist at confirm. */
  references: Partial<Record<TableKey, Set<number>>>;
}

export interface ImportError {
  sheet: string;
  /** The row of the sheet as Excel numbers it (the header is row 1); 0 for a problem of the whole sheet or file. */
  row: number;
  column: string;
  /** The whole sentence: «Лист «Педагоги», строка 7, столбец «Дата рождения»: некорректная дата …». */
  message: string;
  /** Only the problem: «некорректная дата …». */
  problem: string;
}

export interface FieldChange {
  column: string;
  before: string;
  after: string;
}

export interface ChangeItem {
  row: number | null;
  id: number | null;
  label: string;
  fields?: FieldChange[];
  note?: string;
}

export interface SheetPreview {
  sheet: string;
  /** Whether the file had this sheet: a missing sheet changes nothing. */
  isPresent: boolean;
  counts: { added: number; changed: number; removed: number; unchanged: number };
  added: ChangeItem[];
  changed: ChangeItem[];
  removed: ChangeItem[];
  /** Some items were left out of the lists (the counts are complete). */
  isTruncated: boolean;
}

/** How many items of each list a preview carries per sheet. */
export const PREVIEW_LIST_LIMIT = 500;

export function emptyOps(): PlanOps {
  return { inserts: [], updates: [], deletes: [], subjects: [], attachRequests: [], references: {} };
}

export function emptySheetPreview(sheet: string, isPresent: boolean): SheetPreview {
  return {
    sheet,
    isPresent,
    counts: { added: 0, changed: 0, removed: 0, unchanged: 0 },
    added: [],
    changed: [],
    removed: [],
    isTruncated: false,
  };
}

export function pushItem(preview: SheetPreview, list: 'added' | 'changed' | 'removed', item: ChangeItem) {
  preview.counts[list] += 1;
  if (preview[list].length < PREVIEW_LIST_LIMIT) preview[list].push(item);
  else preview.isTruncated = true;
}

export function importError(sheet: string, row: number, column: string, problem: string): ImportError {
  const where = [`Лист «${sheet}»`, row ? `строка ${row}` : null, column ? `столбец «${column}»` : null]
    .filter(Boolean)
    .join(', ');
  return { sheet, row, column, problem, message: `${where}: ${problem}` };
}
