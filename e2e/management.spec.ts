import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';

/** Management decisions: an order linked to the measure and the conclusion it answers, edited, seen from the measure. */

test('the coordinator adds a decision linked to a measure and a conclusion, edits it, and finds it on the measure page', async ({
  page,
}) => {
  await logIn(page, 'metodist');
  const [roadmap] = await (await page.request.get('/api/roadmaps')).json();
  const { measures } = await (await page.request.get(`/api/roadmaps/${roadmap.id}`)).json();
  const measure = measures.find((m: { number: string }) => m.number === 'III.2');
  const measureLabel = new RegExp(`^${measure.number.replace('.', '\\.')}\\. `);
  // A conclusion of a closed campaign that has them (a campaign closed by an earlier test has none yet).
  let conclusion: { id: number; text: string } | undefined;
  let campaign: { id: number; year: number; status: string } | undefined;
  for (const c of (await (await page.request.get('/api/campaigns')).json()) as NonNullable<
    typeof campaign
  >[]) {
    if (c.status !== 'closed' || conclusion) continue;
    [conclusion] = await (await page.request.get(`/api/campaigns/${c.id}/conclusions`)).json();
    campaign = c;
  }
  if (!conclusion || !campaign) throw new Error('В демо нет закрытого мониторинга с выводами');

  await page.goto('/decisions');
  await page.getByRole('button', { name: 'Добавить решение' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новое управленческое решение' });
  await dialog.getByRole('textbox', { name: 'Номер' }).fill('512');
  await dialog.getByRole('textbox', { name: 'Дата' }).fill('14.10.2026');
  await dialog.getByRole('textbox', { name: 'Название' }).click();
  await dialog.getByRole('textbox', { name: 'Название' }).fill('О проведении семинара (e2e)');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Прикрепить документ' }).click();
  await (
    await chooser
  ).setFiles({ name: 'prikaz-512.txt', mimeType: 'text/plain', buffer: Buffer.from('Приказ № 512') });
  await expect(dialog.getByText('prikaz-512.txt')).toBeVisible();

  const measurePicker = dialog.getByRole('textbox', {
    name: 'Мероприятия дорожных карт, по которым принято решение',
  });
  await measurePicker.click();
  await measurePicker.fill(measure.number);
  await page.getByRole('option', { name: measureLabel }).click();
  const conclusions = dialog.getByRole('textbox', {
    name: 'Выводы по итогам мониторинга, на которые отвечает решение',
  });
  await conclusions.click();
  await conclusions.fill(conclusion.text.slice(0, 30));
  await page.getByRole('option').first().click();
  await dialog.getByRole('heading').click();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('Решение добавлено')).toBeVisible();

  const row = page.getByRole('row', { name: /О проведении семинара \(e2e\)/ });
  await expect(row).toContainText('№ 512 от 14.10.2026');
  await expect(row.getByRole('link', { name: `${measure.number}. ${measure.title}` })).toBeVisible();
  await expect(row.getByRole('link', { name: new RegExp(`^${campaign.year}: `) })).toBeVisible();
  await expect(row.getByRole('link', { name: 'prikaz-512.txt' })).toBeVisible();
  await page.screenshot({ path: 'test-results/management-decisions.png', fullPage: true });

  // The edit keeps the links and the document and carries the version; a stale copy is refused in Russian.
  await row.getByRole('button', { name: /^Изменить решение/ }).click();
  const edit = page.getByRole('dialog', { name: 'Изменить управленческое решение' });
  await expect(edit.getByText(measureLabel)).toBeVisible();
  await edit
    .getByRole('textbox', { name: 'Название' })
    .fill('О проведении семинара для молодых педагогов (e2e)');
  await edit.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const edited = page.getByRole('row', { name: /О проведении семинара для молодых педагогов \(e2e\)/ });
  await expect(edited.getByRole('link', { name: 'prikaz-512.txt' })).toBeVisible();

  const saved = (await (await page.request.get(`/api/decisions?measureId=${measure.id}`)).json()).find(
    (d: { title: string }) => d.title.includes('(e2e)'),
  );
  expect(saved).toMatchObject({ version: 2, measureIds: [measure.id], conclusionIds: [conclusion.id] });
  await page.request.patch(`/api/decisions/${saved.id}`, { data: { number: '513', version: 2 } });
  await edited.getByRole('button', { name: /^Изменить решение/ }).click();
  await edit.getByRole('textbox', { name: 'Номер' }).fill('514');
  await edit.getByRole('button', { name: 'Сохранить' }).click();
  await expect(edit.getByText(/Запись уже изменил другой пользователь/)).toBeVisible();
  await edit.getByRole('button', { name: 'Отмена' }).click();

  await page.goto(`/roadmaps/${roadmap.id}/measures/${measure.id}`);
  await expect(page.getByRole('heading', { name: 'Решения по мероприятию' })).toBeVisible();
  const onMeasure = page.getByLabel('Решения по мероприятию');
  await expect(onMeasure).toContainText('О проведении семинара для молодых педагогов (e2e)');
  await expect(onMeasure).toContainText('№ 513 от 14.10.2026');
  await expect(onMeasure.getByRole('link', { name: 'prikaz-512.txt' })).toBeVisible();
  await page.screenshot({ path: 'test-results/management-measure.png', fullPage: true });
});
