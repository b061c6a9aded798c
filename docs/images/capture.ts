/**
 * Takes the screenshots of docs/user-guide.md from a running pedmonitor with a freshly created demo district:
 *
 *   PEDMONITOR_DATA=$(mktemp -d) PEDMONITOR_DEMO_PASSWORD=demo node bin/pedmonitor.js start --port 3400 &
 *   PEDMONITOR_URL=http://127.0.0.1:3400 PEDMONITOR_DEMO_PASSWORD=demo node bin/run-ts.js docs/images/capture.ts
 *
 * Only looks: nothing is saved (the workbook is checked, not applied), so it can be run again on the same
 * server. Uses Debian's Chromium (CHROMIUM_PATH to override).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';

const BASE = (process.env.PEDMONITOR_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const PASSWORD = process.env.PEDMONITOR_DEMO_PASSWORD;
const OUT = import.meta.dirname;
if (!PASSWORD) {
  console.error('Задайте PEDMONITOR_DEMO_PASSWORD — пароль демонстрационных учётных записей.');
  process.exit(2);
}

interface CampaignSummary {
  id: number;
  year: number;
  status: 'active' | 'closed';
  programId: number;
}

const browser: Browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

async function logIn(login: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(PASSWORD!);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('navigation', { name: 'Основное меню' }).waitFor({ state: 'attached' });
  return page;
}

const api = async <T>(page: Page, url: string): Promise<T> => {
  const response = await page.request.get(`${BASE}${url}`);
  if (!response.ok()) throw new Error(`${url}: HTTP ${response.status()}`);
  return (await response.json()) as T;
};

/** Scrolls so that the element is just below the page header. */
async function scrollTo(page: Page, locator: Locator) {
  await locator.first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await locator.first().evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 72));
}

/** Waits for the page to settle (data loaded, chart animations over), then saves the visible part. */
async function capture(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/images/${name}.png`);
}

const coordinator = await logIn('metodist');
const campaigns = await api<CampaignSummary[]>(coordinator, '/api/campaigns');
const running = campaigns.find((c) => c.status === 'active');
const closed = campaigns.find((c) => c.status === 'closed');
if (!running || !closed) throw new Error('Нужен демо-район: идущий и закрытый мониторинг.');
const [roadmap] = await api<{ id: number }[]>(coordinator, '/api/roadmaps');
const [teacher] = await api<{ id: number }[]>(coordinator, '/api/teachers?q=Васильева Ксения&pageSize=1');

// Registry.
await coordinator.goto(`${BASE}/teachers`);
await capture(coordinator, 'registry-teachers');
await coordinator.goto(`${BASE}/teachers/${teacher.id}?tab=trainings`);
await capture(coordinator, 'teacher-card');

// The program: an indicator with its formula, checked on current data.
await coordinator.goto(`${BASE}/programs/${closed.programId}`);
await coordinator
  .getByRole('button', { name: /^Изменить показатель/ })
  .first()
  .click();
await coordinator.getByText('Значение на текущих данных').waitFor();
await capture(coordinator, 'program-indicator');

// The running campaign: completeness and timeliness.
await coordinator.goto(`${BASE}/campaigns/${running.id}`);
await scrollTo(coordinator, coordinator.getByText('Начальный этап'));
await capture(coordinator, 'campaign-forms');

// The closed campaign: analysis, recommendations, documents.
await coordinator.goto(`${BASE}/campaigns/${closed.id}?tab=analysis`);
await scrollTo(coordinator, coordinator.getByRole('heading', { name: /значения организаций/ }));
await capture(coordinator, 'campaign-analysis');
await coordinator.goto(`${BASE}/campaigns/${closed.id}?tab=recommendations`);
await scrollTo(coordinator, coordinator.getByRole('button', { name: 'Сформировать по правилам' }));
await capture(coordinator, 'campaign-recommendations');
await coordinator.goto(`${BASE}/campaigns/${closed.id}?tab=documents`);
await scrollTo(coordinator, coordinator.getByRole('tablist'));
await capture(coordinator, 'campaign-documents');

// The roadmap: did the measures move the indicators.
await coordinator.goto(`${BASE}/roadmaps/${roadmap.id}?tab=effect`);
await capture(coordinator, 'roadmap-effect');

// The school head: the form returned for corrections.
const school5 = await logIn('school5');
const own = await api<{ organizations: { organizationId: number }[] }>(
  school5,
  `/api/campaigns/${running.id}`,
);
await school5.goto(`${BASE}/campaigns/${running.id}/organizations/${own.organizations[0].organizationId}`);
await capture(school5, 'school-form');

// The school head: the workbook round trip, checked with a few edits and one mistake.
const school1 = await logIn('school1');
await school1.goto(`${BASE}/my-organization?tab=exchange`);
const [download] = await Promise.all([
  school1.waitForEvent('download'),
  school1.getByRole('link', { name: 'Скачать книгу со сведениями' }).click(),
]);
const folder = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-guide-'));
const file = path.join(folder, 'Сведения.xlsx');
await download.saveAs(file);
const book = new ExcelJS.Workbook();
await book.xlsx.readFile(file);
const teachers = book.getWorksheet('Педагоги')!;
const phone = (teachers.getRow(1).values as unknown[]).indexOf('Телефон');
teachers.getRow(2).getCell(phone).value = '8 (86349) 2-10-31';
teachers.getRow(3).getCell(phone).value = '8 (86349) 2-10-32';
const vacancies = book.getWorksheet('Вакансии')!;
const count = (vacancies.getRow(1).values as unknown[]).indexOf('Количество вакансий');
vacancies.getRow(2).getCell(count).value = 0;
await book.xlsx.writeFile(file);
await school1.locator('input[type=file]').setInputFiles(file);
await scrollTo(school1, school1.getByText(/Проверка файла/));
await capture(school1, 'exchange-preview');
await school1.getByRole('button', { name: 'Отменить и загрузить другой файл' }).click();
rmSync(folder, { recursive: true });

// The school head on a phone: the recommendations to answer.
const phoneView = await logIn('school1', 390, 844);
await phoneView.goto(`${BASE}/my-recommendations`);
await scrollTo(phoneView, phoneView.getByRole('heading', { name: /: \d{4} год$/ }));
await capture(phoneView, 'school-recommendations-phone');

await browser.close();
