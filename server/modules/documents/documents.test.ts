import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { campaignParticipants, recommendations } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { decodeXml, hasLibreOffice } from '../../test/office.ts';
import { findJob } from './jobs.ts';
import { documentXmlOf } from '../../test/report-docx.ts';

/** The documents of the demo district's campaigns, through the API: content equals the computed results. */
let t: TestApp;
const cookies: Record<string, string> = {};
let latestId = 0;
let earlierId = 0;
let activeId = 0;
const PASSWORD = 'documents-pass-1';

interface Result {
  indicator: string;
  organization: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: 'high' | 'medium' | 'low' | null;
  isApplicable: boolean;
}
interface Analysis {
  indicators: { code: string; name: string; unit: string }[];
  organizations: { id: number; name: string }[];
  results: Result[];
}
let analysis: Analysis;
let neighbourId = 0;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: PASSWORD });
  const other = await createMunicipality(t.database.db, { name: 'Соседний район' });
  neighbourId = other.id;
  await createUser(t.database.db, {
    login: 'neighbour',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: other.id }],
  });
  for (const login of ['metodist', 'school1', 'school5', 'neighbour'])
    cookies[login] = await t.login(login, PASSWORD);
  const campaigns = (await call('metodist', 'GET', '/api/campaigns')).json();
  const closed = campaigns
    .filter((c: { status: string }) => c.status === 'closed')
    .sort((a: { year: number }, b: { year: number }) => a.year - b.year);
  earlierId = closed[0].id;
  latestId = closed[closed.length - 1].id;
  activeId = campaigns.find((c: { status: string }) => c.status === 'active').id;
  analysis = (await call('metodist', 'GET', `/api/campaigns/${latestId}/analysis`)).json();
  // The demo's draws decide which schools get recommendations; the letters below are those of СОШ № 1, so it
  // gets one from the department when the draws gave it none.
  const schoolOne = analysis.organizations.find((o) => o.name === 'МБОУ СОШ № 1')!;
  const existing = (await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)).json();
  if (!existing.some((r: { organizationId: number | null }) => r.organizationId === schoolOne.id)) {
    const added = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: schoolOne.id,
      text: 'Провести методический семинар для педагогов по итогам мониторинга.',
      deadline: '2027-05-31',
    });
    expect(added.statusCode, added.body).toBe(201);
  }
}, 300_000);
afterAll(() => t?.close());

function call(who: string | null, method: 'GET' | 'POST', url: string, body?: unknown) {
  return t.request({ method, url, cookie: who ? cookies[who] : undefined, body });
}

/** Starts a job and follows it to the end, collecting the stages it reported. */
async function generate(who: string, campaignId: number, body: object) {
  const started = await call(who, 'POST', `/api/campaigns/${campaignId}/documents`, body);
  expect(started.statusCode, started.body).toBe(202);
  const stages = new Set<string>();
  let job = started.json();
  while (job.status === 'running') {
    stages.add(job.stage);
    await new Promise((resolve) => setImmediate(resolve));
    job = (await call(who, 'GET', `/api/document-jobs/${job.id}`)).json();
  }
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  expect(job.done).toBe(job.total);
  const file = await call(who, 'GET', job.downloadUrl);
  expect(file.statusCode).toBe(200);
  // A poll sees the stage of its moment only; the job itself keeps every stage it reported.
  const me = (await call(who, 'GET', '/api/auth/me')).json();
  for (const stage of findJob(job.id, me.id).stages) stages.add(stage);
  return { job, stages, file: file.rawPayload, headers: file.headers };
}

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

