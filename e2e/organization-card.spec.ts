import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';

const PDF = Buffer.from('%PDF-1.4\nОтчёт о выполнении рекомендации');

test('a school head opens its organization card with the chart and attaches a file to a report; the department sees it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, 'school5');
  await page.goto('/my-organization?tab=monitoring');
  const tab = page.getByRole('tabpanel');
  // Values over years: the chart, the table and the place in the rating.
  await expect(tab.locator('[data-chart] canvas').first()).toBeVisible();
  await expect(tab.getByRole('table', { name: /Значения показателей/ }).first()).toBeVisible();
  await expect(tab.getByTestId('rating-places').first()).toContainText(
    /\d+-е место из \d+ общеобразовательных организаций/,
  );

  // A recommendation still open: attach a file to its report.
  const recommendations = page.getByRole('region', { name: 'Рекомендации и отчёты' });
  const open = recommendations.locator('[data-recommendation]').filter({
    has: page.getByRole('button', { name: 'Прикрепить файл' }),
  });
  await expect(open.first()).toBeVisible();
  const card = open.first();
  const id = await card.getAttribute('data-recommendation');
  const chooser = page.waitForEvent('filechooser');
  await card.getByRole('button', { name: 'Прикрепить файл' }).click();
  await (await chooser).setFiles({ name: 'Отчёт о курсах.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(card.getByRole('link', { name: 'Отчёт о курсах.pdf' })).toBeVisible();
  await context.close();

  // The department opens the same organization's card and downloads the file.
  const department = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const coordinator = await department.newPage();
  await logIn(coordinator, 'metodist');
  const organizations = (await (
    await coordinator.request.get('/api/organizations?pageSize=1000')
  ).json()) as { id: number; shortName: string }[];
  const school5 = organizations.find((o) => o.shortName === 'МБОУ СОШ № 5')!;
  await coordinator.goto(`/organizations/${school5.id}?tab=monitoring`);
  const onCard = coordinator.locator(`[data-recommendation="${id}"]`);
  await expect(onCard.getByRole('link', { name: 'Отчёт о курсах.pdf' })).toBeVisible();
  const download = coordinator.waitForEvent('download');
  await onCard.getByRole('link', { name: 'Отчёт о курсах.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('Отчёт о курсах.pdf');
  await department.close();
});
