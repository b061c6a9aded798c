import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/**
 * The two-level approval in the browser: the region publishes a program, the demo district adopts it and
 * closes a campaign of its own year (2031, this spec's only), sends it to the region from the campaign page;
 * the regional coordinator returns it with a comment on «Приём результатов», and the district sees why.
 */
const YEAR = 2031;
const dates = {
  initialStart: `${YEAR}-04-01`,
  initialEnd: `${YEAR}-04-30`,
  mainStart: `${YEAR}-05-01`,
  mainEnd: `${YEAR}-05-31`,
  finalStart: `${YEAR}-06-01`,
  finalEnd: `${YEAR}-07-10`,
};

async function ok<T>(response: Awaited<ReturnType<Page['request']['get']>>): Promise<T> {
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

test('a district sends its closed campaign to the region, the region returns it with a comment', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  const me = await ok<{ roles: { municipalityId: number | null }[] }>(await page.request.get('/api/auth/me'));
  const municipalityId = me.roles.find((g) => g.municipalityId)!.municipalityId!;
  const programs = await ok<{ id: number; title: string }[]>(await page.request.get('/api/programs'));
  const file = await page.request.get(`/api/programs/${programs[0].id}/file`);
  const content = await file.text();

  await page.context().clearCookies();
  await logIn(page, 'region');
  const region = await ok<{ roles: { regionId?: number | null }[] }>(await page.request.get('/api/auth/me'));
  const regionId = region.roles.find((g) => g.regionId)!.regionId!;
  const published = await ok<{ id: number }>(
    await page.request.post(`/api/regions/${regionId}/regional-programs`, { data: { content } }),
  );

  await page.context().clearCookies();
  await logIn(page, 'metodist');
  const { programId } = await ok<{ programId: number }>(
    await page.request.post(`/api/regional-programs/${published.id}/adopt`, { data: { municipalityId } }),
  );
  const title = `Региональный мониторинг ${YEAR} (e2e)`;
  const created = await ok<{ campaign: { id: number } }>(
    await page.request.post('/api/campaigns', { data: { programId, year: YEAR, title, dates } }),
  );
  const campaignId = created.campaign.id;
  await ok(await page.request.post(`/api/campaigns/${campaignId}/close`));

  await page.goto(`/campaigns/${campaignId}`);
  const block = page.getByTestId('regional-level');
  await expect(block.getByRole('heading', { name: 'Региональный уровень' })).toBeVisible();
  await expect(block.getByTestId('regional-status')).toHaveText('в регион не отправлено');
  await block.getByRole('button', { name: 'Отправить в регион' }).click();
  await expect(block.getByTestId('regional-status')).toHaveText('отправлено в регион');
  await expect(block.getByRole('button', { name: 'Открыть мониторинг заново' })).toHaveCount(0);
  await expect(block.getByTestId('regional-history')).toContainText('Отправлено в регион');

  await page.context().clearCookies();
  await logIn(page, 'region');
  await page.getByRole('link', { name: 'Приём результатов' }).click();
  await expect(page.getByRole('heading', { name: 'Приём результатов' })).toBeVisible();
  const row = page.getByTestId('regional-submissions').getByRole('row').filter({ hasText: title });
  await row.getByRole('button', { name: 'Рассмотреть' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('regional-submission-values')).toBeVisible();
  await dialog.getByRole('button', { name: 'Вернуть с комментарием' }).click();
  await expect(dialog.getByRole('button', { name: 'Вернуть на доработку' })).toBeDisabled();
  await dialog.getByLabel(/Комментарий: что исправить/).fill('Уточните данные о вакансиях');
  await dialog.getByRole('button', { name: 'Вернуть на доработку' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByText('Возвращены', { exact: true }).click();
  await expect(
    page.getByTestId('regional-submissions').getByRole('row').filter({ hasText: title }),
  ).toContainText('возвращено на доработку');

  await page.context().clearCookies();
  await logIn(page, 'metodist');
  await page.goto(`/campaigns/${campaignId}`);
  await expect(block.getByTestId('regional-status')).toHaveText('возвращено на доработку');
  await expect(block).toContainText('Уточните данные о вакансиях');
  await expect(block.getByRole('button', { name: 'Открыть мониторинг заново' })).toBeVisible();
});