/** The body of a Word document as paragraphs and tables in their order. */
async function readDocx(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await documentXmlOf(buffer);
  const blocks: Block[] = [];
  for (const m of xml.matchAll(/<w:tbl>.*?<\/w:tbl>|<w:p[ >].*?<\/w:p>/gs)) {
    if (m[0].startsWith('<w:tbl>'))
      blocks.push({
        kind: 'table',
        rows: [...m[0].matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((row) =>
          [...row[0].matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((c) => textOf(c[0])),
        ),
      });
    else blocks.push({ kind: 'p', text: textOf(m[0]) });
  }
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !zip.files[f].dir);
  const images = await Promise.all(media.map((f) => zip.file(f)!.async('nodebuffer')));
  return { xml, text: textOf(xml), blocks, media, images };
}

/** The expected printing of a value, written independently of the generator: «46,9 %», «7», «есть». */
function printed(value: number | null, unit: string) {
  if (value === null) return '—';
  if (unit === 'presence') return value > 0 ? 'есть' : 'нет';
  if (unit === 'percent') return `${value.toFixed(1).replace('.', ',')}\u00a0%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',');
}
const LEVEL = { high: 'высокий', medium: 'средний', low: 'низкий' } as const;
const resultOf = (code: string, org: number | null) =>
  analysis.results.find((r) => r.indicator === code && r.organization === org);

describe('the summary analytical report', () => {
  let report: Awaited<ReturnType<typeof readDocx>>;
  let stages: Set<string>;

  beforeAll(async () => {
    const generated = await generate('metodist', latestId, { kind: 'report' });
    stages = generated.stages;
    expect(generated.headers['content-type']).toContain('wordprocessingml');
    expect(String(generated.headers['content-disposition'])).toContain(
      encodeURIComponent('Сводная аналитическая справка 2025.docx'),
    );
    report = await readDocx(generated.file);
  }, 120_000);

  it('shows its progress by charts', () => {
    expect([...stages].some((s) => /^Справка: диаграммы \d+ из \d+$/.test(s))).toBe(true);
  });

  it('carries the department requisites, the reference date, stages and participants', () => {
    expect(report.text).toContain(
      'МУНИЦИПАЛЬНОЕ УЧРЕЖДЕНИЕ «ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ПРИРЕЧЕНСКОГО РАЙОНА»',
    );
    expect(report.text).toContain('ИНН/КПП 6122004567/612201001');
    expect(report.text).toContain('по состоянию на 01.01.2026');
    expect(report.text).toContain('Основной этап (01.05.2026 — 01.06.2026)');
    expect(report.text).toContain(`В мониторинге участвовали ${analysis.organizations.length} организаций`);
    expect(report.text).toContain('Выявление профессиональных дефицитов и потребностей педагогов');
  });

  it('prints every organization’s value, numerator, denominator and level as computed', () => {
    let checked = 0;
    for (const indicator of analysis.indicators) {
      const at = report.blocks.findIndex(
        (b) => b.kind === 'p' && b.text.startsWith(`Показатель ${indicator.code}. `),
      );
      expect(at, indicator.code).toBeGreaterThan(0);
      const table = report.blocks.slice(at).find((b) => b.kind === 'table') as { rows: string[][] };
      expect(table.rows[0]).toEqual(['№', 'Организация', 'Числитель', 'Знаменатель', 'Значение', 'Уровень']);
      for (const o of [...analysis.organizations, { id: null, name: 'Муниципалитет' }]) {
        const r = resultOf(indicator.code, o.id);
        const row = table.rows.find((cells) => cells[1] === o.name);
        expect(row, `${indicator.code} ${o.name}`).toBeDefined();
        // A kindergarten on a school indicator: «не применяется», neither 0 nor «нет данных».
        expect(row![4]).toBe(
          r?.isApplicable === false ? 'не применяется' : printed(r?.value ?? null, indicator.unit),
        );
        expect(row![5]).toBe(r?.level ? LEVEL[r.level] : '—');
        if (r?.numerator !== null && r?.numerator !== undefined) expect(row![2]).toBe(String(r.numerator));
        checked++;
      }
    }
    expect(checked).toBe(analysis.indicators.length * (analysis.organizations.length + 1));
  });

  it('embeds the charts as PNG images: one per indicator with values and the dynamics', () => {
    const charted = analysis.indicators.filter(
      (i) =>
        i.unit !== 'presence' &&
        analysis.results.some((r) => r.indicator === i.code && r.organization !== null && r.value !== null),
    );
    expect(report.media.filter((f) => f.endsWith('.png'))).toHaveLength(charted.length + 1);
    for (const png of report.images) expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((report.xml.match(/<pic:pic /g) ?? []).length).toBe(charted.length + 1);
    expect(report.text).toContain('Рисунок: динамика значений показателей по муниципалитету (2024, 2025), %');
  });

  it('holds the statistics, rating, dynamics, conclusions, recommendations and the effect of measures', async () => {
    for (const h of [
      'Описательная статистика',
      'Рейтинг организаций',
      'Динамика показателей',
      'Выводы',
      'Адресные рекомендации',
      'Анализ эффективности принятых мер',
    ])
      expect(report.text).toContain(h);
    const answer = (await call('metodist', 'GET', `/api/campaigns/${latestId}/analysis`)).json();
    const rating = answer.rating.rows;
    // The analysis names each organization once, in its dictionary.
    const leader = answer.organizations.find((o: { id: number }) => o.id === rating[0].organizationId);
    const ratingTable = report.blocks.find((b) => b.kind === 'table' && b.rows[0][0] === 'Место') as {
      rows: string[][];
    };
    expect(ratingTable.rows[1][1]).toBe(leader.name);
    expect(ratingTable.rows[1][2]).toBe(rating[0].score.toFixed(1).replace('.', ','));
    const conclusions = (await call('metodist', 'GET', `/api/campaigns/${latestId}/conclusions`)).json();
    expect(report.text).toContain(conclusions[0].text);
    expect(report.text).toContain('Начальник отдела образования');
  });
});

describe('the letter of addressed recommendations', () => {
  it('to one organization: the requisites, date and number, addressee, its recommendations only', async () => {
    const recommendations = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)
    ).json();
    const own = recommendations.filter(
      (r: { organizationName: string }) => r.organizationName === 'МБОУ СОШ № 1',
    );
    const others = recommendations.filter(
      (r: { organizationName: string | null; text: string }) =>
        r.organizationName &&
        r.organizationName !== 'МБОУ СОШ № 1' &&
        !own.some((o: { text: string }) => o.text === r.text),
    );
    expect(own.length).toBeGreaterThan(0);
    const orgId = own[0].organizationId;
    const response = await call(
      'metodist',
      'GET',
      `/api/campaigns/${latestId}/documents/letters?organizationId=${orgId}`,
    );
    expect(response.statusCode).toBe(200);
    const letter = await readDocx(response.rawPayload);
    expect(letter.text).toContain('Руководителю МБОУ СОШ № 1');
    expect(letter.text).toContain('от 12.07.2026 № 768');
    expect(letter.text).toContain('roo@prirechensky.example.ru');
    expect(letter.text).toContain('Выводы по муниципалитету (кратко):');
    own.forEach((r: { text: string }) => expect(letter.text).toContain(r.text));
    if (others.length) expect(letter.text).not.toContain(others[0].text);
    expect(letter.text).toContain('Р.В. Беззубцева');
    expect(letter.text).toContain('Исп. Сафонова Ирина Петровна');
    expect((letter.xml.match(/<w:sectPr/g) ?? []).length).toBe(1);
  });

  it('to all: a page per organization with recommendations', async () => {
    const catalog = (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents`)).json();
    expect(catalog.addressees.length).toBeGreaterThan(1);
    const { file, stages } = await generate('metodist', latestId, { kind: 'letters' });
    expect([...stages].some((s) => /^Письма: \d+ из \d+$/.test(s))).toBe(true);
    const letters = await readDocx(file);
    expect((letters.xml.match(/<w:sectPr/g) ?? []).length).toBe(catalog.addressees.length);
    for (const a of catalog.addressees) expect(letters.text).toContain(`Руководителю ${a.name}`);
  });
});

