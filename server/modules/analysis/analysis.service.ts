import { inOrder, mapInOrder } from '../../db/in-order.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import {
  clusterWithinKinds,
  rateWithinKinds,
  RATING_METHOD,
  type IndicatorAxis,
} from '../../../core/analysis/scores.ts';
import { APPLIES_TO_ALL, type Applicability } from '../../../core/indicators/applicability.ts';
import { describeValues } from '../../../core/analysis/statistics.ts';
import type { IndicatorUnit } from '../../../core/indicators/levels.ts';
import type { OrganizationKind } from '../../../core/enums.ts';
import type { Db } from '../../db/client.ts';
import type { AuthUser } from '../auth/access.ts';
import { visibleOrganizations } from '../campaigns/campaigns.policy.ts';
import {
  findCampaigns,
  findParticipants,
  findPreviousCampaign,
  type CampaignRow,
} from '../campaigns/campaigns.repository.ts';
import { getCampaignResults, requireCampaign } from '../campaigns/campaigns.service.ts';
import { derivedFrom } from '../campaigns/kept-results.ts';
import { membersOfGroupFilter } from '../groups/groups.service.ts';
import type { Targets } from '../../../core/indicators/targets.ts';
import { findIndicatorTargets, findProgramTree } from '../programs/programs.repository.ts';

export interface AnalysisFilters {
  kind?: 'school' | 'preschool' | 'additional';
  lowResults?: boolean;
  hardSocial?: boolean;
  /** One group of the department («500+», «Точка роста»): only its members. */
  orgGroupId?: number;
}

export interface IndicatorInfo {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  numerator: string;
  levelHigh: number | null;
  levelMedium: number | null;
  criterionCode: string;
  criterionTitle: string;
  /** Which organizations it applies to; an old snapshot without it: all. */
  applicability: Applicability;
  /** Target values by year, read from the program (also for a frozen campaign). */
  targets: Targets;
}

interface Snapshot {
  criteria: { id: number; code: string; title: string }[];
  indicators: (Omit<IndicatorInfo, 'criterionCode' | 'criterionTitle' | 'applicability' | 'targets'> & {
    criterionId: number;
    applicability?: Applicability | null;
  })[];
}

/** The indicators a campaign is judged by: as frozen at closing, or the program's current ones. */
export async function indicatorsOf(db: Db, campaign: CampaignRow): Promise<IndicatorInfo[]> {
  const source = campaign.programSnapshot
    ? (campaign.programSnapshot as Snapshot)
    : (await findProgramTree(db, campaign.programId))!;
  const targets = await findIndicatorTargets(db, campaign.programId);
  return source.indicators.map((i) => {
    const c = source.criteria.find((x) => x.id === i.criterionId);
    return {
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      numerator: i.numerator,
      levelHigh: i.levelHigh,
      levelMedium: i.levelMedium,
      criterionCode: c?.code ?? '',
      criterionTitle: c?.title ?? '',
      applicability: i.applicability ?? APPLIES_TO_ALL,
      targets: targets.get(i.code) ?? {},
    };
  });
}

/** Earlier campaigns of the same program in the municipality, oldest first, for the dynamics. */
export async function earlierCampaigns(db: Db, campaign: CampaignRow) {
  const all = await findCampaigns(db, [campaign.municipalityId]);
  return all
    .filter((c) => c.programId === campaign.programId && c.year < campaign.year)
    .sort((a, b) => a.year - b.year);
}

/**
 * The rating of a campaign's organizations by the composite score (RATING_METHOD), within each kind:
 * the indicators with a value scale (not «есть/нет»), each organization's values from the results
 * («не применяется» and «нет данных» are null). The analysis page and the organization card both rate
 * through this one function.
 */
export function rateCampaign(
  indicators: Pick<IndicatorInfo, 'code' | 'name' | 'unit' | 'direction'>[],
  organizations: { id: number; name: string; kind: OrganizationKind }[],
  results: readonly { indicator: string; organization: number | null; value: number | null }[],
) {
  const axes = ratingAxes(indicators);
  const profiles = organizations.map((o) => ({
    organizationId: o.id,
    name: o.name,
    kind: o.kind,
    values: axisValues(axes, results, o.id),
  }));
  return { axes, profiles, rows: rateWithinKinds(profiles, axes) };
}

