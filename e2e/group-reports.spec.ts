import { expect, test, type Browser } from '@playwright/test';
import { demoClosedCampaign, logIn } from './helpers.ts';

async function as(browser: Browser, login: string) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await logIn(page, login);
  return page;
}

/**
 * A recommendation to a group of organizations: each school of the group reports for itself in its
 * cabinet, the department sees every school's report in the recommendation's table and accepts them one by
 * one; the recommendation as a whole is «выполняется» until every school is done.
 */
test('two schools of a group report each for itself; the department accepts one, the group is not done yet', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const department = await as(browser, 'metodist');
  // The demo's earliest closed campaign: the letters and the analysis read the latest one.
  const earliest = await demoClosedCampaign(department, 'earliest');
  const organizations = (await (await department.request.get('/api/organizations?pageSize=200')).json()) as {
    id: number;
    shortName: string;
  }[];
  const idOf = (name: string) => organizations.find((o) => o.shortName === name)!.id;
  const text = `Провести сетевой семинар по смысловому чтению (e2e ${Date.now()})`;
  const added = await department.request.post(`/api/campaigns/${earliest.id}/recommendations`, {
    data: {
      organizationId: null,
      audience: { organizationIds: [idOf('МБОУ СОШ № 1'), idOf('МБОУ СОШ № 5')] },
      text,
      deadline: '2031-06-01',
    },
  });
  expect(added.status(), await added.text()).toBe(201);

  // МБОУ СОШ № 5 reports in its cabinet; МБОУ СОШ № 1 sees the same recommendation still planned.
  const school = await as(browser, 'school5');
  await school.goto('/my-recommendations');
  const card = school.locator('[data-recommendation]').filter({ hasText: text });
  await expect(card.getByText('запланировано', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Сообщить о выполнении' }).click();
  const dialog = school.getByRole('dialog', { name: 'Сообщить о выполнении' });
  await dialog.getByLabel('Что сделано').fill('Семинар проведён 12.03, участвовали 9 педагогов.');
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText('отчёт на проверке', { exact: true })).toBeVisible();
  const other = await as(browser, 'school1');
  await other.goto('/my-recommendations');
  const otherCard = other.locator('[data-recommendation]').filter({ hasText: text });
  await expect(otherCard.getByText('запланировано', { exact: true })).toBeVisible();
  await expect(otherCard.getByText('Семинар проведён')).toHaveCount(0);

  // The department: the group's recommendation awaits review, the table holds each school's report.
  await department.goto(`/campaigns/${earliest.id}?tab=recommendations`);
  const item = department.locator('[data-recommendation]').filter({ hasText: text });
  await expect(item.getByText('выполнено 0 из 2, ждут проверки 1')).toBeVisible();
  const table = item.getByRole('table', { name: 'Отчёты организаций' });
  const row5 = table.getByRole('row').filter({ hasText: 'МБОУ СОШ № 5' });
  const row1 = table.getByRole('row').filter({ hasText: 'МБОУ СОШ № 1' });
  await expect(row5.getByText('отчёт на проверке', { exact: true })).toBeVisible();
  await expect(row5.getByText('Семинар проведён 12.03')).toBeVisible();
  await expect(row1.getByText('запланировано', { exact: true })).toBeVisible();
  // The report of a group recommendation is accepted in its row, not for the whole group.
  await expect(item.getByRole('button', { name: 'Принять отчёт' })).toHaveCount(1);
  await row5.getByRole('button', { name: 'Принять отчёт' }).click();
  await expect(row5.getByText('выполнено', { exact: true })).toBeVisible();
  await expect(item.getByText('выполнено 1 из 2')).toBeVisible();
  // The whole is not «выполнено» while МБОУ СОШ № 1 works on it: the status filter agrees.
  await department.getByRole('textbox', { name: 'Статус' }).click();
  await department.getByRole('option', { name: 'выполняется' }).click();
  await expect(item).toBeVisible();
  await department.getByRole('textbox', { name: 'Статус' }).click();
  await department.getByRole('option', { name: 'выполнено', exact: true }).click();
  await expect(item).toHaveCount(0);

  await school.reload();
  await expect(card.getByText('выполнено', { exact: true })).toBeVisible();
});
