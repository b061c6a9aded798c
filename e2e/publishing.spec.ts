import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { demoClosedCampaign, logIn } from './helpers.ts';

/**
 * Publishing: the coordinator copies the iframe code of the published report, another site frames the
 * embeddable block (and cannot frame the full public report), a visitor opens a school's public page.
 */
/** «Another site»: a page on another port (another origin) with the HTML it is given. */
let html = '';
const otherSite = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
});
let otherOrigin = '';
test.beforeAll(async () => {
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => otherSite.close(() => resolve()));
});

test('the embeddable block goes into another site’s iframe, the public pages do not', async ({
  page,
  browser,
}) => {
  await logIn(page, 'metodist');
  const latest = await demoClosedCampaign(page, 'latest');
  await page.goto(`/campaigns/${latest.id}?tab=report`);
  const code = page.getByTestId('embed-code');
  await expect(code).toContainText(`/embed/campaigns/${latest.id}`);
  await expect(code).toContainText('<iframe');
  const origin = new URL(page.url()).origin;

  // A page of another site with the copied snippet frames the block; the full report refuses the frame.
  html =
    `<!doctype html><meta charset="utf-8"><title>Сайт школы</title>${(await code.textContent())!.replace('<iframe', '<iframe id="block"')}` +
    `<iframe id="full" src="${origin}/public/campaigns/${latest.id}" width="600" height="500"></iframe>`;
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${otherOrigin}/`);
  const block = visitor.frameLocator('#block');
  await expect(block.getByRole('heading', { name: latest.title })).toBeVisible();
  await expect(block.getByRole('link', { name: 'Подробнее' })).toHaveAttribute(
    'href',
    `/public/campaigns/${latest.id}`,
  );
  // The snippet's script fits the frame to the block: no empty space under it, no inner scroll bar.
  const contentHeight = () =>
    visitor
      .frameLocator('#block')
      .locator('body')
      .evaluate(() => Math.ceil(document.body.firstElementChild!.getBoundingClientRect().height));
  const frameHeight = () => visitor.locator('#block').evaluate((f) => f.getBoundingClientRect().height);
  await expect.poll(frameHeight).not.toBe(420);
  await expect
    .poll(async () => Math.abs((await frameHeight()) - (await contentHeight())))
    .toBeLessThanOrEqual(40);
  const headers = (await visitor.request.get(`${origin}/public/campaigns/${latest.id}`)).headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(visitor.frameLocator('#full').getByRole('heading', { name: latest.title })).toHaveCount(0);

  // The public report links each organization's own page; there a share over a small group is not shown.
  await visitor.goto(`${origin}/public/campaigns/${latest.id}`);
  await visitor
    .getByLabel('Страницы организаций')
    .getByRole('link', { name: 'МБОУ СОШ № 1', exact: true })
    .click();
  await expect(visitor.getByRole('heading', { level: 1, name: 'МБОУ СОШ № 1' })).toBeVisible();
  await expect(visitor.getByRole('table', { name: `Показатели: ${latest.title}` })).toBeVisible();
  await expect(visitor.getByText(/Доли, рассчитанные менее чем по 5/)).toBeVisible();
  await visitor.context().close();
});