/** The indicators a rating compares: those with a value scale (not «есть/нет»). */
export const ratingAxes = (
  indicators: Pick<IndicatorInfo, 'code' | 'name' | 'unit' | 'direction'>[],
): IndicatorAxis[] =>
  indicators
    .filter((i) => i.unit !== 'presence')
    .map((i) => ({ code: i.code, name: i.name, direction: i.direction }));

/** One member's values of the axes («не применяется» and «нет данных» are null). */
export const axisValues = (
  axes: IndicatorAxis[],
  results: readonly { indicator: string; organization: number | null; value: number | null }[],
  id: number,
) => axes.map((a) => findResult(results, a.code, id)?.value ?? null);

/**
 * The analysis of a campaign: values, per-indicator statistics, the rating by the composite score,
 * clusters of similar organizations and the dynamics over the program's earlier campaigns.
 */
export async function getAnalysis(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  filters: AnalysisFilters;
}) {
  const { db, user, filters } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  const visible = visibleOrganizations(user, campaign.municipalityId);
  const members =
    filters.orgGroupId === undefined
      ? null
      : await membersOfGroupFilter({
          db,
          user,
          groupId: filters.orgGroupId,
          municipalityId: campaign.municipalityId,
        });
  const [indicators, participants, current] = await inOrder([
    () => indicatorsOf(db, campaign),
    () => findParticipants(db, campaign.id),
    () => getCampaignResults({ db, user, id: campaign.id }),
  ]);
  const organizations = participants
    .filter(
      (p) =>
        (visible === null || visible.includes(p.organizationId)) &&
        (!filters.kind || p.kind === filters.kind) &&
        (!filters.lowResults || p.isLowResults) &&
        (!filters.hardSocial || p.isHardSocialConditions) &&
        (members === null || members.has(p.organizationId)),
    )
    .map((p) => ({
      id: p.organizationId,
      name: p.organizationName,
      kind: p.kind,
      isLowResults: p.isLowResults,
      isHardSocialConditions: p.isHardSocialConditions,
    }));
  const ids = new Set(organizations.map((o) => o.id));
  // Everything visible and unfiltered: the kept array itself, so what is derived from it is derived once.
  const results =
    organizations.length === participants.length && visible === null
      ? current.results
      : current.results.filter((r) => r.organization === null || ids.has(r.organization));
  const valueOf = (code: string, org: number) => findResult(results, code, org)?.value ?? null;
  const inputs = JSON.stringify([
    indicators.map((i) => [i.code, i.unit, i.direction]),
    organizations.map((o) => [o.id, o.kind]),
    visible === null,
  ]);
  const { rating, clusters, statistics } = derivedFrom(results, inputs, () => {
    const { axes, profiles, rows } = rateCampaign(indicators, organizations, results);
    return {
      rating: { axes, rows },
      clusters: visible === null ? clusterWithinKinds(profiles, axes, 3, 6) : [],
      statistics: Object.fromEntries(
        indicators.map((i) => [i.code, describeValues(organizations.map((o) => valueOf(i.code, o.id)))]),
      ),
    };
  });
  const history = await mapInOrder(await earlierCampaigns(db, campaign), async (c) => ({
    campaignId: c.id,
    year: c.year,
    isFrozen: c.status === 'closed',
    results: (await getCampaignResults({ db, user, id: c.id })).results.filter(
      (r) => r.organization === null || ids.has(r.organization),
    ),
  }));
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      status: campaign.status,
      isFrozen: current.isFrozen,
      /** The vacancy month the vacancy indicators' values are «на»; null without one. */
      vacanciesAsOf: current.vacanciesAsOf,
    },
    indicators,
    organizations,
    results,
    statistics,
    rating: {
      method: RATING_METHOD,
      indicators: rating.axes.map((a) => a.code),
      // Organizations of one kind are compared with each other; «не применяется» is never a value.
      rows: rating.rows,
    },
    clusters,
    dynamics: [
      ...history,
      { campaignId: campaign.id, year: campaign.year, isFrozen: current.isFrozen, results },
    ],
  };
}

export { findPreviousCampaign };
