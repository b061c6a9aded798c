import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { insertRun } from './websites.repository.ts';
import { failInterruptedWebsiteChecks } from './websites.service.ts';

/**
 * The website check through the API, against two school sites served on 127.0.0.1 in the test: the run goes
 * on in the background while the server answers polls, each requirement is stored found / not found with its
 * URL, a site that cannot be read gets its Russian reason, a school reads only its own row, and the table
 * comes out as XLSX.
 */
let t: TestApp;
let base = '';
const PASSWORD = 'websites-pass-1';
const cookies: Record<string, string> = {};
const ids = { m: 0, other: 0, full: 0, bare: 0, none: 0 };

const page = (body: string) =>
  `<!doctype html><html><head><title>Школа</title></head><body>${body}</body></html>`;
const site = http.createServer((req, res) => {
  const pages: Record<string, string> = {
    '/full/': page('<a href="/full/sveden/">Сведения об образовательной организации</a>'),
    '/full/sveden/': page(
      '<h1>Сведения об образовательной организации</h1><a href="/sveden/employees">Педагогический состав</a>' +
        '<a href="/full/news">Результаты мониторинга 2025</a>',
    ),
    '/bare/': page('<p>Добро пожаловать</p>'),
  };
  const html = pages[req.url ?? ''];
  if (req.url === '/robots.txt') {
    res.writeHead(404);
    res.end();
  } else if (html) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  } else {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Нет</h1>');
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  process.env.CRAWLER_ALLOW_HOSTS = '127.0.0.1';
  process.env.CRAWLER_DELAY_MS = '0';
  t = await createTestApp();
  const db = t.database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db);
  const full = await createOrganization(db, m.id, { shortName: 'СОШ Полная', website: `${base}/full/` });
  const bare = await createOrganization(db, m.id, { shortName: 'СОШ Пустая', website: `${base}/bare/` });
  const none = await createOrganization(db, m.id, { shortName: 'СОШ Без сайта', website: null });
  Object.assign(ids, { m: m.id, other: other.id, full: full.id, bare: bare.id, none: none.id });
  const users = [
    {
      login: 'coord',
      fullName: 'Иванова М. П.',
      grants: [{ role: 'coordinator' as const, municipalityId: m.id }],
    },
    { login: 'foreign', grants: [{ role: 'coordinator' as const, municipalityId: other.id }] },
    {
      login: 'head',
      grants: [{ role: 'org_manager' as const, municipalityId: m.id, organizationId: bare.id }],
    },
  ];
  for (const u of users) {
    await createUser(db, { ...u, password: PASSWORD });
    cookies[u.login] = await t.login(u.login, PASSWORD);
  }
}, 120_000);
afterAll(async () => {
  delete process.env.CRAWLER_ALLOW_HOSTS;
  delete process.env.CRAWLER_DELAY_MS;
  await t?.close();
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });

async function untilFinished() {
  for (let i = 0; i < 500; i++) {
    const res = await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks`);
    if (res.json().run?.status !== 'running') return res.json();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the run did not finish');
}

describe('website monitoring through the API', () => {
  it('shows the federal checklist before any run, without writing it', async () => {
    const res = await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks`);
    expect(res.statusCode).toBe(200);
    expect(res.json().run).toBeNull();
    expect(res.json().requirements.map((r: { code: string }) => r.code)).toEqual([
      'sveden',
      'managers',
      'employees',
      'documents',
      'education',
      'mentoring',
      'monitoring',
    ]);
  });

  it('runs in the background, one run at a time, and stores each requirement with its URL', async () => {
    const start = await call('coord', 'POST', `/api/municipalities/${ids.m}/website-checks`, {});
    expect(start.statusCode).toBe(202);
    expect(start.json()).toMatchObject({ status: 'running', total: 3 });
    const second = await call('coord', 'POST', `/api/municipalities/${ids.m}/website-checks`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe(
      'Проверка сайтов этого муниципалитета уже идёт. Дождитесь её окончания.',
    );
    const result = await untilFinished();
    expect(result.run).toMatchObject({ status: 'done', done: 3, total: 3 });
    const byOrg = Object.fromEntries(
      result.rows.map((r: { organizationId: number }) => [r.organizationId, r]),
    );
    const found = (orgId: number) =>
      Object.fromEntries(
        byOrg[orgId].items
          .filter((i: { isFound: boolean }) => i.isFound)
          .map((i: { code: string; url: string }) => [i.code, i.url]),
      );
    expect(found(ids.full)).toEqual({
      sveden: `${base}/full/sveden/`,
      employees: `${base}/sveden/employees`,
      monitoring: `${base}/full/news`,
    });
    expect(byOrg[ids.full].items).toHaveLength(7);
    expect(byOrg[ids.full].error).toBeNull();
    expect(found(ids.bare)).toEqual({});
    expect(byOrg[ids.bare].pagesVisited).toBe(1);
    expect(byOrg[ids.none].error).toBe('адрес сайта не указан или некорректен (нужен http:// или https://)');
  });

  it('feeds the formula function websites(): organizations whose site met a requirement', async () => {
    const { results, problems } = await computeIndicators({
      db: t.database.db,
      ctx: { municipalityId: ids.m, period: reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2026) },
      indicators: [
        indicator('sveden', 'websites(requirement = "sveden")'),
        indicator('share', 'websites(requirement = "employees")', 'organizations()'),
        indicator('any', 'websites()'),
        indicator('mentoring', 'websites(requirement = "mentoring")'),
      ],
    });
    expect(problems).toEqual([]);
    const value = (code: string, org: number | null) =>
      results.find((r) => r.indicator === code && r.organization === org)!.value;
    expect(value('sveden', null)).toBe(1);
    expect(value('sveden', ids.full)).toBe(1);
    expect(value('sveden', ids.bare)).toBe(0);
    expect(value('share', null)).toBeCloseTo(100 / 3, 3);
    expect(value('any', null)).toBe(1);
    expect(value('mentoring', null)).toBe(0);
    // A period that ended before the check knows nothing of it.
    const before = await computeIndicators({
      db: t.database.db,
      ctx: { municipalityId: ids.m, period: reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2020) },
      indicators: [indicator('sveden', 'websites(requirement = "sveden")')],
    });
    expect(before.results.find((r) => r.organization === null)!.value).toBe(0);
  });

  it('lets a school head see only its own row, and refuses another municipality', async () => {
    const own = await call('head', 'GET', `/api/municipalities/${ids.m}/website-checks`);
    expect(own.statusCode).toBe(200);
    expect(own.json().canRun).toBe(false);
    expect(own.json().rows.map((r: { organizationId: number }) => r.organizationId)).toEqual([ids.bare]);
    expect((await call('head', 'POST', `/api/municipalities/${ids.m}/website-checks`, {})).statusCode).toBe(
      403,
    );
    expect((await call('foreign', 'GET', `/api/municipalities/${ids.m}/website-checks`)).statusCode).toBe(
      403,
    );
  });

  it('lets the department edit the checklist, with Russian errors naming the field', async () => {
    const bad = await call('coord', 'PUT', `/api/municipalities/${ids.m}/website-requirements`, {
      requirements: [{ code: 'Наставники', title: 'Наставничество', keywords: ['наставник'] }],
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe(
      'Требование 1, «Код»: только латинские буквы, цифры, «_» и «-», до 40 знаков.',
    );
    const checklist = [
      { code: 'sveden', title: 'Сведения', paths: ['/full/sveden'] },
      { code: 'welcome', title: 'Приветствие', keywords: ['Школа'] },
    ];
    const before = await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks`);
    expect(before.json().checklistVersion).toBe(0);
    const ok = await call('coord', 'PUT', `/api/municipalities/${ids.m}/website-requirements`, {
      requirements: checklist,
      version: 0,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(1);
    // A second editor who started from the same version does not overwrite the first one's checklist.
    const stale = await call('coord', 'PUT', `/api/municipalities/${ids.m}/website-requirements`, {
      requirements: [{ code: 'other', title: 'Другое', keywords: ['x'] }],
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const again = await call('coord', 'PUT', `/api/municipalities/${ids.m}/website-requirements`, {
      requirements: checklist,
      version: 1,
    });
    expect(again.json().version).toBe(2);
    await call('coord', 'POST', `/api/municipalities/${ids.m}/website-checks`, { organizationId: ids.bare });
    const result = await untilFinished();
    expect(result.run.total).toBe(1);
    // The run over one school leaves the others' latest results standing.
    expect(result.rows).toHaveLength(3);
    const bare = result.rows.find((r: { organizationId: number }) => r.organizationId === ids.bare);
    expect(bare.items).toEqual([
      {
        code: 'sveden',
        title: 'Сведения',
        isFound: false,
        url: null,
        crawled: { isFound: false, url: null },
        override: null,
      },
      {
        code: 'welcome',
        title: 'Приветствие',
        isFound: true,
        url: `${base}/bare/`,
        crawled: { isFound: true, url: `${base}/bare/` },
        override: null,
      },
    ]);
  });

  it('exports the table as XLSX', async () => {
    const res = await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(texts.join('\n')).toContain(`СОШ Пустая | ${base}/bare/ | ✗ | ✓ ${base}/bare/`);
  });
});

describe('a run cut off by a restart', () => {
  it('is marked failed at the start of the server, saying how far it got, and no longer blocks a run', async () => {
    const db = t.database.db;
    // What a process that stopped mid-run leaves: the run still «running», fresh (not stale by its age).
    const left = await insertRun(db, { municipalityId: ids.m, total: 3, startedBy: null });
    const blocked = await call('coord', 'POST', `/api/municipalities/${ids.m}/website-checks`, {});
    expect(blocked.statusCode).toBe(409);
    expect(await failInterruptedWebsiteChecks(db)).toEqual([{ id: left.id, municipalityId: ids.m }]);
    const checks = (await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks`)).json();
    expect(checks.run).toMatchObject({
      id: left.id,
      status: 'failed',
      error: 'Проверка прервана перезапуском сервера: проверено 0 из 3',
      finishedAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(await failInterruptedWebsiteChecks(db)).toEqual([]);
  });
});

