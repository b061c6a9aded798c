import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';

/**
 * Website monitoring in the browser: a school site served on 127.0.0.1 by the spec (the e2e server allows
 * loopback to the crawler: playwright.config.ts), a check run from the page, found and not found in the
 * table, and the coordinator's override marked «вручную» with the crawl's finding beside it.
 */
const page = (body: string) =>
  `<!doctype html><html><head><title>Школа сайта</title></head><body>${body}</body></html>`;
const site = http.createServer((req, res) => {
  const pages: Record<string, string> = {
    '/': page('<a href="/sveden/">Сведения об образовательной организации</a>'),
    '/sveden/': page('<h1>Сведения об образовательной организации</h1>'),
  };
  const html = pages[req.url ?? ''];
  res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html ?? '<h1>Нет</h1>');
});
let base = '';
const NAME = 'СОШ сайта (e2e)';

test.beforeAll(async () => {
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

test('a check from the page finds what the site publishes, and an override is marked «вручную»', async ({
  page: browser,
}) => {
  await logIn(browser, 'metodist');
  const municipalities = (await (await browser.request.get('/api/municipalities')).json()) as {
    id: number;
  }[];
  const created = await browser.request.post('/api/organizations', {
    data: {
      municipalityId: municipalities[0].id,
      name: 'Муниципальная средняя школа сайта (e2e)',
      shortName: NAME,
      kind: 'school',
      website: `${base}/`,
    },
  });
  expect(created.status()).toBe(201);

  await browser.goto('/websites');
  await expect(browser.getByRole('heading', { name: 'Мониторинг сайтов' })).toBeVisible();
  await browser.getByRole('button', { name: 'Проверить сайты' }).click();
  await expect(browser.getByText(/Последняя проверка/)).toBeVisible({ timeout: 60_000 });
  const row = browser.getByRole('row').filter({ hasText: NAME });
  await expect(row.getByRole('link', { name: '✓' })).toHaveAttribute('href', `${base}/sveden/`);
  // The mentoring section (the 6th requirement) is not on this site.
  const mentoring = row.getByRole('cell').nth(6);
  await expect(mentoring.getByLabel('не найдено')).toBeVisible();

  await mentoring.getByRole('button', { name: /Отметить вручную/ }).click();
  const dialog = browser.getByRole('dialog', { name: 'Отметить вручную' });
  await expect(dialog.getByText('Автоматическая проверка')).toContainText('не найдено');
  await dialog.getByLabel('Адрес страницы').fill(`${base}/nastavnichestvo/`);
  await dialog.getByLabel('Комментарий').fill('Раздел в меню «Педагогам»');
  await dialog.getByRole('button', { name: 'Сохранить отметку' }).click();
  await expect(dialog).toBeHidden();
  await expect(mentoring.getByText('вручную · проверка: ✗')).toBeVisible();
  await expect(mentoring.getByRole('link', { name: '✓' })).toHaveAttribute(
    'href',
    `${base}/nastavnichestvo/`,
  );
});
