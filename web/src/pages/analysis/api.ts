import type { PublicDecision, PublicEffect } from '../publishing/api.ts';
import { findResult } from '../../../../core/indicators/find-result.ts';
import type { OrganizationKind } from '../../../../core/enums.ts';
import type { IndicatorLevel, IndicatorUnit } from '../../../../core/indicators/levels.ts';
import type { IndicatorResult } from '../programs/api.ts';
import type { Descriptive } from '../../../../core/analysis/statistics.ts';

/** Shapes of the analysis API (server/modules/analysis). */

export interface AnalysisIndicator {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  levelHigh: number | null;
  levelMedium: number | null;
  criterionCode: string;
  criterionTitle: string;
  /** Target values by year (plan against fact); an older answer may lack them. */
  targets?: Record<string, number>;
  /** The formula's numerator (tells a vacancy indicator, whose values are «на» a month). */
  numerator?: string;
}

export type { Descriptive } from '../../../../core/analysis/statistics.ts';

export interface RatingRow {
  organizationId: number;
  name: string;
  score: number | null;
  /** Places are counted within the kind: organizations are compared with their own kind. */
  place: number | null;
  indicatorCount: number;
  kind: OrganizationKind;
}

export interface Rating {
  method: string;
  indicators: string[];
  rows: RatingRow[];
}

export interface Cluster {
  index: number;
  title: string;
  description: string;
  organizationIds: number[];
  names: string[];
  centroid: number[];
  kind: OrganizationKind;
}

export interface DynamicsPoint {
  year: number;
  results: IndicatorResult[];
}

export interface AnalysisOrganization {
  id: number;
  name: string;
  kind: OrganizationKind;
  isLowResults: boolean;
  isHardSocialConditions: boolean;
}

export interface AnalysisView {
  campaign: {
    id: number;
    title: string;
    year: number;
    status: 'active' | 'closed';
    isFrozen: boolean;
    /** The vacancy month the vacancy indicators' values are «на»; null without one. */
    vacanciesAsOf?: string | null;
  };
  indicators: AnalysisIndicator[];
  organizations: AnalysisOrganization[];
  results: IndicatorResult[];
  statistics: Record<string, Descriptive | null>;
  rating: Rating;
  clusters: Cluster[];
  dynamics: (DynamicsPoint & { campaignId: number; isFrozen: boolean })[];
}

export type ConclusionKind = 'problem' | 'municipal' | 'dynamics' | 'manual';

export interface Conclusion {
  id: number;
  campaignId: number;
  sortOrder: number;
  text: string;
  kind: ConclusionKind;
  indicatorCode: string | null;
  organizationIds: number[] | null;
  /** What a drafted conclusion rests on; null for one the coordinator wrote. */
  evidence: {
    claim: 'zero' | 'positive' | 'low' | 'value';
    items: { indicator: string; organization: number | null; value: number | null }[];
  } | null;
  version: number;
}

export const CONCLUSION_KIND_LABEL: Record<ConclusionKind, string> = {
  problem: 'по организациям',
  municipal: 'муниципальный уровень',
  dynamics: 'динамика',
  manual: 'добавлен вручную',
};

export type RecommendationStatus = 'planned' | 'in_progress' | 'reported' | 'done' | 'cancelled';
export const RECOMMENDATION_STATUSES: RecommendationStatus[] = [
  'planned',
  'in_progress',
  'reported',
  'done',
  'cancelled',
];
export const STATUS_LABEL: Record<RecommendationStatus, string> = {
  planned: 'запланировано',
  in_progress: 'выполняется',
  reported: 'отчёт на проверке',
  done: 'выполнено',
  cancelled: 'отменено',
};
export const STATUS_COLOR: Record<RecommendationStatus, string> = {
  planned: 'blue',
  in_progress: 'yellow',
  reported: 'grape',
  done: 'teal',
  cancelled: 'gray',
};

