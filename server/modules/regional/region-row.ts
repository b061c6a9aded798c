import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { campaignRegionParts, type RegionParts } from '../../db/schema/index.ts';
import { measureCalls, measureTeacherIds, type CallValues } from '../indicators/compiler/aggregates.ts';
import type { ComputeContext } from '../indicators/compiler/context.ts';
import {
  aggregateCallsOf,
  evaluateIndicators,
  type FormValues,
  type IndicatorResult,
  type Parsed,
  type RegistryMeasures,
} from '../indicators/compute.ts';

/**
 * The region's row of a regional program over frozen municipalities.
 *
 * A municipality's closed campaign keeps, beside its frozen values, what it contributes to the region
 * (`RegionParts`, measured at closing over the same participants and period): the ids of the teachers each
 * `teachers(…)` call counts, and the municipal total of every other call. The region's value is then the
 * formula over the union of the teacher ids (a teacher of two municipalities counts once) and the sum of the
 * other totals (an organization, an event or an act belongs to one municipality), with the form values summed.
 * So a registry edit after a municipality closed — or after the region accepted it — no longer moves the
 * region's row; only municipalities still collecting are measured now.
 */

/**
 * Measures the region parts of the indicators over the context; `measured` holds totals already computed.
 * The formulas come parsed: closing has them from its own measuring, the roll-up parses once for this and
 * for `evaluateRegionRow`.
 */
export async function measureRegionParts(
  db: Db,
  ctx: ComputeContext,
  parsed: Parsed[],
  measured?: Map<string, CallValues>,
): Promise<RegionParts> {
  const parts: RegionParts = { version: 1, totals: {}, teacherIds: {} };
  for (const [name, calls] of aggregateCallsOf(parsed)) {
    const list = [...calls].map(([key, call]) => ({ key, call }));
    if (name === 'teachers') {
      for (const [key, ids] of await measureTeacherIds(db, ctx, list)) parts.teacherIds[key] = ids;
      continue;
    }
    const missing = list.filter(({ key }) => !measured?.has(key));
    const now = missing.length ? await measureCalls(db, ctx, name, missing) : new Map<string, CallValues>();
    for (const { key } of list) {
      const total = (measured?.get(key) ?? now.get(key))?.total ?? 0;
      // JSON has no NaN: a total hidden by the threshold of anonymity is kept as null.
      parts.totals[key] = Number.isFinite(total) ? total : null;
    }
  }
  return parts;
}

/**
 * The region's row (organization null) of the indicators over the parts of its municipalities. A call some
 * part lacks (a campaign closed under another version of the program) gives «нет данных», never a partial sum.
 */
export function evaluateRegionRow(
  { parsed, problems }: Pick<RegistryMeasures, 'parsed' | 'problems'>,
  parts: RegionParts[],
  formValues?: FormValues,
): IndicatorResult[] {
  const measured = new Map<string, CallValues>();
  const set = (key: string, total: number) =>
    measured.set(key, {
      total,
      byOrganization: new Map(),
      withoutOrganization: 0,
      isSharedWithOrganizations: false,
    });
  for (const [name, calls] of aggregateCallsOf(parsed)) {
    for (const key of calls.keys()) {
      if (name === 'teachers') {
        const united = new Set<number>();
        let isComplete = true;
        for (const part of parts) {
          const ids = part.teacherIds[key];
          if (!ids) isComplete = false;
          else for (const id of ids) united.add(id);
        }
        set(key, isComplete ? united.size : NaN);
        continue;
      }
      let total = 0;
      for (const part of parts) total += part.totals[key] ?? NaN;
      set(key, total);
    }
  }
  return evaluateIndicators({ parsed, problems, measured, organizations: [] }, formValues).results;
}

/** Keeps a closed campaign's region parts (closing again after a reopen replaces them). */
export async function storeRegionParts(db: Db, campaignId: number, parts: RegionParts) {
  await db
    .insert(campaignRegionParts)
    .values({ campaignId, parts })
    .onConflictDoUpdate({ target: campaignRegionParts.campaignId, set: { parts, measuredAt: new Date() } });
}

export async function findRegionParts(db: Db, campaignId: number): Promise<RegionParts | null> {
  const [row] = await db
    .select({ parts: campaignRegionParts.parts })
    .from(campaignRegionParts)
    .where(eq(campaignRegionParts.campaignId, campaignId));
  return row?.parts ?? null;
}

/** The kept region parts of several campaigns at once (the roll-up's campaigns of a year), by campaign id. */
export async function findRegionPartsOfCampaigns(db: Db, campaignIds: number[]) {
  const found = new Map<number, RegionParts>();
  if (!campaignIds.length) return found;
  const rows = await db
    .select({ campaignId: campaignRegionParts.campaignId, parts: campaignRegionParts.parts })
    .from(campaignRegionParts)
    .where(inArray(campaignRegionParts.campaignId, campaignIds));
  for (const row of rows) found.set(row.campaignId, row.parts);
  return found;
}

export async function dropRegionParts(db: Db, campaignId: number) {
  await db.delete(campaignRegionParts).where(eq(campaignRegionParts.campaignId, campaignId));
}
