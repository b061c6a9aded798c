import type { Audience } from '../../../core/analysis/audience.ts';
import { inAudience } from '../../../core/analysis/audience.ts';
import type { ConclusionEvidence } from '../../../core/analysis/evidence.ts';
import type { Completeness } from '../../../core/campaigns/completeness.ts';
import { toIsoDate, type IsoDate } from '../../../core/dates.ts';
import { inOrder } from '../../db/in-order.ts';
import type { Cluster, RatingRow } from '../../../core/analysis/scores.ts';
import type { Descriptive } from '../../../core/analysis/statistics.ts';
import type { CampaignDates } from '../../../core/campaigns/stages.ts';
import { describeFormula, parseFormula } from '../../../core/formula/index.ts';
import type { IndicatorLevel } from '../../../core/indicators/levels.ts';
import { reportingPeriod, type ReportingPeriod } from '../../../core/indicators/period.ts';
import type { Verdict } from '../../../core/management/effect.ts';
import { usesVacancies } from '../../../core/vacancy-reports.ts';
import type { Db } from '../../db/client.ts';
import type { DocumentTerms } from './document-terms.ts';
import type { AuthUser } from '../auth/access.ts';
import {
  findConclusions,
  findOrganizationsById,
  findRecommendations,
  findReport,
} from '../analysis/analysis.repository.ts';
import { getAnalysis, type IndicatorInfo } from '../analysis/analysis.service.ts';
import { isDepartmentOf, visibleOrganizations } from '../campaigns/campaigns.policy.ts';
import { findSubmissions, type CampaignRow } from '../campaigns/campaigns.repository.ts';
import { datesOf, getCampaignView } from '../campaigns/campaigns.service.ts';
import { roadmapEffect } from '../management/effect.service.ts';
import { findRoadmaps } from '../management/management.repository.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import { findProgramTree } from '../programs/programs.repository.ts';

/**
 * Everything the documents print, gathered from the campaign's computed results (frozen once it is
 * closed) and the analysis — nothing in a document is typed by hand except the coordinator's own texts
 * (conclusions, recommendations, the letter's requisites).
 */

export interface DocumentIndicator extends IndicatorInfo {
  denominator: string | null;
  factor: number;
  /** The formula read in Russian: «число педагогов: прошли диагностику / число педагогов × 100». */
  formulaText: string;
  source: string | null;
  method: string | null;
  periodicity: string | null;
  /** For an indicator counting vacancies: the month of the monthly report its values are «на»; else null. */
  vacanciesAsOf: string | null;
}

export interface DocumentResult {
  indicator: string;
  organization: number | null;
  organizationName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization («не применяется»). */
  isApplicable?: boolean;
}

export interface DocumentOrganization {
  id: number;
  name: string;
  fullName: string;
  kind: 'school' | 'preschool' | 'additional';
  isLowResults: boolean;
  isHardSocialConditions: boolean;
  /** The department's groups it is in: a recommendation to a group reaches it. */
  groupIds: number[];
  address: string | null;
  /** The head as the registry has it (organizations.head_name): the letter's addressee names them. */
  headName: string | null;
}

export interface DocumentRecommendation {
  organizationId: number | null;
  /** To several organizations at once (organizationId null); null: to one organization or the department. */
  audience: Audience | null;
  responsible: string | null;
  organizationName: string | null;
  addressee: string;
  text: string;
  deadline: string | null;
  indicatorCode: string | null;
}

export interface DocumentConclusion {
  text: string;
  kind: 'problem' | 'municipal' | 'dynamics' | 'manual';
  evidence: ConclusionEvidence | null;
}

/**
 * The dates as they happened: the campaign was opened (created, or its first stage began if it was created
 * ahead), forms were due by the end of the main stage, the last form that came, the day it was closed.
 */
export interface CampaignRun {
  openedOn: IsoDate;
  deadline: IsoDate;
  /** The last day a form visible to the reader was first sent; null: none was sent. */
  lastSentOn: IsoDate | null;
  /** null: not closed yet. */
  closedOn: IsoDate | null;
}

export interface EffectRow {
  measure: string;
  indicatorCode: string;
  indicatorName: string;
  unit: DocumentIndicator['unit'];
  before: { year: number; value: number | null };
  after: { year: number; value: number | null };
  verdict: Verdict;
}

