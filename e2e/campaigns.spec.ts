import { expect, test, type Page } from '@playwright/test';
import { dayFromToday, logIn, runningCampaignDates } from './helpers.ts';

const statusOf = (page: Page, organization: string) =>
  page
    .getByRole('table', { name: 'Полнота и своевременность' })
    .getByRole('row')
    .filter({ hasText: organization })
    .first();

async function openCurrentCampaign(page: Page) {
  await page.goto('/campaigns');
  await page
    .getByRole('link', {
      name: /Обеспечение профессионального развития педагогических работников в общеобразовательных организациях/,
    })
    .click();
  await expect(page.getByRole('table', { name: 'Полнота и своевременность' })).toBeVisible();
}

test('one school goes from draft to returned to accepted while the coordinator’s completeness table follows', async ({
  browser,
}) => {
  const coordinator = await (await browser.newContext()).newPage();
  const school = await (await browser.newContext()).newPage();
  await logIn(coordinator, 'metodist');
  await logIn(school, 'school1');

  await openCurrentCampaign(coordinator);
  await expect(statusOf(coordinator, 'МБОУ СОШ № 1 ')).toContainText('не начато');
  await expect(coordinator.getByText('Участников')).toBeVisible();

  // The school fills its form; drafts save by themselves.
  await openCurrentCampaign(school);
  await expect(school.getByRole('table', { name: 'Полнота и своевременность' }).getByRole('row')).toHaveCount(
    2,
  ); // header and its own school
  await school.getByRole('link', { name: 'Заполнить форму' }).click();
  await expect(school.getByTestId('submission-state')).toHaveText('не начато');
  await expect(school.getByRole('table', { name: 'Показатели организации' })).toContainText('1.1');
  await school.locator('label', { hasText: /^да$/ }).first().click();
  await school.getByLabel(/Открытых уроков проведено за учебный год/).fill('20');
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('25');
  await expect(
    school.getByText(/не может быть больше, чем «Открытых уроков проведено за учебный год, всего» \(20\)/),
  ).toBeVisible();
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('4');
  // A count typed with a fraction is questioned, not silently cut to 1.
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('1,5');
  await expect(school.getByText(/Из них проведено молодыми педагогами.*ожидается целое число/)).toBeVisible();
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('4');
  await expect(school.getByText(/Черновик сохранён в/)).toBeVisible();
  await coordinator.reload();
  await expect(statusOf(coordinator, 'МБОУ СОШ № 1 ')).toContainText('черновик');

  // Nothing typed is lost when the connection drops.
  await school.context().setOffline(true);
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('5');
  await expect(school.getByTestId('offline-notice')).toBeVisible();
  await school.context().setOffline(false);
  await school.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(school.getByText(/Черновик сохранён в/)).toBeVisible();

  await school.getByLabel(/сведения о педагогах организации в реестре полны/).check();
  await expect(school.getByText(/Черновик сохранён в/)).toBeVisible();
  await school.getByRole('button', { name: 'Отправить координатору' }).click();
  await expect(school.getByTestId('submission-state')).toHaveText('отправлено');
  await coordinator.reload();
  await expect(statusOf(coordinator, 'МБОУ СОШ № 1 ')).toContainText('отправлено');

  // The coordinator returns it with a comment.
  await statusOf(coordinator, 'МБОУ СОШ № 1 ').getByRole('link', { name: 'Проверить' }).click();
  // The values under review read at full contrast: read-only, not greyed out as disabled.
  const need = coordinator.getByLabel(/Из них проведено молодыми педагогами/);
  await expect(need).toHaveValue('5');
  await expect(need).not.toBeDisabled();
  await expect(need).not.toBeEditable();
  await coordinator.getByRole('button', { name: 'Вернуть на доработку' }).click();
  await coordinator
    .getByLabel('Что исправить')
    .fill('Уточните число открытых уроков молодых педагогов: в плане указано 3.');
  await coordinator.getByRole('button', { name: 'Вернуть', exact: true }).click();
  await expect(coordinator.getByTestId('submission-state')).toHaveText('возвращено');

  // The school sees the comment, corrects, sends again.
  await school.reload();
  await expect(school.getByRole('alert').filter({ hasText: 'Форма возвращена на доработку' })).toContainText(
    'Уточните число открытых уроков молодых педагогов: в плане указано 3.',
  );
  await school.getByLabel(/Из них проведено молодыми педагогами/).fill('3');
  await expect(school.getByText(/Черновик сохранён в/)).toBeVisible();
  await school.getByRole('button', { name: 'Отправить координатору' }).click();
  await expect(school.getByTestId('submission-state')).toHaveText('отправлено');

  // Accepted; the history keeps every step.
  await coordinator.reload();
  await coordinator.getByRole('button', { name: 'Принять' }).click();
  await expect(coordinator.getByTestId('submission-state')).toHaveText('принято');
  for (const step of ['отправлено координатору', 'возвращено на доработку', 'принято'])
    await expect(coordinator.getByText(step, { exact: true }).first()).toBeVisible();
  // Changes read as people write them: «да» and «нет», not «true» and «false».
  await expect(coordinator.getByText(/подтверждение реестра: (—|нет) → да/).first()).toBeVisible();
  await expect(coordinator.getByText(/false|true/)).toHaveCount(0);
  await coordinator.getByRole('link', { name: /Обеспечение профессионального развития/ }).click();
  await expect(statusOf(coordinator, 'МБОУ СОШ № 1 ')).toContainText('принято');
  await coordinator.screenshot({ path: 'test-results/campaign-completeness.png', fullPage: true });
});

