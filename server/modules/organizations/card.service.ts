import type {
  CardCampaign,
  CardProgram,
  OrganizationCard,
} from '../../../core/analysis/organization-card.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import type { Db } from '../../db/client.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { forbidden, notFound } from '../../errors.ts';
import { indicatorsOf, rateCampaign } from '../analysis/analysis.service.ts';
import { recommendationsOfOrganizations } from '../analysis/recommendations.service.ts';
import { systemAdmin, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findCampaigns, findParticipants } from '../campaigns/campaigns.repository.ts';
import { getCampaignResults, requireCampaign } from '../campaigns/campaigns.service.ts';
import { findOrganizationById } from './organizations.repository.ts';

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
export async function campaignOfCard(db: Db, campaignId: number, organizationId: number) {
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
 * the recommendations that reach it (addressed to it or to a group it is in) with its own report on each.
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
  const card: OrganizationCard<Awaited<ReturnType<typeof recommendationsOfOrganizations>>[number]> = {
    organization: { id: organization.id, shortName: organization.shortName, kind: organization.kind },
    programs,
    // Those addressed to it and those to a group it is in, each with its own report.
    recommendations: await recommendationsOfOrganizations(db, [organization.id]),
  };
  return card;
}
