import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/** The staffing forecast: the coordinator's municipality with its chart and numbers; a school its own; целевое обучение. */

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name, exact: true }).click();

test('the coordinator opens the forecast: the chart, the need, the method, the horizon', async ({ page }) => {
  await logIn(page, 'metodist');
  await menu(page, 'Прогноз кадровой потребности');
  await expect(page.getByRole('heading', { name: 'Прогноз кадровой потребности' })).toBeVisible();
  const chart = page.getByTestId('forecast-chart');
  await expect(chart.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('forecast-need')).toHaveText(/^\d+(,\d)? человек/);
  await expect(page.getByText('Как считается прогноз')).toBeVisible();
  await expect(page.getByText(/по Федеральному закону от 03\.10\.2018 № 350-ФЗ/)).toBeVisible();
  const byOrganization = page.getByRole('table', { name: 'Прогноз по организациям' });
  await expect(byOrganization.getByRole('row').nth(1)).toBeVisible();
  await expect(byOrganization.getByRole('columnheader')).toHaveCount(5 + 3 + 1);
  // Mantine's segmented control hides its radio inputs under their labels: the label is what a person clicks.
  await page.locator('label', { hasText: /^5$/ }).click();
  await expect(page).toHaveURL(/horizon=5/);
  await expect(byOrganization.getByRole('columnheader')).toHaveCount(5 + 5 + 1);
  await page.screenshot({ path: 'test-results/staffing-forecast.png', fullPage: true });
});

test('a school head sees its own forecast and the students of целевое обучение it expects', async ({
  page,
}) => {
  await logIn(page, 'school1');
  await menu(page, 'Прогноз кадровой потребности');
  await expect(page.getByTestId('forecast-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Прогноз по организациям' }).getByRole('row')).toHaveCount(2);
  await menu(page, 'Целевое обучение');
  await expect(page.getByRole('heading', { name: 'Целевое обучение' })).toBeVisible();
  await page.getByRole('button', { name: 'Добавить студента' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'ФИО' }).fill('Проверкина Вера Олеговна');
  await dialog.getByRole('textbox', { name: 'Вуз (колледж)' }).fill('ЮФУ');
  await dialog
    .getByRole('textbox', { name: 'Специальность (направление подготовки)' })
    .fill('Педагогическое образование');
  await dialog.getByRole('textbox', { name: 'Предмет' }).fill('химия');
  await dialog.getByRole('textbox', { name: 'Год выпуска' }).fill('2028');
  await dialog.getByRole('textbox', { name: 'Договор о целевом обучении: номер' }).fill('99-ЦО');
  await dialog.getByRole('textbox', { name: 'Договор о целевом обучении: дата' }).fill('20.08.2025');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'Проверкина Вера Олеговна' })).toContainText(
    '№ 99-ЦО от 20.08.2025',
  );
  await menu(page, 'Прогноз кадровой потребности');
  await page.getByRole('textbox', { name: 'Предмет' }).click();
  await page.getByRole('option', { name: 'химия', exact: true }).click();
  await expect(page).toHaveURL(/subject=/);
  await expect(page.getByTestId('forecast-need')).toContainText('человек');
});
