import type { ReportingPeriod } from '../../../../core/indicators/period.ts';

/** What a computation is about: one municipality, one reporting period, optionally some organizations. */
export interface ComputeContext {
  municipalityId: number;
  period: ReportingPeriod;
  /** Only these organizations (a campaign's participants); all active ones when absent. */
  organizationIds?: number[];
}