test('a school cannot open another school’s form', async ({ page }) => {
  await logIn(page, 'school5');
  await openCurrentCampaign(page);
  const own = page.url();
  const campaignId = own.match(/campaigns\/(\d+)/)![1];
  const organizations = await (await page.request.get('/api/organizations?q=СОШ № 1')).json();
  expect(organizations).toEqual([]); // it does not even see the other school
  const response = await page.request.get(`/api/campaigns/${campaignId}/organizations/1/submission`);
  expect(response.status()).toBe(403);
  await page.goto(`/campaigns/${campaignId}/organizations/1`);
  await expect(page.getByText('Нет доступа к форме этой организации.')).toBeVisible();
});

test('a campaign closed during its main stage shows every stage done and the day it was closed', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  // A campaign of the program the demo runs no campaigns with, so the others' history stays as it is.
  const campaigns = await (await page.request.get('/api/campaigns')).json();
  const programs = await (await page.request.get('/api/programs')).json();
  const program = programs.find(
    (p: { id: number }) => !campaigns.some((c: { programId: number }) => c.programId === p.id),
  );
  const [organization] = await (await page.request.get('/api/organizations')).json();
  const created = await page.request.post('/api/campaigns', {
    data: {
      programId: program.id,
      year: 2030,
      title: 'Пробный мониторинг, закрытый досрочно (e2e)',
      organizationIds: [organization.id],
      dates: runningCampaignDates(),
    },
  });
  expect(created.status()).toBe(201);
  const { campaign } = await created.json();
  expect(campaign.phase).toBe('main');
  expect((await page.request.post(`/api/campaigns/${campaign.id}/close`)).status()).toBe(200);

  await page.goto(`/campaigns/${campaign.id}`);
  const steps = page.locator('.mantine-Stepper-step');
  await expect(steps).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(steps.nth(i)).toHaveAttribute('data-completed', 'true');
  await expect(page.locator('.mantine-Stepper-step[data-progress]')).toHaveCount(0);
  const [y, m, d] = dayFromToday(30).split('-');
  await expect(page.getByTestId('campaign-closed-note')).toContainText(
    `досрочно, до окончания заключительного этапа (по плану — ${d}.${m}.${y})`,
  );
  await expect(page.getByTestId('campaign-closed-note')).toContainText(/Мониторинг закрыт \d\d\.\d\d\.\d{4}/);
  await page.screenshot({ path: 'test-results/campaign-closed-early.png' });
});
