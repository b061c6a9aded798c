import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db/client.ts';
import {
  cell,
  columnOf,
  createExchangeWorld,
  loadWorkbook,
  saveWorkbook,
  type ExchangeWorld,
} from '../exchange/test-support.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { readRegistryGeneration } from '../indicators/kept.ts';
import { contextOf, definitionsOf } from '../indicators/results.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findCampaignById, findSubmission } from './campaigns.repository.ts';
import { formValuesOf } from './campaigns.service.ts';

/**
 * The form view keeps each organization's registry values while the registry generation stays the same
 * (indicators/kept.ts). After every kind of edit — a teacher changed on the card, a workbook imported, the
 * form saved — what the view shows must equal a computation from scratch, and the kept values must be used
 * only when nothing they were computed from changed.
 */
const measured = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../indicators/compute.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../indicators/compute.ts')>();
  return {
    ...actual,
    measureIndicators: (...args: Parameters<typeof actual.measureIndicators>) => {
      measured.calls++;
      return actual.measureIndicators(...args);
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
  measured.calls = 0;
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
    measured.calls = 0;
    expect(await shown()).toEqual(first);
    expect(measured.calls).toBe(0);
  });

  it('after a teacher is removed on the card', async () => {
    const before = await shown();
    const generation = await readRegistryGeneration(db());
    const [{ id }] = await queryRows<{ id: number }>(
      db(),
      sql`select p.teacher_id as id from positions p join teachers t on t.id = p.teacher_id
        where p.organization_id = ${school1} and p.end_date is null order by p.teacher_id limit 1`,
    );
    const removed = await w.t.request({
      method: 'DELETE',
      url: `/api/teachers/${id}`,
      cookie: await w.cookie('school1'),
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await readRegistryGeneration(db())).toBeGreaterThan(generation);
    const after = await shown();
    expect(measured.calls).toBe(1);
    expect(after).toEqual(await fresh());
    expect(after).not.toEqual(before);
  });

  it('after a workbook is imported', async () => {
    const before = await shown();
    const file = await w.download('school1', school1);
    const book = await loadWorkbook(file.rawPayload);
    const staff = book.getWorksheet('Педагоги')!;
    // A working teacher without the first or the highest category gets the highest.
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
    measured.calls = 0;
    const applied = await w.confirm('school1', preview.importId);
    expect(applied.statusCode, applied.body).toBe(200);
    const after = await shown();
    expect(measured.calls).toBe(1);
    expect(after).toEqual(await fresh());
    expect(after).not.toEqual(before);
  });

  it('after the form is saved: the form values change, the registry values are not recomputed', async () => {
    const generation = await readRegistryGeneration(db());
    await shown();
    measured.calls = 0;
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
    expect(measured.calls).toBe(0);
    expect(after).toEqual(await fresh());
    expect(Object.values(after)).toContainEqual({ value: 40, numerator: 4, denominator: 10 });
  });
});
