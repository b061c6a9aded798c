import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expandResults } from '../../../core/indicators/compact-results.ts';
import { queryRows } from '../../db/client.ts';
import {
  cell,
  columnOf,
  createExchangeWorld,
  loadWorkbook,
  saveWorkbook,
  type ExchangeWorld,
} from '../exchange/test-support.ts';
import { computeIndicators, type IndicatorResult } from '../indicators/compute.ts';
import { contextOf, definitionsOf } from '../indicators/results.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findCampaignById, findSubmission, findSubmissions } from './campaigns.repository.ts';
import { formValuesOf } from './form-values.ts';

/**
 * The results table and the analysis of a running campaign read values kept in memory (kept-results.ts).
 * After every kind of edit — a teacher changed on the card, a workbook imported, a form saved, sent,
 * accepted or returned — what the table shows must equal a full recompute at that moment; and while nothing
 * changes, nothing is computed again.
 */
const counted = vi.hoisted(() => ({ measured: 0, evaluated: 0 }));
vi.mock('../indicators/compute.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../indicators/compute.ts')>();
  return {
    ...actual,
    measureIndicators: (...args: Parameters<typeof actual.measureIndicators>) => {
      counted.measured++;
      return actual.measureIndicators(...args);
    },
    evaluateIndicators: (...args: Parameters<typeof actual.evaluateIndicators>) => {
      counted.evaluated++;
      return actual.evaluateIndicators(...args);
    },
  };
});

let w: ExchangeWorld;
let school1 = 0;
let campaignId = 0;
const db = () => w.t.database.db;

beforeAll(async () => {
  w = await createExchangeWorld();
  school1 = await w.organizationOf('school1');
  [{ id: campaignId }] = await queryRows<{ id: number }>(
    db(),
    sql`select c.id from campaigns c join campaign_participants p on p.campaign_id = c.id
      where c.status = 'active' and p.organization_id = ${school1}`,
  );
}, 300_000);
afterAll(() => w.close());
beforeEach(() => {
  counted.measured = 0;
  counted.evaluated = 0;
});

type Row = Pick<IndicatorResult, 'indicator' | 'organization' | 'value' | 'numerator' | 'denominator'>;
const rowsOf = (results: Row[]) =>
  results
    .map((r) => ({
      indicator: r.indicator,
      organization: r.organization,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
    }))
    .sort((a, b) =>
      a.indicator === b.indicator
        ? (a.organization ?? 0) - (b.organization ?? 0)
        : a.indicator.localeCompare(b.indicator),
    );

/** The results table as the department sees it through the API. */
async function table() {
  const response = await w.t.request({
    method: 'GET',
    url: `/api/campaigns/${campaignId}/results`,
    cookie: await w.cookie('metodist'),
  });
  expect(response.statusCode, response.body).toBe(200);
  return rowsOf(expandResults<Row & { organizationName: string }>(response.json()));
}

/** Every value of the campaign computed now from scratch, with the forms sent so far. */
async function recomputed() {
  const campaign = (await findCampaignById(db(), campaignId))!;
  const tree = (await findProgramTree(db(), campaign.programId))!;
  const computed = await computeIndicators({
    db: db(),
    ctx: contextOf(tree, campaign.year, { campaignId }),
    indicators: definitionsOf(tree),
    formValues: formValuesOf(await findSubmissions(db(), campaignId)),
  });
  return rowsOf(computed.results);
}

/** Checks the table after an edit: equal to a recompute, and different from before when `changes`. */
async function expectFresh(before: Row[], changes: boolean) {
  const after = await table();
  expect(after).toEqual(await recomputed());
  if (changes) expect(after).not.toEqual(before);
  return after;
}

const formUrl = () => `/api/campaigns/${campaignId}/organizations/${school1}/submission`;

async function saveForm(values: Record<string, number | boolean>) {
  const current = await findSubmission(db(), campaignId, school1);
  const saved = await w.t.request({
    method: 'PUT',
    url: formUrl(),
    cookie: await w.cookie('school1'),
    body: {
      values: { ...(current?.values ?? {}), ...values },
      isRegistryConfirmed: true,
      version: current?.version ?? null,
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}

async function post(login: string, path: string, body: Record<string, unknown> = {}) {
  const current = (await findSubmission(db(), campaignId, school1))!;
  const response = await w.t.request({
    method: 'POST',
    url: `${formUrl()}/${path}`,
    cookie: await w.cookie(login),
    body: { version: current.version, ...body },
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('the kept results of a running campaign', () => {
  it('equal a full recompute, and are not computed again while nothing changes', async () => {
    const first = await table();
    expect(first).toEqual(await recomputed());
    counted.measured = 0;
    counted.evaluated = 0;
    expect(await table()).toEqual(first);
    expect(counted).toEqual({ measured: 0, evaluated: 0 });
  });

  it('after a teacher is removed on the card', async () => {
    const before = await table();
    const [{ id }] = await queryRows<{ id: number }>(
      db(),
      sql`select p.teacher_id as id from positions p where p.organization_id = ${school1}
        and p.end_date is null order by p.teacher_id limit 1`,
    );
    const removed = await w.t.request({
      method: 'DELETE',
      url: `/api/teachers/${id}`,
      cookie: await w.cookie('school1'),
    });
    expect(removed.statusCode, removed.body).toBe(200);
    counted.measured = 0;
    await expectFresh(before, true);
  });

  it('after a workbook is imported', async () => {
    const before = await table();
    const book = await loadWorkbook((await w.download('school1', school1)).rawPayload);
    const staff = book.getWorksheet('Педагоги')!;
    const category = columnOf(staff, 'Квалификационная категория');
    const dismissed = columnOf(staff, 'Дата увольнения');
    let row = 2;
    while (
      row <= staff.rowCount &&
      (['первая', 'высшая'].includes(String(staff.getRow(row).getCell(category).value)) ||
        staff.getRow(row).getCell(dismissed).value)
    )
      row++;
    expect(row).toBeLessThanOrEqual(staff.rowCount);
    cell(staff, row, 'Квалификационная категория').value = 'высшая';
    cell(staff, row, 'Дата присвоения категории').value = new Date(Date.UTC(2024, 0, 15));
    const preview = await w.preview('school1', school1, await saveWorkbook(book));
    expect(preview.errors).toEqual([]);
    const applied = await w.confirm('school1', preview.importId);
    expect(applied.statusCode, applied.body).toBe(200);
    await expectFresh(before, true);
  });

  it('after a form is saved, sent, returned and accepted: the registry is not measured again', async () => {
    let before = await table();
    counted.measured = 0;
    // A draft counts nowhere: the values stay, but they are evaluated again (the forms changed).
    await saveForm({ open_lessons_total: 12, open_lessons_by_young: 3, deficit_plan: true });
    before = await expectFresh(before, false);
    await post('school1', 'submit');
    before = await expectFresh(before, true);
    await post('metodist', 'return', { comment: 'Проверьте число уроков' });
    before = await expectFresh(before, true);
    await saveForm({ open_lessons_total: 12, open_lessons_by_young: 6 });
    await post('school1', 'submit');
    await post('metodist', 'accept');
    await expectFresh(before, true);
    expect(counted.measured).toBe(0);
  });
});
