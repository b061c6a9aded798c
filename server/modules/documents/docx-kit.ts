import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import {
  AlignmentType,
  Packer,
  type Document,
  BorderStyle,
  Footer,
  HeadingLevel,
  ImageRun,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IParagraphOptions,
  type IStylesOptions,
} from 'docx';
import { formatIndicatorValue, formatNumber } from '../../../core/format.ts';
import type { IndicatorLevel, IndicatorUnit } from '../../../core/indicators/levels.ts';
import type { ChartImage } from './charts.ts';
import type { DocumentData } from './documents.data.ts';

/** Building blocks of the Word documents: Times New Roman, ГОСТ Р 7.0.97-2016 margins, plain tables. */

export const FONT = 'Times New Roman';
/** ГОСТ Р 7.0.97-2016, 5.1: left 20 mm, right 10 mm, top and bottom 20 mm (1 mm = 56.7 twips). */
export const GOST_MARGINS = { left: 1134, right: 567, top: 1134, bottom: 1134 };

/** A number with the decimal comma: integers as they are, fractions to one digit. */
export const plainNumber = (value: number) => formatNumber(value, Number.isInteger(value) ? 0 : 1);

/** A value as the documents print it: «46,9 %», «7», «есть», «—» for no data. */
export function displayValue(value: number | null | undefined, unit: IndicatorUnit): string {
  return formatIndicatorValue(value, unit);
}

/** A count as the documents print it: «—» when unknown. */
export const displayCount = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : plainNumber(value);

export const LEVEL_FILL: Record<IndicatorLevel, string> = {
  high: 'C3FAE8',
  medium: 'FFF3BF',
  low: 'FFE3E3',
};

/** Styles shared by the documents: body text and black headings (Word's default headings are blue). */
export function documentStyles(bodySize: number): IStylesOptions {
  const heading = (id: string, name: string, size: number) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
  });
  const cell = (id: string, name: string, size: number) => ({
    id,
    name,
    basedOn: 'Normal',
    run: { size },
    paragraph: { spacing: { after: 0 } },
  });
  return {
    default: {
      document: { run: { font: FONT, size: bodySize }, paragraph: { spacing: { after: 60 } } },
    },
    paragraphStyles: [
      heading('Heading1', 'Heading 1', 28),
      heading('Heading2', 'Heading 2', 26),
      cell('Cell', 'Table Cell', 20),
      cell('CellSmall', 'Table Cell Small', 18),
    ],
  };
}

export interface TextOptions {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  after?: number;
  before?: number;
  keepNext?: boolean;
}

/** A paragraph of text; line breaks in the text become line breaks in the paragraph. */
export function para(text: string, options: TextOptions = {}, extra: IParagraphOptions = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: 709 } : undefined,
    spacing: { after: options.after ?? 60, before: options.before },
    keepNext: options.keepNext,
    ...extra,
    children: lines.map(
      (line, i) =>
        new TextRun({
          text: line,
          bold: options.bold,
          italics: options.italics,
          size: options.size,
          break: i > 0 ? 1 : undefined,
        }),
    ),
  });
}

/** A numbered item «1. …» with a hanging indent; numbers are written out so every reader shows them alike. */
export function numbered(n: number, text: string, size?: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { left: 567, hanging: 567 },
    spacing: { after: 80 },
    children: [new TextRun({ text: `${n}.\t${text}`, size })],
    tabStops: [{ type: 'left', position: 567 }],
  });
}

