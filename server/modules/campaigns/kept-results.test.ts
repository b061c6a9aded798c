import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expandResults } from '../../../core/indicators/compact-results.ts';
import type { ExchangeWorld } from '../exchange/test-support.ts';
import { computeIndicators, type IndicatorResult } from '../indicators/compute.ts';
import { contextOf, definitionsOf } from '../indicators/results.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findCampaignById, findSubmission, findSubmissions } from './campaigns.repository.ts';
import { formValuesOf } from './form-values.ts';
import {
  raiseCategoryByWorkbook,
  removeFirstTeacher,
  runningCampaignWorld,
} from '../../test/running-campaign.ts';

/**
 * The results table and the analysis of a running campaign read values kept in memory (kept-results.ts).
 * After every kind of edit — a teacher changed on the card, a workbook imported, a form saved, sent,
 * accepted or returned — what the table shows must equal a full recompute at that moment; and while nothing
 * changes, nothing is computed again.
 */
const counted = vi.hoisted(() => ({ measured: 0, evaluated: 0 }));
vi.mock('../indicators/compute.ts', async (importOriginal) =>
  (await import('../../test/counting-compute.ts')).countingCompute(await importOriginal(), counted),
);

let w: ExchangeWorld;
let school1 = 0;
let campaignId = 0;
const db = () => w.t.database.db;

beforeAll(async () => {
  ({ w, school1, campaignId } = await runningCampaignWorld());
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
    await removeFirstTeacher(w, school1);
    counted.measured = 0;
    await expectFresh(before, true);
  });

  it('after a workbook is imported', async () => {
    const before = await table();
    const confirm = await raiseCategoryByWorkbook(w, school1);
    const applied = await confirm();
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
