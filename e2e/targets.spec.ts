import { expect, test } from '@playwright/test';
import { openDemoProgram } from './helpers.ts';

/** Plan against fact: the demo's programs carry targets by year; the methodist sets one in the program editor
 * and finds it under the municipality's row of the results table. */

test('the methodist sets a target in the program editor and sees it in the results table', async ({
  page,
}) => {
  await openDemoProgram(page, 'metodist');
  // The page opens on last year: the demo's passport plans 35 % of teachers diagnosed for it.
  const year = new Date().getFullYear() - 1;

  await page.getByRole('button', { name: 'Изменить показатель 4.2' }).click();
  const targets = page.getByTestId('targets-input');
  await expect(targets.getByRole('textbox', { name: `План на ${year} год` })).toHaveCount(0);
  await targets.getByRole('button', { name: 'Добавить год' }).click();
  await targets.getByRole('textbox', { name: `План на ${year} год` }).fill('60');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Показатель сохранён')).toBeVisible();

  await page.getByRole('tab', { name: 'Результаты' }).click();
  const table = page.getByRole('table', { name: 'Результаты мониторинга' });
  const plan = table.getByTestId('plan-row');
  await expect(plan.getByRole('cell').first()).toHaveText(`План на ${year} год`);
  // A vacancy column says «на дд.мм.гггг» under its code.
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.slice(0, 3));
  expect(headers).toContain('4.2');
  await expect(plan.getByRole('cell').nth(headers.indexOf('4.2'))).toHaveText('60');
  await expect(plan.getByRole('cell').nth(headers.indexOf('1.1'))).toHaveText('35\u00a0%');
  const deviation = table.getByTestId('deviation-row');
  await expect(deviation.getByRole('cell').nth(headers.indexOf('4.2'))).toHaveText(/^[−+]?\d+$/);
  await page.screenshot({ path: 'test-results/targets-results.png', fullPage: true });
});
