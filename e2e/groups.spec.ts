import { expect, test } from '@playwright/test';
import { demoClosedCampaign, logIn } from './helpers.ts';

/**
 * Groups of organizations: the methodist creates a group of two schools on its page, then narrows the
 * analysis of a closed campaign and its results table to that group.
 */
test('the methodist creates a group of two schools and opens the analysis narrowed to it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `Инновационные площадки (e2e ${Date.now()})`;
  await logIn(page, 'metodist');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Группы организаций', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Группы организаций и партнёрства' })).toBeVisible();
  // The demo's groups are listed with their members.
  await expect(page.getByTestId('group-500+')).toContainText('МБОУ СОШ № 5');

  await page.getByRole('button', { name: 'Добавить группу' }).click();
  const form = page.getByRole('dialog', { name: 'Новая группа организаций' });
  await form.getByRole('textbox', { name: 'Название группы' }).fill('500+');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByRole('alert')).toContainText('Группа «500+» в муниципалитете уже есть.');
  await form.getByRole('textbox', { name: 'Название группы' }).fill(name);
  await form.getByRole('textbox', { name: 'Организации группы' }).click();
  await page.getByRole('option', { name: 'МБОУ СОШ № 1', exact: true }).click();
  await page.getByRole('option', { name: 'МБОУ СОШ № 2', exact: true }).click();
  // A click outside closes the list of options, which covers the buttons.
  await form.getByRole('textbox', { name: 'Описание' }).click();
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId(`group-${name}`);
  await expect(row).toContainText('2 организации');
  await expect(row).toContainText('МБОУ СОШ № 1');
  await expect(row).toContainText('МБОУ СОШ № 2');

  const latest = await demoClosedCampaign(page, 'latest');
  await page.goto(`/campaigns/${latest.id}?tab=analysis`);
  const analysis = page.getByTestId('analysis');
  await expect(analysis.getByText(/^В выборке \d+ организац/)).toBeVisible();
  await analysis.getByRole('textbox', { name: 'Группа организаций' }).click();
  await page.getByRole('option', { name }).click();
  await expect(analysis.getByText('В выборке 2 организации', { exact: false })).toBeVisible();
  const rating = analysis.getByRole('table', { name: 'Рейтинг организаций' });
  await expect(rating.getByText('МБОУ СОШ № 1', { exact: true })).toBeVisible();
  await expect(rating.getByText('МБОУ СОШ № 2', { exact: true })).toBeVisible();
  await expect(rating.getByText('МБОУ СОШ № 3', { exact: true })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Результаты' }).click();
  await page.getByRole('textbox', { name: 'Группа организаций' }).click();
  await page.getByRole('option', { name }).click();
  const results = page.getByRole('table', { name: 'Результаты мониторинга' });
  await expect(results.getByRole('cell', { name: 'МБОУ СОШ № 3', exact: true })).toHaveCount(0);
  await expect(results.getByRole('cell', { name: 'Муниципалитет в целом', exact: true })).toBeVisible();
  await expect(results.getByRole('cell', { name: 'МБОУ СОШ № 1', exact: true })).toBeVisible();
  await expect(results.getByRole('cell', { name: 'МБОУ СОШ № 2', exact: true })).toBeVisible();

  // The group is removed again on its page, with the version the page read.
  await page.goto('/organization-groups');
  await page.getByRole('button', { name: `Удалить группу «${name}»` }).click();
  const confirm = page.getByRole('dialog', { name: 'Удалить группу?' });
  await confirm.getByRole('button', { name: 'Удалить' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId(`group-${name}`)).toHaveCount(0);
});