describe('the coordinator overrides a check result', () => {
  const sveden = async () => {
    const { results } = await computeIndicators({
      db: t.database.db,
      ctx: { municipalityId: ids.m, period: reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2026) },
      indicators: [indicator('sveden', 'websites(requirement = "sveden")')],
    });
    const value = (org: number | null) => results.find((r) => r.organization === org)!.value;
    return { all: value(null), full: value(ids.full), bare: value(ids.bare), none: value(ids.none) };
  };
  const rowOf = async (orgId: number) =>
    (await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks`))
      .json()
      .rows.find((r: { organizationId: number }) => r.organizationId === orgId);
  const url = (orgId: number, code: string) => `/api/organizations/${orgId}/website-overrides/${code}`;

  it('is the department’s: a school head and another municipality are refused', async () => {
    const body = { isFound: true, url: 'https://example.org/sveden' };
    const head = await call('head', 'PUT', url(ids.bare, 'sveden'), body);
    expect(head.statusCode).toBe(403);
    expect(head.json().error.message).toBe(
      'Результат проверки сайта вручную отмечает отдел образования (координатор муниципалитета).',
    );
    expect((await call('foreign', 'PUT', url(ids.bare, 'sveden'), body)).statusCode).toBe(403);
    expect((await call('foreign', 'DELETE', url(ids.bare, 'sveden'))).statusCode).toBe(403);
  });

  it('refuses bad input with Russian messages naming the field', async () => {
    const noUrl = await call('coord', 'PUT', url(ids.bare, 'sveden'), { isFound: true });
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.json().error).toMatchObject({
      message: '«Адрес страницы»: укажите, где на сайте размещено требуемое.',
      details: { field: 'url' },
    });
    const badUrl = await call('coord', 'PUT', url(ids.bare, 'sveden'), { isFound: true, url: 'ftp://x' });
    expect(badUrl.json().error.message).toBe(
      '«Адрес страницы»: нужен адрес, начинающийся с http:// или https://.',
    );
    const unknown = await call('coord', 'PUT', url(ids.bare, 'nope'), { isFound: false });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('«Требование»: требования с кодом «nope» нет в перечне.');
  });

  it('wins in the formula, the table and the XLSX, and a later crawl keeps it but shows both', async () => {
    expect(await sveden()).toEqual({ all: 1, full: 1, bare: 0, none: 0 });
    const set = await call('coord', 'PUT', url(ids.bare, 'sveden'), {
      isFound: true,
      url: 'https://bare.example/svedenia',
      comment: 'Раздел в меню «О школе», робот его не видит',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ isFound: true, setBy: 'Иванова М. П.' });
    // A school never crawled counts by the override too.
    await call('coord', 'PUT', url(ids.none, 'sveden'), { isFound: true, url: 'https://none.example/' });
    // And «not found» overrides a crawl that found it.
    await call('coord', 'PUT', url(ids.full, 'sveden'), { isFound: false, comment: 'Пустая страница' });
    expect(await sveden()).toEqual({ all: 2, full: 0, bare: 1, none: 1 });

    await call('coord', 'POST', `/api/municipalities/${ids.m}/website-checks`, { organizationId: ids.bare });
    await untilFinished();
    const bare = await rowOf(ids.bare);
    expect(bare.items.find((i: { code: string }) => i.code === 'sveden')).toMatchObject({
      isFound: true,
      url: 'https://bare.example/svedenia',
      crawled: { isFound: false, url: null },
      override: {
        isFound: true,
        comment: 'Раздел в меню «О школе», робот его не видит',
        setBy: 'Иванова М. П.',
      },
    });
    expect(await sveden()).toEqual({ all: 2, full: 0, bare: 1, none: 1 });

    const res = await call('coord', 'GET', `/api/municipalities/${ids.m}/website-checks.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    book.worksheets[0].eachRow((row) => texts.push((row.values as unknown[]).slice(1).join(' | ')));
    const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('.');
    expect(texts.join('\n')).toContain(
      `СОШ Пустая | ${base}/bare/ | ✓ https://bare.example/svedenia (вручную, Иванова М. П., ${today}; проверка: ✗)`,
    );
    expect(texts.join('\n')).toContain(`✗ (вручную, Иванова М. П., ${today}; проверка: ✓)`);
  });

  it('is taken off, and the crawl counts again', async () => {
    expect((await call('coord', 'DELETE', url(ids.full, 'sveden'))).statusCode).toBe(200);
    expect((await call('coord', 'DELETE', url(ids.full, 'sveden'))).statusCode).toBe(404);
    const full = await rowOf(ids.full);
    expect(full.items.find((i: { code: string }) => i.code === 'sveden')).toMatchObject({
      isFound: true,
      override: null,
    });
    expect(await sveden()).toEqual({ all: 3, full: 1, bare: 1, none: 1 });
  });
});
