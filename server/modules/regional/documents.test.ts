import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasLibreOffice, pagesOfDocx } from '../../test/office.ts';
import { documentXmlOf, docxCells, docxParagraphs } from '../../test/report-docx.ts';
import { createRegionWorld, type RegionWorld } from './analysis.test-world.ts';
import { regionalDocument } from './documents.service.ts';

/** The regional справка and statistical forms, parsed back: the numbers of analysis.test-world.ts. */
let w: RegionWorld;
let report: Buffer;
let forms: Buffer;
beforeAll(async () => {
  w = await createRegionWorld();
  const make = async (kind: 'report' | 'stat-forms') =>
    (
      await regionalDocument({
        db: w.database.db,
        user: w.regional,
        regionalProgramId: w.regionalProgramId,
        year: 2025,
        kind,
        today: '2026-12-02',
      })
    ).data;
  report = await make('report');
  forms = await make('stat-forms');
}, 180_000);
afterAll(() => w?.database.close());

describe('the regional справка', () => {
  it('compares municipalities under the region, with the region’s value over distinct teachers', async () => {
    const xml = await documentXmlOf(report);
    const paragraphs = docxParagraphs(xml);
    const text = paragraphs.join('\n');
    expect(text).toContain('СВОДНАЯ АНАЛИТИЧЕСКАЯ СПРАВКА');
    expect(text).toContain('за 2025 год: муниципалитеты региона');
    expect(text).toMatch(
      /Значение по региону: 40,0\s%\s\(4 из 10\), уровень — средний\. По муниципалитетам: высокий уровень — 1 МО, средний — 1, низкий — 2\./,
    );
    expect(text).toContain('Рейтинг муниципалитетов');
    expect(text).toContain('Группы схожих муниципалитетов');
    expect(text).toContain('Динамика показателей');
    expect(text).not.toMatch(/организаци/i);
    const cells = docxCells(xml);
    // The rating table: place, municipality, score.
    const at = cells.indexOf('Район Г', cells.indexOf('Интегральный балл'));
    expect(cells.slice(at - 1, at + 2)).toEqual(['1', 'Район Г', '62,5']);
    expect(cells).toContain('Регион');
  });

  it('opens in LibreOffice', { timeout: 240_000, skip: !hasLibreOffice }, async () => {
    const pages = (await pagesOfDocx({ 'report.docx': report }))['report.docx'];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join(' ')).toContain('Район Г');
  });
});

describe('the regional statistical forms', () => {
  it('hold the municipal values as numbers, the region’s row under them', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(forms as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Сводная',
      expect.stringMatching(/^Критерий /),
      'Все значения',
      'Показатели',
    ]);
    const summary = workbook.getWorksheet('Сводная')!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[2].slice(1, 4)).toEqual(['№', 'Муниципалитет', 'Мониторинг']);
    const byName = new Map(rows.map((r) => [r[2], r.slice(3, 6)]));
    expect(byName.get('Район А')).toEqual(['идёт', 50, 2]);
    expect(byName.get('Район Г')).toEqual(['идёт', 25, 4]);
    expect(byName.get('Регион')).toEqual(['', 40, 10]);
    expect(String(rows[1][1])).toContain('Ростовская область');
  });
});
