import type { Db } from '../../../db/client.ts';
import {
  findExistingIds,
  findTeachersBySnils,
  loadOrganizationData,
  loadTeacherRecords,
  type OrganizationData,
  type OrganizationRef,
  type TableKey,
} from '../exchange.repository.ts';
import { snilsDigits } from '../format/cells.ts';
import { SHEETS, TEACHERS_SHEET } from '../format/sheets.ts';
import { createContext, type PlanContext, type RawSheet } from './context.ts';
import { RECORD_SHEETS } from './record-sheets.ts';
import { exportRecordRows, planRecordSheet } from './records.ts';
import { exportTeacherRows, planTeachersSheet } from './teachers-sheet.ts';
import { importError, type ImportError, type PlanOps, type SheetPreview } from './types.ts';

export interface ImportPlan {
  organization: OrganizationRef;
  ops: PlanOps;
  previews: SheetPreview[];
  errors: ImportError[];
}

async function loadRecords(db: Db, ctx: PlanContext) {
  const teacherIds = ctx.teachers
    .entries()
    .filter((e) => typeof e.ref === 'number' && (e.inScope || e.isLeaving || e.isFormer))
    .map((e) => e.ref as number);
  ctx.records = await loadTeacherRecords(db, teacherIds, {
    associationIds: ctx.data.associations.map((a) => a.id),
    eventIds: ctx.data.events.map((e) => e.id),
  });
}

const sheetOrder = (name: string) => SHEETS.findIndex((s) => s.name === name);

/** Tells «another organization's record» from «no such record» for IDs the organization does not hold. */
async function reportForeignIds(db: Db, ctx: PlanContext) {
  const tables = [...new Set(ctx.foreignIds.map((f) => f.table))];
  for (const table of tables) {
    const list = ctx.foreignIds.filter((f) => f.table === table);
    const existing = await findExistingIds(db, table as TableKey, [...new Set(list.map((f) => f.id))]);
    for (const f of list) {
      const problem = existing.has(f.id)
        ? `запись с ID ${f.id} относится к другой организации или к педагогу, который в ней не работает: ` +
          'изменять её через книгу этой организации нельзя'
        : `записи с ID ${f.id} нет в системе (возможно, её удалили); для новой записи оставьте ID пустым`;
      ctx.errors.push(importError(f.sheet, f.row, f.column, problem));
    }
  }
}

/**
 * Parses nothing and writes nothing: compares the uploaded sheets with the organization's data and answers
 * what would change and every error. The plan it returns is applied by applyPlan in one transaction.
 */
export async function planImport(
  db: Db,
  options: {
    organization: OrganizationRef;
    sheets: RawSheet[];
    fileErrors: ImportError[];
    isDepartment: boolean;
    today: string;
  },
): Promise<ImportPlan> {
  const { organization, sheets } = options;
  const data = await loadOrganizationData(db, organization);
  const teacherSheet = sheets.find((s) => s.name === TEACHERS_SHEET.name) ?? null;
  const snils = new Set<string>();
  for (const row of teacherSheet?.rows ?? []) {
    const digits = snilsDigits(String(row.cells.snils ?? ''));
    if (digits.length === 11) snils.add(digits);
  }
  const attach = await findTeachersBySnils(db, organization.municipalityId, [...snils]);
  const ctx = createContext({ data, today: options.today, isDepartment: options.isDepartment });
  ctx.errors.push(...options.fileErrors);
  planTeachersSheet(ctx, teacherSheet, attach);
  await loadRecords(db, ctx);
  for (const def of RECORD_SHEETS)
    planRecordSheet(def, sheets.find((s) => s.name === def.spec.name) ?? null, ctx);
  await reportForeignIds(db, ctx);
  ctx.errors.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
  return { organization, ops: ctx.ops, previews: ctx.previews, errors: ctx.errors };
}

export interface WorkbookData {
  data: OrganizationData;
  /** Rows by sheet name, cells by column key. */
  rows: Map<string, Record<string, unknown>[]>;
}

/** The organization's data as the rows of every sheet. */
export async function loadWorkbookData(
  db: Db,
  organization: OrganizationRef,
  today: string,
): Promise<WorkbookData> {
  const data = await loadOrganizationData(db, organization);
  const ctx = createContext({ data, today, isDepartment: true });
  planTeachersSheet(ctx, null, { rows: [], subjects: new Map() });
  await loadRecords(db, ctx);
  const rows = new Map<string, Record<string, unknown>[]>([[TEACHERS_SHEET.name, exportTeacherRows(ctx)]]);
  for (const def of RECORD_SHEETS) {
    planRecordSheet(def, null, ctx);
    rows.set(def.spec.name, exportRecordRows(def, ctx));
  }
  return { data, rows };
}