/** A bulleted item «– …». */
export function bullet(text: string, size?: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { left: 567, hanging: 283 },
    spacing: { after: 40 },
    children: [new TextRun({ text: `–\u00a0${text}`, size })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

export interface Cell {
  text: string;
  bold?: boolean;
  fill?: string;
  align?: 'left' | 'center' | 'right';
}

const asCell = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c);

/** Text width of an A4 page with ГОСТ margins, in twips: 210 mm − 20 mm − 10 mm. */
export const TEXT_WIDTH = 10206;

/**
 * A table with a repeated header row; widths are percentages of the text width. Cells are 10 pt so a
 * table of 30 organizations stays on a page or two. Margins, widths and the text size are set once for
 * the table (its grid and a paragraph style), not in every cell: a report holds thousands of cells and the
 * document is built several times faster so.
 */
export function table(headers: string[], rows: (string | Cell)[][], widths: number[], size = 20): Table {
  const style = size <= 18 ? 'CellSmall' : 'Cell';
  const paragraph = (c: Cell, isHeader: boolean) =>
    new Paragraph({
      style,
      alignment:
        c.align === 'right'
          ? AlignmentType.RIGHT
          : c.align === 'center' || isHeader
            ? AlignmentType.CENTER
            : undefined,
      children: [new TextRun({ text: c.text, bold: c.bold || isHeader || undefined })],
    });
  const make = (c: Cell, isHeader: boolean) =>
    new TableCell({
      shading: isHeader
        ? { fill: 'E9ECEF', type: ShadingType.CLEAR, color: 'auto' }
        : c.fill
          ? { fill: c.fill, type: ShadingType.CLEAR, color: 'auto' }
          : undefined,
      verticalAlign: isHeader ? VerticalAlign.CENTER : undefined,
      children: [paragraph(c, isHeader)],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / 100)),
    layout: TableLayoutType.FIXED,
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h) => make({ text: h }, true)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((c) => make(asCell(c), false)),
          }),
      ),
    ],
  });
}

/** Two columns without borders: the letterhead beside the addressee, the signer's position beside the name. */
export function layoutTable(left: Paragraph[], right: Paragraph[], leftWidth = 50): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
      children,
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: NO_BORDER,
      bottom: NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
      insideHorizontal: NO_BORDER,
      insideVertical: NO_BORDER,
    },
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, 100 - leftWidth)] })],
  });
}

/** The page number centred at the bottom. */
export function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })],
      }),
    ],
  });
}

/** A file name any system accepts: no path separators or characters Windows refuses. */
export const safeFileName = (name: string) =>
  name
    .replace(/[\\/:*?"<>|«»]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);

export const heading = (text: string, level: 1 | 2 = 1) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    alignment: level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text })],
  });

/** A chart as an embedded PNG with its caption under it. */
export function figure(image: ChartImage): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 40 },
      children: [
        new ImageRun({
          type: 'png',
          data: image.placeholder,
          transformation: { width: image.width, height: image.height },
          altText: { name: image.title, title: image.title, description: image.title },
        }),
      ],
    }),
    para(image.title, { italics: true, size: 20, align: AlignmentType.CENTER, after: 160 }),
  ];
}

/** The letterhead of the department: its name, address, phone, e-mail and codes. */
export function letterhead(m: DocumentData['municipality'], size = 22): Paragraph[] {
  const contacts = [m.address, m.phone ? `Тел. ${m.phone}` : null, m.email ? `E-mail: ${m.email}` : null]
    .filter(Boolean)
    .join('. ');
  return [
    para(m.departmentName.toUpperCase(), { bold: true, size, align: AlignmentType.CENTER, after: 40 }),
    ...(contacts ? [para(contacts, { size: size - 4, align: AlignmentType.CENTER, after: 20 })] : []),
    ...(m.requisites ? [para(m.requisites, { size: size - 4, align: AlignmentType.CENTER, after: 20 })] : []),
  ];
}

/**
 * Packs a Word document whose charts were laid out with placeholders, then puts the PNGs in stored, not
 * deflated: the docx packer deflates every part, and deflating a megabyte of PNG (already compressed) in
 * JavaScript took longer than drawing all the charts. The packer names a picture by the SHA-1 of its data.
 */
export async function packDocx(document: Document, images: ChartImage[]): Promise<Buffer> {
  const packed = await Packer.toBuffer(document);
  if (!images.length) return packed;
  const zip = await JSZip.loadAsync(packed);
  for (const image of images) {
    const name = `word/media/${createHash('sha1').update(image.placeholder).digest('hex')}.png`;
    if (!zip.file(name)) throw new Error(`В документе нет места для диаграммы: ${image.title}`);
    zip.file(name, image.png, { compression: 'STORE' });
  }
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
