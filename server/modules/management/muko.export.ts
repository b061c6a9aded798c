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
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { MukoRow } from '../../../core/management/muko.ts';

interface Assessment {
  municipality: string;
  total: number;
  max: number;
  rows: MukoRow[];
}

const absolute = (base: string, url: string) => (url.startsWith('http') ? url : `${base}${url}`);

/** The self-assessment as a workbook: element, criterion, score, basis and evidence links. */
export async function mukoToXlsx(a: Assessment, baseUrl: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Самооценка МУКО', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([`Самооценка механизмов управления: ${a.municipality}`]).font = { bold: true, size: 13 };
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
      r.title,
      r.criterion,
      r.score,
      r.basis,
      r.evidence.map((e) => `${e.title}: ${absolute(baseUrl, e.url)}`).join('\n'),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.columns = [{ width: 5 }, { width: 28 }, { width: 45 }, { width: 7 }, { width: 45 }, { width: 80 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const cell = (children: Paragraph[], width: number) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
  });
const text = (s: string, bold = false) =>
  new Paragraph({ children: [new TextRun({ text: s, bold, font: 'Times New Roman', size: 22 })] });

/** The self-assessment as a Word document with the evidence as hyperlinks. */
export async function mukoToDocx(a: Assessment, baseUrl: string): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    children: ['№', 'Элемент', 'Балл', 'Основание', 'Подтверждения'].map((h, i) =>
      cell([text(h, true)], [5, 25, 7, 30, 33][i]),
    ),
  });
  const rows = a.rows.map(
    (r, i) =>
      new TableRow({
        children: [
          cell([text(String(i + 1))], 5),
          cell([text(r.title, true), text(r.criterion)], 25),
          cell(
            [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: String(r.score), bold: true, font: 'Times New Roman', size: 22 }),
                ],
              }),
            ],
            7,
          ),
          cell([text(r.basis)], 30),
          cell(
            r.evidence.length
              ? r.evidence.map(
                  (e) =>
                    new Paragraph({
                      children: [
                        new ExternalHyperlink({
                          link: absolute(baseUrl, e.url),
                          children: [
                            new TextRun({
                              text: e.title,
                              style: 'Hyperlink',
                              font: 'Times New Roman',
                              size: 20,
                            }),
                          ],
                        }),
                      ],
                    }),
                )
              : [text('—')],
            33,
          ),
        ],
      }),
  );
  const document = new Document({
    creator: 'pedmonitor',
    title: 'Самооценка МУКО',
    sections: [
      {
        properties: { page: { margin: { left: 1701, right: 567, top: 1134, bottom: 1134 } } },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: 'Самооценка механизмов управления профессиональным развитием педагогических работников',
                font: 'Times New Roman',
                size: 28,
                bold: true,
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: a.municipality, font: 'Times New Roman', size: 26 })],
          }),
          new Paragraph({
            spacing: { after: 200 },
            children: [
              new TextRun({
                text: `Итого: ${a.total} из ${a.max} баллов`,
                font: 'Times New Roman',
                size: 26,
                bold: true,
              }),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [header, ...rows],
            borders: {
              top: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
              bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
              left: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
              right: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
              insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
              insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
            },
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
