import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';

const CAMPAIGN =
  /Обеспечение профессионального развития педагогических работников в общеобразовательных организациях/;
const INSTRUCTION = 'Сведения о плане работы по дефицитам укажите по приказу организации (e2e).';

test('the coordinator sends the letter, writes instructions and a due date; the school reads them by its form', async ({
  browser,
}) => {
  const coordinator = await (await browser.newContext()).newPage();
  await logIn(coordinator, 'metodist');
  await coordinator.goto('/campaigns');
  await coordinator.getByRole('link', { name: CAMPAIGN }).first().click();
  const campaignUrl = coordinator.url();

  // The first sending: the letter goes out; without a mail server every organization is told in the app only.
  await coordinator.getByTestId('send-announcement').click();
  const first = coordinator.getByRole('dialog');
  await expect(first).toContainText(/Разослать информационное письмо\?|Разослать письмо ещё раз\?/);
  await first.getByRole('button', { name: /^Разослать( повторно)?$/ }).click();
  await expect(coordinator.getByText(/^Письмо разослано: \d+ организац/)).toBeVisible();

  await coordinator.getByRole('tab', { name: 'Письмо и материалы' }).click();
  const sendings = coordinator.getByRole('table', { name: 'Рассылки письма' });
  await expect(sendings.getByRole('row').nth(1)).toContainText(/\d\d\.\d\d\.\d{4}/);

  // Sending again asks first.
  await coordinator.getByTestId('send-announcement').click();
  await expect(coordinator.getByRole('dialog')).toContainText(/Письмо уже разослано \d\d\.\d\d\.\d{4}/);
  await coordinator.getByRole('dialog').getByRole('button', { name: 'Отмена' }).click();

  await coordinator.getByLabel('Инструкция').fill(INSTRUCTION);
  await coordinator.getByRole('button', { name: 'Сохранить инструкцию' }).click();
  await expect(coordinator.getByText('Инструкция сохранена')).toBeVisible();

  const dueDates = coordinator.getByTestId('due-dates');
  await dueDates.getByLabel('Срок показателя 1.2').click();
  await coordinator.getByRole('option', { name: 'дата', exact: true }).click();
  await dueDates.getByLabel('Дата срока показателя 1.2').fill('15.10.2099');
  await coordinator.keyboard.press('Enter');
  await dueDates.getByRole('button', { name: 'Сохранить сроки' }).click();
  await expect(coordinator.getByText('Сроки сбора сохранены')).toBeVisible();
  await expect(dueDates).toContainText('до 15.10.2099');

  const school = await (await browser.newContext()).newPage();
  await logIn(school, 'school1');
  await school.goto(campaignUrl);
  await school.getByRole('link', { name: 'Заполнить форму' }).click();
  const materials = school.getByTestId('campaign-materials');
  await expect(materials).toContainText(INSTRUCTION);
  await expect(materials.getByRole('link', { name: 'Информационное письмо (DOCX)' })).toBeVisible();
  await expect(materials).toContainText(/— до 15\.10\.2099/);
  await expect(school.getByText('Срок сбора: до 15.10.2099')).toBeVisible();
  const letter = await school.request.get(
    (await materials.getByRole('link', { name: 'Информационное письмо (DOCX)' }).getAttribute('href'))!,
  );
  expect(letter.status()).toBe(200);
  expect(letter.headers()['content-type']).toContain('wordprocessingml');
});
