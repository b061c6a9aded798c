import { expect, test, type Browser, type Page } from '@playwright/test';
import { formatRuDate } from '../core/dates.ts';
import { logIn } from './helpers.ts';

/** The support journeys: an ИОМ from a diagnostic to the teacher's own progress; a roadmap measure and its effect. */

async function pageAs(browser: Browser, login: string): Promise<Page> {
  const page = await browser.newPage();
  await logIn(page, login);
  return page;
}

test('ИОМ: the builder proposes steps from the deficits, the curator and the tutor approve, the teacher marks a step', async ({
  browser,
}) => {
  const teacher = await pageAs(browser, 'teacher');
  const { teacherId } = await (await teacher.request.get('/api/my-profile')).json();

  // The school builds the route from the teacher's latest diagnostic with deficits.
  const school = await pageAs(browser, 'school1');
  const diagnostics = await (await school.request.get(`/api/teachers/${teacherId}/diagnostics`)).json();
  const diagnostic = diagnostics.find((d: { deficitCodes: string[] }) => d.deficitCodes.length > 0);
  const proposal = await (
    await school.request.get(`/api/teachers/${teacherId}/iom/proposal?diagnosticId=${diagnostic.id}`)
  ).json();
  expect(proposal.existingRouteId).toBeNull();
  expect(proposal.steps.length).toBeGreaterThanOrEqual(diagnostic.deficitCodes.length);

  await school.goto(`/teachers/${teacherId}?tab=routes`);
  await school.getByRole('link', { name: 'Составить ИОМ по диагностике' }).click();
  await expect(school.getByRole('heading', { name: 'Конструктор ИОМ' })).toBeVisible();
  const titles = school.getByRole('textbox', { name: 'Мероприятие' });
  await expect(titles).toHaveCount(proposal.steps.length);
  for (const [i, step] of proposal.steps.entries()) await expect(titles.nth(i)).toHaveValue(step.title);
  for (const d of proposal.deficits)
    await expect(school.getByRole('table', { name: `Шаги: ${d.title}` })).toBeVisible();
  await school.screenshot({ path: 'test-results/journeys-builder.png', fullPage: true });

  // Pick and edit: the last proposed step is left out, the first one gets a note.
  const last = proposal.steps[proposal.steps.length - 1];
  await school.getByRole('checkbox', { name: `Включить шаг «${last.title}»` }).uncheck();
  await titles.first().fill(`${proposal.steps[0].title} (очно)`);
  const count = proposal.steps.length - 1;
  await expect(school.getByText(`шагов в маршруте: ${count}`)).toBeVisible();
  await school.getByRole('button', { name: 'Создать маршрут' }).click();
  await expect(school.getByText('Маршрут составлен. Его утверждают куратор и тьютор.')).toBeVisible();
  await expect(school).toHaveURL(new RegExp(`/teachers/${teacherId}\\?tab=routes$`));

  const routes = await (await school.request.get(`/api/teachers/${teacherId}/iom`)).json();
  const route = routes.find((r: { diagnostic: { id: number } | null }) => r.diagnostic?.id === diagnostic.id);
  expect(route.steps).toHaveLength(count);
  expect(route.steps.map((s: { title: string }) => s.title)).toContain(`${proposal.steps[0].title} (очно)`);
  const cardName = `ИОМ на ${formatRuDate(route.startDate)} — ${formatRuDate(route.endDate)}`;
  const schoolCard = school.getByRole('region', { name: cardName });
  await expect(schoolCard.getByText('черновик')).toBeVisible();
  await expect(schoolCard.getByText(`Выполнено шагов: 0 из ${count}`)).toBeVisible();
  await schoolCard.getByRole('button', { name: 'Утвердить как тьютор' }).click();
  await expect(school.getByText('Маршрут утверждён тьютором')).toBeVisible();
  await expect(schoolCard.getByText(/утвердил\(а\) Ответственный МБОУ СОШ № 1/)).toBeVisible();
  await expect(schoolCard.getByRole('button', { name: 'Утвердить как куратор' })).toHaveCount(0);
  await school.close();

  // The curator is the department's methodist.
  const curator = await pageAs(browser, 'metodist');
  await curator.goto(`/teachers/${teacherId}?tab=routes`);
  const curatorCard = curator.getByRole('region', { name: cardName });
  await curatorCard.getByRole('button', { name: 'Утвердить как куратор' }).click();
  await expect(curator.getByText('Маршрут утверждён', { exact: true })).toBeVisible();
  await expect(curatorCard.getByText('утверждён', { exact: true })).toBeVisible();
  await expect(curatorCard.getByText(/утвердил\(а\) Сафонова Ирина Петровна/)).toBeVisible();
  await curator.screenshot({ path: 'test-results/journeys-approved.png', fullPage: true });
  await curator.close();

  // The teacher opens its cabinet, marks the first step done and sees the progress move.
  await teacher
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Мой профиль' })
    .click();
  const own = teacher.getByRole('region', { name: cardName });
  await expect(own.getByText(`Выполнено шагов: 0 из ${count}`)).toBeVisible();
  await expect(own.getByRole('button', { name: 'Утвердить как тьютор' })).toHaveCount(0);
  await expect(own.getByRole('button', { name: 'Изменить шаг' })).toHaveCount(0);
  await own.getByRole('button', { name: 'Отметить выполнение' }).first().click();
  const dialog = teacher.getByRole('dialog', { name: 'Выполнение шага маршрута' });
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText('«Результат»: опишите, что сделано')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Результат' })
    .fill('Удостоверение о повышении квалификации № 612400987654');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(teacher.getByText('Шаг отмечен выполненным')).toBeVisible();
  await expect(own.getByText(`Выполнено шагов: 1 из ${count}`)).toBeVisible();
  await expect(own.getByText('выполняется', { exact: true }).first()).toBeVisible();
  await expect(own.getByText('Удостоверение о повышении квалификации № 612400987654')).toBeVisible();
  await expect(
    teacher.getByRole('heading', { name: 'Диагностики и профессиональные дефициты' }),
  ).toBeVisible();
  await teacher.screenshot({ path: 'test-results/journeys-cabinet.png', fullPage: true });
  await teacher.close();
});

