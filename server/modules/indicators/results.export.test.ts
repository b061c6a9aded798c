import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ProgramTree } from '../programs/programs.repository.ts';
import type { IndicatorResult } from './compute.ts';
import { resultsToCsv, resultsToXlsx } from './results.export.ts';

/** An organization whose name someone typed as a formula, and a negative value. */
const results: IndicatorResult[] = [
  {
    indicator: 'П1',
    organization: 7,
    organizationName: '=HYPERLINK("http://evil.example";"Школа")',
    value: -12.5,
    numerator: -25,
    denominator: 2,
    level: null,
    isApplicable: true,
  },
  {
    indicator: 'П1',
    organization: 8,
    organizationName: '@Школа',
    value: 3,
    numerator: 3,
    denominator: 1,
    level: null,
    isApplicable: true,
  },
];

describe('results export', () => {
  it('CSV: a name starting with = or @ is text, negative numbers stay numbers', () => {
    const lines = resultsToCsv(results).replace('\ufeff', '').split('\r\n');
    expect(lines[1]).toBe('П1;7;"\'=HYPERLINK(""http://evil.example"";""Школа"")";-12,5;-25;2;');
    expect(lines[2]).toBe("П1;8;'@Школа;3;3;1;");
  });

  it('XLSX: the same name is a string cell, not a formula', async () => {
    const tree = {
      program: { title: 'Программа' },
      indicators: [{ code: 'П1', name: 'Доля', unit: 'percent' }],
    } as unknown as ProgramTree;
    const buffer = await resultsToXlsx(tree, 2025, results);
    const files = unzipSync(new Uint8Array(buffer));
    const sheets = Object.keys(files).filter((name) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBe(2);
    for (const name of sheets) expect(Buffer.from(files[name]).toString('utf8')).not.toContain('<f>');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const cell = workbook.getWorksheet('Значения')!.getCell('A3');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(results[0].organizationName);
    expect(workbook.getWorksheet('Расчёт')!.getCell('D2').value).toBe(-12.5);
  });
});
