import type { IndicatorUnit } from '../../../../core/indicators/levels.ts';

/** Mirrors getPublicOrganization (server/modules/publishing/publishing.service.ts). */
export interface PublicOrganization {
  organization: { id: number; name: string; shortName: string; kind: string };
  municipality: { name: string; departmentName: string | null; regionName: string | null } | null;
  threshold: number;
  campaigns: {
    id: number;
    title: string;
    year: number;
    publishedAt: string | null;
    indicators: {
      code: string;
      name: string;
      unit: IndicatorUnit;
      direction: 'higher' | 'lower';
      criterionTitle: string;
      value: number | null;
      level: 'high' | 'medium' | 'low' | null;
      isApplicable: boolean;
      isSuppressed: boolean;
      municipal: number | null;
    }[];
  }[];
}

/** Mirrors publicDecisionsAndEffects: what the public report shows of decisions and measures. */
export interface PublicDecision {
  kind: string;
  kindLabel: string;
  number: string | null;
  date: string;
  title: string;
  url: string | null;
}

export interface PublicEffect {
  roadmapTitle: string;
  number: string;
  title: string;
  status: string;
  date: string | null;
  indicators: {
    code: string;
    name: string;
    unit: IndicatorUnit;
    before: { year: number; value: number | null } | null;
    after: { year: number; value: number | null } | null;
    verdict: 'improved' | 'unchanged' | 'worsened' | 'no_data';
  }[];
}
