import type { ReportingPeriod } from '../../../../core/indicators/period.ts';

/** What a computation is about: one municipality, one reporting period, optionally some organizations. */
export interface ComputeContext {
  municipalityId: number;
  period: ReportingPeriod;
  /** Only these organizations; all active ones when absent (and no `campaignId`). */
  organizationIds?: number[];
  /**
   * Only the participants of this campaign: the database joins campaign_participants itself, instead of
   * receiving 2,000 ids bound into each query. Takes precedence over `organizationIds`.
   */
  campaignId?: number;
}
