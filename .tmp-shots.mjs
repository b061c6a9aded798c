import { chromium } from '@playwright/test';
const [,, login, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
await page.goto('http://127.0.0.1:3000/login');
await page.getByLabel('Логин').fill(login);
await page.getByLabel('Пароль').fill('demo-look-1');
await page.getByRole('button', { name: 'Войти' }).click();
await page.waitForTimeout(1500);
for (const p of paths) {
  await page.goto('http://127.0.0.1:3000' + p);
  await page.waitForTimeout(2500);
  const name = `/tmp/shots/${login}${p.replace(/[/?=&]/g, '_')}.png`;
  await page.screenshot({ path: name, fullPage: false });
  console.log(name);
}
await browser.close();
