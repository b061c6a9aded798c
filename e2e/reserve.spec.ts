import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/** The кадровый резерв: a school proposes its teacher, the card records the appointment; the lists to act on. */

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name, exact: true }).click();

test('a school includes its teacher in the reserve, and the candidate is appointed', async ({ page }) => {
  await logIn(page, 'school1');
  await menu(page, 'Кадровый резерв');
  await expect(page.getByRole('heading', { name: 'Кадровый резерв' })).toBeVisible();
  await page.getByRole('button', { name: 'Включить в резерв' }).click();
  const dialog = page.getByRole('dialog');
  const teacher = dialog.getByRole('textbox', { name: 'Педагог из реестра' });
  await teacher.click();
  await teacher.fill('ов');
  const option = page.getByRole('option').first();
  const chosen = ((await option.textContent()) ?? '').split(',')[0].trim();
  await option.click();
  await dialog.getByRole('textbox', { name: 'Должность резерва' }).click();
  await page.getByRole('option', { name: 'тьютор', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Номер приказа о включении' }).fill('77-к');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('textbox', { name: 'Поиск' }).fill(chosen.split(' ')[0]);
  const list = page.getByRole('table', { name: 'Кадровый резерв' });
  const row = list.getByRole('row').filter({ hasText: 'тьютор' }).filter({ hasText: '№ 77-к' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('в резерве');
  await row.getByRole('link').click();

  await expect(page.getByText('Резерв на должность: тьютор')).toBeVisible();
  await expect(page.getByText('приказ № 77-к от')).toBeVisible();
  await page.getByRole('button', { name: 'Назначен' }).click();
  const appoint = page.getByRole('dialog', { name: 'Назначение на должность' });
  await appoint.getByRole('textbox', { name: 'Дата назначения или исключения' }).fill('15.01.2027');
  await appoint.getByRole('heading').click();
  await appoint.getByRole('textbox', { name: 'Должность назначения' }).fill('тьютор');
  await appoint.getByRole('button', { name: 'Сохранить' }).click();
  await expect(appoint).toBeHidden();
  await expect(page.getByText('15.01.2027, тьютор')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Вернуть в резерв' })).toBeVisible();
  await page.screenshot({ path: 'test-results/reserve-candidate.png', fullPage: true });

  await page.getByRole('link', { name: 'Кадровый резерв', exact: true }).first().click();
  await page.getByRole('textbox', { name: 'Статус' }).click();
  await page.getByRole('option', { name: 'назначен' }).click();
  await expect(page).toHaveURL(/status=appointed/);
  await expect(
    page.getByRole('table', { name: 'Кадровый резерв' }).getByRole('row').filter({ hasText: '№ 77-к' }),
  ).toContainText('назначен 15.01.2027');
});

test('the coordinator opens the lists to act on and switches between them', async ({ page }) => {
  await logIn(page, 'metodist');
  await menu(page, 'Списки для работы');
  await expect(page.getByRole('heading', { name: 'Списки для работы' })).toBeVisible();
  await expect(page.getByText(/Аттестация в ближайшие 6 мес\. \(и просроченная\): \d+/)).toBeVisible();
  await page.getByRole('tab', { name: 'Педагоги пенсионного возраста' }).click();
  await expect(page).toHaveURL(/list=pension/);
  await expect(page.getByRole('columnheader', { name: 'Пенсионный возраст с' })).toBeVisible();
  await page.getByRole('tab', { name: 'Вакансии, открытые дольше N месяцев' }).click();
  await expect(page.getByText(/Вакансии, открытые дольше 3 мес\.: \d+/)).toBeVisible();
});
