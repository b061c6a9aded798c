import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUKO_ELEMENTS } from '../../../core/management/muko.ts';
import { createMunicipality, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { documentXmlOf } from '../../test/report-docx.ts';

/**
 * The region scores its municipalities' МУКО elements (1/0, up to five http(s) evidence links, a comment)
 * beside their own self-assessment; the table goes out as XLSX and DOCX.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const ids = { region: 0, a: 0, b: 0, stranger: 0 };
const PASSWORD = 'regional-muko-pass-1';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  const db = t.database.db;
  const a = await createMunicipality(db, { name: 'Аксайский район' });
  // A name a spreadsheet would run as a formula: the export must keep it text.
  const b = await createMunicipality(db, {
    name: '=HYPERLINK("http://evil.example","Б")',
    regionId: a.regionId,
  });
  const stranger = await createMunicipality(db, { name: 'Чужой район' });
  Object.assign(ids, { region: a.regionId, a: a.id, b: b.id, stranger: stranger.id });
  const users = [
    { login: 'region', grants: [{ role: 'regional_coordinator' as const, regionId: a.regionId }] },
    { login: 'other', grants: [{ role: 'regional_coordinator' as const, regionId: stranger.regionId }] },
    { login: 'metodist', grants: [{ role: 'coordinator' as const, municipalityId: a.id }] },
  ];
  for (const u of users) {
    await createUser(db, { ...u, password: PASSWORD, fullName: `Пользователь ${u.login}` });
    cookies[u.login] = await t.login(u.login, PASSWORD);
  }
}, 120_000);
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });
const score = (overrides: Record<string, unknown> = {}) => ({
  municipalityId: ids.a,
  year: 2026,
  elementKey: 'goals',
  score: 1,
  evidence: ['https://aksay.example.ru/prikaz-12', 'http://aksay.example.ru/programma'],
  comment: 'Цели утверждены приказом № 12',
  version: 0,
  ...overrides,
});
const table = async () => {
  const response = await call('region', 'GET', `/api/regions/${ids.region}/muko?year=2026`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the region’s МУКО evaluation', () => {
  it('lists every municipality of the region with its self-assessment and no scores yet', async () => {
    const body = await table();
    expect(body.elements.map((e: { key: string }) => e.key)).toEqual(MUKO_ELEMENTS.map((e) => e.key));
    expect(body.municipalities.map((m: { id: number }) => m.id).sort()).toEqual([ids.a, ids.b].sort());
    const a = body.municipalities.find((m: { id: number }) => m.id === ids.a);
    expect(a.self.rows).toHaveLength(MUKO_ELEMENTS.length);
    expect(a.self.rows[0]).toMatchObject({
      key: 'goals',
      score: 0,
      basis: 'В программах мониторинга не указаны цели',
    });
    expect(a.region).toEqual({ total: 0, scored: 0, scores: {} });
  });

  it('scores an element, changes it with the current version, refuses a stale one', async () => {
    const created = await call('region', 'POST', `/api/regions/${ids.region}/muko/scores`, score());
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ score: 1, version: 1, comment: 'Цели утверждены приказом № 12' });
    const again = await call('region', 'POST', `/api/regions/${ids.region}/muko/scores`, score());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('version_conflict');
    const changed = await call(
      'region',
      'POST',
      `/api/regions/${ids.region}/muko/scores`,
      score({ elementKey: 'goals', score: 0, version: 1, comment: 'Приказ не найден', evidence: [] }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    for (const key of ['indicators', 'monitoring'])
      await call('region', 'POST', `/api/regions/${ids.region}/muko/scores`, score({ elementKey: key }));
    const a = (await table()).municipalities.find((m: { id: number }) => m.id === ids.a);
    expect(a.region.total).toBe(2);
    expect(a.region.scored).toBe(3);
    expect(a.region.scores.goals).toMatchObject({
      score: 0,
      evidence: [],
      comment: 'Приказ не найден',
      userName: 'Пользователь region',
      version: 2,
    });
    expect(a.region.scores.monitoring.evidence).toEqual([
      'https://aksay.example.ru/prikaz-12',
      'http://aksay.example.ru/programma',
    ]);
  });

  it('accepts http(s) evidence only, at most five links, a score of 1 or 0, a municipality of the region', async () => {
    const url = `/api/regions/${ids.region}/muko/scores`;
    const cases: [Record<string, unknown>, string][] = [
      [
        { evidence: ['javascript:alert(1)'] },
        '«Подтверждения»: укажите адрес страницы, начинающийся с http:// или https://',
      ],
      [
        { evidence: ['file:///etc/passwd'] },
        '«Подтверждения»: укажите адрес страницы, начинающийся с http:// или https://',
      ],
      [
        { evidence: Array.from({ length: 6 }, (_, i) => `https://a.example.ru/${i}`) },
        '«Подтверждения»: не больше 5 ссылок',
      ],
      [{ score: 2 }, 'балл — 1 или 0'],
      [{ elementKey: 'nonsense' }, 'неизвестный элемент МУКО'],
    ];
    for (const [overrides, message] of cases) {
      const response = await call('region', 'POST', url, score({ elementKey: 'methods', ...overrides }));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.message).toContain(message);
    }
    const foreign = await call('region', 'POST', url, score({ municipalityId: ids.stranger }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe('Муниципалитет не относится к этому региону.');
    const a = (await table()).municipalities.find((m: { id: number }) => m.id === ids.a);
    expect(a.region.scores.methods).toBeUndefined();
  });

  it('is the region’s: a municipal coordinator or another region’s coordinator is refused', async () => {
    for (const who of ['metodist', 'other']) {
      for (const url of ['muko?year=2026', 'muko.xlsx?year=2026', 'muko.docx?year=2026']) {
        const response = await call(who, 'GET', `/api/regions/${ids.region}/${url}`);
        expect(response.statusCode, `${who} ${url}`).toBe(403);
        expect(response.json().error.message).toBe(
          'МУКО муниципалитетов оценивает региональный координатор этого региона.',
        );
      }
      const write = await call(
        who,
        'POST',
        `/api/regions/${ids.region}/muko/scores`,
        score({ elementKey: 'effect' }),
      );
      expect(write.statusCode).toBe(403);
    }
  });

  it('exports the table as XLSX (read back: scores, totals, text kept text) and as DOCX', async () => {
    const xlsx = await call('region', 'GET', `/api/regions/${ids.region}/muko.xlsx?year=2026`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Оценка МУКО')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r.includes('Муниципалитет'))!;
    expect(header.slice(1, 2 + MUKO_ELEMENTS.length + 2)).toEqual([
      'Муниципалитет',
      ...MUKO_ELEMENTS.map((e) => e.title),
      'Итого (оценка региона)',
      `Самооценка муниципалитета (из ${MUKO_ELEMENTS.length})`,
    ]);
    const a = rows.find((r) => r[1] === 'Аксайский район')!;
    const byTitle = (title: string) => a[header.indexOf(title)];
    expect([byTitle('Цели'), byTitle('Показатели'), byTitle('Мониторинг'), byTitle('Анализ')]).toEqual([
      0,
      1,
      1,
      '—',
    ]);
    expect(byTitle('Итого (оценка региона)')).toBe(2);
    expect(String(byTitle('Комментарии региона'))).toContain('Цели: Приказ не найден');
    const b = rows.find((r) => String(r[1]).includes('HYPERLINK'))!;
    expect(b[1]).toBe(`'=HYPERLINK("http://evil.example","Б")`);

    const docx = await call('region', 'GET', `/api/regions/${ids.region}/muko.docx?year=2026`);
    expect(docx.statusCode).toBe(200);
    const xml = await documentXmlOf(docx.rawPayload);
    expect(xml).toContain('Аксайский район');
    expect(xml).toContain('2 из 9');
    expect(xml).toContain(
      'Показатели (1): Цели утверждены приказом № 12; https://aksay.example.ru/prikaz-12',
    );
  });
});
