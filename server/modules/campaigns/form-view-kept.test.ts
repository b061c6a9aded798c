import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeWorld } from '../exchange/test-support.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { readRegistryGeneration } from '../indicators/kept.ts';
import { contextOf, definitionsOf } from '../indicators/results.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findCampaignById, findSubmission } from './campaigns.repository.ts';
import {
  raiseCategoryByWorkbook,
  removeFirstTeacher,
  runningCampaignWorld,
} from '../../test/running-campaign.ts';
import { formValuesOf } from './campaigns.service.ts';
import { warmRunningCampaigns } from './kept-results.ts';

/**
 * The form view keeps each organization's registry values while the registry generation stays the same
 * (indicators/kept.ts). After every kind of edit — a teacher changed on the card, a workbook imported, the
 * form saved — what the view shows must equal a computation from scratch, and the kept values must be used
 * only when nothing they were computed from changed.
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
});

type Shown = Record<string, { value: number | null; numerator: number | null; denominator: number | null }>;

const url = () => `/api/campaigns/${campaignId}/organizations/${school1}/submission`;

async function shown(): Promise<Shown> {
  const response = await w.t.request({ method: 'GET', url: url(), cookie: await w.cookie('school1') });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { indicators: ({ code: string } & Shown[string])[] };
  return Object.fromEntries(
    body.indicators.map((i) => [
      i.code,
      { value: i.value, numerator: i.numerator, denominator: i.denominator },
    ]),
  );
}

/** The organization's indicators computed now from scratch, with its form as saved. */
async function fresh(): Promise<Shown> {
  const campaign = (await findCampaignById(db(), campaignId))!;
  const tree = (await findProgramTree(db(), campaign.programId))!;
  const values = (await findSubmission(db(), campaignId, school1))?.values ?? {};
  const computed = await computeIndicators({
    db: db(),
    ctx: contextOf(tree, campaign.year, [school1]),
    indicators: definitionsOf(tree),
    formValues: formValuesOf([], { organizationId: school1, values }),
  });
  return Object.fromEntries(
    computed.results
      .filter((r) => r.organization === school1)
      .map((r) => [r.indicator, { value: r.value, numerator: r.numerator, denominator: r.denominator }]),
  );
}

describe('the kept registry values of a form', () => {
  it('equal a computation from scratch, and are computed once while nothing changes', async () => {
    const first = await shown();
    expect(first).toEqual(await fresh());
    counted.measured = 0;
    expect(await shown()).toEqual(first);
    expect(counted.measured).toBe(0);
  });

  it('after a teacher is removed on the card', async () => {
    const before = await shown();
    const generation = await readRegistryGeneration(db());
    await removeFirstTeacher(w, school1);
    expect(await readRegistryGeneration(db())).toBeGreaterThan(generation);
    const after = await shown();
    expect(counted.measured).toBe(1);
    expect(after).toEqual(await fresh());
    expect(after).not.toEqual(before);
  });

  it('after a workbook is imported', async () => {
    const before = await shown();
    const confirm = await raiseCategoryByWorkbook(w, school1);
    counted.measured = 0;
    const applied = await confirm();
    expect(applied.statusCode, applied.body).toBe(200);
    const after = await shown();
    expect(counted.measured).toBe(1);
    expect(after).toEqual(await fresh());
    expect(after).not.toEqual(before);
  });

  it('after the form is saved: the form values change, the registry values are not recomputed', async () => {
    const generation = await readRegistryGeneration(db());
    await shown();
    counted.measured = 0;
    const current = await findSubmission(db(), campaignId, school1);
    const saved = await w.t.request({
      method: 'PUT',
      url: url(),
      cookie: await w.cookie('school1'),
      body: {
        values: { open_lessons_total: 10, open_lessons_by_young: 4 },
        version: current?.version ?? null,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await readRegistryGeneration(db())).toBe(generation);
    const after = await shown();
    expect(counted.measured).toBe(0);
    expect(after).toEqual(await fresh());
    expect(Object.values(after)).toContainEqual({ value: 40, numerator: 4, denominator: 10 });
  });

  it('after a start: the running campaigns measured beforehand, the first opening measures nothing', async () => {
    await removeFirstTeacher(w, school1);
    counted.measured = 0;
    expect(await warmRunningCampaigns(db())).toBeGreaterThanOrEqual(1);
    const measuredByWarming = counted.measured;
    expect(measuredByWarming).toBeGreaterThanOrEqual(1);
    expect(await shown()).toEqual(await fresh());
    expect(counted.measured).toBe(measuredByWarming);
  });
});
