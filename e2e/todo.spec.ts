import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { addDays } from '../core/dates.ts';
import { logIn } from './helpers.ts';

/**
 * The methodist's day on the demo district. A campaign whose main stage ended five days ago (made here from
 * the Егорлыкский template and deleted at the end, so the demo's own campaigns stay as they are) leaves
 * every school late: «нужно сделать» lists them with who answers and a phone, the methodist follows one,
 * reminds another with one click, and exports the completeness table filtered and sorted as the address says.
 */
test('«нужно сделать» lists a late school, follows it, reminds, and the completeness table exports as shown', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  const today = new Date().toISOString().slice(0, 10);
  const me = await (await page.request.get('/api/auth/me')).json();
  const municipalityId = me.roles.find((r: { role: string }) => r.role === 'coordinator').municipalityId;
  const program = await page.request.post('/api/programs/from-template', {
    data: { municipalityId, templateCode: 'seed-001-egorlyksky' },
  });
  expect(program.status(), await program.text()).toBe(201);
  const programId = (await program.json()).id;
  const created = await page.request.post('/api/campaigns', {
    data: {
      programId,
      year: Number(today.slice(0, 4)),
      title: 'Проверка сроков сдачи форм',
      dates: {
        initialStart: addDays(today, -40),
        initialEnd: addDays(today, -31),
        mainStart: addDays(today, -30),
        mainEnd: addDays(today, -5),
        finalStart: addDays(today, -4),
        finalEnd: addDays(today, 30),
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const campaignId = (await created.json()).campaign.id;

  try {
    // The home page says what is due and leads to the list.
    await page.goto('/');
    await expect(page.getByTestId('home-todo')).toContainText(/организаци\S* не отправил\S* форму в срок/);
    await page.getByTestId('home-todo').getByRole('link', { name: 'Открыть список' }).click();
    await expect(page).toHaveURL(/\/todo$/);
    await expect(page.getByRole('heading', { name: 'Нужно сделать' })).toBeVisible();

    const late = page.getByRole('table', { name: 'Не отправили форму в срок' });
    const school = late.getByRole('row').filter({
      has: page.locator(`a[href="/campaigns/${campaignId}/organizations/${await firstSchool()}"]`),
    });
    await expect(school).toContainText('прошло 5 дней');
    // The responsible person of the demo school and a phone to call.
    await expect(school.locator('a[href^="tel:"]')).toHaveText(/^8 \(928\)/);

    // One click reminds a late school; the answer says how it went.
    await school.getByRole('button', { name: /^Напомнить/ }).click();
    await expect(page.getByTestId('remind-result')).toContainText(/напоминани/i);
    await expect(school).toContainText('напомнено');

    // Following the school opens its form.
    await school.getByRole('link', { name: 'МБОУ СОШ № 1', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}/organizations/\\d+$`));
    await expect(page.getByTestId('submission-state')).toHaveText('не начато');

    // The completeness table, filtered and sorted by the address, exports the same view.
    await page.goto(`/campaigns/${campaignId}?timeliness=not_sent&kind=school&sort=responsible&dir=desc`);
    const table = page.getByRole('table', { name: 'Полнота и своевременность' });
    await expect(table).toBeVisible();
    const shown = await table.locator('tbody tr').count();
    expect(shown).toBeGreaterThan(1);
    await expect(page.getByTestId('completeness-shown')).toContainText(`Показано ${shown} из`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getCell('A3').value)).toContain(
      'Отбор: срок «не отправлена», тип «Общеобразовательная организация»; сортировка: ответственный, по убыванию.',
    );
    // The header row follows the «Сформировано дд.мм.гггг» line of the shared list layout.
    const made = Array.from({ length: sheet.rowCount }, (_, i) => i + 1).find((r) =>
      String(sheet.getCell(`A${r}`).value).startsWith('Сформировано'),
    )!;
    expect(sheet.rowCount - (made + 1)).toBe(shown);
    const firstOnPage = (await table.locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
    expect(sheet.getCell(`B${made + 2}`).value).toBe(firstOnPage);

    // Selecting rows reminds them in one request.
    await table.getByRole('checkbox', { name: 'Выбрать все, кому можно напомнить' }).check();
    await page.getByRole('button', { name: /^Напомнить: / }).click();
    await expect(page.getByTestId('remind-result')).toContainText(/напоминани/i);
  } finally {
    await page.request.delete(`/api/campaigns/${campaignId}`);
    await page.request.delete(`/api/programs/${programId}`);
  }

  async function firstSchool() {
    const view = await (await page.request.get(`/api/campaigns/${campaignId}`)).json();
    return view.organizations.find((o: { organizationName: string }) => o.organizationName === 'МБОУ СОШ № 1')
      .organizationId;
  }
});
