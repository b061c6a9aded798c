import { statSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoClosedCampaign, logIn, type CampaignItem } from './helpers.ts';

test('the coordinator analyses a closed campaign and generates its documents; the published report opens without login', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await logIn(page, 'metodist');
  const latest = await demoClosedCampaign(page, 'latest');

  // The analysis tab draws its charts.
  await page.goto(`/campaigns/${latest.id}?tab=analysis`);
  await expect(page.getByRole('heading', { name: latest.title })).toBeVisible();
  const charts = page.locator('[data-chart] canvas');
  await expect(charts.first()).toBeVisible();
  expect(await charts.count()).toBeGreaterThan(1);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: testInfo.outputPath('analysis-tab.png'), fullPage: true });

  // Documents: the whole set as an archive, with the stages shown while it is made.
  await page.getByRole('tab', { name: 'Документы' }).click();
  const archive = page.getByRole('region', { name: 'Все документы одним архивом' });
  await expect(archive).toBeVisible();
  await archive.getByRole('button', { name: 'Сформировать' }).click();
  await expect(archive.getByTestId('document-progress')).toBeVisible();
  await expect(archive.getByTestId('document-stage')).toHaveText(
    /^(Подготовка данных|Справка: диаграммы \d+ из \d+|Справка: сборка документа|Письма: \d+ из \d+|Архив: .+|Статистические формы: лист \d+ из \d+)$/,
  );
  await page.screenshot({ path: testInfo.outputPath('documents-progress.png') });
  const download = archive.getByRole('link', { name: 'Скачать' });
  await expect(download).toBeVisible({ timeout: 90_000 });
  await expect(archive.getByText(/Документы мониторинга \d{4}\.zip/)).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/^Документы мониторинга \d{4}\.zip$/);
  const saved = testInfo.outputPath('documents.zip');
  await file.saveAs(saved);
  expect(statSync(saved).size).toBeGreaterThan(100_000);

  // The letter to one organization downloads at once.
  const letters = page.getByRole('region', { name: 'Письмо «Адресные рекомендации»' });
  await letters.getByText('Одной организации', { exact: true }).click();
  await letters.getByRole('textbox', { name: 'Организация' }).click();
  await page.getByRole('option', { name: /^МБОУ СОШ № 1 \(/ }).click();
  const [letter] = await Promise.all([
    page.waitForEvent('download'),
    letters.getByRole('link', { name: 'Скачать письмо' }).click(),
  ]);
  expect(letter.suggestedFilename()).toMatch(/^Адресные рекомендации \d{4} МБОУ СОШ № 1\.docx$/);
  await page.getByRole('tab', { name: 'Документы' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('documents-tab.png') });

  // The school finds the department's letter on its recommendations page, since the results are published.
  const school = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await logIn(school, 'school1');
  await school.goto('/my-recommendations');
  const own = school.getByRole('region', { name: 'Письма отдела образования' });
  await expect(own).toBeVisible();
  const [schoolLetter] = await Promise.all([
    school.waitForEvent('download'),
    own.getByRole('link', { name: `Письмо за ${latest.year} год` }).click(),
  ]);
  expect(schoolLetter.suggestedFilename()).toMatch(/МБОУ СОШ № 1\.docx$/);
  await school.context().close();

  const teachers = (await (await page.request.get('/api/teachers?pageSize=200')).json()) as {
    fullName: string;
  }[];
  expect(teachers.length).toBeGreaterThan(50);

  // The public report of the published campaign, in a browser that has not logged in.
  const visitor = await (await browser.newContext({ viewport: { width: 1300, height: 1000 } })).newPage();
  await visitor.goto(`/public/campaigns/${latest.id}`);
  await expect(visitor.getByRole('heading', { level: 1, name: latest.title })).toBeVisible();
  await expect(visitor.locator('[data-chart] canvas').first()).toBeVisible();
  await expect(visitor.getByRole('table', { name: 'Динамика показателей' })).toBeVisible();
  await visitor.waitForLoadState('networkidle');
  const text = await visitor.locator('body').innerText();
  expect(text).toContain('МБОУ СОШ № 1');
  for (const t of teachers) expect(text, 'в публичном отчёте нет ФИО педагогов').not.toContain(t.fullName);
  expect(text).not.toMatch(/\d{3}-\d{3}-\d{3} \d{2}/); // no СНИЛС
  await visitor.screenshot({ path: testInfo.outputPath('public-report.png'), fullPage: true });
  // Nothing of this test keeps polling the server while the next one runs.
  await visitor.context().close();
  await context.close();
});

test('a vacancy indicator in the analysis says which month its values are «на»', async ({ page }) => {
  // It opens the analysis of campaigns until one has a vacancy indicator: the first of a run are computed cold.
  test.setTimeout(120_000);
  await logIn(page, 'metodist');
  const campaigns = (await (await page.request.get('/api/campaigns')).json()) as CampaignItem[];
  // The campaign and indicator are found by query: any of the demo's with a vacancy indicator and a month.
  let found: { campaign: CampaignItem; code: string; name: string; asOf: string } | undefined;
  for (const campaign of campaigns) {
    const analysis = await (await page.request.get(`/api/campaigns/${campaign.id}/analysis`)).json();
    const asOf = analysis.campaign?.vacanciesAsOf as string | null | undefined;
    const indicator = (analysis.indicators as { code: string; name: string; numerator: string }[]).find((i) =>
      /vacancies\(/.test(i.numerator),
    );
    if (asOf && indicator) {
      found = { campaign, code: indicator.code, name: indicator.name, asOf };
      break;
    }
  }
  expect(found, 'в демо-районе есть мониторинг с показателем вакансий').toBeDefined();
  await page.goto(`/campaigns/${found!.campaign.id}?tab=analysis`);
  await page.waitForLoadState('networkidle');
  // The choice is retried: a list opened while the tab still renders can close under the click.
  await expect(async () => {
    await page.getByRole('textbox', { name: 'Показатель' }).click();
    await page.getByRole('option', { name: `${found!.code}. ${found!.name}` }).click({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  const [y, m, d] = found!.asOf.split('-');
  await expect(page.getByTestId('vacancies-as-of')).toHaveText(`Вакансии — на ${d}.${m}.${y}.`);
});
