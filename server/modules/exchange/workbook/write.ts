import ExcelJS from 'exceljs';
import { formatRuDate } from '../../../../core/dates.ts';
import type { Enumeration } from '../../../../core/enums.ts';
import type { OrganizationData } from '../exchange.repository.ts';
import { writeCell, type CellType, type NameList } from '../format/cells.ts';
import { INSTRUCTIONS_SHEET, LISTS_SHEET, SHEETS, type ColumnSpec } from '../format/sheets.ts';
import { instructionLines } from './instructions.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
const ID_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const ID_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF808080' }, size: 9 };

/** Rows with drop-downs beyond the data, for the rows a person adds. */
const SPARE_ROWS = 1000;

interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

interface ListRange {
  title: string;
  values: string[];
  /** Where the values come from, for docs/exchange-format.md. */
  source: string;
}

/** The lists the drop-downs take their values from, one column each on the hidden sheet «Списки». */
function collectLists(data: OrganizationData | null) {
  const lists: ListRange[] = [];
  const enumColumns = new Map<Enumeration<string>, number>();
  const nameColumns = new Map<NameList, number>();
  for (const sheet of SHEETS) {
    for (const c of sheet.columns) {
      if (c.type.kind !== 'enum' && c.type.kind !== 'enumList') continue;
      const e = c.type.enumeration;
      if (enumColumns.has(e)) continue;
      enumColumns.set(e, lists.length);
      lists.push({
        title: c.header,
        values: e.values.map((v) => e.label[v]),
        source: `допустимые значения столбца «${c.header}» (лист «${sheet.name}»)`,
      });
    }
  }
  const names: [NameList, string, string[], string][] = [
    [
      'providers',
      'Организации, проводящие обучение',
      data?.providers.map((p) => p.name) ?? [],
      'справочник организаций, проводящих обучение (раздел «Справочники»)',
    ],
    [
      'associations',
      'Методические объединения',
      data?.associations.map((a) => a.name) ?? [],
      'объединения муниципалитета и ШМО этой организации (раздел «Методические объединения»)',
    ],
    [
      'programs',
      'Программы наставничества',
      data?.programs.map((p) => p.title) ?? [],
      'программы наставничества этой организации (раздел «Наставничество»)',
    ],
  ];
  for (const [key, title, values, source] of names) {
    nameColumns.set(key, lists.length);
    lists.push({ title, values: [...new Set(values)], source });
  }
  lists.push({
    title: 'Коды дефицитов',
    values: data?.deficits.map((d) => `${d.code} — ${d.title}`) ?? [],
    source: 'каталог профессиональных дефицитов в виде «код — название» (раздел «Справочники»)',
  });
  return { lists, enumColumns, nameColumns };
}

/** The columns of the hidden sheet «Списки»: title and source; values only for the fixed lists. */
export function listSheetColumns(): { title: string; source: string; values: string[] }[] {
  return collectLists(null).lists.map(({ title, source, values }) => ({ title, source, values }));
}

const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function listFormula(index: number, list: ListRange) {
  const col = columnLetter(index);
  return `'${LISTS_SHEET}'!$${col}$2:$${col}$${list.values.length + 1}`;
}

function validationOf(type: CellType, lists: ReturnType<typeof collectLists>): ExcelJS.DataValidation | null {
  const list = (index: number | undefined) => {
    if (index === undefined || !lists.lists[index].values.length) return null;
    return {
      type: 'list' as const,
      allowBlank: true,
      formulae: [listFormula(index, lists.lists[index])],
      showErrorMessage: true,
      errorStyle: 'warning' as const,
      errorTitle: 'Значение не из списка',
      error: 'Выберите значение из списка (все значения — на листе «Инструкция»).',
    };
  };
  if (type.kind === 'enum') return list(lists.enumColumns.get(type.enumeration));
  if (type.kind === 'name') return list(lists.nameColumns.get(type.list));
  if (type.kind === 'bool')
    return {
      type: 'list',
      allowBlank: true,
      formulae: ['"да,нет"'],
      showErrorMessage: true,
      error: 'Выберите «да» или «нет».',
    };
  return null;
}

const NUMBER_FORMATS: Partial<Record<CellType['kind'], string>> = {
  date: 'dd.mm.yyyy',
  month: 'mm.yyyy',
  snils: '@',
};

function addDataSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ColumnSpec[],
  rows: Record<string, unknown>[],
  lists: ReturnType<typeof collectLists>,
) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width,
    style: NUMBER_FORMATS[c.type.kind] ? { numFmt: NUMBER_FORMATS[c.type.kind] } : {},
  }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = c.isId ? { ...ID_FONT, bold: true } : { bold: true };
    cell.fill = c.isId ? ID_FILL : HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    const note = [c.required ? 'Обязательный столбец.' : null, c.note, c.isId ? 'Не изменяйте.' : null]
      .filter(Boolean)
      .join(' ');
    if (note) cell.note = note;
  });
  header.height = 32;
  for (const record of rows) {
    ws.addRow(columns.map((c) => writeCell(record[c.key], c.type)));
  }
  const last = Math.max(rows.length + 1 + SPARE_ROWS, SPARE_ROWS);
  columns.forEach((c, i) => {
    const col = columnLetter(i);
    if (c.isId) {
      for (let r = 2; r <= rows.length + 1; r++) {
        const cell = ws.getCell(`${col}${r}`);
        cell.font = ID_FONT;
        cell.fill = ID_FILL;
      }
    }
    const validation = validationOf(c.type, lists);
    // A range validation: ExcelJS has it (Worksheet.dataValidations) without declaring it in its types.
    if (validation)
      (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${last}`, validation);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/**
 * The organization's workbook: «Инструкция», one sheet per record kind with drop-downs, and the hidden
 * «Списки». Without `rows` it is the empty template.
 */
export async function buildWorkbook(options: {
  organization: { id: number; shortName: string; name: string };
  data: OrganizationData | null;
  rows: Map<string, Record<string, unknown>[]> | null;
  today: string;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  workbook.created = new Date(`${options.today}T00:00:00Z`);
  const lists = collectLists(options.data);

  const guide = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  guide.getColumn(1).width = 130;
  const lines = instructionLines({
    organization: options.organization,
    date: formatRuDate(options.today),
    isTemplate: options.rows === null,
  });
  for (const line of lines) {
    const row = guide.addRow([line.text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (line.style === 'title') row.font = { bold: true, size: 14 };
    if (line.style === 'heading') row.font = { bold: true, size: 12 };
  }

  for (const sheet of SHEETS)
    addDataSheet(workbook, sheet.name, sheet.columns, options.rows?.get(sheet.name) ?? [], lists);

  const listSheet = workbook.addWorksheet(LISTS_SHEET);
  listSheet.state = 'hidden';
  lists.lists.forEach((list, i) => {
    const col = listSheet.getColumn(i + 1);
    col.width = Math.min(60, Math.max(14, ...list.values.map((v) => v.length + 2)));
    listSheet.getCell(1, i + 1).value = list.title;
    listSheet.getCell(1, i + 1).font = { bold: true };
    list.values.forEach((v, j) => (listSheet.getCell(j + 2, i + 1).value = v));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
