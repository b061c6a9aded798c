import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import {
  evaluateIndicators,
  measureIndicators,
  type IndicatorResult,
  type RegistryMeasures,
} from '../indicators/compute.ts';
import { campaigns } from '../../db/schema/index.ts';
import { keptFor, keptIfReady, readRegistryGeneration } from '../indicators/kept.ts';
import { contextOf, definitionsOf, vacanciesAsOfTree } from '../indicators/results.service.ts';
import { findProgramTree, type ProgramTree } from '../programs/programs.repository.ts';
import { findFrozenResults, findSubmissions, type CampaignRow } from './campaigns.repository.ts';
import { formValuesOf } from './form-values.ts';

/**
 * What a running campaign's pages show, kept in memory (indicators/kept.ts) and never stale:
 *
 * - the program and what its indicators read from the registry are kept under the registry generation,
 *   which every committed write to a table they read raises — a card, an import, the CLI, another process;
 * - the campaign's values are kept under the generation and the state of its forms (how many, the sum of
 *   their versions and their last change: every save, send, acceptance or return changes it), read in the
 *   same one-row query;
 * - a closed campaign's frozen values are kept under the campaign's version (closing raises it, and nothing
 *   writes frozen values afterwards).
 *
 * A reader therefore never gets a value older than what a full recompute at the same moment would give; a
 * test makes each kind of edit and compares (kept-results.test.ts).
 */

const programKey = (programId: number) => `program:${programId}`;
const measuresKey = (campaign: CampaignRow) =>
  `form-measures:${campaign.id}:${campaign.programId}:${campaign.year}`;

/** The program with its indicators and form fields, kept while the registry generation stays the same. */
export const keptProgramTree = (db: Db, programId: number, generation: number) =>
  keptFor(db, programKey(programId), generation, async () => (await findProgramTree(db, programId))!);

/** The kept program, only if it is already computed (never waits: safe inside a transaction). */
export const readyProgramTree = (db: Db, programId: number, generation: number) =>
  keptIfReady<ProgramTree>(db, programKey(programId), generation);

/** The registry values of a campaign's participants, measured once per registry generation. */
export const keptCampaignMeasures = (db: Db, campaign: CampaignRow, tree: ProgramTree, generation: number) =>
  keptFor(db, measuresKey(campaign), generation, () =>
    measureIndicators(db, contextOf(tree, campaign.year, { campaignId: campaign.id }), definitionsOf(tree)),
  );

/**
 * Measures every running campaign now, so that the first schools to open their forms after a start do not
 * wait for it together (a burst of 100 openings right after a start waited the whole measurement). The
 * values are kept under the generation read first, as any reader would keep them: a registry edit meanwhile
 * simply makes them miss. Returns how many campaigns were measured.
 */
export async function warmRunningCampaigns(db: Db): Promise<number> {
  const generation = await readRegistryGeneration(db);
  const running = await db.select().from(campaigns).where(eq(campaigns.status, 'active'));
  for (const campaign of running) {
    const tree = await keptProgramTree(db, campaign.programId, generation);
    await keptCampaignMeasures(db, campaign, tree, generation);
  }
  return running.length;
}

/** The kept measures, only if they are already computed. */
export const readyCampaignMeasures = (db: Db, campaign: CampaignRow, generation: number) =>
  keptIfReady<RegistryMeasures>(db, measuresKey(campaign), generation);

/** The registry generation and the state of a campaign's forms, in one row. */
async function readCampaignStamp(db: Db, campaignId: number) {
  const [row] = await queryRows<{ generation: number; forms: string }>(
    db,
    sql`select coalesce((select value from registry_generation where id = 1), 0)::int as generation,
      concat_ws(':', count(*), coalesce(sum(version), 0), max(updated_at)::text) as forms
      from submissions where campaign_id = ${campaignId}`,
  );
  return { generation: Number(row.generation), forms: row.forms };
}

export interface LiveResults {
  results: IndicatorResult[];
  vacanciesAsOf: string | null;
}

/** A running campaign's values now: the registry's kept measures with the forms sent so far. */
export async function liveCampaignResults(db: Db, campaign: CampaignRow): Promise<LiveResults> {
  const stamp = await readCampaignStamp(db, campaign.id);
  return keptFor(
    db,
    `live-results:${campaign.id}:${campaign.year}:${stamp.forms}`,
    stamp.generation,
    async () => {
      const tree = await keptProgramTree(db, campaign.programId, stamp.generation);
      const measures = await keptCampaignMeasures(db, campaign, tree, stamp.generation);
      const computed = evaluateIndicators(measures, formValuesOf(await findSubmissions(db, campaign.id)));
      const ctx = contextOf(tree, campaign.year, { campaignId: campaign.id });
      return {
        results: frozenArray(computed.results),
        vacanciesAsOf: await vacanciesAsOfTree(db, tree, ctx),
      };
    },
  );
}

/** A closed campaign's frozen values, read once per version of the campaign. */
export const keptFrozenResults = (db: Db, campaign: CampaignRow): Promise<IndicatorResult[]> =>
  keptFor(db, `frozen-results:${campaign.id}`, campaign.version, async () =>
    frozenArray(
      (await findFrozenResults(db, campaign.id)).map((r) => ({
        indicator: r.indicatorCode,
        organization: r.organizationId,
        organizationName: r.organizationName,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        level: r.level,
        isApplicable: r.isApplicable,
      })),
    ),
  );

/** Kept arrays are shared by every reader: frozen, so that a reader that sorted one in place would fail. */
function frozenArray<T extends object>(rows: T[]): T[] {
  for (const row of rows) Object.freeze(row);
  return Object.freeze(rows) as T[];
}

const derived = new WeakMap<readonly object[], Map<string, unknown>>();

/**
 * What a page derives from a kept array of results (a rating, clusters, statistics), computed once per
 * array and per `inputs` — a text naming everything else it depends on (the indicators, the organizations
 * and their kinds). A kept array is never changed, so the same array and inputs give the same answer.
 */
export function derivedFrom<T>(results: readonly object[], inputs: string, derive: () => T): T {
  let byInputs = derived.get(results);
  if (!byInputs) derived.set(results, (byInputs = new Map()));
  if (!byInputs.has(inputs)) {
    byInputs.clear();
    byInputs.set(inputs, derive());
  }
  return byInputs.get(inputs) as T;
}
