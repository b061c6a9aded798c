import { NOT_APPLICABLE } from '../indicators/results.export.ts';
import ExcelJS from 'exceljs';
import { formatRuDate } from '../../../core/dates.ts';
import { LEVEL_LABEL, UNIT_LABEL, type IndicatorLevel } from '../../../core/indicators/levels.ts';
import { termsOf } from './document-terms.ts';
import type { DocumentData, DocumentIndicator, DocumentResult } from './documents.data.ts';

/**
 * Statistical forms as a methodist uses them in Excel: «Сводная» (organizations × indicator values, the
 * municipal row under the list), a sheet per criterion with numerator, denominator, value and level of
 * each indicator, «Все значения» — one row per number, for filters and pivot tables — and «Показатели»
 * with the method. Numbers stay numbers; the formats only decide how Excel shows them (with the decimal
 * comma of a Russian Excel).
 */

const LEVEL_ARGB: Record<IndicatorLevel, string> = {
  high: 'FFC3FAE8',
  medium: 'FFFFF3BF',
  low: 'FFFFE3E3',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFADB5BD' } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** How Excel shows a value of the indicator: «46,9», «7», «есть»/«нет» for presence (stored as 1/0). */
export function valueFormat(indicator: Pick<DocumentIndicator, 'unit'>): string {
  if (indicator.unit === 'presence') return '"есть";"есть";"нет"';
  if (indicator.unit === 'percent') return '0.0';
  if (indicator.unit === 'count') return '#,##0';
  return '#,##0.0#';
}
const countFormat = (v: number | null | undefined) =>
  v === null || v === undefined || Number.isInteger(v) ? '#,##0' : '#,##0.0#';

const unitSuffix = (i: DocumentIndicator) => (i.unit === 'percent' ? ', %' : '');

function titleRows(sheet: ExcelJS.Worksheet, data: DocumentData, title: string) {
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([
    `${data.campaign.title}. ${data.municipality.name}. Значения по состоянию на ${formatRuDate(data.period.referenceDate)}${data.campaign.isFrozen ? '' : ` (мониторинг не закрыт, расчёт на ${formatRuDate(data.today)})`}`,
  ]).font = { italic: true, color: { argb: 'FF495057' } };
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = BOX;
  });
}

function setLevel(cell: ExcelJS.Cell, level: IndicatorLevel | null | undefined) {
  cell.value = level ? LEVEL_LABEL[level] : null;
  cell.alignment = { horizontal: 'center' };
  if (level) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LEVEL_ARGB[level] } };
}

/**
 * How a sheet prints: A4 landscape, all columns on the width of one page (as many pages down as it needs),
 * the header rows repeated on every page, page numbers in the footer.
 */
export function printable(titleRows: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: titleRows,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: 'Страница &P из &N', evenFooter: 'Страница &P из &N' },
  };
}

function summarySheet(workbook: ExcelJS.Workbook, data: DocumentData) {
  const sheet = workbook.addWorksheet('Сводная', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }],
    ...printable('1:3'),
  });
  const terms = termsOf(data);
  titleRows(sheet, data, `Значения показателей по ${terms.membersDative}`);
  styleHeader(
    sheet.addRow([
      '№',
      terms.member,
      terms.kindHeader,
      ...data.indicators.map((i) => `${i.code} ${i.name}${unitSuffix(i)}`),
    ]),
  );
  sheet.getRow(3).height = 90;
  const write = (row: ExcelJS.Row, results: (DocumentResult | undefined)[]) =>
    data.indicators.forEach((indicator, j) => {
      const cell = row.getCell(4 + j);
      const r = results[j];
      cell.value = r?.isApplicable === false ? NOT_APPLICABLE : (r?.value ?? null);
      cell.numFmt = valueFormat(indicator);
      if (r?.level) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LEVEL_ARGB[r.level] } };
    });
  data.organizations.forEach((o, i) => {
    const row = sheet.addRow([i + 1, o.name, terms.kindOf(o)]);
    write(
      row,
      data.indicators.map((ind) => data.resultOf(ind.code, o.id)),
    );
  });
  const last = sheet.rowCount;
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: last, column: 3 + data.indicators.length } };
  sheet.addRow([]);
  const municipal = sheet.addRow(['', terms.whole, '']);
  write(
    municipal,
    data.indicators.map((ind) => data.resultOf(ind.code, null)),
  );
  municipal.font = { bold: true };
  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 22;
  for (let c = 4; c <= 3 + data.indicators.length; c++) sheet.getColumn(c).width = 16;
}