test('the roadmap: a measure, its linked indicator and the effect before and after', async ({ page }) => {
  await logIn(page, 'metodist');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Дорожная карта' })
    .click();
  const [roadmap] = await (await page.request.get('/api/roadmaps')).json();
  await page.getByRole('link', { name: roadmap.title }).click();
  await expect(page.getByRole('heading', { name: roadmap.title })).toBeVisible();
  await page
    .getByRole('link', { name: 'Изучение профессиональных дефицитов педагогических работников' })
    .click();

  await expect(
    page.getByRole('heading', { name: /^IV\.1\. Изучение профессиональных дефицитов/ }),
  ).toBeVisible();
  await expect(page.getByText('выполнено', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Банк профессиональных дефицитов педагогов' })).toBeVisible();
  const indicator = page.getByRole('button', { name: 'Показатель 1.1' });
  await expect(indicator).toContainText(/до, \d{4}/);
  await expect(indicator).toContainText(/после, \d{4}/);
  await expect(indicator).toContainText(/улучшение|без изменений|ухудшение/);
  await indicator.click();
  const detail = page.getByRole('table', { name: 'По организациям: 1.1' });
  await expect(detail).toBeVisible();
  await expect(detail.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText(/По муниципалитету: .* в \d{4} г\. → .* в \d{4} г\./)).toBeVisible();
  await page.screenshot({ path: 'test-results/journeys-measure.png', fullPage: true });

  await page.getByRole('link', { name: 'Результаты в программе мониторинга →' }).click();
  await expect(page.getByRole('tab', { name: 'Результаты', selected: true })).toBeVisible();
});

test('the association leader plans a meeting and marks attendance', async ({ page }) => {
  await logIn(page, 'rmo');
  await page
    .getByRole('navigation', { name: 'Основное меню' })
    .getByRole('link', { name: 'Заседания МО' })
    .click();
  await page.getByRole('link', { name: 'РМО учителей: математика' }).click();
  await expect(page.getByRole('heading', { name: 'РМО учителей: математика' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'План заседаний' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Посещаемость участников' })).toBeVisible();
  await page.screenshot({ path: 'test-results/journeys-meetings.png', fullPage: true });

  await page.getByRole('button', { name: 'Запланировать заседание' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новое заседание' });
  const today = new Date();
  const date = formatRuDate(today.toISOString().slice(0, 10));
  await dialog.getByRole('textbox', { name: 'Дата' }).fill(date);
  await dialog
    .getByRole('textbox', { name: 'Тема' })
    .fill('Внеплановое заседание: итоги муниципального этапа олимпиады');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Заседание добавлено в план')).toBeVisible();
  const row = page.getByRole('row', { name: /Внеплановое заседание/ });
  await row.getByRole('button', { name: `Посещаемость ${date}` }).click();
  const attendance = page.getByRole('dialog', { name: `Посещаемость: заседание ${date}` });
  await attendance.getByRole('button', { name: 'Все присутствовали' }).click();
  await attendance.getByRole('button', { name: 'Сохранить посещаемость' }).click();
  await expect(page.getByText('Посещаемость сохранена')).toBeVisible();
  await expect(row.getByText('проведено')).toBeVisible();
  await expect(row.getByText('100 %')).toBeVisible();
  // A second edit of the same meeting saves too (it used to meet a false conflict with its own first save).
  await row.getByRole('button', { name: `Посещаемость ${date}` }).click();
  await attendance
    .getByRole('textbox', { name: /Итоги|Примечани|Заметк/ })
    .fill('Решение: провести разбор заданий.');
  await attendance.getByRole('button', { name: 'Сохранить посещаемость' }).click();
  await expect(attendance).toBeHidden();
  await expect(page.getByText(/изменил|Конфликт|другой пользователь/)).toHaveCount(0);
});
