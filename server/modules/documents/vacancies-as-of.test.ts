import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { campaignReportXml, docxCells, docxParagraphs } from '../../test/report-docx.ts';

/**
 * A vacancy indicator counts the last reported month, and a campaign's results and its справка say which:
 * «на 01.11.2026» next to the value; a closed campaign keeps the month it was closed with.
 */
let t: TestApp;
let cookie = '';
let programId = 0;
let campaignId = 0;
const ids = { a: 0, b: 0 };

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-20' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const a = await createOrganization(db, m.id, { shortName: 'Школа А' });
  const b = await createOrganization(db, m.id, { shortName: 'Школа Б' });
  Object.assign(ids, { a: a.id, b: b.id });
  // October: А two vacancies; November: А one, Б «вакансий нет».
  await db.insert(s.vacancies).values([
    { organizationId: a.id, month: '2026-10-01', position: 'учитель', subject: 'физика', count: 2 },
    { organizationId: a.id, month: '2026-11-01', position: 'учитель', subject: 'физика', count: 1 },
    { organizationId: b.id, month: '2026-11-01', position: 'учитель', count: 0 },
  ]);
  await createUser(db, {
    login: 'asof-coord',
    password: 'asof-pass-1',
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookie = await t.login('asof-coord', 'asof-pass-1');
  ({ programId, campaignId } = await campaignFromTemplate(t, cookie, {
    municipalityId: m.id,
    templateCode: 'seed-004-myasnikovsky',
    year: 2026,
  }));
}, 120_000);
afterAll(() => t?.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
  t.request({ method, url, cookie, body });

async function reportText() {
  const xml = await campaignReportXml(t, cookie, campaignId);
  return { paragraphs: docxParagraphs(xml), cells: docxCells(xml) };
}

const valueSentence = (paragraphs: string[], code: string) => {
  const title = paragraphs.findIndex((p) => p.startsWith(`Показатель ${code}.`));
  expect(title, `the block of indicator ${code}`).toBeGreaterThanOrEqual(0);
  return paragraphs[title + 1];
};

describe('vacancy indicators «на» the month they count', () => {
  it('a running campaign answers the month with its results', async () => {
    const res = await call('GET', `/api/campaigns/${campaignId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().vacanciesAsOf).toBe('2026-11-01');
    expect(res.json().isFrozen).toBe(false);
  });

  it('the справка says «на 01.11.2026» next to a vacancy value and in its plan against fact, not elsewhere', async () => {
    const tree = (await call('GET', `/api/programs/${programId}`)).json();
    const indicator = tree.criteria
      .flatMap((c: { indicators: { id: number; code: string; version: number }[] }) => c.indicators)
      .find((i: { code: string }) => i.code === '5.4');
    const saved = await call('PATCH', `/api/indicators/${indicator.id}`, {
      targets: { '2026': 0 },
      version: indicator.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const { paragraphs, cells } = await reportText();
    // 5.4 counts the vacancies of November: А one, Б none.
    expect(valueSentence(paragraphs, '5.4')).toMatch(/^Значение по муниципалитету: 1 на 01\.11\.2026[.,]/);
    expect(valueSentence(paragraphs, '5.4')).toContain(
      'План на 2026 год — 0, факт — 1 на 01.11.2026, отклонение — +1: целевой показатель не достигнут.',
    );
    // 5.1: no positions in the registry, one vacancy — 0 of 1.
    expect(valueSentence(paragraphs, '5.1')).toMatch(
      /^Значение по муниципалитету: 0,0\u00a0% на 01\.11\.2026 \(0 из 1\)/,
    );
    // An indicator that counts teachers is not «на» the vacancy month.
    expect(valueSentence(paragraphs, '1.1')).not.toContain('на 01.11.2026');
    expect(cells).toContain('1 на 01.11.2026');
  });

  it('a closed campaign keeps the month it was closed with when a later month is reported', async () => {
    expect((await call('POST', `/api/campaigns/${campaignId}/close`)).statusCode).toBe(200);
    await t.database.db
      .insert(s.vacancies)
      .values([
        { organizationId: ids.a, month: '2026-12-01', position: 'учитель', subject: 'физика', count: 3 },
      ]);
    const frozen = (await call('GET', `/api/campaigns/${campaignId}/results`)).json();
    expect(frozen.isFrozen).toBe(true);
    expect(frozen.vacanciesAsOf).toBe('2026-11-01');
    const live = (await call('GET', `/api/programs/${programId}/results?year=2026`)).json();
    expect(live.vacanciesAsOf).toBe('2026-12-01');
    const { paragraphs } = await reportText();
    expect(valueSentence(paragraphs, '5.4')).toMatch(/^Значение по муниципалитету: 1 на 01\.11\.2026/);
  });
});