const sheetName = (code: string, taken: Set<string>) => {
  let name = `Критерий ${code}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  while (taken.has(name)) name = `${name.slice(0, 29)}_${taken.size}`;
  taken.add(name);
  return name;
};

function criterionSheet(
  workbook: ExcelJS.Workbook,
  data: DocumentData,
  criterion: { code: string; title: string },
  indicators: DocumentIndicator[],
  name: string,
) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }],
    ...printable('1:4'),
  });
  const terms = termsOf(data);
  titleRows(sheet, data, `Критерий ${criterion.code}. ${criterion.title}`);
  const top = sheet.addRow([
    '№',
    terms.member,
    ...indicators.flatMap((i) => [`${i.code} ${i.name}${unitSuffix(i)}`, '', '', '']),
  ]);
  const sub = sheet.addRow([
    '',
    '',
    ...indicators.flatMap(() => ['Числитель', 'Знаменатель', 'Значение', 'Уровень']),
  ]);
  styleHeader(top);
  styleHeader(sub);
  top.height = 75;
  sheet.mergeCells(3, 1, 4, 1);
  sheet.mergeCells(3, 2, 4, 2);
  indicators.forEach((_, j) => sheet.mergeCells(3, 3 + j * 4, 3, 6 + j * 4));
  const write = (row: ExcelJS.Row, organization: number | null) =>
    indicators.forEach((indicator, j) => {
      const r = data.resultOf(indicator.code, organization);
      const base = 3 + j * 4;
      const numerator = row.getCell(base);
      numerator.value = r?.numerator ?? null;
      numerator.numFmt = countFormat(r?.numerator);
      const denominator = row.getCell(base + 1);
      denominator.value = indicator.denominator ? (r?.denominator ?? null) : null;
      denominator.numFmt = countFormat(r?.denominator);
      const value = row.getCell(base + 2);
      value.value = r?.isApplicable === false ? NOT_APPLICABLE : (r?.value ?? null);
      value.numFmt = valueFormat(indicator);
      value.font = { bold: true };
      setLevel(row.getCell(base + 3), r?.level);
    });
  data.organizations.forEach((o, i) => write(sheet.addRow([i + 1, o.name]), o.id));
  sheet.autoFilter = {
    from: { row: 4, column: 1 },
    to: { row: sheet.rowCount, column: 2 + indicators.length * 4 },
  };
  sheet.addRow([]);
  const municipal = sheet.addRow(['', terms.whole]);
  write(municipal, null);
  municipal.font = { bold: true };
  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 36;
  for (let c = 3; c <= 2 + indicators.length * 4; c++) sheet.getColumn(c).width = 12;
}

function longSheet(workbook: ExcelJS.Workbook, data: DocumentData) {
  const terms = termsOf(data);
  const sheet = workbook.addWorksheet('Все значения', {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...printable('1:1'),
  });
  styleHeader(
    sheet.addRow([
      'Критерий',
      'Код показателя',
      'Показатель',
      'Единица',
      terms.member,
      terms.kindHeader,
      'Числитель',
      'Знаменатель',
      'Значение',
      'Уровень',
    ]),
  );
  const rows: { indicator: DocumentIndicator; name: string; kind: string; r: DocumentResult | undefined }[] =
    [];
  for (const indicator of data.indicators) {
    for (const o of data.organizations)
      rows.push({
        indicator,
        name: o.name,
        kind: terms.kindOf(o),
        r: data.resultOf(indicator.code, o.id),
      });
    rows.push({ indicator, name: terms.whole, kind: '', r: data.resultOf(indicator.code, null) });
  }
  for (const { indicator, name, kind, r } of rows) {
    const row = sheet.addRow([
      indicator.criterionCode,
      indicator.code,
      indicator.name,
      UNIT_LABEL[indicator.unit],
      name,
      kind,
      r?.numerator ?? null,
      indicator.denominator ? (r?.denominator ?? null) : null,
      r?.isApplicable === false ? NOT_APPLICABLE : (r?.value ?? null),
    ]);
    row.getCell(7).numFmt = countFormat(r?.numerator);
    row.getCell(8).numFmt = countFormat(r?.denominator);
    row.getCell(9).numFmt = valueFormat(indicator);
    setLevel(row.getCell(10), r?.level);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rowCount, column: 10 } };
  sheet.columns.forEach((column, i) => (column.width = [10, 10, 50, 12, 36, 22, 12, 12, 12, 12][i]));
}

function methodSheet(workbook: ExcelJS.Workbook, data: DocumentData) {
  const sheet = workbook.addWorksheet('Показатели', {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...printable('1:1'),
  });
  styleHeader(
    sheet.addRow([
      'Критерий',
      'Код',
      'Показатель',
      'Единица',
      'Формула расчёта',
      'Источник',
      'Метод сбора',
      'Лучше',
      'Высокий уровень',
      'Средний уровень',
    ]),
  );
  for (const i of data.indicators) {
    const row = sheet.addRow([
      `${i.criterionCode}. ${i.criterionTitle}`,
      i.code,
      i.name,
      UNIT_LABEL[i.unit],
      i.formulaText,
      i.source,
      i.method,
      i.direction === 'higher' ? 'больше' : 'меньше',
      i.levelHigh,
      i.levelMedium,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(9).numFmt = valueFormat(i);
    row.getCell(10).numFmt = valueFormat(i);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rowCount, column: 10 } };
  sheet.columns.forEach((column, i) => (column.width = [30, 8, 45, 12, 45, 30, 30, 9, 12, 12][i]));
}

/** How many sheets the workbook has: the progress total of the statistical forms. */
export const statFormSheetCount = (data: DocumentData) =>
  3 + new Set(data.indicators.map((i) => i.criterionCode)).size;

export async function buildStatFormsXlsx(
  data: DocumentData,
  onSheet?: (done: number, total: number) => Promise<void>,
): Promise<Buffer> {
  const total = statFormSheetCount(data);
  let done = 0;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  workbook.title = `Статистические формы: ${data.campaign.title}`;
  summarySheet(workbook, data);
  await onSheet?.(++done, total);
  const taken = new Set<string>();
  const criteria = [...new Map(data.indicators.map((i) => [i.criterionCode, i.criterionTitle])).entries()];
  for (const [code, title] of criteria) {
    criterionSheet(
      workbook,
      data,
      { code, title },
      data.indicators.filter((i) => i.criterionCode === code),
      sheetName(code, taken),
    );
    await onSheet?.(++done, total);
  }
  longSheet(workbook, data);
  await onSheet?.(++done, total);
  methodSheet(workbook, data);
  await onSheet?.(++done, total);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
