import ExcelJS from 'exceljs';
import type { FormValue } from '../../../core/campaigns/form-validation.ts';
import { parseRuNumber } from '../../../core/format.ts';
import type { FileLimits } from '../../config.ts';
import { fileTooLarge } from '../exchange/workbook/file-errors.ts';
import { parseXlsx } from '../exchange/workbook/parse-pool.ts';

interface Field {
  code: string;
  label: string;
  type: 'number' | 'integer' | 'text' | 'boolean';
  unit: string | null;
  hint: string | null;
  isRequired: boolean;
}

const SHEET = 'Форма';
const HEADER = ['Код поля', 'Показатель', 'Единица', 'Значение', 'Обязательное', 'Подсказка'];

/** The campaign form as a workbook: one row per field, the value column to fill, «да/нет» as a drop-down. */
export async function buildFormWorkbook(options: {
  title: string;
  organizationName: string;
  fields: Field[];
  values: Record<string, FormValue>;
}) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pedmonitor';
  const guide = workbook.addWorksheet('Инструкция');
  guide.getColumn(1).width = 110;
  for (const line of [
    options.title,
    `Организация: ${options.organizationName}`,
    '',
    'Заполните столбец «Значение» на листе «Форма». Числа — с десятичной запятой, «да» или «нет» — из списка.',
    'Не меняйте столбец «Код поля» и не удаляйте строки: по коду значение попадает в своё поле.',
    'Загрузите файл обратно на странице формы: значения сохранятся как черновик; отправьте форму там же.',
  ])
    guide.addRow([line]);
  guide.getRow(1).font = { bold: true, size: 13 };
  const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADER).font = { bold: true };
  sheet.columns = [{ width: 24 }, { width: 70 }, { width: 12 }, { width: 16 }, { width: 14 }, { width: 50 }];
  for (const f of options.fields) {
    const v = options.values[f.code];
    const value = f.type === 'boolean' ? (v === true ? 'да' : v === false ? 'нет' : null) : (v ?? null);
    const row = sheet.addRow([f.code, f.label, f.unit ?? '', value, f.isRequired ? 'да' : '', f.hint ?? '']);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    const cell = row.getCell(4);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    if (f.type === 'boolean')
      cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"да,нет"'] };
    if (f.type === 'integer')
      cell.dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [-1e9],
        showErrorMessage: true,
        error: 'Целое число',
      };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads values back; every problem names the row and column. The file is read in the worker thread with the
 * limits of uploads (parse-pool.ts): a form is a few dozen rows, a hostile file is refused with 400 or 413.
 */
export async function parseFormWorkbook(
  buffer: Buffer,
  fields: Field[],
  limits: FileLimits,
): Promise<{
  values: Record<string, FormValue>;
  errors: { row: number; column: string; message: string }[];
}> {
  if (buffer.length > limits.uploadBytes) throw fileTooLarge(limits.uploadBytes);
  const book = await parseXlsx(buffer, [SHEET], limits);
  const sheet = book.sheets.find((s) => s.name === SHEET);
  if (!sheet)
    return {
      values: {},
      errors: [{ row: 0, column: '', message: `В файле нет листа «${SHEET}». Скачайте форму заново.` }],
    };
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const values: Record<string, FormValue> = {};
  const errors: { row: number; column: string; message: string }[] = [];
  const rows = [...sheet.rows].sort(([a], [b]) => a - b);
  for (const [n, row] of rows) {
    if (n === 1) continue;
    const code = String(row[0] ?? '').trim();
    if (!code) continue;
    const f = byCode.get(code);
    if (!f) {
      errors.push({
        row: n,
        column: 'Код поля',
        message: `Лист «${SHEET}», строка ${n}: поля «${code}» нет в форме.`,
      });
      continue;
    }
    // A formula counts by the value Excel saved with it; the reader never evaluates one.
    const raw = row[3] ?? null;
    const text = String(raw ?? '').trim();
    if (!text) {
      values[code] = null;
      continue;
    }
    const at = `Лист «${SHEET}», строка ${n}, столбец «Значение» («${f.label}»)`;
    if (f.type === 'boolean') {
      const yes = /^(да|yes|1|true)$/i.test(text);
      const no = /^(нет|no|0|false)$/i.test(text);
      if (!yes && !no)
        errors.push({ row: n, column: 'Значение', message: `${at}: выберите «да» или «нет».` });
      else values[code] = yes;
    } else if (f.type === 'text') values[code] = text;
    else {
      const number = typeof raw === 'number' ? raw : parseRuNumber(text);
      if (number === null)
        errors.push({ row: n, column: 'Значение', message: `${at}: «${text}» — не число.` });
      else if (f.type === 'integer' && !Number.isInteger(number))
        errors.push({ row: n, column: 'Значение', message: `${at}: нужно целое число.` });
      else values[code] = number;
    }
  }
  return { values, errors };
}
