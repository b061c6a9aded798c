import { sql, type SQL } from 'drizzle-orm';
import type { ReportingPeriod } from '../../../../core/indicators/period.ts';

/**
 * What a computation is about: one municipality (or, for a region's roll-up, a set of municipalities), one
 * reporting period, optionally some organizations.
 */
export interface ComputeContext {
  /** The municipality; for a set, the one whose parameters and staffing need stand for the set. */
  municipalityId: number;
  /**
   * A region's roll-up: every municipality of the set at once, so a teacher with positions in two of them
   * is one person of the region. Absent: `municipalityId` alone.
   */
  municipalityIds?: number[];
  period: ReportingPeriod;
  /** Only these organizations; all active ones when absent (and no `campaignId`). */
  organizationIds?: number[];
  /**
   * Only the participants of this campaign: the database joins campaign_participants itself, instead of
   * receiving 2,000 ids bound into each query. Takes precedence over `organizationIds`.
   */
  campaignId?: number;
  /** Only the participants of these campaigns (a region's roll-up: the municipal campaigns of one program). */
  campaignIds?: number[];
  /**
   * Only the teachers whose id is in this range: one part of a `teachers(…)` query split by teacher ids and
   * run on separate connections at once (compiler/parts.ts). Parts share no teacher, so their counts add.
   */
  teacherRange?: { from: number; to: number };
}

/** The municipalities a computation covers. */
export const municipalitiesOf = (ctx: Pick<ComputeContext, 'municipalityId' | 'municipalityIds'>) =>
  ctx.municipalityIds ?? [ctx.municipalityId];

/**
 * The one condition «this row belongs to the computation's municipalities», used by every query of the
 * compiler: `column = id` for one municipality, `column = any(array)` for a region's set.
 */
export function inMunicipalities(
  ctx: Pick<ComputeContext, 'municipalityId' | 'municipalityIds'>,
  column: SQL,
): SQL {
  if (!ctx.municipalityIds) return sql`${column} = ${ctx.municipalityId}`;
  if (!ctx.municipalityIds.length) return sql`false`;
  return sql`${column} = any(${sql.param(ctx.municipalityIds)}::int[])`;
}
