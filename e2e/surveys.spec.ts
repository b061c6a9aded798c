import { expect, test, type Browser } from '@playwright/test';
import { logIn } from './helpers.ts';

/**
 * Surveys: the department creates an anonymous survey and opens it; three teachers answer on a phone
 * (390 px) through the school's link, a reused token is refused; the chart shows, a school with four
 * answers is hidden, and an indicator is computed from the survey's answers.
 */

const PHONE = { width: 390, height: 844 };

async function answerOnPhone(browser: Browser, link: string, score: string) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByText('Анкета анонимная').first()).toBeVisible();
  await page.getByText(score, { exact: true }).first().click();
  await page.getByText('нет', { exact: true }).first().click();
  await page.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByText('Спасибо! Ответ принят.')).toBeVisible();
  return { context, page };
}

test('a survey answered by three teachers on a phone: one token once, the chart, a hidden cell, an indicator', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await logIn(page, 'metodist');
  const organizations = (await (await page.request.get('/api/organizations?pageSize=1000')).json()) as {
    id: number;
    shortName: string;
  }[];
  const school1 = organizations.find((o) => o.shortName === 'МБОУ СОШ № 1')!;
  const school5 = organizations.find((o) => o.shortName === 'МБОУ СОШ № 5')!;
  const today = new Date().toISOString().slice(0, 10);
  const code = `e2e_${Date.now() % 100000}`;
  const created = await page.request.post('/api/surveys', {
    data: {
      code,
      title: 'Удовлетворённость методической службой (e2e)',
      kind: 'anonymous',
      audience: { target: 'teachers', organizationIds: [school1.id, school5.id] },
      opensOn: today,
      closesOn: today,
      threshold: 5,
      definition: {
        pages: [
          {
            name: 'p1',
            elements: [
              { type: 'rating', name: 'q1', title: 'Оцените работу методической службы', isRequired: true },
              {
                type: 'radiogroup',
                name: 'q2',
                title: 'Посещали ли вы семинары РМО?',
                choices: [
                  { value: 'yes', text: 'да' },
                  { value: 'no', text: 'нет' },
                ],
              },
              {
                type: 'text',
                name: 'q3',
                title: 'Сколько семинаров?',
                inputType: 'number',
                visibleIf: "{q2} = 'yes'",
              },
            ],
          },
        ],
      },
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const survey = (await created.json()) as { id: number };

  await page.goto(`/surveys/${survey.id}`);
  await page.getByRole('tab', { name: 'Рассылка и отклик' }).click();
  await page.getByRole('button', { name: 'Начать и разослать' }).click();
  await expect(page.getByText(/Анкета разослана/)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'МБОУ СОШ № 1' })).toBeVisible();

  const noticeOf = async (organizationId: number) => {
    const html = await (
      await page.request.get(`/api/surveys/${survey.id}/notice?organizationId=${organizationId}`)
    ).text();
    expect(html).toContain('<svg');
    return new URL(/https?:\/\/[^<\s]+\/s\/o\/[A-Za-z0-9_-]+/.exec(html)![0]).pathname;
  };
  const link1 = await noticeOf(school1.id);
  const link5 = await noticeOf(school5.id);

  // Three teachers of school 1 on their phones.
  const first = await answerOnPhone(browser, link1, '5');
  for (const score of ['4', '3']) await (await answerOnPhone(browser, link1, score)).context.close();
  // The first phone opens the link again: its token is used, the server refuses.
  await first.page.goto(link1);
  await expect(
    first.page.getByText('Ответ по этой ссылке уже отправлен: анкету можно заполнить один раз.'),
  ).toBeVisible();
  const token = await first.page.evaluate(
    () => Object.entries(localStorage).find(([k]) => k.startsWith('pm-survey-link-'))![1],
  );
  const reused = await page.request.post(`/api/public/surveys/${token}/responses`, {
    data: { answers: { q1: 1 } },
  });
  expect(reused.status()).toBe(409);
  await first.context.close();

  // Two more at school 1 (five in all) and four at school 5, through the same public API the page uses.
  const answerByApi = async (link: string, q1: number) => {
    const t = await (
      await page.request.post(`/api/public/surveys/link/${link.split('/').pop()}/token`)
    ).json();
    const r = await page.request.post(`/api/public/surveys/${t.token}/responses`, {
      data: { answers: { q1, q2: 'no' } },
    });
    expect(r.ok(), await r.text()).toBe(true);
  };
  for (const q1 of [5, 4]) await answerByApi(link1, q1);
  for (const q1 of [2, 2, 3, 1]) await answerByApi(link5, q1);

  await page.goto(`/surveys/${survey.id}`);
  await page.getByRole('tab', { name: 'Итоги' }).click();
  const q1 = page.getByTestId('result-q1');
  // School 5 alone is below the threshold: the total leaves it out, or total − school 1 would reveal it.
  await expect(q1.getByText('ответили 5, среднее 4,2', { exact: false }).first()).toBeVisible();
  await expect(q1.getByTestId('left-out-q1')).toContainText('Без 1 скрытой организации');
  await expect(q1.getByText('ответили 9', { exact: false })).toHaveCount(0);
  await expect(q1.getByRole('img', { name: 'Диаграмма: Оцените работу методической службы' })).toBeVisible();
  const row5 = q1.getByRole('row').filter({ hasText: 'МБОУ СОШ № 5' });
  await expect(row5).toContainText('Скрыто: ответили меньше 5 человек');
  const row1 = q1.getByRole('row').filter({ hasText: 'МБОУ СОШ № 1' });
  await expect(row1).toContainText('ответили 5, среднее 4,2');

  // An indicator from the survey: the mean score, per school only where five or more answered.
  const programs = (await (await page.request.get('/api/programs')).json()) as { id: number }[];
  const preview = async (year: number) =>
    (
      await page.request.post(`/api/programs/${programs[0].id}/preview`, {
        data: {
          unit: 'number',
          numerator: `answerSum(survey = "${code}", question = "q1")`,
          denominator: `answers(survey = "${code}", question = "q1")`,
          factor: 1,
          year,
        },
      })
    ).json();
  const year = Number(today.slice(0, 4));
  let value = await preview(year);
  if (value.municipal.value === null) value = await preview(year + 1);
  // School 5 alone is below the threshold: left out of the municipal value too (29 / 9 would reveal its 2).
  expect(value.municipal.value).toBeCloseTo(21 / 5, 3);
  expect(value.withValue).toBe(1);
  expect(value.max).toBeCloseTo(4.2, 3);
});
