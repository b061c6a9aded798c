import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, logIn } from './helpers.ts';

/**
 * Cross-site request forgery and the security headers in a real browser. The attacking pages are served
 * from another port of 127.0.0.1: the same site for the browser, so the SameSite=Lax session cookie goes
 * along with their requests, and only the server's checks (server/http/cross-site.ts) refuse them.
 */

// No extra header from Playwright: the app's own requests pass only if the web client sends it itself.
test.use({ extraHTTPHeaders: {} });

let attacker: http.Server;
let attackerOrigin: string;
const pages = new Map<string, string>();

test.beforeAll(async () => {
  attacker = http.createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'нет такой страницы');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

/** Opens a page of the attacking site and waits for its request to the app to be answered. */
async function attack(page: Page, name: string, html: string, target: string) {
  pages.set(`/${name}`, `<!doctype html><meta charset="utf-8"><title>${name}</title><body>${html}`);
  const answered = page.waitForResponse((r) => r.url() === target);
  await page.goto(`${attackerOrigin}/${name}`);
  return answered;
}

const openCampaign = async (page: Page) => {
  const campaigns = (await (await page.request.get('/api/campaigns')).json()) as {
    id: number;
    status: string;
  }[];
  return campaigns.find((c) => c.status !== 'closed')!;
};

test('forms and no-cors fetches of a page on another port change nothing; the app’s own requests pass', async ({
  browser,
  baseURL,
}) => {
  const coordinator = await newPage(browser);
  await logIn(coordinator, 'metodist');
  const campaign = await openCampaign(coordinator);
  const statusBefore = campaign.status;
  const close = `${baseURL}/api/campaigns/${campaign.id}/close`;

  // A plain urlencoded form posted by script.
  const urlencoded = await attack(
    coordinator,
    'urlencoded',
    `<form id="f" method="post" action="${close}"><input name="confirm" value="1"></form><script>f.submit()</script>`,
    close,
  );
  expect(urlencoded.status()).toBe(403);
  expect(await urlencoded.text()).toContain('Запрос отклонён');

  // enctype=text/plain: the body looks like JSON ({"confirm":"=1"}).
  const plain = await attack(
    coordinator,
    'text-plain',
    `<form id="f" method="post" enctype="text/plain" action="${close}"><input name='{"confirm":"' value='1"}'></form><script>f.submit()</script>`,
    close,
  );
  expect(plain.status()).toBe(403);
  expect((await openCampaign(coordinator)).status).toBe(statusBefore);
  expect(
    (await (await coordinator.request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.status,
  ).toBe(statusBefore);

  // A no-cors multipart fetch uploading a valid form workbook over the school's submission.
  const school = await newPage(browser);
  await logIn(school, 'school1');
  const [own] = await (await school.request.get('/api/organizations')).json();
  const submission = `/api/campaigns/${campaign.id}/organizations/${own.id}/submission`;
  const before = await (await school.request.get(submission)).json();
  const workbook = await (await school.request.get(`${submission}/form.xlsx`)).body();
  expect(workbook.subarray(0, 2).toString()).toBe('PK');
  const upload = `${baseURL}${submission}/form.xlsx`;
  const fetched = await attack(
    school,
    'no-cors',
    `<script>
      const bytes = Uint8Array.from(atob('${workbook.toString('base64')}'), (c) => c.charCodeAt(0));
      const body = new FormData();
      body.append('file', new Blob([bytes]), 'form.xlsx');
      fetch('${upload}', { method: 'POST', mode: 'no-cors', credentials: 'include', body })
        .then(() => (document.title = 'sent'));
    </script>`,
    upload,
  );
  expect(fetched.status()).toBe(403);
  await expect(school).toHaveTitle('sent');
  const after = await (await school.request.get(submission)).json();
  expect(after).toEqual(before);

  // The app itself, with no help from the test: logging in (above) and creating a user pass.
  const admin = await newPage(browser);
  await logIn(admin, 'admin', ADMIN_PASSWORD);
  await admin.getByRole('link', { name: 'Пользователи' }).click();
  await admin.getByRole('button', { name: 'Добавить пользователя' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByLabel('Логин').fill('cross.site.check');
  await dialog.getByLabel('ФИО').fill('Проверкина Ольга Игоревна');
  await dialog.getByRole('textbox', { name: 'Организация' }).click();
  await admin.getByRole('option', { name: 'МБОУ СОШ № 2', exact: true }).click();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(admin.getByTestId('generated-password')).toBeVisible();
  const users = await (await admin.request.get('/api/users?q=cross.site.check')).json();
  expect(JSON.stringify(users)).toContain('cross.site.check');
});

test('the built UI and the API docs run under the CSP without violations, and no other site can frame them', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const violations = async (where: string) => {
    const seen = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    return seen.map((v) => `${where}: ${v}`);
  };

  const response = await page.goto('/login');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  await logIn(page, 'metodist');
  const campaigns = (await (await page.request.get('/api/campaigns')).json()) as {
    id: number;
    status: string;
  }[];
  const closed = campaigns.find((c) => c.status === 'closed')!;
  const walk: [string, () => Promise<void>][] = [
    ['/', async () => expect(page.getByRole('navigation', { name: 'Основное меню' })).toBeVisible()],
    ['/organizations', async () => expect(page.getByRole('table').first()).toBeVisible()],
    ['/teachers', async () => expect(page.getByRole('table').first()).toBeVisible()],
    ['/vacancies', async () => expect(page.locator('canvas').first()).toBeVisible()],
    [
      `/campaigns/${closed.id}?tab=analysis`,
      async () => expect(page.locator('[data-chart] canvas').first()).toBeVisible(),
    ],
    ['/api/docs/static/index.html', async () => expect(page.locator('.swagger-ui .info')).toBeVisible()],
  ];
  const found: string[] = [];
  for (const [url, ready] of walk) {
    await page.goto(url);
    await ready();
    await page.waitForLoadState('networkidle');
    found.push(...(await violations(url)));
  }
  expect([...found, ...problems]).toEqual([]);

  // The app inside another site's iframe: the browser refuses to show it.
  const framing = await newPage(browser);
  pages.set('/frame', `<!doctype html><iframe id="app" src="${baseURL}/login"></iframe>`);
  const refused = framing.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
  await framing.goto(`${attackerOrigin}/frame`);
  await refused;
  const frame = framing.frames().find((f) => f !== framing.mainFrame())!;
  expect(await frame.locator('#root').count()).toBe(0);
});
