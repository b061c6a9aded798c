import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import {
  evaluateIndicators,
  measureIndicators,
  type IndicatorResult,
  type RegistryMeasures,
} from '../indicators/compute.ts';
import { keptFor, keptIfReady } from '../indicators/kept.ts';
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
      return { results: computed.results, vacanciesAsOf: await vacanciesAsOfTree(db, tree, ctx) };
    },
  );
}

/** A closed campaign's frozen values, read once per version of the campaign. */
export const keptFrozenResults = (db: Db, campaign: CampaignRow) =>
  keptFor(db, `frozen-results:${campaign.id}`, campaign.version, () => findFrozenResults(db, campaign.id));
