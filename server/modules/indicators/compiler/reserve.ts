import { sql } from 'drizzle-orm';
import type { ReportingPeriod } from '../../../../core/indicators/period.ts';
import type { FilterSql } from './conditions.ts';

/**
 * The кадровый резерв in formulas, over the aliases rc (reserve_candidates) and rk (reserve_position_kinds):
 * the candidates of a period (included by its end, not decided before its start) and the conditions on one
 * candidate, shared by `reserve(…)` and a teacher's `reserved(…)` (core/reserve/reserve.ts says the same in
 * JavaScript).
 */
export const reserveOfPeriod = (period: ReportingPeriod) =>
  sql`rc.included_date <= ${period.end}::date
    and (rc.status = 'reserve' or rc.decision_date is null or rc.decision_date >= ${period.start}::date)`;

const decidedInPeriod = (status: 'appointed' | 'excluded', period: ReportingPeriod) =>
  sql`(rc.status = ${status} and rc.decision_date between ${period.start}::date and ${period.end}::date)`;

export const reserveFilters = (period: ReportingPeriod): Record<string, FilterSql> => ({
  // A municipality's own kind has no code: '' so that `position != head` counts it, as it reads.
  position: { kind: 'column', expression: sql`coalesce(rk.code, '')` },
  positionName: { kind: 'column', expression: sql`rk.name` },
  inReserve: {
    kind: 'flag',
    expression: sql`(rc.included_date <= ${period.end}::date and (rc.status = 'reserve' or rc.decision_date is null or rc.decision_date > ${period.end}::date))`,
  },
  appointed: { kind: 'flag', expression: decidedInPeriod('appointed', period) },
  excluded: { kind: 'flag', expression: decidedInPeriod('excluded', period) },
});
