import { expect, test } from '@playwright/test';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../core/programs/program-file.ts';
import { findTemplate } from '../core/templates/index.ts';
import { logIn, runningCampaignDates } from './helpers.ts';

/**
 * The regional coordinator's walk: the region publishes a program of its own (titled «(e2e)»), the demo
 * district adopts it and runs a monitoring of two schools; the region sees the district among its
 * municipalities, drills down to the district and to a school, and downloads the regional справка. The
 * spec's campaign and adopted program are removed at the end, so the other specs see the demo as it was.
 */
const TITLE = 'Региональная программа кадрового мониторинга (e2e)';
const YEAR = 2031;

test('region → municipality → organization, and the regional справка', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, 'region');
  // A regional coordinator starts at its region.
  await expect(page).toHaveURL(/\/region$/);
  await expect(page.getByRole('heading', { name: /^Регион: / })).toBeVisible();
  const me = await (await page.request.get('/api/auth/me')).json();
  const regionId = me.roles.find((g: { role: string }) => g.role === 'regional_coordinator').regionId;
  const published = await page.request.post(`/api/regions/${regionId}/regional-programs`, {
    data: {
      content: JSON.stringify({
        format: PROGRAM_FILE_FORMAT,
        formatVersion: PROGRAM_FILE_VERSION,
        exportedAt: '2031-01-10',
        exportedBy: 'Региональный координатор (e2e)',
        program: { ...templateToDefinition(findTemplate('seed-004-myasnikovsky')!), title: TITLE },
      }),
    },
  });
  expect(published.status()).toBe(201);
  const regional = await published.json();

  // The department adopts it from its programs page and runs a monitoring of two schools.
  const department = await (await browser.newContext()).newPage();
  await logIn(department, 'metodist');
  await department.goto('/programs');
  await department.getByRole('button', { name: 'Принять региональную программу' }).click();
  const dialog = department.getByRole('dialog', { name: 'Программы, опубликованные регионом' });
  await dialog
    .getByRole('row', { name: new RegExp(TITLE.replace(/[()]/g, '\\$&')) })
    .getByRole('button', { name: 'Принять' })
    .click();
  await expect(department).toHaveURL(/\/programs\/\d+$/);
  const programId = Number(department.url().split('/').pop());
  const organizations = (await (await department.request.get('/api/organizations')).json()) as {
    id: number;
    shortName: string;
    kind: string;
  }[];
  const schools = organizations.filter((o) => o.kind === 'school').slice(0, 2);
  const created = await department.request.post('/api/campaigns', {
    data: {
      programId,
      year: YEAR,
      title: `Региональный мониторинг ${YEAR} (e2e)`,
      organizationIds: schools.map((s) => s.id),
      dates: runningCampaignDates(),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { campaign } = await created.json();

  try {
    // The region: its program and year, the district among the municipalities.
    await page.goto(`/region?program=${regional.id}&year=${YEAR}`);
    const table = page.getByTestId('region-municipalities');
    await expect(table).toBeVisible({ timeout: 60_000 });
    const municipalityName = (await (await department.request.get('/api/municipalities')).json())[0].name;
    await expect(table.getByRole('link', { name: municipalityName })).toBeVisible();
    await expect(table.getByRole('row', { name: /Регион в целом/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Рейтинг муниципалитетов' })).toBeVisible();
    await expect(page.getByText('значения муниципалитетов приводятся к шкале от 0 до 1')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('region.png'), fullPage: true });

    // The regional справка downloads as a Word document.
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Справка (DOCX)' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/^Справка .*2031\.docx$/);

    // Region → municipality: its schools' results, the analysis asked of the server once.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/regional-programs\/\d+\/municipalities\/\d+\/analysis/.test(r.url())) asked.push(r.url());
    });
    await table.getByRole('link', { name: municipalityName }).click();
    await expect(page.getByRole('heading', { name: municipalityName, exact: true })).toBeVisible();
    await expect(page.getByTestId('analysis')).toBeVisible({ timeout: 60_000 });
    expect(asked).toHaveLength(1);
    const list = page.getByTestId('region-organizations');
    for (const s of schools) await expect(list.getByRole('link', { name: s.shortName })).toBeVisible();

    // Municipality → organization: its values beside the district's and the region's.
    await list.getByRole('link', { name: schools[0].shortName }).click();
    await expect(page.getByRole('heading', { name: schools[0].shortName, exact: true })).toBeVisible();
    const card = page.getByTestId('region-organization-card');
    await expect(card).toBeVisible();
    await expect(card.getByRole('columnheader', { name: 'Регион' })).toBeVisible();
    expect(await card.getByRole('row').count()).toBeGreaterThan(5);
  } finally {
    expect((await department.request.delete(`/api/campaigns/${campaign.id}`)).status()).toBeLessThan(300);
    expect((await department.request.delete(`/api/programs/${programId}`)).status()).toBeLessThan(300);
    await department.context().close();
  }
});