export interface Recommendation {
  id: number;
  campaignId: number;
  organizationId: number | null;
  organizationName: string | null;
  indicatorCode: string | null;
  text: string;
  addressee: string;
  deadline: string | null;
  /** To several organizations at once (organizationId null): kinds, ШНОР/ШССУ, a list; null otherwise. */
  audience: { kinds: string[] | null; groups: string[] | null; organizationIds: number[] | null } | null;
  responsible: string | null;
  status: RecommendationStatus;
  report: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  /** The department's comment when it returned the report for rework. */
  reviewComment: string | null;
  /** Files of the school's report (pdf, docx, xlsx, odt, jpg, png). */
  files: ReportFile[];
  version: number;
  updatedAt: string;
  /** To a group: how many of its organizations reported and had the report accepted (the department's list). */
  progress?: GroupProgress | null;
  /**
   * The department's list: a group recommendation's `status` is read off its addressees' reports, and
   * `ownStatus` is its own row's — open («запланировано») or closed for all of them.
   */
  ownStatus?: RecommendationStatus;
  /** Which report the row shows: null — the recommendation's own; an organization — its part of a group one. */
  groupOrganizationId?: number | null;
}

export interface GroupProgress {
  total: number;
  inProgress: number;
  reported: number;
  done: number;
}

/** One organization's report on a recommendation to a group (GET /api/recommendations/:id/reports). */
export interface GroupReport {
  organizationId: number;
  organizationName: string;
  status: RecommendationStatus;
  report: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  reviewComment: string | null;
  /** 0: the organization has not reported yet. */
  version: number;
  files: ReportFile[];
}

/**
 * Where a report lives: the recommendation's own (one organization), or one organization's report on a
 * recommendation to a group — its status, files and review go there.
 */
export const reportUrl = (r: { id: number; groupOrganizationId?: number | null }) =>
  r.groupOrganizationId
    ? `/api/recommendations/${r.id}/reports/${r.groupOrganizationId}`
    : `/api/recommendations/${r.id}`;

export interface ReportFile {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

export interface OwnRecommendation extends Recommendation {
  campaignTitle: string;
  campaignYear: number;
  groupOrganizationId: number | null;
}

export type RuleTarget = 'organization' | 'municipality';
export const TARGET_LABEL: Record<RuleTarget, string> = {
  organization: 'организации',
  municipality: 'отделу образования',
};

export interface RecommendationRule {
  id: number;
  programId: number;
  indicatorCode: string;
  level: IndicatorLevel;
  target: RuleTarget;
  text: string;
  version: number;
}

export interface ReportSettings {
  campaignId: number;
  isPublished: boolean;
  publishedAt: string | null;
  introduction: string | null;
  letterNumber: string | null;
  letterDate: string | null;
  signerPosition: string | null;
  signerName: string | null;
  /** The day from which the published report is public; null: at once. */
  publishOn: string | null;
  publicUrl: string;
  embedUrl: string;
}

export interface PublicReport {
  municipality: { name: string; departmentName: string | null; regionName: string | null } | null;
  campaign: {
    id: number;
    title: string;
    year: number;
    status: 'active' | 'closed';
    dates: { start: string; end: string };
  };
  introduction: string | null;
  publishedAt: string | null;
  participantCount: number;
  indicators: AnalysisIndicator[];
  organizations: { id: number; name: string; kind: OrganizationKind }[];
  results: IndicatorResult[];
  statistics: Record<string, Descriptive | null>;
  rating: Rating;
  dynamics: DynamicsPoint[];
  conclusions: string[];
  recommendations: {
    organizationName: string | null;
    addressee: string;
    text: string;
    deadline: string | null;
    status: RecommendationStatus;
  }[];
  /** The decisions and the measures' effect the department marked public. */
  decisions: PublicDecision[];
  effects: PublicEffect[];
}

/** The result of one indicator for one organization (null: the municipality as a whole). */
export function resultOf(results: IndicatorResult[], indicator: string, organization: number | null) {
  return findResult(results, indicator, organization);
}
