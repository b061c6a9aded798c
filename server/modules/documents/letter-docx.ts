import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  TabStopType,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import type { DocumentData, DocumentOrganization } from './documents.data.ts';
import {
  bullet,
  documentStyles,
  GOST_MARGINS,
  layoutTable,
  letterhead,
  numbered,
  para,
  TEXT_WIDTH,
} from './docx-kit.ts';
import { generalLetter, organizationLetter, type LetterContent } from './letter-content.ts';

export { letterAddressees, registration } from './letter-content.ts';

/**
 * The letters as Word documents laid out by ГОСТ Р 7.0.97-2016 and seed 002: the letterhead, date and
 * registration number beside the addressee, the heading, the body of the letter's content, the signature
 * and the executor. The last paragraph, the signature and the executor are kept on one page (keep with
 * next, keep lines together), so no page ever holds the signature alone.
 */

const SIZE = 26; // 13 pt: ГОСТ allows 12–14 for the text of a letter

function signatureBlock(content: LetterContent): Paragraph[] {
  const position = content.signer.position.split('\n');
  return [
    new Paragraph({
      alignment: AlignmentType.LEFT,
      spacing: { before: 480, after: 0 },
      keepNext: true,
      keepLines: true,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      children: position.map(
        (line, i) =>
          new TextRun({
            text: i === position.length - 1 ? `${line}\t${content.signer.name}` : line,
            size: SIZE,
            break: i > 0 ? 1 : undefined,
          }),
      ),
    }),
    para(
      content.executor.join('\n'),
      { size: 20, align: AlignmentType.LEFT, before: 600 },
      { keepLines: true },
    ),
  ];
}

/** The body of one letter. */
export function letterChildren(content: LetterContent): FileChild[] {
  const out: FileChild[] = [
    layoutTable(
      [
        ...letterhead(content.letterhead, 20),
        para(content.registration, { size: 22, align: AlignmentType.LEFT, before: 120 }),
      ],
      content.addressee.map((line, i) =>
        para(line, { size: SIZE, align: AlignmentType.LEFT, bold: i === 0 }),
      ),
      55,
    ),
    para('', { after: 200 }),
    para(content.title, { bold: true, size: SIZE, align: AlignmentType.LEFT, after: 240 }),
  ];
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(para(`${block.text}:`, { size: SIZE, bold: true, before: 160, keepNext: true }));
        break;
      case 'paragraph':
        out.push(para(block.text, { size: SIZE, indent: true }));
        break;
      case 'bullet':
        out.push(bullet(block.text, SIZE));
        break;
      case 'item':
        out.push(numbered(block.number, block.details ? `${block.text} ${block.details}` : block.text, SIZE));
        break;
    }
  }
  out.push(
    para(content.closing, { size: SIZE, indent: true, before: 160, keepNext: true }, { keepLines: true }),
    ...signatureBlock(content),
  );
  return out;
}

async function pack(
  title: string,
  description: string,
  contents: LetterContent[],
  onLetter?: (done: number, total: number) => Promise<void>,
) {
  const sections: ISectionOptions[] = [];
  for (const [i, content] of contents.entries()) {
    sections.push({ properties: { page: { margin: GOST_MARGINS } }, children: letterChildren(content) });
    await onLetter?.(i + 1, contents.length);
  }
  const document = new Document({
    creator: 'pedmonitor',
    title,
    description,
    styles: documentStyles(SIZE),
    sections,
  });
  return Packer.toBuffer(document);
}

/** One letter per organization, each starting on a new page; a single organization gives a single letter. */
export async function buildLettersDocx(
  data: DocumentData,
  organizations: DocumentOrganization[],
  onLetter?: (done: number, total: number) => Promise<void>,
): Promise<Buffer> {
  return pack(
    `Адресные рекомендации по итогам мониторинга ${data.campaign.year} года`,
    organizations.map((o) => o.name).join(', '),
    organizations.map((o) => organizationLetter(data, o)),
    onLetter,
  );
}

/** The general letter «Руководителям ОО». */
export async function buildGeneralLetterDocx(data: DocumentData): Promise<Buffer> {
  return pack(
    `Адресные рекомендации руководителям ОО по итогам мониторинга ${data.campaign.year} года`,
    'Руководителям ОО',
    [generalLetter(data)],
  );
}
