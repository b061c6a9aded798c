import type { ROUTE_STATUSES, STEP_STATUSES } from '../enums.ts';

export type RouteStatus = (typeof ROUTE_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface RouteProgress {
  done: number;
  /** Steps that count: a cancelled step is neither done nor owed. */
  total: number;
  percent: number;
}

/** Steps done out of the steps that are not cancelled. */
export function routeProgress(steps: { status: StepStatus }[]): RouteProgress {
  const total = steps.filter((s) => s.status !== 'cancelled').length;
  const done = steps.filter((s) => s.status === 'done').length;
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}

/**
 * The status a route has from its approvals and the state of its steps: a draft until both the curator
 * and the tutor approve; then «утверждён», «выполняется» once work on a step has begun, «завершён» when
 * every step that counts is done.
 */
export function routeStatusOf(options: {
  isApproved: boolean;
  steps: { status: StepStatus }[];
}): RouteStatus {
  if (!options.isApproved) return 'draft';
  const progress = routeProgress(options.steps);
  if (progress.total > 0 && progress.done === progress.total) return 'completed';
  if (options.steps.some((s) => s.status === 'done' || s.status === 'in_progress')) return 'in_progress';
  return 'approved';
}
