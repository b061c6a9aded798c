/**
 * The organization's card of monitoring results (GET /api/organizations/:id/monitoring): one definition of
 * its shape, built by the server (server/modules/organizations/card.service.ts) and read by the web app.
 */

import type { OrganizationKind } from '../enums.ts';
import type { IndicatorLevel, IndicatorUnit } from '../indicators/levels.ts';

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

export interface CardIndicator {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  criterionCode: string;
  criterionTitle: string;
}

export interface CardProgram {
  programId: number;
  programTitle: string;
  indicators: CardIndicator[];
  /** The campaigns of the program the organization took part in, oldest first. */
  campaigns: CardCampaign[];
}

/**
 * The card: the programs with their values over the years, and the recommendations that reach the
 * organization (addressed to it or to a group it is in) with its own report on each — `R` is the row of
 * the school's list of recommendations (GET /api/my-recommendations), the same on both sides.
 */
export interface OrganizationCard<R> {
  organization: { id: number; shortName: string; kind: OrganizationKind };
  programs: CardProgram[];
  recommendations: R[];
}