describe('statistical forms', () => {
  it('hold every indicator for every organization and the municipality as numbers, with frozen headers and filters', async () => {
    const { file } = await generate('metodist', latestId, { kind: 'stat-forms' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const summary = workbook.getWorksheet('Сводная')!;
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(summary.autoFilter).toBeTruthy();
    const header = summary.getRow(3).values as string[];
    for (const o of analysis.organizations) {
      const row = summary.getColumn(2).values.findIndex((v) => v === o.name);
      expect(row, o.name).toBeGreaterThan(3);
      analysis.indicators.forEach((indicator, j) => {
        expect(header[4 + j]).toContain(indicator.code);
        const r = resultOf(indicator.code, o.id);
        expect(summary.getRow(row).getCell(4 + j).value ?? null).toBe(
          r?.isApplicable === false ? 'не применяется' : (r?.value ?? null),
        );
      });
    }
    // Prints on A4 landscape, one page wide, the header repeated on every page.
    for (const sheet of workbook.worksheets)
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
    expect(summary.pageSetup.printTitlesRow).toBe('1:3');
    const municipalRow = summary.getColumn(2).values.findIndex((v) => v === 'Муниципалитет');
    expect(summary.getRow(municipalRow).getCell(4).value).toBe(
      resultOf(analysis.indicators[0].code, null)?.value,
    );
    const percent = analysis.indicators.findIndex((i) => i.unit === 'percent');
    expect(summary.getRow(municipalRow).getCell(4 + percent).numFmt).toBe('0.0');

    const criterion = workbook.getWorksheet('Критерий 1')!;
    expect(criterion.getCell(4, 3).value).toBe('Числитель');
    const first = analysis.indicators[0];
    const rowOf = criterion.getColumn(2).values.findIndex((v) => v === analysis.organizations[0].name);
    const r = resultOf(first.code, analysis.organizations[0].id)!;
    expect(criterion.getRow(rowOf).getCell(3).value).toBe(r.numerator);
    expect(criterion.getRow(rowOf).getCell(4).value).toBe(r.denominator);
    expect(criterion.getRow(rowOf).getCell(5).value).toBe(r.value);
    expect(criterion.getRow(rowOf).getCell(6).value).toBe(r.level ? LEVEL[r.level] : null);

    const long = workbook.getWorksheet('Все значения')!;
    expect(long.rowCount).toBe(1 + analysis.indicators.length * (analysis.organizations.length + 1));
    expect(long.autoFilter).toBeTruthy();
    expect(workbook.getWorksheet('Показатели')!.rowCount).toBe(1 + analysis.indicators.length);
  });
});

describe('the archive', () => {
  it('holds the report, the letters together and one by one, and the forms', async () => {
    const { file, stages } = await generate('metodist', latestId, { kind: 'archive' });
    expect(stages.size).toBeGreaterThan(1);
    const zip = await JSZip.loadAsync(file);
    const names = Object.keys(zip.files);
    expect(names).toContain('Сводная аналитическая справка 2025.docx');
    expect(names).toContain('Адресные рекомендации 2025 (все организации).docx');
    expect(names).toContain('Статистические формы 2025.xlsx');
    expect(names).toContain('Письма организациям/МБОУ СОШ № 1.docx');
  });
});

describe('who may have which document', () => {
  const schoolOneId = () => analysis.organizations.find((o) => o.name === 'МБОУ СОШ № 1')!.id;
  const schoolFiveId = () => analysis.organizations.find((o) => o.name === 'МБОУ СОШ № 5')!.id;

  it('an organization downloads only its own letter, once the results are published', async () => {
    const own = await call(
      'school1',
      'GET',
      `/api/campaigns/${latestId}/documents/letters?organizationId=${schoolOneId()}`,
    );
    expect(own.statusCode).toBe(200);
    const letter = await readDocx(own.rawPayload);
    expect(letter.text).toContain('Руководителю МБОУ СОШ № 1');
    expect(letter.text).not.toContain('Руководителю МБОУ СОШ № 5');

    const mine = (await call('school1', 'GET', '/api/my-letters')).json();
    expect(mine.map((l: { campaignId: number }) => l.campaignId)).toEqual([latestId]);
    expect(mine[0].url).toBe(`/api/campaigns/${latestId}/documents/letters?organizationId=${schoolOneId()}`);
    expect((await call('metodist', 'GET', '/api/my-letters')).json()).toEqual([]);

    const foreign = await call(
      'school1',
      'GET',
      `/api/campaigns/${latestId}/documents/letters?organizationId=${schoolFiveId()}`,
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toBe('Письмо адресовано другой организации.');
    const unpublished = await call(
      'school1',
      'GET',
      `/api/campaigns/${earlierId}/documents/letters?organizationId=${schoolOneId()}`,
    );
    expect(unpublished.statusCode).toBe(403);
    expect(unpublished.json().error.message).toMatch(/после публикации итогов мониторинга/);
    for (const kind of ['report', 'stat-forms', 'archive', 'letters'])
      expect((await call('school1', 'GET', `/api/campaigns/${latestId}/documents/${kind}`)).statusCode).toBe(
        403,
      );
    expect(
      (await call('school1', 'POST', `/api/campaigns/${latestId}/documents`, { kind: 'report' })).statusCode,
    ).toBe(403);
    expect((await call('school1', 'GET', `/api/campaigns/${latestId}/documents`)).statusCode).toBe(403);
  });

  it('a letter goes only to an organization of the campaign’s municipality, whatever the campaign lists', async () => {
    const db = t.database.db;
    const stray = await createOrganization(db, neighbourId, {
      name: 'Муниципальное бюджетное общеобразовательное учреждение «Соседняя школа»',
      shortName: 'МБОУ Соседняя школа',
    });
    // A campaign enrolled before enrolment was checked against its municipality may list such a school,
    // with a recommendation addressed to it. The database now refuses such a participant (migration 0016),
    // so the old state is made with its trigger off, as an old database would hold it.
    const trigger = 'campaign_participants_same_municipality';
    await db.execute(sql.raw(`alter table campaign_participants disable trigger ${trigger}`));
    await db.insert(campaignParticipants).values({ campaignId: latestId, organizationId: stray.id });
    await db.execute(sql.raw(`alter table campaign_participants enable trigger ${trigger}`));
    await db.insert(recommendations).values({
      campaignId: latestId,
      organizationId: stray.id,
      text: 'Провести диагностику профессиональных дефицитов',
      addressee: 'МБОУ Соседняя школа',
    });
    // Its manager, who also teaches in the demo district (so reads that municipality).
    await createUser(db, {
      login: 'stray-manager',
      password: PASSWORD,
      grants: [
        { role: 'org_manager', organizationId: stray.id },
        { role: 'teacher', organizationId: schoolOneId() },
      ],
    });
    const stranger = await t.login('stray-manager', PASSWORD);
    try {
      const letter = `/api/campaigns/${latestId}/documents/letters?organizationId=${stray.id}`;
      for (const response of [
        await call('metodist', 'GET', letter),
        await call('metodist', 'POST', `/api/campaigns/${latestId}/documents`, {
          kind: 'letters',
          organizationId: stray.id,
        }),
        await call('metodist', 'POST', `/api/campaigns/${latestId}/documents`, {
          kind: 'report',
          organizationId: stray.id,
        }),
        await t.request({ method: 'GET', url: letter, cookie: stranger }),
      ]) {
        expect(response.statusCode, response.body.slice(0, 200)).toBe(404);
        expect(response.json().error.message).toBe('Организация не участвует в этом мониторинге.');
      }
    } finally {
      await db.delete(recommendations).where(eq(recommendations.organizationId, stray.id));
      await db
        .delete(campaignParticipants)
        .where(
          and(
            eq(campaignParticipants.campaignId, latestId),
            eq(campaignParticipants.organizationId, stray.id),
          ),
        );
    }
  });

  it('another municipality gets nothing, nobody sees someone else’s job, a stranger must log in', async () => {
    for (const kind of ['report', 'stat-forms', 'archive'])
      expect(
        (await call('neighbour', 'GET', `/api/campaigns/${latestId}/documents/${kind}`)).statusCode,
      ).toBe(403);
    expect(
      (
        await call(
          'neighbour',
          'GET',
          `/api/campaigns/${latestId}/documents/letters?organizationId=${schoolOneId()}`,
        )
      ).statusCode,
    ).toBe(403);
    expect((await call('neighbour', 'GET', `/api/campaigns/${latestId}/documents`)).statusCode).toBe(403);
    const started = (
      await call('metodist', 'POST', `/api/campaigns/${latestId}/documents`, { kind: 'stat-forms' })
    ).json();
    expect((await call('school1', 'GET', `/api/document-jobs/${started.id}`)).statusCode).toBe(404);
    expect((await call('neighbour', 'GET', `/api/document-jobs/${started.id}/file`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/campaigns/${latestId}/documents/report`)).statusCode).toBe(401);
  });

  it('refuses a bad request in Russian', async () => {
    const bad = await call('metodist', 'POST', `/api/campaigns/${latestId}/documents`, { kind: 'poster' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/вид документа/);
    const stranger = await call(
      'metodist',
      'GET',
      `/api/campaigns/${latestId}/documents/letters?organizationId=999999`,
    );
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.message).toBe('Организация не участвует в этом мониторинге.');
  });

  it('warns that a campaign still running gives today’s values', async () => {
    const catalog = (await call('metodist', 'GET', `/api/campaigns/${activeId}/documents`)).json();
    expect(catalog.isFrozen).toBe(false);
    expect(catalog.warnings.join(' ')).toMatch(/Мониторинг не закрыт/);
  });
});

if (!hasLibreOffice)
  console.warn(
    'documents.test.ts: libreoffice не найден в PATH — проверка открытия DOCX/XLSX в LibreOffice пропущена (в CI её запускает проход db-тестов).',
  );

describe.skipIf(!hasLibreOffice)('opening in LibreOffice (needs libreoffice on PATH)', () => {
  it('converts the report, the letters and the forms to PDF', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-lo-'));
    try {
      const files = {
        'report.docx': (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/report`))
          .rawPayload,
        'letters.docx': (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/letters`))
          .rawPayload,
        'forms.xlsx': (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/stat-forms`))
          .rawPayload,
      };
      for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
      // A profile of its own: another LibreOffice running on the machine must not capture the conversion.
      const converted = spawnSync(
        'libreoffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          ...Object.keys(files).map((f) => path.join(dir, f)),
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      expect(converted.status, converted.stderr).toBe(0);
      for (const name of ['report.pdf', 'letters.pdf', 'forms.pdf']) {
        const pdf = readFileSync(path.join(dir, name));
        expect(pdf.subarray(0, 5).toString('latin1'), name).toBe('%PDF-');
        // A page count that matches the content: the report spans many pages, every letter at least one.
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages, name).toBeGreaterThan(name === 'report.pdf' ? 10 : 0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
