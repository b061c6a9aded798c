import { expect, test, type Locator } from '@playwright/test';
import { demoClosedCampaign, logIn } from './helpers.ts';

/** The text of a letter on the page: its position of a phrase, to check what comes first. */
async function order(article: Locator, phrases: string[]) {
  const text = await article.innerText();
  return phrases.map((p) => text.indexOf(p));
}

test('a school’s letter and the general letter «Руководителям ОО» are read in the browser', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await logIn(page, 'metodist');
  const latest = await demoClosedCampaign(page, 'latest');
  const list = (await (await page.request.get('/api/organizations?pageSize=200')).json()) as {
    id: number;
    shortName: string;
  }[];
  // The school whose letter is read: one the campaign's letters go to and whose head has a demo account —
  // which schools get recommendations is the demo's draw, so it is found by query, not named. МБОУ СОШ № 5
  // (ШНОР, ШССУ) always has one: the demo's recommendation to ШНОР and ШССУ reaches it.
  const catalog = (await (await page.request.get(`/api/campaigns/${latest.id}/documents`)).json()) as {
    addressees: { id: number; name: string }[];
  };
  const accounts: Record<string, string> = { 'МБОУ СОШ № 1': 'school1', 'МБОУ СОШ № 5': 'school5' };
  const schoolOne = list.find((o) => accounts[o.shortName] && catalog.addressees.some((a) => a.id === o.id))!;
  expect(schoolOne, 'a school with a demo account gets a letter').toBeDefined();
  const name = schoolOne.shortName;
  const card = (await (await page.request.get(`/api/organizations/${schoolOne.id}`)).json()) as {
    headName: string;
  };
  // «Ермакова В.П.» in the registry, «Ермакова В. П.» in the letter.
  const head = card.headName.replace(/\.(?=\S)/g, '. ');

  await page.goto(`/campaigns/${latest.id}`);
  await page.getByRole('tab', { name: 'Документы' }).click();

  // The letter to the school: its own results first, the head named in the addressee.
  const letters = page.getByRole('region', { name: 'Письмо «Адресные рекомендации»' });
  await letters.getByText('Одной организации', { exact: true }).click();
  await letters.getByRole('textbox', { name: 'Организация' }).click();
  await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
  await letters.getByRole('button', { name: 'Показать текст' }).click();
  const letter = letters.getByRole('article', { name: 'Текст письма организации' });
  await expect(letter.getByText(`Результаты ${name}:`)).toBeVisible();
  await expect(letter.getByLabel('Адресат')).toContainText(`Руководителю ${name}`);
  await expect(letter.getByLabel('Адресат')).toContainText(head);
  await expect(letter.getByText(`Рекомендации ${name}:`)).toBeVisible();
  const [results, recommendations, summary, about] = await order(letter, [
    `Результаты ${name}:`,
    `Рекомендации ${name}:`,
    'Выводы по муниципалитету (кратко):',
    'О мониторинге:',
  ]);
  expect(results).toBeGreaterThan(0);
  expect(recommendations).toBeGreaterThan(results);
  expect(summary).toBeGreaterThan(recommendations);
  expect(about).toBeGreaterThan(summary);
  await letter.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('school-letter.png'), fullPage: true });

  // The general letter of seed 002: general conclusions, numbered recommendations with their addressees.
  const general = page.getByRole('region', { name: 'Общее письмо «Руководителям ОО»' });
  await general.getByRole('button', { name: 'Показать текст общего письма' }).click();
  const text = general.getByRole('article', { name: 'Текст общего письма' });
  await expect(text.getByLabel('Адресат')).toHaveText('Руководителям ОО');
  await expect(text.getByText('Общие выводы:')).toBeVisible();
  await expect(text.getByText('Рекомендации:', { exact: true })).toBeVisible();
  await expect(text.getByText('Адресаты: общеобразовательные организации (ШНОР или ШССУ).')).toBeVisible();
  await expect(general.getByRole('link', { name: 'Скачать общее письмо' })).toHaveAttribute(
    'href',
    `/api/campaigns/${latest.id}/documents/general-letter`,
  );
  await text.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('general-letter.png'), fullPage: true });

  // The school reads its own letter on its recommendations page.
  const school = await (await browser.newContext()).newPage();
  await logIn(school, accounts[name]);
  await school.goto('/my-recommendations');
  const own = school.getByRole('region', { name: 'Письма отдела образования' });
  await own.getByRole('button', { name: `Читать письмо за ${latest.year} год` }).click();
  const mine = own.getByRole('article', { name: 'Текст письма организации' });
  await expect(mine.getByText(`Результаты ${name}:`)).toBeVisible();
  await expect(mine.getByLabel('Адресат')).toContainText(head);
  const [first, second] = await order(mine, [`Результаты ${name}:`, 'Выводы по муниципалитету (кратко):']);
  expect(first).toBeGreaterThan(0);
  expect(second).toBeGreaterThan(first);
  await school.context().close();

  // The coordinator addresses a recommendation to a list of organizations: it goes into the general letter.
  await page.getByRole('tab', { name: 'Рекомендации' }).click();
  await page.getByRole('button', { name: 'Добавить рекомендацию' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новая рекомендация' });
  await dialog.getByRole('textbox', { name: 'Кому адресована' }).click();
  await page.getByRole('option', { name: 'Нескольким организациям (список)' }).click();
  await dialog.getByRole('textbox', { name: 'Организации' }).click();
  await page.getByRole('option', { name: 'МБОУ СОШ № 1', exact: true }).click();
  await page.getByRole('option', { name: 'МБОУ СОШ № 2', exact: true }).click();
  await dialog
    .getByRole('textbox', { name: 'Текст рекомендации' })
    .fill('Провести совместный семинар учителей математики двух школ.');
  await dialog.getByRole('textbox', { name: 'Ответственные' }).fill('заместители руководителей по УВР');
  await dialog.getByRole('button', { name: 'Добавить' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Группам организаций (общее письмо «Руководителям ОО»)')).toBeVisible();
  // Other specs may address recommendations of their own to a list: this one is found by its text.
  await expect(
    page
      .locator('[data-recommendation]')
      .filter({ hasText: 'Провести совместный семинар учителей математики двух школ' })
      .getByText('Руководителям ОО: 2 организации'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Документы' }).click();
  const again = page.getByRole('region', { name: 'Общее письмо «Руководителям ОО»' });
  await again.getByRole('button', { name: 'Показать текст общего письма' }).click();
  await expect(
    again
      .getByRole('article', { name: 'Текст общего письма' })
      .getByText(
        'Адресаты: МБОУ СОШ № 1, МБОУ СОШ № 2 (2 организации). Ответственные: заместители руководителей по УВР.',
      ),
  ).toBeVisible();
});
