import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { formatRuDate } from '../../../core/dates.ts';
import { listToXlsx, type ExportCell } from '../../http/xlsx-export.ts';
import { documentStyles, FONT, GOST_MARGINS, pageNumberFooter, para, table } from '../documents/docx-kit.ts';
import type { RegionalMukoTable } from './muko.service.ts';

const scoreCell = (score: 0 | 1 | undefined): ExportCell => (score === undefined ? '—' : score);

/**
 * The region's МУКО table as a workbook: a row per municipality, a column per element with the region's score
 * («—» not scored yet), the region's total and the municipality's own self-assessment total. Text cells are
 * neutralised by listToXlsx, so a comment starting with «=» stays text.
 */
export function regionalMukoToXlsx(t: RegionalMukoTable, today: string): Promise<Buffer> {
  return listToXlsx({
    sheet: 'Оценка МУКО',
    title: `Оценка механизмов управления муниципалитетов: ${t.region.name}, ${t.year} год`,
    notes: ['1 — элемент подтверждён, 0 — не подтверждён, «—» — ещё не оценён регионом'],
    date: today,
    columns: [
      { header: 'Муниципалитет', width: 28 },
      ...t.elements.map((e) => ({ header: e.title, width: 12 })),
      { header: 'Итого (оценка региона)', width: 14 },
      { header: `Самооценка муниципалитета (из ${t.elements.length})`, width: 16 },
      { header: 'Комментарии региона', width: 60 },
    ],
    rows: t.municipalities.map((m) => [
      m.name,
      ...t.elements.map((e) => scoreCell(m.region.scores[e.key]?.score)),
      m.region.total,
      m.self.total,
      t.elements
        .map((e) => {
          const s = m.region.scores[e.key];
          if (!s || (!s.comment && !s.evidence.length)) return null;
          return `${e.title}: ${[s.comment, ...s.evidence].filter(Boolean).join('; ')}`;
        })
        .filter(Boolean)
        .join('\n'),
    ]),
  });
}

/** The same table as a Word document, with each municipality's comments and evidence links below it. */
export async function regionalMukoToDocx(t: RegionalMukoTable, today: string): Promise<Buffer> {
  const n = t.elements.length;
  const nameWidth = 22;
  const totalWidth = 8;
  const elementWidth = (100 - nameWidth - 2 * totalWidth) / n;
  const details = t.municipalities.flatMap((m) => {
    const lines = t.elements.flatMap((e) => {
      const s = m.region.scores[e.key];
      if (!s || (!s.comment && !s.evidence.length)) return [];
      return [para(`${e.title} (${s.score}): ${[s.comment, ...s.evidence].filter(Boolean).join('; ')}`)];
    });
    return lines.length ? [para(m.name, { bold: true, before: 120, keepNext: true }), ...lines] : [];
  });
  const document = new Document({
    creator: 'pedmonitor',
    title: 'Оценка МУКО муниципалитетов',
    styles: documentStyles(24),
    sections: [
      {
        properties: { page: { margin: GOST_MARGINS } },
        footers: { default: pageNumberFooter() },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: `Оценка механизмов управления муниципалитетов (${t.region.name}) за ${t.year} год`,
                font: FONT,
              }),
            ],
          }),
          para(
            `Сформировано ${formatRuDate(today)}. 1 — элемент подтверждён, 0 — не подтверждён, «—» — не оценён.`,
          ),
          table(
            ['Муниципалитет', ...t.elements.map((e) => e.title), 'Итого', 'Само-оценка'],
            t.municipalities.map((m) => [
              m.name,
              ...t.elements.map((e) => ({
                text: String(scoreCell(m.region.scores[e.key]?.score)),
                align: 'center' as const,
              })),
              { text: `${m.region.total} из ${n}`, align: 'center' as const, bold: true },
              { text: `${m.self.total} из ${n}`, align: 'center' as const },
            ]),
            [nameWidth, ...t.elements.map(() => elementWidth), totalWidth, totalWidth],
            16,
          ),
          ...(details.length
            ? [para('Комментарии и подтверждения региона', { bold: true, before: 240 }), ...details]
            : []),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
