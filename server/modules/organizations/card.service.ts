import { findResult } from '../../../core/indicators/find-result.ts';
import type { IndicatorLevel } from '../../../core/indicators/levels.ts';
import type { Db } from '../../db/client.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { forbidden, notFound } from '../../errors.ts';
import { indicatorsOf, rateCampaign, type IndicatorInfo } from '../analysis/analysis.service.ts';
import { findRecommendationsOfOrganizations } from '../analysis/analysis.repository.ts';
import { presentRecommendationFiles } from '../analysis/recommendation-files.service.ts';
import { systemAdmin, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findCampaigns, findParticipants } from '../campaigns/campaigns.repository.ts';
import { getCampaignResults, requireCampaign } from '../campaigns/campaigns.service.ts';
import { findOrganizationById } from './organizations.repository.ts';

/** One value of the organization in one campaign. */
export interface CardValue {
  value: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization («не применяется»). */
  isApplicable: boolean;
  /** The municipality's value of the same campaign, to compare with. */
  municipal: number | null;
}

export interface CardCampaign {
  campaignId: number;
  title: string;
  year: number;
  status: 'active' | 'closed';
  /** Values as frozen at closing (true) or computed now from the registry (a running campaign). */
  isFrozen: boolean;
  /** The place in the campaign's rating among organizations of its kind; null: no data to rate it. */
  place: number | null;
  /** How many organizations of its kind the rating places (those with a score). */
  placedOf: number;
  score: number | null;
  values: Record<string, CardValue>;
}

export interface CardProgram {
  programId: number;
  programTitle: string;
  indicators: Pick<
    IndicatorInfo,
    'code' | 'name' | 'unit' | 'direction' | 'criterionCode' | 'criterionTitle'
  >[];
  /** The campaigns of the program the organization took part in, oldest first. */
  campaigns: CardCampaign[];
}

/**
 * Who may open an organization's card of monitoring results: the department of its municipality (admin,
 * coordinator) and the organization's own manager. A school head sees only its own organization.
 */
export function assertMayReadCard(user: AuthUser, organization: { id: number; municipalityId: number }) {
  if (isDepartmentOf(user, organization.municipalityId)) return;
  if (user.roles.some((g) => g.role === 'org_manager' && g.organizationId === organization.id)) return;
  throw forbidden('Результаты мониторинга организации видят её руководитель и отдел образования.');
}

/**
 * The results of one campaign for the card: every participant's results are read once (frozen at closing,
 * or computed once for a running campaign) — the rating needs the other organizations of the kind, but
 * only this organization's values and place leave the server.
 */
async function campaignOfCard(db: Db, campaignId: number, organizationId: number) {
  const campaign = await requireCampaign(db, campaignId);
  const reader = systemAdmin('public');
  const participants = await findParticipants(db, campaign.id);
  if (!participants.some((p) => p.organizationId === organizationId)) return null;
  const indicators = await indicatorsOf(db, campaign);
  const { results, isFrozen } = await getCampaignResults({ db, user: reader, id: campaign.id });
  const { rows } = rateCampaign(
    indicators,
    participants.map((p) => ({ id: p.organizationId, name: p.organizationName, kind: p.kind })),
    results,
  );
  const own = rows.find((r) => r.organizationId === organizationId);
  const placed = rows.filter((r) => r.kind === own?.kind && r.place !== null).length;
  return {
    programId: campaign.programId,
    indicators,
    campaign: {
      campaignId: campaign.id,
      title: campaign.title,
      year: campaign.year,
      status: campaign.status,
      isFrozen,
      place: own?.place ?? null,
      placedOf: placed,
      score: own?.score ?? null,
      values: Object.fromEntries(
        indicators.map((i) => {
          const r = findResult(results, i.code, organizationId);
          return [
            i.code,
            {
              value: r?.isApplicable === false ? null : (r?.value ?? null),
              level: r?.isApplicable === false ? null : (r?.level ?? null),
              isApplicable: r?.isApplicable !== false,
              municipal: findResult(results, i.code, null)?.value ?? null,
            },
          ];
        }),
      ),
    } satisfies CardCampaign,
  };
}

/**
 * The organization's card of monitoring results: its indicator values over the years (every closed
 * campaign of each program it took part in and the running one), its place in each campaign's rating,
 * the recommendations addressed to it with their status, its reports and their files.
 */
export async function getOrganizationCard(options: { db: Db; user: AuthUser; id: number }) {
  const { db, user } = options;
  const organization = await findOrganizationById(db, options.id);
  if (!organization) throw notFound('Организация');
  assertMayReadCard(user, organization);
  const campaigns = (await findCampaigns(db, [organization.municipalityId])).sort(
    (a, b) => a.year - b.year || a.id - b.id,
  );
  const loaded = (await mapInOrder(campaigns, (c) => campaignOfCard(db, c.id, organization.id))).filter(
    (c) => c !== null,
  );
  const programs: CardProgram[] = [];
  for (const c of campaigns) {
    const entry = loaded.find((l) => l.campaign.campaignId === c.id);
    if (!entry) continue;
    let program = programs.find((p) => p.programId === c.programId);
    if (!program) {
      program = { programId: c.programId, programTitle: c.programTitle, indicators: [], campaigns: [] };
      programs.push(program);
    }
    program.campaigns.push(entry.campaign);
    // The indicators of the newest campaign lead; codes only older campaigns had are kept after them.
    const known = new Set(entry.indicators.map((i) => i.code));
    program.indicators = [
      ...entry.indicators.map(({ code, name, unit, direction, criterionCode, criterionTitle }) => ({
        code,
        name,
        unit,
        direction,
        criterionCode,
        criterionTitle,
      })),
      ...program.indicators.filter((i) => !known.has(i.code)),
    ];
  }
  const recommendations = await findRecommendationsOfOrganizations(db, [organization.id]);
  const files = await presentRecommendationFiles(
    db,
    recommendations.map((r) => r.id),
  );
  return {
    organization: { id: organization.id, shortName: organization.shortName, kind: organization.kind },
    programs,
    recommendations: recommendations.map((r) => ({
      id: r.id,
      campaignId: r.campaignId,
      campaignTitle: r.campaignTitle,
      campaignYear: r.campaignYear,
      indicatorCode: r.indicatorCode,
      text: r.text,
      deadline: r.deadline,
      status: r.status,
      report: r.report,
      reportedAt: r.reportedAt?.toISOString() ?? null,
      reportedBy: r.reportedBy,
      reviewComment: r.reviewComment,
      files: files.get(r.id) ?? [],
    })),
  };
}