export interface DocumentData {
  today: string;
  /** Who generated the documents: the executor of the letter. */
  executor: string;
  municipality: {
    name: string;
    regionName: string;
    departmentName: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    requisites: string | null;
  };
  campaign: {
    id: number;
    title: string;
    year: number;
    status: CampaignRow['status'];
    isFrozen: boolean;
    dates: CampaignDates;
    /** How the campaign actually ran, where that differs from the planned stages. */
    ran: CampaignRun;
  };
  program: {
    title: string;
    description: string | null;
    goals: string[];
    criteria: { code: string; title: string; goal: string | null }[];
  };
  period: Pick<ReportingPeriod, 'start' | 'end' | 'referenceDate'>;
  indicators: DocumentIndicator[];
  organizations: DocumentOrganization[];
  /** Completeness of the campaign; the department only. */
  completeness: Completeness | null;
  results: DocumentResult[];
  resultOf(indicatorCode: string, organizationId: number | null): DocumentResult | undefined;
  statistics: Record<string, Descriptive | null>;
  rating: { method: string; indicators: string[]; rows: RatingRow[] };
  clusters: Cluster[];
  /** Municipal values over the program's campaigns, oldest first, this one last. */
  dynamics: { year: number; isFrozen: boolean; municipal: Record<string, number | null> }[];
  conclusions: string[];
  /** The same conclusions with what they rest on (verified against the results before a letter is made). */
  conclusionRows: DocumentConclusion[];
  recommendations: DocumentRecommendation[];
  report: {
    isPublished: boolean;
    introduction: string | null;
    letterNumber: string | null;
    letterDate: string | null;
    signerPosition: string | null;
    signerName: string | null;
  };
  /** The effect of the measures whose result this campaign measured; null when there were none. */
  effect: EffectRow[] | null;
  /** What the documents compare (document-terms.ts); absent: organizations of the municipality. */
  terms?: DocumentTerms;
}

interface FrozenSnapshot {
  indicators: { code: string; denominator: string | null; factor: number }[];
  period?: ReportingPeriod;
}

/** «число педагогов: прошли диагностику / число педагогов × 100» */
export function formulaInWords(numerator: string, denominator: string | null, factor: number): string {
  const read = (text: string) => {
    const parsed = parseFormula(text);
    return parsed.ok ? describeFormula(parsed.ast) : text;
  };
  const top = read(numerator);
  if (!denominator) return factor === 1 ? top : `${top} × ${String(factor).replace('.', ',')}`;
  const bottom = read(denominator);
  const ratio = `(${top}) / (${bottom})`;
  return factor === 1 ? ratio : `${ratio} × ${String(factor).replace('.', ',')}`;
}

