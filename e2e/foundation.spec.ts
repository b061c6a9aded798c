import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, logIn } from './helpers.ts';

test('a wrong password gets a Russian error and no session', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Логин').fill('admin');
  await page.getByLabel('Пароль').fill('wrong-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль.');
  await expect(page).toHaveURL(/\/login$/);
});

test('the admin logs in and opens the organizations list with search and filters', async ({ page }) => {
  await logIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Организации' }).click();
  await expect(page.getByRole('heading', { name: 'Образовательные организации' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Организации' });
  await expect(table.getByRole('row')).toHaveCount(21); // header + a page of 20
  await expect(page.getByText('Найдено: 36 организаций')).toBeVisible();

  await page.getByLabel('ШНОР', { exact: true }).click();
  await expect(page.getByLabel('ШНОР', { exact: true })).toBeChecked();
  await expect(page.getByText('Найдено: 6 организаций')).toBeVisible();
  await expect(table.getByRole('link', { name: 'МБОУ СОШ № 5' })).toBeVisible();

  await page.getByLabel('ШНОР', { exact: true }).click();
  await page.getByLabel('Поиск').fill('Солнышко');
  await expect(page.getByText('Найдено: 1 организация')).toBeVisible();
  await table.getByRole('link', { name: /Солнышко/ }).click();
  await expect(page.getByRole('heading', { name: /Солнышко/ })).toBeVisible();
  await expect(page.getByText('Дошкольная образовательная организация')).toBeVisible();
  await page.screenshot({ path: 'test-results/organization-card.png', fullPage: true });
});

test('an organization manager sees only its own organization', async ({ page }) => {
  await logIn(page, 'school1');
  const nav = page.getByRole('navigation', { name: 'Основное меню' });
  await expect(nav.getByRole('link', { name: 'Моя организация' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Пользователи' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Моя организация' }).click();
  await expect(page.getByRole('heading', { name: /МБОУ СОШ № 1/ })).toBeVisible();
  const response = await page.request.get('/api/organizations');
  const visible = await response.json();
  expect(visible.map((o: { shortName: string }) => o.shortName)).toEqual(['МБОУ СОШ № 1']);
});

test('the admin creates a user and the new user logs in with the password shown once', async ({
  page,
  browser,
}) => {
  await logIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Пользователи' }).click();
  await page.getByRole('button', { name: 'Добавить пользователя' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Логин').fill('new.head');
  await dialog.getByLabel('ФИО').fill('Новикова Анна Сергеевна');
  await dialog.getByRole('textbox', { name: 'Организация' }).click();
  await page.getByRole('option', { name: 'МБОУ СОШ № 2', exact: true }).click();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  const password = (await page.getByTestId('generated-password').textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z0-9]{14}$/);

  const other = await (await browser.newContext()).newPage();
  await logIn(other, 'new.head', password);
  await expect(other.getByText('МБОУ СОШ № 2').first()).toBeVisible();
});
