import type { Descriptive } from '../../../../core/analysis/statistics.ts';
import type { IndicatorLevel } from '../../../../core/indicators/levels.ts';
import type { CardCampaign, CardIndicator } from '../../api/types.ts';
import type { AnalysisIndicator, Cluster, Rating } from '../analysis/api.ts';
import type { IndicatorResult } from '../programs/api.ts';

/** Shapes of the regional analysis API (server/modules/regional/analysis.*.ts). */

export interface RegionalProgramItem {
  id: number;
  title: string;
  programVersion: number;
  publishedAt: string;
  years: number[];
  adoptedBy: { municipalityId: number; name: string }[];
}

export interface RegionalProgramList {
  region: { id: number; name: string };
  programs: RegionalProgramItem[];
}

export interface RegionalAnalysisMember {
  id: number;
  name: string;
  campaignId: number;
  programId: number;
  isFrozen: boolean;
}

export interface RegionalAnalysis {
  regionalProgram: {
    id: number;
    title: string;
    programVersion: number;
    regionId: number;
    regionName: string;
  };
  year: number;
  years: number[];
  indicators: AnalysisIndicator[];
  withoutCampaign: { id: number; name: string }[];
  municipalities: RegionalAnalysisMember[];
  /** `organization`: the municipality; null: the region as a whole. */
  results: IndicatorResult[];
  statistics: Record<string, Descriptive | null>;
  rating: {
    method: string;
    indicators: string[];
    rows: {
      municipalityId: number;
      name: string;
      score: number | null;
      place: number | null;
      indicatorCount: number;
    }[];
  };
  clusters: (Omit<Cluster, 'organizationIds' | 'kind'> & { municipalityIds: number[] })[];
  heatmap: {
    municipalityId: number;
    name: string;
    cells: { indicator: string; value: number | null; level: IndicatorLevel | null }[];
  }[];
  dynamics: { year: number; results: IndicatorResult[] }[];
}

/** The rating and the clusters in the shapes of the municipal analysis' components (one kind: all alike). */
export function asOrganizationRating(rating: RegionalAnalysis['rating']): Rating {
  return {
    method: rating.method,
    indicators: rating.indicators,
    rows: rating.rows.map(({ municipalityId, ...r }) => ({
      ...r,
      organizationId: municipalityId,
      kind: 'school' as const,
    })),
  };
}

export function asOrganizationClusters(clusters: RegionalAnalysis['clusters']): Cluster[] {
  return clusters.map(({ municipalityIds, ...c }) => ({
    ...c,
    organizationIds: municipalityIds,
    kind: 'school' as const,
  }));
}

export interface RegionalOrganizationCard {
  regionalProgram: { id: number; title: string };
  year: number;
  organization: {
    id: number;
    shortName: string;
    kind: 'school' | 'preschool' | 'additional';
    municipalityId: number;
    municipalityName: string;
  };
  indicators: CardIndicator[];
  campaigns: CardCampaign[];
  region: Record<string, number | null>;
}

export interface MunicipalRegionalProgram {
  id: number;
  title: string;
  programVersion: number;
  publishedAt: string;
  adoptedProgram: { id: number; title: string } | null;
}

/** The region of the signed-in regional coordinator (its first regional grant). */
export const regionOf = (roles: { role: string; regionId?: number | null }[]) =>
  roles.find((g) => g.role === 'regional_coordinator' && g.regionId)?.regionId ?? null;
