import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/** The teacher registry: search with filters, the card, records added through the generic forms, access. */

async function pickOption(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('dialog').getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

test('the coordinator finds young teachers, opens a card, adds a diagnostic and a training, edits the teacher', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Педагоги' })
    .click();
  await expect(page.getByRole('heading', { name: 'Педагогические работники' })).toBeVisible();

  const summary = await (await page.request.get('/api/teachers/summary')).json();
  const youngFilter = page.getByLabel(`Молодые педагоги (${summary.young})`);
  await youngFilter.click();
  await expect(youngFilter).toBeChecked();
  await expect(page).toHaveURL(/young=true/);
  const table = page.getByRole('table', { name: 'Педагоги' });
  await expect(page.getByText(new RegExp(`^Найдено: ${summary.young} педагог`))).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText('молодой педагог');
  const count = await rows.count();
  expect(count).toBe(Math.min(summary.young, 25));
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText('молодой педагог');
  await page.screenshot({ path: 'test-results/teachers-search.png', fullPage: true });

  // The filters survive a reload: they live in the address.
  await page.reload();
  await expect(page.getByLabel(/Молодые педагоги/)).toBeChecked();

  const link = rows.first().getByRole('link');
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('heading', { name }).getByText('молодой педагог')).toBeVisible();

  // A diagnostic with a deficit from the catalog.
  await page.getByRole('tab', { name: 'Диагностики' }).click();
  await page.getByRole('button', { name: 'Добавить диагностику' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Дата' }).fill('10.03.2025');
  await pickOption(page, 'Уровень', 'муниципальный');
  await dialog
    .getByRole('textbox', { name: 'Инструмент (методика)' })
    .fill('Муниципальная диагностика (e2e)');
  await dialog.getByRole('textbox', { name: 'Выявленные дефициты' }).click();
  await page.getByRole('option', { name: /М-02/ }).click();
  await dialog.getByRole('heading').click(); // close the drop-down
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const diagnostics = page.getByRole('table', { name: 'Диагностики' });
  const row = diagnostics.getByRole('row', { name: /Муниципальная диагностика \(e2e\)/ });
  await expect(row).toContainText('10.03.2025');
  await expect(row).toContainText('Формирование функциональной грамотности обучающихся');

  // A training with its provider and topics.
  await page.getByRole('tab', { name: 'Обучение' }).click();
  await page.getByRole('button', { name: 'Добавить обучение' }).click();
  await dialog.getByRole('textbox', { name: 'Программа' }).fill('Функциональная грамотность (e2e)');
  await pickOption(page, 'Организация, проводившая обучение', /ЦНППМ/);
  await dialog.getByRole('textbox', { name: 'Объём, часов' }).fill('36');
  await dialog.getByRole('textbox', { name: 'Дата начала' }).fill('01.02.2025');
  await dialog.getByRole('textbox', { name: 'Дата окончания' }).fill('20.02.2025');
  await dialog.getByRole('heading').click(); // close the calendar
  await dialog.getByRole('textbox', { name: 'Тематика' }).click();
  await page.getByRole('option', { name: 'приоритетные федеральные программы' }).click();
  await dialog.getByRole('heading').click();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const training = page.getByRole('table', { name: 'Обучение' }).getByRole('row', { name: /e2e/ });
  await expect(training).toContainText('01.02.2025 — 20.02.2025');
  await expect(training).toContainText('приоритетные федеральные программы');

  // Editing: a mistake is explained in Russian under its field, then the fix is saved.
  await page.getByRole('tab', { name: 'Общие сведения' }).click();
  await page.getByRole('button', { name: 'Изменить сведения' }).click();
  const start = page.getByRole('textbox', { name: 'Дата начала педагогической деятельности' });
  await start.fill('01.01.1950');
  await page.getByRole('textbox', { name: 'Телефон' }).fill('8 (86349) 2-00-00');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(
    page.getByText('Начало педагогической деятельности не может быть раньше рождения'),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Фамилия' }).fill('');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('«Фамилия»: обязательное поле')).toBeVisible();
  await page.screenshot({ path: 'test-results/teacher-edit-errors.png', fullPage: true });
  await page.getByRole('button', { name: 'Отмена' }).click();
  await page.getByRole('button', { name: 'Изменить сведения' }).click();
  await page.getByRole('textbox', { name: 'Телефон' }).fill('8 (86349) 2-00-00');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Сведения о педагоге сохранены')).toBeVisible();
  await expect(page.getByText('8 (86349) 2-00-00')).toBeVisible();
});

test('an organization manager cannot open a teacher of another organization', async ({ page, browser }) => {
  // Find a teacher of МБОУ СОШ № 5 as the coordinator.
  const coordinator = await browser.newPage();
  await logIn(coordinator, 'metodist');
  const organizations = await (await coordinator.request.get('/api/organizations?q=СОШ № 5')).json();
  const school5 = organizations.find((o: { shortName: string }) => o.shortName === 'МБОУ СОШ № 5');
  const [stranger] = await (
    await coordinator.request.get(`/api/teachers?organizationId=${school5.id}&pageSize=1`)
  ).json();
  await coordinator.close();

  await logIn(page, 'school1');
  await page.goto(`/teachers/${stranger.id}`);
  await expect(page.getByRole('alert')).toContainText('Нет доступа к сведениям об этом педагоге.');
  await expect(page.getByText(stranger.fullName)).toHaveCount(0);

  // Its own teachers are in the «Педагоги» tab of its organization.
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Моя организация' })
    .click();
  await page.getByRole('tab', { name: 'Педагоги' }).click();
  const table = page.getByRole('table', { name: 'Педагоги' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
});

test('a teacher sees its own profile read-only', async ({ page }) => {
  await logIn(page, 'teacher');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Мой профиль' })
    .click();
  await page.getByRole('link', { name: 'Все сведения обо мне' }).click();
  await expect(page.getByRole('tab', { name: 'Общие сведения' })).toBeVisible();
  await expect(page.getByText('только просмотр')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Изменить сведения' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Диагностики' }).click();
  await expect(page.getByRole('button', { name: 'Добавить диагностику' })).toHaveCount(0);
});
