import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { formatIndicatorValue } from '../core/format.ts';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../core/programs/program-file.ts';
import { findTemplate } from '../core/templates/index.ts';
import { logIn, runningCampaignDates } from './helpers.ts';

/**
 * The region over several municipalities: the region publishes a program of its own (titled «(e2e)»), and three
 * municipalities of the demo region adopt it — Заречный from its programs page, and runs a monitoring;
 * Каменский, whose first school employs two of Заречный's teachers part-time, closes its monitoring and sends
 * it to the region from the campaign page; Степной only adopts. The region sees both monitorings side by side
 * with the region's row counted over distinct teachers, rates and maps them, and drills down to Каменский and
 * to its school. At the end the region returns Каменский's results, the districts remove their campaigns and
 * programs, and the other specs see the demo as it was. The year is 2026: the demo region's teachers began
 * work by 2025, so some of them have «стаж до 5 лет» in it whatever the date of the run.
 */
const TITLE = 'Региональная программа трёх районов (e2e)';
const YEAR = 2026;
/** «Доля педагогов, имеющих стаж работы до 5 лет»: over teachers(), so the part-timers count once in the region. */
const SHARE = '5.2';

async function ok<T>(response: APIResponse): Promise<T> {
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

interface Result {
  indicator: string;
  organization: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const dates = runningCampaignDates();

async function municipalityOf(page: Page) {
  const me = await ok<{ roles: { municipalityId: number | null }[] }>(await page.request.get('/api/auth/me'));
  return me.roles.find((g) => g.municipalityId)!.municipalityId!;
}

test('the region compares the municipalities that adopted its program and drills down to one of them', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  await logIn(page, 'region');
  const me = await ok<{ roles: { role: string; regionId: number | null }[] }>(
    await page.request.get('/api/auth/me'),
  );
  const regionId = me.roles.find((g) => g.role === 'regional_coordinator')!.regionId!;
  const regional = await ok<{ id: number }>(
    await page.request.post(`/api/regions/${regionId}/regional-programs`, {
      data: {
        content: JSON.stringify({
          format: PROGRAM_FILE_FORMAT,
          formatVersion: PROGRAM_FILE_VERSION,
          exportedAt: '2026-01-10',
          exportedBy: 'Региональный координатор (e2e)',
          program: { ...templateToDefinition(findTemplate('seed-004-myasnikovsky')!), title: TITLE },
        }),
      },
    }),
  );

  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [zarechny, kamensky, stepnoy] = await Promise.all(contexts.map((c) => c.newPage()));
  const created: { page: Page; programId: number; campaignId?: number }[] = [];
  let sentCampaignId = 0;
  try {
    // Заречный adopts the program from its programs page and starts a monitoring of all its organizations.
    await logIn(zarechny, 'zarechny');
    await zarechny.goto('/programs');
    await zarechny.getByRole('button', { name: 'Принять региональную программу' }).click();
    await zarechny
      .getByRole('dialog', { name: 'Программы, опубликованные регионом' })
      .getByRole('row', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) })
      .getByRole('button', { name: 'Принять' })
      .click();
    await expect(zarechny).toHaveURL(/\/programs\/\d+$/);
    const zarechnyProgram = { page: zarechny, programId: Number(zarechny.url().split('/').pop()) };
    created.push(zarechnyProgram);
    const running = await ok<{ campaign: { id: number } }>(
      await zarechny.request.post('/api/campaigns', {
        data: { programId: zarechnyProgram.programId, year: YEAR, title: `Заречный ${YEAR} (e2e)`, dates },
      }),
    );
    Object.assign(zarechnyProgram, { campaignId: running.campaign.id });

    // Каменский adopts it, closes its monitoring and sends it to the region from the campaign page.
    await logIn(kamensky, 'kamensky');
    const adopted = await ok<{ programId: number }>(
      await kamensky.request.post(`/api/regional-programs/${regional.id}/adopt`, {
        data: { municipalityId: await municipalityOf(kamensky) },
      }),
    );
    const kamenskyProgram: (typeof created)[number] = { page: kamensky, programId: adopted.programId };
    created.push(kamenskyProgram);
    const closing = await ok<{ campaign: { id: number } }>(
      await kamensky.request.post('/api/campaigns', {
        data: { programId: adopted.programId, year: YEAR, title: `Каменский ${YEAR} (e2e)`, dates },
      }),
    );
    kamenskyProgram.campaignId = closing.campaign.id;
    await ok(await kamensky.request.post(`/api/campaigns/${closing.campaign.id}/close`));
    await kamensky.goto(`/campaigns/${closing.campaign.id}`);
    const block = kamensky.getByTestId('regional-level');
    await block.getByRole('button', { name: 'Отправить в регион' }).click();
    await expect(block.getByTestId('regional-status')).toHaveText('отправлено в регион');
    sentCampaignId = closing.campaign.id;

    // Степной adopts it and has not begun.
    await logIn(stepnoy, 'stepnoy');
    const third = await ok<{ programId: number }>(
      await stepnoy.request.post(`/api/regional-programs/${regional.id}/adopt`, {
        data: { municipalityId: await municipalityOf(stepnoy) },
      }),
    );
    created.push({ page: stepnoy, programId: third.programId });

    // The region: a row for each monitoring, and the region's row.
    await page.goto(`/region?program=${regional.id}&year=${YEAR}`);
    const table = page.getByTestId('region-municipalities');
    await expect(table).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(`Мониторинг ${YEAR} года провели 2 муниципалитета`)).toBeVisible();
    await expect(
      page.getByText('приняли программу, но не провели мониторинг: Степной район', { exact: false }),
    ).toBeVisible();
    const rowOf = (name: string) =>
      table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(rowOf('Заречный район')).toContainText('мониторинг идёт');
    await expect(rowOf('Каменский район')).toBeVisible();
    await expect(rowOf('Каменский район')).not.toContainText('мониторинг идёт');
    await expect(table.getByRole('row')).toHaveCount(4); // header, two municipalities, the region

    // The region's share is over distinct teachers: the part-timers are in both municipal denominators, once in
    // the region's — neither the sum of the rows nor their pooled numerators over pooled denominators.
    const results = await ok<{
      municipalities: { municipalityName: string; source: string | null; results: Result[] }[];
      region: Result[];
    }>(await page.request.get(`/api/regional-programs/${regional.id}/results?year=${YEAR}`));
    const byName = new Map(results.municipalities.map((m) => [m.municipalityName, m]));
    expect(byName.get('Заречный район')!.source).toBe('running');
    expect(byName.get('Каменский район')!.source).toBe('sent');
    const rows = ['Заречный район', 'Каменский район'].map((name) =>
      byName.get(name)!.results.find((r) => r.indicator === SHARE)!,
    );
    const region = results.region.find((r) => r.indicator === SHARE)!;
    const pooled = { numerator: 0, denominator: 0 };
    for (const r of rows) {
      pooled.numerator += r.numerator!;
      pooled.denominator += r.denominator!;
    }
    expect(region.denominator).toBe(pooled.denominator - 2);
    expect(region.numerator).toBeGreaterThan(0);
    expect(region.value).toBeCloseTo((100 * region.numerator!) / region.denominator!, 4);
    expect(region.value).not.toBeCloseTo((100 * pooled.numerator) / pooled.denominator, 2);
    const column = (await table.getByRole('columnheader').allTextContents()).indexOf(SHARE);
    expect(column).toBeGreaterThan(1);
    const regionValue = formatIndicatorValue(region.value, 'percent', { withUnit: true });
    await expect(
      table
        .getByRole('row', { name: /Регион в целом/ })
        .getByRole('cell')
        .nth(column),
    ).toHaveText(regionValue);

    // The rating and the heat map of the municipalities have both.
    const rating = page.getByRole('table', { name: 'Рейтинг муниципалитетов' });
    for (const name of ['Заречный район', 'Каменский район']) await expect(rating).toContainText(name);
    await expect(
      page.getByRole('img', { name: 'Уровни показателей по муниципалитетам: тепловая карта' }),
    ).toBeVisible();
    const analysis = await ok<{ heatmap: { name: string }[] }>(
      await page.request.get(`/api/regional-programs/${regional.id}/analysis?year=${YEAR}`),
    );
    expect(analysis.heatmap.map((h) => h.name).sort()).toEqual(['Заречный район', 'Каменский район']);
    await page.screenshot({ path: testInfo.outputPath('region-municipalities.png'), fullPage: true });

    // Region → the second municipality → its school with the part-timers.
    await table.getByRole('link', { name: 'Каменский район', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Каменский район', exact: true })).toBeVisible();
    await expect(page.getByText(/мониторинг закрыт, значения заморожены/)).toBeVisible();
    await expect(page.getByTestId('analysis')).toBeVisible({ timeout: 60_000 });
    const list = page.getByTestId('region-organizations');
    for (const name of [
      'МБОУ Каменская СОШ № 1',
      'МБОУ Каменская СОШ № 2',
      'МБДОУ Каменский детский сад № 1',
    ])
      await expect(list.getByRole('link', { name })).toBeVisible();
    await list.getByRole('link', { name: 'МБОУ Каменская СОШ № 1' }).click();
    await expect(page.getByRole('heading', { name: 'МБОУ Каменская СОШ № 1', exact: true })).toBeVisible();
    const card = page.getByTestId('region-organization-card');
    await expect(card.getByRole('columnheader', { name: 'Регион' })).toBeVisible();
    // Its share beside the region's, the same distinct-teacher value as the region's row.
    await expect(
      card
        .getByRole('row')
        .filter({ hasText: `${SHARE}. ` })
        .getByRole('cell')
        .last(),
    ).toHaveText(regionValue);
  } finally {
    // The region returns Каменский's results, so it can reopen and remove its monitoring.
    if (sentCampaignId) {
      const sent = await ok<{ id: number; campaignId: number; version: number }[]>(
        await page.request.get('/api/regional-submissions?status=sent'),
      );
      const submission = sent.find((s) => s.campaignId === sentCampaignId)!;
      await ok(
        await page.request.post(`/api/regional-submissions/${submission.id}/return`, {
          data: { version: submission.version, comment: 'Проверка завершена (e2e)' },
        }),
      );
      const status = await ok<{ campaignVersion: number }>(
        await kamensky.request.get(`/api/campaigns/${sentCampaignId}/regional-submission`),
      );
      await ok(
        await kamensky.request.post(`/api/campaigns/${sentCampaignId}/reopen`, {
          data: { version: status.campaignVersion },
        }),
      );
    }
    for (const { page: district, programId, campaignId } of created) {
      if (campaignId)
        expect((await district.request.delete(`/api/campaigns/${campaignId}`)).status()).toBeLessThan(300);
      expect((await district.request.delete(`/api/programs/${programId}`)).status()).toBeLessThan(300);
    }
    await Promise.all(contexts.map((c) => c.close()));
  }
});
