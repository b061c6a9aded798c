import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { campaigns, municipalities, programs, regionalPrograms } from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../errors.ts';
import { assertRegionAccess, hasRole, isGlobalAdmin, type AuthUser } from '../auth/access.ts';
import { findSubmissions, type SubmissionRow } from '../campaigns/campaigns.repository.ts';
import { formValuesOf, getCampaignResults } from '../campaigns/campaigns.service.ts';
import {
  computeIndicators,
  parseIndicators,
  type FormValues,
  type IndicatorResult,
} from '../indicators/compute.ts';
import { contextOf, definitionsOf } from '../indicators/results.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { findRegionalSubmissionsOfCampaigns } from './approval.repository.ts';
import { REGIONAL_STATUS_LABEL } from './approval.service.ts';
import { evaluateRegionRow, findRegionPartsOfCampaigns, measureRegionParts } from './region-row.ts';
import type { RegionParts } from '../../db/schema/index.ts';

/**
 * Where a municipality's row of the roll-up comes from: the copy the region accepted, the frozen values of a
 * campaign sent to the region (or closed, not sent or returned), or the values of a running campaign now.
 */
export type RollUpSource = 'accepted' | 'sent' | 'closed' | 'running';

const SOURCE_LABEL: Record<RollUpSource, string> = {
  accepted: 'принято регионом',
  sent: 'отправлено в регион, ждёт решения',
  closed: 'мониторинг закрыт, в регион не отправлен',
  running: 'мониторинг идёт, значения на сегодня',
};

/** One municipality of a regional program's roll-up: its campaign of the year and its municipal values. */
export interface RollUpMunicipality {
  municipalityId: number;
  municipalityName: string;
  programId: number;
  campaignId: number | null;
  isFrozen: boolean;
  /** Null without a campaign of the year. */
  source: RollUpSource | null;
  sourceLabel: string | null;
  /** The state of its regional submission, with the label (a returned one reads «возвращено на доработку»). */
  submissionStatus: keyof typeof REGIONAL_STATUS_LABEL | null;
  submissionStatusLabel: string | null;
  results: IndicatorResult[];
}

/**
 * GET /api/regional-programs/:id/results: per adopting municipality (its campaign of the year: the copy the
 * region accepted, else frozen results when closed, else computed now — `source` says which) and for the region — one computation over the union of the campaigns'
 * participants, so a teacher of two municipalities is one person of the region, with the form values of the
 * municipal campaigns summed (an accepted municipality's forms as accepted). A municipality whose campaign is
 * closed (or accepted) counts in the region's row with what it measured at closing (region-row.ts: its
 * teachers by id, its other totals), so a later registry edit does not move the row; only the municipalities
 * still collecting, and campaigns closed before the parts were kept, are measured now.
 */
