import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mukoToXlsx, type MukoAssessment } from './muko.export.ts';

describe('the МУКО self-assessment workbook', () => {
  it('writes a text that starts like a formula as a text', async () => {
    const assessment = {
      municipality: 'Район',
      department: {} as MukoAssessment['department'],
      total: 0,
      max: 9,
      rows: [
        {
          key: 'goals',
          title: 'Цели',
          criterion: 'Цели указаны',
          score: 0,
          basis: '=HYPERLINK("http://example.org","x")',
          evidence: [],
        },
      ],
    } as unknown as MukoAssessment;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await mukoToXlsx(assessment, 'http://127.0.0.1:3000')) as never);
    const cell = workbook.worksheets[0].getRow(4).getCell(5);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=HYPERLINK("http://example.org","x")`);
  });
});
