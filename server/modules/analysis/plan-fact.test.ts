import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandAnalysis } from '../../../core/analysis/compact.ts';
import { egorlyksky } from '../../../core/templates/egorlyksky-001.ts';
import { createUser } from '../../seed/factories.ts';
import { DEMO_ORGANIZATIONS } from '../../seed/demo-district.ts';
import { seedDemo } from '../../seed/demo.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { campaignReportXml, docxCells, docxParagraphs } from '../../test/report-docx.ts';

/**
 * Plan against fact through the API: targets saved by the program editor, the conclusion drafted when the
 * target of the campaign's year is missed (and only then), re-checked against the data, and the справка's
 * «план / факт / отклонение».
 */
let t: TestApp;
let cookie = '';
let programId = 0;
let campaignId = 0;
const YEAR = 2026;

interface Indicator {
  id: number;
  code: string;
  version: number;
  targets: Record<string, number>;
}

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  const organizations = [0, 2, 3, 13, 22].map((i) => ({
    ...DEMO_ORGANIZATIONS[i],
    size: Math.max(4, Math.round(DEMO_ORGANIZATIONS[i].size / 4)),
  }));
  const demo = await seedDemo({
    db: t.database.db,
    seed: 7,
    today: '2026-11-01',
    organizations,
    isRegistryOnly: true,
  });
  await createUser(t.database.db, {
    login: 'plan-coordinator',
    password: 'plan-pass-1',
    grants: [{ role: 'coordinator', municipalityId: demo.municipalityId }],
  });
  cookie = await t.login('plan-coordinator', 'plan-pass-1');
  ({ programId, campaignId } = await campaignFromTemplate(t, cookie, {
    municipalityId: demo.municipalityId,
    templateCode: egorlyksky.code,
    year: YEAR,
  }));
}, 180_000);
afterAll(() => t?.close());

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
  t.request({ method, url, cookie, body });

const indicatorsOf = async (): Promise<Indicator[]> => {
  const tree = (await call('GET', `/api/programs/${programId}`)).json();
  return tree.criteria.flatMap((c: { indicators: Indicator[] }) => c.indicators);
};

const municipalValue = async (code: string): Promise<number> => {
  const analysis = expandAnalysis((await call('GET', `/api/campaigns/${campaignId}/analysis`)).json());
  const results = analysis.results as unknown as {
    indicator: string;
    organization: number | null;
    value: number;
  }[];
  return results.find((x) => x.indicator === code && x.organization === null)!.value;
};

/** «12,4 %» written independently of the product's formatting. */
const percent = (v: number) => `${v.toFixed(1).replace('.', ',')}\u00a0%`;

async function saveTargets(code: string, targets: Record<string, number>) {
  const i = (await indicatorsOf()).find((x) => x.code === code)!;
  return call('PATCH', `/api/indicators/${i.id}`, { targets, version: i.version });
}

describe('plan against fact', () => {
  it('loads seed 001 with the passport targets: the acts are to exist by 2025', async () => {
    const byCode = new Map((await indicatorsOf()).map((i) => [i.code, i.targets]));
    for (const code of ['3', '5', '6']) expect(byCode.get(code)).toEqual({ '2025': 1 });
    expect(byCode.get('1')).toEqual({});
  });

  it('saves targets by year from the editor and refuses a year that is not four digits, naming the field', async () => {
    const saved = await saveTargets('2', { '2025': 15, '2026': 20 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await indicatorsOf()).find((i) => i.code === '2')!.targets).toEqual({ '2025': 15, '2026': 20 });
    const bad = await saveTargets('2', { '26': 20 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Целевые значения/);
    expect(bad.json().error.message).toMatch(/год «26» — четыре цифры/);
  });

  it('drafts «целевой показатель … не достигнут» only for a missed target of the campaign year, and it holds', async () => {
    const share = await municipalValue('1');
    const met = await municipalValue('9');
    const plan = Math.min(100, Math.floor(share) + 10);
    // 1: the plan of the campaign's year is above the value (missed); 9: below it (met); 11: another year only.
    expect((await saveTargets('1', { [String(YEAR)]: plan, [String(YEAR - 1)]: 0 })).statusCode).toBe(200);
    expect((await saveTargets('9', { [String(YEAR)]: Math.max(0, Math.floor(met) - 1) })).statusCode).toBe(
      200,
    );
    expect((await saveTargets('11', { [String(YEAR + 1)]: 100 })).statusCode).toBe(200);
    const drafted = await call('POST', `/api/campaigns/${campaignId}/conclusions/generate`);
    expect(drafted.statusCode, drafted.body).toBe(200);
    const texts: string[] = drafted.json().map((c: { text: string }) => c.text);
    const missed = texts.filter((x) => x.includes('целевой показатель'));
    expect(missed).toEqual([
      `Показатель 1 «${egorlyksky.criteria[0].indicators[0].name}»: целевой показатель ${YEAR} года не достигнут: ${percent(share)} при плане ${plan}\u00a0%.`,
    ]);
    const row = drafted.json().find((c: { text: string }) => c.text === missed[0]);
    expect(row.evidence).toEqual({
      claim: 'missed',
      target: { year: YEAR, value: plan, direction: 'higher' },
      items: [expect.objectContaining({ indicator: '1', organization: null, value: share })],
    });
    expect((await call('GET', `/api/campaigns/${campaignId}/conclusions/check`)).json()).toEqual([]);
  });

  it('prints «план / факт / отклонение» in the справка', async () => {
    const share = await municipalValue('1');
    const plan = Math.min(100, Math.floor(share) + 10);
    const xml = await campaignReportXml(t, cookie, campaignId);
    const text = docxParagraphs(xml).join('');
    expect(text).toContain('План и факт');
    const deviation = `−${(plan - share).toFixed(1).replace('.', ',')}\u00a0п.\u00a0п.`;
    expect(text).toContain(
      `План на ${YEAR} год — ${plan}\u00a0%, факт — ${percent(share)}, отклонение — ${deviation}: целевой показатель не достигнут.`,
    );
    const table = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)]
      .map((m) => [...m[0].matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((r) => docxCells(r[0])))
      .find((rows) => rows[0].join('|') === 'Код|Показатель|План|Факт|Отклонение|Итог')!;
    expect(table.find((r) => r[0] === '1')).toEqual([
      '1',
      egorlyksky.criteria[0].indicators[0].name,
      `${plan}\u00a0%`,
      percent(share),
      deviation,
      'не достигнут',
    ]);
    expect(table.find((r) => r[0] === '9')![5]).toBe('достигнут');
    // A target of another year is not this campaign's plan.
    expect(table.some((r) => r[0] === '11')).toBe(false);
  });
});