export async function computeRegionalRollUp(options: {
  db: Db;
  user: AuthUser;
  regionalProgramId: number;
  year: number;
}) {
  const { db, user, year } = options;
  const [regional] = await db
    .select()
    .from(regionalPrograms)
    .where(eq(regionalPrograms.id, options.regionalProgramId));
  if (!regional) throw notFound('Региональная программа');
  if (!isGlobalAdmin(user) && !hasRole(user, 'regional_coordinator'))
    throw forbidden('Сводные результаты региона видит региональный координатор.');
  assertRegionAccess(user, regional.regionId);
  const adopted = await db
    .select({ id: programs.id, municipalityId: programs.municipalityId, name: municipalities.name })
    .from(programs)
    .innerJoin(municipalities, eq(municipalities.id, programs.municipalityId))
    .where(eq(programs.regionalProgramId, regional.id))
    .orderBy(municipalities.name, programs.id);
  const ofYear = adopted.length
    ? await db
        .select({ id: campaigns.id, programId: campaigns.programId })
        .from(campaigns)
        .where(
          and(
            inArray(
              campaigns.programId,
              adopted.map((p) => p.id),
            ),
            eq(campaigns.year, year),
          ),
        )
    : [];
  const campaignIds = ofYear.map((c) => c.id);
  const submissions = await findRegionalSubmissionsOfCampaigns(db, campaignIds);
  // One read for every campaign of the year, not one per closed campaign: used where its results are frozen.
  const keptParts = await findRegionPartsOfCampaigns(db, campaignIds);
  const rows: RollUpMunicipality[] = [];
  const forms: FormValues[] = [];
  /** The frozen region parts of a campaign; absent: measured now. */
  const frozenParts = new Map<number, RegionParts>();
  let regionalCodes: string[] = [];
  let first: NonNullable<Awaited<ReturnType<typeof findProgramTree>>> | null = null;
  for (const program of adopted) {
    const tree = await findProgramTree(db, program.id);
    if (!tree) continue;
    const codes = tree.indicators.filter((i) => i.isRegional).map((i) => i.code);
    if (!first) {
      first = tree;
      regionalCodes = codes;
    }
    const campaign = ofYear.find((c) => c.programId === program.id);
    const row: RollUpMunicipality = {
      municipalityId: program.municipalityId,
      municipalityName: program.name,
      programId: program.id,
      campaignId: campaign?.id ?? null,
      isFrozen: false,
      source: null,
      sourceLabel: null,
      submissionStatus: null,
      submissionStatusLabel: null,
      results: [],
    };
    const submission = campaign ? submissions.find((x) => x.campaignId === campaign.id) : undefined;
    if (submission) {
      row.submissionStatus = submission.status;
      row.submissionStatusLabel = REGIONAL_STATUS_LABEL[submission.status];
    }
    if (campaign && submission?.status === 'accepted' && submission.acceptedResults) {
      // The region's own copy: what the municipality changes afterwards does not reach it.
      row.isFrozen = true;
      row.source = 'accepted';
      row.results = submission.acceptedResults.filter(
        (r) => r.organization === null && codes.includes(r.indicator),
      );
      forms.push(formValuesOf((submission.acceptedForms ?? []) as SubmissionRow[]));
      if (submission.acceptedRegionParts) frozenParts.set(campaign.id, submission.acceptedRegionParts);
    } else if (campaign) {
      const answer = await getCampaignResults({ db, user, id: campaign.id });
      const parts = answer.isFrozen ? keptParts.get(campaign.id) : undefined;
      if (parts) frozenParts.set(campaign.id, parts);
      row.isFrozen = answer.isFrozen;
      row.source = !answer.isFrozen ? 'running' : submission?.status === 'sent' ? 'sent' : 'closed';
      row.results = answer.results.filter((r) => r.organization === null && codes.includes(r.indicator));
      forms.push(formValuesOf(await findSubmissions(db, campaign.id)));
    }
    row.sourceLabel = row.source ? SOURCE_LABEL[row.source] : null;
    rows.push(row);
  }
  const withCampaigns = rows.filter((r) => r.campaignId !== null);
  let region: IndicatorResult[] = [];
  if (first && withCampaigns.length) {
    const indicators = definitionsOf(first).filter((d) => regionalCodes.includes(d.code));
    // Parsed once, for the measuring of the live municipalities and the region's row alike.
    const formulas = parseIndicators(indicators);
    const formValues = summedFormValues(forms);
    const live = withCampaigns.filter((r) => !frozenParts.has(r.campaignId!));
    const contextOver = (list: RollUpMunicipality[]) => ({
      ...contextOf(first!, year),
      municipalityIds: list.map((r) => r.municipalityId),
      campaignIds: list.map((r) => r.campaignId!),
    });
    if (live.length === withCampaigns.length) {
      // Nothing frozen: one computation over the union of the campaigns.
      const computed = await computeIndicators({ db, ctx: contextOver(live), indicators, formValues });
      region = computed.results.filter((r) => r.organization === null);
    } else {
      const parts = [...frozenParts.values()];
      if (live.length) parts.push(await measureRegionParts(db, contextOver(live), formulas.parsed));
      region = evaluateRegionRow(formulas, parts, formValues);
    }
  }
  return {
    regionalProgram: { id: regional.id, title: regional.title, programVersion: regional.programVersion },
    year,
    indicators: regionalCodes,
    municipalities: rows,
    region,
  };
}

/** The form values of several municipal campaigns as one: per organization as reported, totals summed. */
export function summedFormValues(parts: FormValues[]): FormValues {
  return (field) => {
    const found = parts.map((part) => part(field)).filter((v) => v !== undefined);
    if (!found.length) return undefined;
    const byOrganization = new Map<number, number | null>();
    let total: number | null = null;
    for (const part of found) {
      for (const [org, value] of part.byOrganization) byOrganization.set(org, value);
      if (part.total !== null) total = (total ?? 0) + part.total;
    }
    return { byOrganization, total };
  };
}
