import { findResult } from '../../../core/indicators/find-result.ts';
import ExcelJS from 'exceljs';
import { toCsv } from '../../../core/csv.ts';
import { LEVEL_LABEL, UNIT_LABEL } from '../../../core/indicators/levels.ts';
import type { IndicatorResult } from './compute.ts';
import type { ProgramTree } from '../programs/programs.repository.ts';

/** What an export writes where the indicator does not apply to the organization: not 0 and not empty. */
export const NOT_APPLICABLE = 'не применяется';

/** Results as CSV for Russian Excel: «;» between columns, decimal comma, UTF-8 with BOM (core/csv.ts). */
export function resultsToCsv(results: IndicatorResult[]): string {
  return toCsv([
    ['Показатель', 'ID организации', 'Организация', 'Значение', 'Числитель', 'Знаменатель', 'Уровень'],
    ...results.map((r) => [
      r.indicator,
      r.organization,
      r.organizationName,
      r.isApplicable === false ? NOT_APPLICABLE : r.value,
      r.numerator,
      r.denominator,
      r.level ? LEVEL_LABEL[r.level] : '',
    ]),
  ]);
}

/** Results as a workbook: one sheet of values (organizations × indicators) and one of every number. */
export async function resultsToXlsx(
  tree: ProgramTree,
  year: number,
  results: IndicatorResult[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  const values = workbook.addWorksheet('Значения', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  values.addRow([`${tree.program.title}, ${year} год`]).font = { bold: true };
  values.addRow(['Организация', ...tree.indicators.map((i) => `${i.code} ${i.name}`)]).font = { bold: true };
  values.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  const organizations = [...new Map(results.map((r) => [r.organization, r.organizationName])).entries()];
  for (const [organization, name] of organizations) {
    const row = values.addRow([
      name,
      ...tree.indicators.map((i) => {
        const r = findResult(results, i.code, organization);
        return r?.isApplicable === false ? NOT_APPLICABLE : (r?.value ?? null);
      }),
    ]);
    if (organization === null) row.font = { bold: true };
  }
  values.getColumn(1).width = 40;
  for (let c = 2; c <= tree.indicators.length + 1; c++) values.getColumn(c).width = 18;
  const detail = workbook.addWorksheet('Расчёт');
  detail.addRow([
    'Показатель',
    'Единица',
    'Организация',
    'Значение',
    'Числитель',
    'Знаменатель',
    'Уровень',
  ]).font = { bold: true };
  for (const r of results) {
    const indicator = tree.indicators.find((i) => i.code === r.indicator);
    detail.addRow([
      r.indicator,
      indicator ? UNIT_LABEL[indicator.unit] : '',
      r.organizationName,
      r.isApplicable === false ? NOT_APPLICABLE : r.value,
      r.numerator,
      r.denominator,
      r.level ? LEVEL_LABEL[r.level] : '',
    ]);
  }
  detail.columns.forEach((column, i) => (column.width = [10, 12, 40, 12, 12, 12, 12][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
