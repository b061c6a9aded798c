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

export interface CampaignItem {
  id: number;
  title: string;
  year: number;
  status: string;
}

/**
 * The demo district's latest or earliest closed campaign. Other specs close campaigns of their own (titled
 * «(e2e)», in later years), and the browser tests share one database, so those are never chosen.
 */
export async function demoClosedCampaign(page: Page, which: 'latest' | 'earliest'): Promise<CampaignItem> {
  const campaigns = (await (await page.request.get('/api/campaigns')).json()) as CampaignItem[];
  const sign = which === 'latest' ? -1 : 1;
  const found = campaigns
    .filter((c) => c.status === 'closed' && !c.title.includes('(e2e)'))
    .sort((a, b) => sign * (a.year - b.year))[0];
  expect(found, `the demo's ${which} closed campaign`).toBeDefined();
  return found;
}

/** Logs in and opens the demo's Мясниковский program (its closed campaigns carry the demo's targets). */
export async function openDemoProgram(page: Page, login: string) {
  await logIn(page, login);
  await page.getByRole('link', { name: 'Программы мониторинга' }).click();
  await page.getByRole('link', { name: /по программе Мясниковского района/ }).click();
  await expect(page.getByRole('heading', { name: /Мясниковского района/ })).toBeVisible();
}

/** A day `offset` days from today, as 'YYYY-MM-DD'. */
export const dayFromToday = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The stage dates of a campaign whose main stage is under way today (from 10 days ago to 10 days ahead). */
export const runningCampaignDates = () => ({
  initialStart: dayFromToday(-20),
  initialEnd: dayFromToday(-10),
  mainStart: dayFromToday(-10),
  mainEnd: dayFromToday(10),
  finalStart: dayFromToday(10),
  finalEnd: dayFromToday(30),
});
