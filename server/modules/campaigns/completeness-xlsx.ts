import ExcelJS from 'exceljs';
import {
  SORT_LABEL,
  STATE_FILTER_LABEL,
  type TableQuery,
} from '../../../core/campaigns/completeness-table.ts';
import {
  TIMELINESS_LABEL,
  completenessSentence,
  type Completeness,
} from '../../../core/campaigns/completeness.ts';
import { neutralizeText } from '../../../core/csv.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { organizationKind } from '../../../core/enums.ts';
import { printable } from '../documents/stat-forms-xlsx.ts';
import type { CompletenessTableRow } from './campaigns.service.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
const LATE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE3E3' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFADB5BD' } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const COLUMNS = [
  { header: '№', width: 5 },
  { header: 'Организация', width: 34 },
  { header: 'Тип', width: 22 },
  { header: 'Статус формы', width: 22 },
  { header: 'Срок', width: 15 },
  { header: 'Впервые отправлена', width: 13 },
  { header: 'Отправлена последний раз', width: 13 },
  { header: 'Изменена', width: 13 },
  { header: 'Ответственный', width: 30 },
  { header: 'Телефон', width: 18 },
  { header: 'Последнее напоминание', width: 14 },
];

/** An ISO timestamp or date as the Excel date of its (UTC) day; null stays empty. */
const dayOf = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);
const text = (value: string | null | undefined) => (value ? neutralizeText(value) : null);

/** What the sheet's second line says about the view it holds: its filters and order. */
export function describeQuery(query: TableQuery): string {
  const filters = [
    query.state && `статус «${STATE_FILTER_LABEL[query.state]}»`,
    query.timeliness && `срок «${TIMELINESS_LABEL[query.timeliness]}»`,
    query.kind && `тип «${organizationKind.label[query.kind]}»`,
  ].filter(Boolean);
  const order = `сортировка: ${SORT_LABEL[query.sort].toLowerCase()}, ${query.dir === 'desc' ? 'по убыванию' : 'по возрастанию'}`;
  return `${filters.length ? `Отбор: ${filters.join(', ')}` : 'Все участники'}; ${order}.`;
}

/**
 * The completeness table of a campaign as a workbook: the rows the page shows with the same filters and
 * order, the whole campaign's sentence above them. Texts that a spreadsheet would run as formulas are
 * neutralised as in the CSV exports; it prints on A4 landscape, one page wide, the header on every page.
 */
export async function completenessToXlsx(options: {
  title: string;
  today: string;
  completeness: Completeness;
  query: TableQuery;
  rows: CompletenessTableRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  const sheet = workbook.addWorksheet('Полнота', {
    views: [{ state: 'frozen', ySplit: 4 }],
    ...printable('4:4'),
  });
  sheet.addRow([text(`Полнота и своевременность: ${options.title}`)]).font = { bold: true, size: 13 };
  sheet.addRow([
    `${completenessSentence(options.completeness)} Срок — ${formatRuDate(options.completeness.deadline)}; по состоянию на ${formatRuDate(options.today)}.`,
  ]).font = { italic: true, color: { argb: 'FF495057' } };
  sheet.addRow([`${describeQuery(options.query)} В выгрузке: ${options.rows.length}.`]).font = {
    italic: true,
    color: { argb: 'FF495057' },
  };
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = BOX;
  });
  COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  options.rows.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      text(r.organizationName),
      organizationKind.label[r.kind],
      r.stateLabel,
      TIMELINESS_LABEL[r.timeliness],
      dayOf(r.firstSubmittedAt),
      dayOf(r.submittedAt),
      dayOf(r.updatedAt),
      text(r.contactName),
      text(r.contactPhone),
      dayOf(r.lastReminderAt),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    for (const c of [6, 7, 8, 11]) row.getCell(c).numFmt = 'dd.mm.yyyy';
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BOX));
    if (r.timeliness === 'late' || r.isOverdue) row.getCell(5).fill = LATE_FILL;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
