import { expect, test, type Browser, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/**
 * The methodical space: a school's material walks the review from submitted to published and is found in the
 * catalog; the department opens the heat map of the bank of difficulties.
 */

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name, exact: true }).click();

async function as(browser: Browser, login: string) {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login);
  return page;
}

const status = (page: Page, label: string) =>
  expect(page.getByRole('heading', { level: 2 }).getByText(label, { exact: true })).toBeVisible();

async function step(page: Page, action: string) {
  await page.getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.getByRole('button', { name: action }).click();
  await expect(dialog).toBeHidden();
}

test('a practice goes from the school through the review to the catalog', async ({ browser }) => {
  const title = `Кейс-метод на уроках истории (e2e ${Date.now()})`;
  const school = await as(browser, 'school1');
  await menu(school, 'Банк практик');
  await expect(school.getByRole('heading', { name: 'Банк практик' })).toBeVisible();
  await school.getByRole('button', { name: 'Добавить материал' }).click();
  const form = school.getByRole('dialog', { name: 'Новый материал банка практик' });
  await form.getByRole('textbox', { name: 'Название' }).fill(title);
  await form.getByRole('textbox', { name: 'Вид' }).click();
  await school.getByRole('option', { name: 'практика', exact: true }).click();
  await form.getByRole('textbox', { name: 'Авторы (педагоги из реестра)' }).click();
  await school.getByRole('option').first().click();
  await form
    .getByRole('textbox', { name: 'Ссылки (по одной в строке, http:// или https://)' })
    .fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByRole('alert')).toContainText('«Ссылка»: укажите адрес страницы');
  await form
    .getByRole('textbox', { name: 'Ссылки (по одной в строке, http:// или https://)' })
    .fill('https://example.org/case');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form).toBeHidden();
  await status(school, 'черновик');
  const url = school.url();
  await step(school, 'Подать на экспертизу');
  await status(school, 'подана');

  const coordinator = await as(browser, 'metodist');
  await coordinator.goto(url);
  await coordinator.getByRole('button', { name: 'Направить на экспертизу' }).click();
  const take = coordinator.getByRole('dialog', { name: 'Направить на экспертизу' });
  await take.getByRole('textbox', { name: 'Эксперты' }).click();
  await coordinator.getByRole('option', { name: 'Руководитель РМО учителей математики' }).click();
  await take.getByRole('heading').click();
  await take.getByRole('button', { name: 'Направить на экспертизу' }).click();
  await expect(take).toBeHidden();
  await status(coordinator, 'на экспертизе');

  const expert = await as(browser, 'rmo');
  await menu(expert, 'Банк практик');
  // The filter lives in the address: the box shows checked once the navigation has rendered.
  const mine = expert.getByRole('checkbox', { name: 'Мне на экспертизу' });
  await mine.click();
  await expect(mine).toBeChecked();
  await expert.getByRole('link', { name: title }).click();
  await expert.getByRole('button', { name: 'Оценить' }).click();
  const review = expert.getByRole('dialog', { name: 'Экспертная оценка' });
  for (const [criterion, points] of [
    ['Актуальность', '5'],
    ['Новизна', '4'],
    ['Результативность', '4'],
    ['Тиражируемость', '5'],
    ['Качество оформления', '3'],
  ])
    await review.getByRole('textbox', { name: criterion }).fill(points);
  await review.getByRole('textbox', { name: 'Комментарий эксперта' }).fill('Применимо в других школах');
  await review.getByRole('button', { name: 'Сохранить оценку' }).click();
  await expect(review).toBeHidden();
  await expect(expert.getByRole('table', { name: 'Оценки по критериям' })).toContainText('21');

  await coordinator.reload();
  await step(coordinator, 'Рекомендовать к распространению');
  await status(coordinator, 'рекомендована к распространению');
  await step(coordinator, 'Опубликовать в каталоге');
  await status(coordinator, 'опубликована');

  // The school sees the scores by the published criteria; another school finds the material in the catalog.
  await school.reload();
  await expect(school.getByRole('table', { name: 'Оценки по критериям' })).toContainText('Итого из 25');
  await expect(school.getByText('Применимо в других школах')).toBeVisible();
  const reader = await as(browser, 'school5');
  await menu(reader, 'Банк практик');
  await reader.getByRole('textbox', { name: 'Поиск' }).fill('Кейс-метод');
  await reader.getByRole('textbox', { name: 'Поиск' }).press('Enter');
  const row = reader
    .getByRole('table', { name: 'Материалы банка практик' })
    .getByRole('row')
    .filter({ hasText: title });
  await expect(row).toContainText('опубликована');
  await row.getByRole('link', { name: title }).click();
  await expect(reader.getByRole('link', { name: 'https://example.org/case' })).toBeVisible();
  await reader.screenshot({ path: 'test-results/practice-published.png', fullPage: true });
});

test('the department opens the heat map of the bank of difficulties', async ({ page }) => {
  await logIn(page, 'metodist');
  await menu(page, 'Банк затруднений');
  await expect(page.getByRole('heading', { name: 'Банк затруднений' })).toBeVisible();
  await page.getByLabel('С', { exact: true }).fill('2020-01-01');
  await page.getByLabel('По', { exact: true }).fill('2030-12-31');
  await page.getByRole('button', { name: 'Показать' }).click();
  const heatmap = page.getByTestId('difficulty-heatmap');
  const canvas = heatmap.locator('canvas').first();
  await expect(canvas).toBeVisible();
  const table = page.getByRole('table', { name: 'Дефициты: число педагогов, ресурсы и практики' });
  await expect(table).toContainText('Формирующее оценивание на уроках математики в 5–6 классах');

  // A cell of the map opens the teachers behind it: find one with teachers, click its centre.
  const matrix = await (await page.request.get('/api/difficulties?from=2020-01-01&to=2030-12-31')).json();
  const cell = matrix.cells.find((c: { count: number }) => c.count > 0);
  const column = matrix.deficits.findIndex((d: { code: string }) => d.code === cell.deficitCode);
  const row = matrix.organizations.findIndex((o: { id: number }) => o.id === cell.organizationId);
  const box = (await heatmap.boundingBox())!;
  // The grid of DifficultyHeatmap: left 160, right 24, top 16, bottom 80; categories of y go bottom-up.
  const width = (box.width - 160 - 24) / matrix.deficits.length;
  const height = (box.height - 16 - 80) / matrix.organizations.length;
  await heatmap.click({
    position: {
      x: 160 + (column + 0.5) * width,
      y: 16 + (matrix.organizations.length - row - 0.5) * height,
    },
  });
  const teachers = page.getByRole('dialog');
  await expect(teachers.getByRole('table', { name: 'Педагоги с дефицитом' }).getByRole('row')).toHaveCount(
    cell.count + 1,
  );
  await teachers.getByRole('button').first().click();
  // Mantine's segmented control hides its radios behind their labels.
  await page.locator('label[for$="-share"]').click();
  await expect(page.getByRole('radio', { name: 'Доля' })).toBeChecked();
  await expect(canvas).toBeVisible();
  await page.screenshot({ path: 'test-results/difficulties-heatmap.png', fullPage: true });
});
