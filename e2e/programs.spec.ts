import { expect, test } from '@playwright/test';
import { logIn, openDemoProgram } from './helpers.ts';

test('the methodist edits an indicator formula with live validation and a preview on current data', async ({
  page,
}) => {
  await openDemoProgram(page, 'metodist');
  await page.getByRole('button', { name: 'Изменить показатель 2.1' }).click();

  const numerator = page.getByRole('textbox', { name: 'Числитель' });
  await numerator.fill('teachers(event(level = munisipal))');
  await expect(page.getByText(/Возможно, имелось в виду «municipal»/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Сохранить' })).toBeDisabled();

  await numerator.fill('teachers(event(level = municipal, role = speaker))');
  await expect(page.getByTestId('Числитель-description')).toContainText('выступающий');
  await expect(page.getByTestId('indicator-preview')).toContainText('По муниципалитету:');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Показатель сохранён')).toBeVisible();
  await expect(page.getByText('teachers(event(level = municipal, role = speaker))')).toBeVisible();
});

test('the results table is coloured by level and a value opens the teachers behind it', async ({ page }) => {
  await openDemoProgram(page, 'metodist');
  await page.getByRole('tab', { name: 'Результаты' }).click();
  const table = page.getByRole('table', { name: 'Результаты мониторинга' });
  // Header, the municipality, the demo's plan and its deviation, and 25 organizations.
  await expect(table.getByRole('row')).toHaveCount(29);
  await table.getByRole('button', { name: /^1\.1, Муниципалитет в целом:/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(/число педагогов: прошли диагностику \(муниципальный уровень\): \d+/),
  ).toBeVisible();
  await expect(
    dialog.getByRole('table', { name: 'Записи за значением' }).getByRole('row').first(),
  ).toBeVisible();
  await dialog.getByText(/^Знаменатель/).click();
  await expect(dialog.getByText(/^число педагогов: \d+/)).toBeVisible();
  await page.screenshot({ path: 'test-results/program-results.png', fullPage: true });
});

test('a template loads into the municipality in one action', async ({ page }) => {
  await logIn(page, 'metodist');
  await page.goto('/programs');
  await page.getByRole('button', { name: 'Загрузить программу из шаблона' }).click();
  const card = page
    .getByRole('dialog')
    .locator('div', { hasText: 'Кардымовский район' })
    .filter({ has: page.getByRole('button', { name: 'Загрузить' }) })
    .last();
  await card.getByRole('button', { name: 'Загрузить' }).click();
  // The demo runs this program already: the copy is numbered, not a second program of the same name.
  await expect(page.getByRole('heading', { name: /Кардымовскому району\) \(2\)$/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Форма сбора' }).click();
  await expect(page.getByRole('table', { name: 'Поля формы' }).getByText('deficit_plan')).toBeVisible();
});

test('an organization manager sees only its own row of results and cannot open another school’s teachers', async ({
  page,
}) => {
  await openDemoProgram(page, 'school1');
  await page.getByRole('tab', { name: 'Результаты' }).click();
  const table = page.getByRole('table', { name: 'Результаты мониторинга' });
  // Header, the municipality, the demo's plan and its deviation, its school.
  await expect(table.getByRole('row')).toHaveCount(5);
  await table.getByRole('button', { name: /^1\.1, Муниципалитет в целом:/ }).click();
  await expect(
    page.getByRole('dialog').getByText('Список педагогов доступен только по своей организации.'),
  ).toBeVisible();
});

test('a teacher sees the values of the running campaign, not the teachers behind them', async ({ page }) => {
  await logIn(page, 'teacher');
  // The teacher's menu has no monitoring section; the campaign page is still theirs to open by its address.
  const campaigns = (await (await page.request.get('/api/campaigns')).json()) as {
    id: number;
    status: string;
  }[];
  const running = campaigns.find((c) => c.status === 'active');
  expect(running).toBeDefined();
  await page.goto(`/campaigns/${running!.id}`);
  await page.getByRole('tab', { name: 'Результаты' }).click();
  const table = page.getByRole('table', { name: 'Результаты мониторинга' });
  await expect(table.getByRole('row', { name: /Муниципалитет в целом/ })).toBeVisible();
  await expect(table.getByRole('button')).toHaveCount(0);
  await expect(page.getByText(/Нажмите на значение/)).toHaveCount(0);
});