export async function loadDocumentData(options: {
  db: Db;
  user: AuthUser;
  campaign: CampaignRow;
  today: string;
  /** The effect of measures is read only for the report, the one document that prints it. */
  withEffect: boolean;
}): Promise<DocumentData> {
  const { db, user, campaign, today } = options;
  const [analysis, tree, municipality, report, conclusions, view, submissions] = await inOrder([
    () => getAnalysis({ db, user, campaignId: campaign.id, filters: {} }),
    () => findProgramTree(db, campaign.programId),
    () => findMunicipalityById(db, campaign.municipalityId),
    () => findReport(db, campaign.id),
    () => findConclusions(db, campaign.id),
    () => getCampaignView({ db, user, id: campaign.id, today }),
    // Only the days forms were first sent: the same dates in a letter whoever reads it.
    () => findSubmissions(db, campaign.id),
  ]);
  const visible = visibleOrganizations(user, campaign.municipalityId);
  const details = new Map(
    (
      await findOrganizationsById(
        db,
        analysis.organizations.map((o) => o.id),
      )
    ).map((o) => [o.id, o]),
  );
  // Recommendations to one of the reader's organizations, and those to several organizations that include one.
  const readable = (await findRecommendations(db, campaign.id, null)).filter((r) =>
    visible === null
      ? true
      : r.organizationId !== null
        ? visible.includes(r.organizationId)
        : r.audience !== null &&
          visible.some((id) => {
            const o = details.get(id);
            return !!o && inAudience(r.audience!, o);
          }),
  );
  const snapshot = campaign.programSnapshot as FrozenSnapshot | null;
  const definition = (code: string) =>
    snapshot?.indicators.find((i) => i.code === code) ?? tree?.indicators.find((i) => i.code === code);
  const indicators: DocumentIndicator[] = analysis.indicators.map((i) => {
    const d = definition(i.code);
    const live = tree?.indicators.find((x) => x.code === i.code);
    const denominator = d?.denominator ?? null;
    const factor = d?.factor ?? 1;
    return {
      ...i,
      denominator,
      factor,
      formulaText: formulaInWords(i.numerator, denominator, factor),
      source: live?.source ?? null,
      method: live?.method ?? null,
      periodicity: live?.periodicity ?? null,
      vacanciesAsOf: usesVacancies(i.numerator, denominator) ? analysis.campaign.vacanciesAsOf : null,
    };
  });
  const period = snapshot?.period ?? reportingPeriod(tree!.program.parameters, campaign.year);
  const byKey = new Map<string, DocumentResult>();
  for (const r of analysis.results) byKey.set(`${r.indicator}|${r.organization}`, r as DocumentResult);
  const municipalOf = (results: { indicator: string; organization: number | null; value: number | null }[]) =>
    Object.fromEntries(results.filter((r) => r.organization === null).map((r) => [r.indicator, r.value]));
  return {
    today,
    executor: user.fullName,
    municipality: {
      name: municipality?.name ?? '',
      regionName: municipality?.regionName ?? '',
      departmentName: municipality?.departmentName ?? '',
      address: municipality?.departmentAddress ?? null,
      phone: municipality?.departmentPhone ?? null,
      email: municipality?.departmentEmail ?? null,
      requisites: municipality?.departmentRequisites ?? null,
    },
    campaign: {
      id: campaign.id,
      title: campaign.title,
      year: campaign.year,
      status: campaign.status,
      isFrozen: analysis.campaign.isFrozen,
      dates: datesOf(campaign),
      ran: runOf(
        campaign,
        submissions.map((x) => ({ firstSubmittedAt: x.firstSubmittedAt?.toISOString() ?? null })),
      ),
    },
    program: {
      title: tree?.program.title ?? campaign.title,
      description: tree?.program.description ?? null,
      goals: tree?.program.goals ?? [],
      criteria: (tree?.criteria ?? []).map((c) => ({ code: c.code, title: c.title, goal: c.goal })),
    },
    period: { start: period.start, end: period.end, referenceDate: period.referenceDate },
    indicators,
    organizations: analysis.organizations.map((o) => ({
      ...o,
      fullName: details.get(o.id)?.fullName ?? o.name,
      address: details.get(o.id)?.address ?? null,
      headName: details.get(o.id)?.headName ?? null,
      groupIds: details.get(o.id)?.groupIds ?? [],
    })),
    completeness: view.stats,
    results: analysis.results as DocumentResult[],
    resultOf: (code, organization) => byKey.get(`${code}|${organization}`),
    statistics: analysis.statistics,
    rating: analysis.rating,
    clusters: analysis.clusters,
    dynamics: analysis.dynamics.map((d) => ({
      year: d.year,
      isFrozen: d.isFrozen,
      municipal: municipalOf(d.results),
    })),
    conclusions: conclusions.map((c) => c.text),
    conclusionRows: conclusions.map((c) => ({ text: c.text, kind: c.kind, evidence: c.evidence })),
    recommendations: readable.map((r) => ({
      organizationId: r.organizationId,
      audience: r.audience,
      responsible: r.responsible,
      organizationName: r.organizationName,
      addressee: r.addressee,
      text: r.text,
      deadline: r.deadline,
      indicatorCode: r.indicatorCode,
    })),
    report: {
      isPublished: report?.isPublished ?? false,
      introduction: report?.introduction ?? null,
      letterNumber: report?.letterNumber ?? null,
      letterDate: report?.letterDate ?? null,
      signerPosition: report?.signerPosition ?? municipality?.headPosition ?? null,
      signerName: report?.signerName ?? municipality?.headName ?? null,
    },
    effect:
      options.withEffect && isDepartmentOf(user, campaign.municipalityId)
        ? await effectOf(db, user, campaign)
        : null,
  };
}

/** The campaign's dates as they happened (see CampaignRun). */
export function runOf(
  campaign: Pick<CampaignRow, 'createdAt' | 'initialStart' | 'mainEnd' | 'closedAt'>,
  forms: { firstSubmittedAt: string | null }[],
): CampaignRun {
  const created = toIsoDate(campaign.createdAt);
  const sent = forms
    .map((f) => f.firstSubmittedAt?.slice(0, 10) ?? null)
    .filter((d): d is IsoDate => d !== null)
    .sort();
  return {
    openedOn: created > campaign.initialStart ? created : campaign.initialStart,
    deadline: campaign.mainEnd,
    lastSentOn: sent.length ? sent[sent.length - 1] : null,
    closedOn: campaign.closedAt ? toIsoDate(campaign.closedAt) : null,
  };
}

/**
 * The effect analysis of the management module, as it stands: for every measure of the municipality's
 * roadmaps, the indicators whose «after» is this campaign. Nothing is recomputed here.
 */
async function effectOf(db: Db, user: AuthUser, campaign: CampaignRow): Promise<EffectRow[] | null> {
  const rows: EffectRow[] = [];
  for (const roadmap of await findRoadmaps(db, [campaign.municipalityId])) {
    const effect = await roadmapEffect({ db, user, roadmapId: roadmap.id });
    for (const m of effect.measures)
      for (const i of m.indicators)
        if (i.after?.campaignId === campaign.id && i.before)
          rows.push({
            measure: `${m.number} ${m.title}`,
            indicatorCode: i.indicatorCode,
            indicatorName: i.name,
            unit: i.unit as DocumentIndicator['unit'],
            before: { year: i.before.year, value: i.before.value },
            after: { year: i.after.year, value: i.after.value },
            verdict: i.verdict,
          });
  }
  return rows.length ? rows : null;
}
