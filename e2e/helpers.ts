import { expect, type Page } from '@playwright/test';

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const DEMO_PASSWORD = 'e2e-demo-password';

export async function logIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('navigation', { name: 'Основное меню' })).toBeVisible();
}
