import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { logIn } from './helpers.ts';

/**
 * The workbook round trip of an organization: download, edit in «Excel» (ExcelJS), upload, read the errors,
 * upload a corrected file, apply it and find the new data in the registry.
 */

const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-e2e-exchange-'));
const NEW_EMAIL = 'obmen.e2e@school1.example';
const NEW_POSITION = 'педагог-библиотекарь (e2e)';
const escaped = (text: string) => text.replace(/[()]/g, '\\$&');

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column «${header}» on «${sheet.name}»`);
  return found;
}

const cell = (sheet: ExcelJS.Worksheet, row: number, header: string) =>
  sheet.getRow(row).getCell(columnOf(sheet, header));

function appendRow(sheet: ExcelJS.Worksheet, values: Record<string, ExcelJS.CellValue>): number {
  const row = sheet.getRow(sheet.actualRowCount + 1);
  for (const [header, value] of Object.entries(values)) row.getCell(columnOf(sheet, header)).value = value;
  row.commit();
  return row.number;
}

async function edited(source: string, name: string, edit: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(source);
  edit(book);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

async function upload(page: Page, file: string) {
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByText(`Проверка файла «${path.basename(file)}»`)).toBeVisible();
}

test('an org_manager downloads the workbook, sees the errors of a bad file, applies a corrected one', async ({
  page,
}) => {
  await logIn(page, 'school1');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Загрузка и выгрузка' })
    .click();
  await expect(page.getByRole('heading', { name: 'Загрузка и выгрузка' })).toBeVisible();
  // An org_manager has no choice of organization: the page works on its own.
  await expect(page.getByRole('textbox', { name: 'Организация' })).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Скачать книгу со сведениями' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Сведения МБОУ СОШ № 1 \d{2}\.\d{2}\.\d{4}\.xlsx$/);
  const original = path.join(dir, 'original.xlsx');
  await download.saveAs(original);

  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(original);
  const staff = source.getWorksheet('Педагоги')!;
  expect(staff.actualRowCount).toBeGreaterThan(5);
  const teacherId = Number(cell(staff, 2, 'ID педагога').value);
  const lastName = String(cell(staff, 2, 'Фамилия').value);
  expect(teacherId).toBeGreaterThan(0);

  // A bad date, a value not in the list, a required cell left empty.
  let vacancyRow = 0;
  const broken = await edited(original, 'с ошибками.xlsx', (book) => {
    const sheet = book.getWorksheet('Педагоги')!;
    cell(sheet, 2, 'Дата рождения').value = '31.02.1985';
    cell(sheet, 3, 'Квалификационная категория').value = 'наивысшая';
    vacancyRow = appendRow(book.getWorksheet('Вакансии')!, { Месяц: '01.2026', Должность: NEW_POSITION });
  });
  await upload(page, broken);
  await expect(page.getByRole('alert').filter({ hasText: 'В файле 3 ошибки' })).toBeVisible();
  const errors = page.getByRole('table', { name: 'Ошибки в файле' });
  await expect(errors.getByRole('row')).toHaveCount(4);
  await expect(errors.getByRole('row', { name: /Педагоги 2 Дата рождения/ })).toContainText(
    'некорректная дата',
  );
  await expect(errors.getByRole('row', { name: /Педагоги 3 Квалификационная категория/ })).toContainText(
    'допустимые значения',
  );
  await expect(
    errors.getByRole('row', { name: new RegExp(`Вакансии ${vacancyRow} Количество вакансий`) }),
  ).toContainText('обязательное поле');
  await expect(page.getByRole('button', { name: 'Применить' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/exchange-errors.png', fullPage: true });
  await page.getByRole('button', { name: /Отменить/ }).click();
  await expect(page.getByText('Перетащите файл сюда или нажмите, чтобы выбрать')).toBeVisible();

  // The corrected file: one changed cell of a teacher and one new vacancy.
  const corrected = await edited(original, 'исправленный.xlsx', (book) => {
    cell(book.getWorksheet('Педагоги')!, 2, 'Электронная почта').value = NEW_EMAIL;
    appendRow(book.getWorksheet('Вакансии')!, {
      Месяц: '01.2026',
      Должность: NEW_POSITION,
      'Количество вакансий': 2,
    });
  });
  await upload(page, corrected);
  await expect(page.getByLabel('Добавится: 1')).toBeVisible();
  await expect(page.getByLabel('Изменится: 1')).toBeVisible();
  await expect(page.getByLabel('Удалится: 0')).toBeVisible();
  const change = page.getByRole('row', { name: /Электронная почта/ });
  await expect(change).toContainText(NEW_EMAIL);
  await expect(page.getByText(new RegExp(`${escaped(NEW_POSITION)}.*2`))).toBeVisible();
  await page.screenshot({ path: 'test-results/exchange-preview.png', fullPage: true });

  // Someone changes the same teacher after the check: applying is refused, and the page asks for the file again.
  const card = await (await page.request.get(`/api/teachers/${teacherId}`)).json();
  const patched = await page.request.patch(`/api/teachers/${teacherId}`, {
    data: { phone: '+7 900 000-00-01', version: card.version },
  });
  expect(patched.status()).toBe(200);
  await page.getByRole('button', { name: 'Применить' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Загрузите файл ещё раз' })).toContainText(
    'Данные организации изменились после проверки файла',
  );
  await upload(page, corrected);
  await expect(page.getByLabel('Изменится: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Применить' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Изменения применены' });
  await expect(done).toContainText('Записей добавлено: 1, изменено: 1, удалено: 0');
  await page.screenshot({ path: 'test-results/exchange-applied.png', fullPage: true });

  // The new data in the registry: the teacher card and the vacancies of the organization.
  await page.goto(`/teachers/${teacherId}`);
  await expect(page.getByRole('heading', { name: new RegExp(lastName) })).toBeVisible();
  await expect(page.getByText(NEW_EMAIL)).toBeVisible();
  await page.goto('/vacancies');
  await expect(page.getByRole('row', { name: new RegExp(escaped(NEW_POSITION)) })).toContainText(
    'январь 2026',
  );
});
