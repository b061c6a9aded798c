import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { neutralizeText } from '../../../core/csv.ts';
import { formatRuDate } from '../../../core/dates.ts';
import type { MukoRow } from '../../../core/management/muko.ts';
import type { DocumentData } from '../documents/documents.data.ts';
import {
  documentStyles,
  FONT,
  GOST_MARGINS,
  layoutTable,
  letterhead,
  pageNumberFooter,
  para,
  TEXT_WIDTH,
} from '../documents/docx-kit.ts';

export interface MukoAssessment {
  municipality: string;
  /** The department's letterhead and its head, who signs the self-assessment. */
  department: DocumentData['municipality'] & { headName: string | null; headPosition: string | null };
  total: number;
  max: number;
  rows: MukoRow[];
}

const absolute = (base: string, url: string) => (url.startsWith('http') ? url : `${base}${url}`);

/** The self-assessment as a workbook: element, criterion, score, basis and evidence links. */
export async function mukoToXlsx(a: MukoAssessment, baseUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Самооценка МУКО', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([neutralizeText(`Самооценка механизмов управления: ${a.municipality}`)]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow([`Итого: ${a.total} из ${a.max}`]);
  sheet.addRow([
    '№',
    'Элемент управленческого цикла',
    'Критерий',
    'Балл',
    'Основание',
    'Подтверждения',
  ]).font = { bold: true };
  a.rows.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      neutralizeText(r.title),
      neutralizeText(r.criterion),
      r.score,
      neutralizeText(r.basis),
      // Evidence titles carry what users typed (a campaign's title): a text, never a formula.
      neutralizeText(r.evidence.map((e) => `${e.title}: ${absolute(baseUrl, e.url)}`).join('\n')),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.columns = [{ width: 5 }, { width: 28 }, { width: 45 }, { width: 7 }, { width: 45 }, { width: 80 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The columns of the Word table, in percent of the text width: №, element and criterion, score, basis, evidence. */
const DOCX_COLUMNS = [6, 27, 8, 28, 31];
const columnWidths = DOCX_COLUMNS.map((w) => Math.round((TEXT_WIDTH * w) / 100));

const cell = (children: Paragraph[], column: number) =>
  new TableCell({
    children,
    width: { size: columnWidths[column], type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
  });
const text = (s: string, bold = false) =>
  new Paragraph({ children: [new TextRun({ text: s, bold, font: FONT, size: 22 })] });

/**
 * The self-assessment as a Word document of the department: its letterhead, the table with fixed column
 * widths (Word and LibreOffice otherwise share the width equally), the evidence as hyperlinks, the date and
 * the signature of the head.
 */
export async function mukoToDocx(a: MukoAssessment, baseUrl: string, today: string): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['№', 'Элемент', 'Балл', 'Основание', 'Подтверждения'].map((h, i) => cell([text(h, true)], i)),
  });
  const rows = a.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([text(String(i + 1))], 0),
          cell([text(r.title, true), text(r.criterion)], 1),
          cell(
            [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: String(r.score), bold: true, font: FONT, size: 22 })],
              }),
            ],
            2,
          ),
          cell([text(r.basis)], 3),
          cell(
            r.evidence.length
              ? r.evidence.map(
                  (e) =>
                    new Paragraph({
                      children: [
                        new ExternalHyperlink({
                          link: absolute(baseUrl, e.url),
                          children: [
                            new TextRun({ text: e.title, style: 'Hyperlink', font: FONT, size: 20 }),
                          ],
                        }),
                      ],
                    }),
                )
              : [text('—')],
            4,
          ),
        ],
      }),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const document = new Document({
    creator: 'pedmonitor',
    title: 'Самооценка МУКО',
    styles: documentStyles(24),
    sections: [
      {
        properties: { page: { margin: GOST_MARGINS } },
        footers: { default: pageNumberFooter() },
        children: [
          ...letterhead(a.department),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            spacing: { before: 240 },
            children: [
              new TextRun({
                text: 'Самооценка механизмов управления профессиональным развитием педагогических работников',
                font: FONT,
                size: 28,
                bold: true,
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: `${a.municipality}, на ${formatRuDate(today)}`, font: FONT, size: 26 }),
            ],
          }),
          new Paragraph({
            spacing: { after: 200 },
            children: [
              new TextRun({ text: `Итого: ${a.total} из ${a.max} баллов`, font: FONT, size: 26, bold: true }),
            ],
          }),
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths,
            layout: TableLayoutType.FIXED,
            rows: [header, ...rows],
            borders: {
              top: line,
              bottom: line,
              left: line,
              right: line,
              insideHorizontal: line,
              insideVertical: line,
            },
          }),
          new Paragraph({ spacing: { before: 480 }, children: [] }),
          layoutTable(
            [para(a.department.headPosition ?? 'Руководитель', { size: 24, align: AlignmentType.LEFT })],
            [para(a.department.headName ?? '', { size: 24, align: AlignmentType.RIGHT })],
            60,
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
