import { and, eq } from 'drizzle-orm';
import type { CardCampaign } from '../../../core/analysis/organization-card.ts';
import { compactAnalysis } from '../../../core/analysis/compact.ts';
import type { Db } from '../../db/client.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { campaigns, municipalities, programs } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../errors.ts';
import { getAnalysis, type AnalysisFilters } from '../analysis/analysis.service.ts';
import type { AuthUser } from '../auth/access.ts';
import { campaignOfCard } from '../organizations/card.service.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';
import { requireRegionalProgram } from './analysis.service.ts';
import { computeRegionalRollUp } from './roll-up.service.ts';

/**
 * Drilling down from the region: a municipality's monitoring of the regional program (its organizations'
 * results, the municipal analysis as the department sees it — aggregates, no teacher), then one
 * organization's values over the program's years. Both are reached through the regional program, so the
 * regional coordinator's right to them is its right to the region.
 */

/** The municipality's program adopted from the regional one and its monitoring of the year. */
async function adoptedCampaign(db: Db, regionalProgramId: number, municipalityId: number, year: number) {
  const [adopted] = await db
    .select({ programId: programs.id, name: municipalities.name })
    .from(programs)
    .innerJoin(municipalities, eq(municipalities.id, programs.municipalityId))
    .where(
      and(eq(programs.regionalProgramId, regionalProgramId), eq(programs.municipalityId, municipalityId)),
    );
  if (!adopted)
    throw new AppError('not_found', 'Муниципалитет не принимал эту региональную программу.', {
      field: 'municipalityId',
    });
  const [campaign] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.programId, adopted.programId), eq(campaigns.year, year)))
    .orderBy(campaigns.id);
  return { ...adopted, campaignId: campaign?.id ?? null };
}

/** GET /api/regional-programs/:id/municipalities/:municipalityId/analysis?year= */
export async function getRegionalMunicipalityAnalysis(options: {
  db: Db;
  user: AuthUser;
  regionalProgramId: number;
  municipalityId: number;
  year: number;
  /** The municipal analysis' filters, but the department's own groups. */
  filters?: Omit<AnalysisFilters, 'orgGroupId'>;
}) {
  const { db, user, year } = options;
  const regional = await requireRegionalProgram(db, user, options.regionalProgramId);
  const adopted = await adoptedCampaign(db, regional.id, options.municipalityId, year);
  if (adopted.campaignId === null)
    throw new AppError('not_found', `У муниципалитета нет мониторинга этой программы за ${year} год.`, {
      field: 'year',
    });
  const analysis = await getAnalysis({
    db,
    user,
    campaignId: adopted.campaignId,
    filters: options.filters ?? {},
  });
  return {
    municipality: { id: options.municipalityId, name: adopted.name },
    ...compactAnalysis(analysis),
  };
}

/**
 * GET /api/regional-programs/:id/organizations/:organizationId?year=: the organization's values in each
 * monitoring of the adopted program (its place in the municipal rating), beside its municipality's and
 * the region's values of the year. Aggregates of the organization only: no teacher, no recommendation.
 */
export async function getRegionalOrganizationCard(options: {
  db: Db;
  user: AuthUser;
  regionalProgramId: number;
  organizationId: number;
  year: number;
}) {
  const { db, user, year } = options;
  const regional = await requireRegionalProgram(db, user, options.regionalProgramId);
  const organization = await findOrganizationById(db, options.organizationId);
  if (!organization) throw notFound('Организация');
  const adopted = await adoptedCampaign(db, regional.id, organization.municipalityId, year);
  const ofProgram = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.programId, adopted.programId))
    .orderBy(campaigns.year, campaigns.id);
  const loaded = (await mapInOrder(ofProgram, (c) => campaignOfCard(db, c.id, organization.id))).filter(
    (c) => c !== null,
  );
  if (!loaded.length)
    throw new AppError('not_found', 'Организация не участвовала в мониторингах этой программы.', {
      field: 'organizationId',
    });
  const rollUp = await computeRegionalRollUp({ db, user, regionalProgramId: regional.id, year });
  const codes = new Set(rollUp.indicators);
  const latest = loaded[loaded.length - 1];
  return {
    regionalProgram: { id: regional.id, title: regional.title },
    year,
    organization: {
      id: organization.id,
      shortName: organization.shortName,
      kind: organization.kind,
      municipalityId: organization.municipalityId,
      municipalityName: adopted.name,
    },
    indicators: latest.indicators
      .filter((i) => codes.size === 0 || codes.has(i.code))
      .map(({ code, name, unit, direction, criterionCode, criterionTitle }) => ({
        code,
        name,
        unit,
        direction,
        criterionCode,
        criterionTitle,
      })),
    campaigns: loaded.map((l) => l.campaign) satisfies CardCampaign[],
    /** The region's values of the year, over its distinct teachers. */
    region: Object.fromEntries(rollUp.region.map((r) => [r.indicator, r.value])),
  };
}
