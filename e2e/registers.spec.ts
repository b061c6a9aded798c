import { expect, test, type Page } from '@playwright/test';
import { logIn } from './helpers.ts';

/** The register pages: methodical associations with their members, events with participants, the catalogs. */

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name, exact: true }).click();

/** Picks the first `count` teachers the candidates endpoint offers for a name part. */
async function pickCandidates(page: Page, part: string, count: number) {
  const dialog = page.getByRole('dialog', { name: 'Добавить педагогов' });
  const input = dialog.getByRole('textbox', { name: 'Педагоги' });
  await input.click();
  await input.fill(part);
  for (let i = 0; i < count; i++) {
    await page.getByRole('option').first().click();
    await input.fill(part);
  }
  await dialog.getByRole('heading').click(); // close the drop-down
  return dialog;
}

test('the coordinator filters associations, adds members in bulk, changes a period and removes a member', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  await menu(page, 'Методические объединения');
  await expect(page.getByRole('heading', { name: 'Методические объединения' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Вид' }).click();
  await page.getByRole('option', { name: 'РМО' }).click();
  await expect(page).toHaveURL(/type=rmo/);
  const list = page.getByRole('table', { name: 'Методические объединения' });
  await expect(list.getByRole('row', { name: /ШМО/ })).toHaveCount(0);
  await list.getByRole('link', { name: 'РМО учителей: математика' }).click();
  await expect(page.getByRole('heading', { name: /РМО учителей: математика/ })).toBeVisible();

  const members = page.getByRole('table', { name: 'Состав объединения' });
  const title = page.getByRole('heading', { name: /Состав объединения \(\d+\)/ });
  const before = Number(/\((\d+)\)/.exec((await title.textContent())!)![1]);
  await page.getByRole('button', { name: 'Добавить педагогов' }).click();
  const dialog = await pickCandidates(page, 'ов', 2);
  await dialog.getByRole('button', { name: 'Добавить (2)' }).click();
  await expect(page.getByText('Добавлено: 2 педагога')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Состав объединения (${before + 2})` })).toBeVisible();
  await page.screenshot({ path: 'test-results/registers-association.png', fullPage: true });

  // The period of the first member who is still in it.
  const member = members.getByRole('row').filter({ hasText: 'состоит' }).first();
  const name = (await member.getByRole('link').textContent())!;
  await member.getByRole('button', { name: 'Изменить' }).click();
  const edit = page.getByRole('dialog', { name });
  await edit.getByRole('textbox', { name: 'Дата выхода' }).fill('31.08.2030');
  await edit.getByRole('heading').click();
  await edit.getByRole('button', { name: 'Сохранить' }).click();
  await expect(members.getByRole('row', { name: new RegExp(name) })).toContainText('31.08.2030');

  await members
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button', { name: 'Удалить из списка' })
    .click();
  await expect(page.getByRole('heading', { name: `Состав объединения (${before + 1})` })).toBeVisible();
  await expect(members.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});

test('the coordinator creates a municipal event and marks participants with a role', async ({ page }) => {
  await logIn(page, 'metodist');
  await menu(page, 'Мероприятия');
  await expect(page.getByRole('heading', { name: 'Научно-методические мероприятия' })).toBeVisible();
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  const form = page.getByRole('dialog', { name: 'Научно-методическое мероприятие' });
  await form.getByRole('textbox', { name: 'Название' }).fill('Семинар «Наставничество в школе» (e2e)');
  await form.getByRole('textbox', { name: 'Дата' }).fill('14.01.2026');
  await form.getByRole('heading').click();
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The demo's schools hold many open lessons: find the new event by its name.
  await page.getByRole('textbox', { name: 'Поиск' }).fill('Наставничество в школе');
  await page.getByRole('link', { name: 'Семинар «Наставничество в школе» (e2e)' }).click();
  await expect(page.getByText('14.01.2026, очно')).toBeVisible();
  await expect(page.getByText('Участники пока не отмечены.')).toBeVisible();

  await page.getByRole('button', { name: 'Добавить педагогов' }).click();
  const dialog = await pickCandidates(page, 'ев', 3);
  await dialog.getByRole('textbox', { name: 'Роль' }).click();
  await page.getByRole('option', { name: 'выступающий' }).click();
  await dialog.getByRole('button', { name: 'Добавить (3)' }).click();
  await expect(page.getByText('Добавлено: 3 педагога')).toBeVisible();
  const participants = page.getByRole('table', { name: 'Участники' });
  await expect(participants.getByRole('row').filter({ hasText: 'выступающий' })).toHaveCount(3);
  await page.screenshot({ path: 'test-results/registers-event.png', fullPage: true });
});

test('the events list filters by kind: open lessons only', async ({ page }) => {
  await logIn(page, 'metodist');
  await menu(page, 'Мероприятия');
  await page.getByRole('textbox', { name: 'Вид мероприятия' }).click();
  await page.getByRole('option', { name: 'открытый урок' }).click();
  await expect(page).toHaveURL(/type=open_lesson/);
  const rows = page.getByRole('table', { name: 'Мероприятия' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Открытый урок');
  const count = await rows.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText('открытый урок');
});

test('an org_manager sees and adds only its own teachers in a municipal event', async ({ page }) => {
  await logIn(page, 'school1');
  await menu(page, 'Мероприятия');
  await page.getByRole('link', { name: 'Августовское педагогическое совещание' }).first().click();
  await expect(page.getByText('Показаны и добавляются только педагоги вашей организации')).toBeVisible();
  const rows = page.getByRole('table', { name: 'Участники' }).getByRole('row');
  const count = await rows.count();
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText('МБОУ СОШ № 1');
  // The card's own «Изменить» (with text), not the icons of the rows.
  await expect(
    page.getByRole('button', { name: 'Изменить', exact: true }).filter({ hasText: 'Изменить' }),
  ).toHaveCount(0);
});

test('the catalogs refuse to delete a provider in use with the server’s reason, and keep new entries', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  await menu(page, 'Справочники');
  const providers = page.getByRole('table', { name: 'Организации, проводящие обучение' });
  await providers
    .getByRole('row', { name: /ЦНППМ Ростовской области/ })
    .getByRole('button', { name: 'Удалить' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
  // A system-wide entry of the shared catalog is kept by the system administrator, not by a municipality.
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
    'Общие записи справочников (без муниципалитета) ведёт администратор системы.',
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();

  await page.getByRole('button', { name: 'Добавить организацию' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('textbox', { name: 'Наименование' }).fill('Методический центр (e2e)');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(providers.getByRole('row', { name: /Методический центр \(e2e\)/ })).toContainText(
    'нигде не указана',
  );
  await providers
    .getByRole('row', { name: /Методический центр \(e2e\)/ })
    .getByRole('button', { name: 'Удалить' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
  await expect(providers.getByRole('row', { name: /Методический центр \(e2e\)/ })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Профессиональные дефициты' }).click();
  const deficits = page.getByRole('table', { name: 'Профессиональные дефициты' });
  await deficits
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'П-01', exact: true }) })
    .getByRole('button', { name: 'Удалить' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
    'Общие записи справочников (без муниципалитета) ведёт администратор системы.',
  );
  await page.screenshot({ path: 'test-results/registers-catalogs.png', fullPage: true });
});

test('the association leader sees only its association and keeps its members', async ({ page }) => {
  await logIn(page, 'rmo');
  await menu(page, 'Методические объединения');
  const list = page.getByRole('table', { name: 'Методические объединения' });
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await list.getByRole('link').click();
  // The card's own «Изменить» (with text), not the icons of the rows.
  await expect(
    page.getByRole('button', { name: 'Изменить', exact: true }).filter({ hasText: 'Изменить' }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Добавить педагогов' })).toBeVisible();
});
