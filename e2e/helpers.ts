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

/** Logs in and opens the demo's Мясниковский program (its closed campaigns carry the demo's targets). */
export async function openDemoProgram(page: Page, login: string) {
  await logIn(page, login);
  await page.getByRole('link', { name: 'Программы мониторинга' }).click();
  await page.getByRole('link', { name: /по программе Мясниковского района/ }).click();
  await expect(page.getByRole('heading', { name: /Мясниковского района/ })).toBeVisible();
}
