/**
 * School partnerships (сетевое партнёрство школ): a strong school supporting a school with low results
 * through a plan of dated items. Pure rules shared by the server and the pages.
 */

import type { IsoDate } from '../dates.ts';

/** One item of a partnership's plan: what, by when, and when it was done (null: not yet). */
export interface PartnershipPlanItem {
  title: string;
  dueDate: IsoDate;
  doneDate: IsoDate | null;
}

export type PlanItemState = 'done' | 'overdue' | 'planned';

export const PLAN_ITEM_STATE_LABEL: Record<PlanItemState, string> = {
  done: 'выполнено',
  overdue: 'просрочено',
  planned: 'запланировано',
};

/** Done when it has a date of completion; overdue when its due date has passed without one. */
export function planItemState(item: PartnershipPlanItem, today: IsoDate): PlanItemState {
  if (item.doneDate) return 'done';
  return item.dueDate < today ? 'overdue' : 'planned';
}

/** The plan in the order of its due dates (then titles), so that every page shows it the same way. */
export function sortPlan(plan: readonly PartnershipPlanItem[]): PartnershipPlanItem[] {
  return [...plan].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title, 'ru'));
}

/** How much of the plan is done: «выполнено 2 из 5». */
export function planProgress(plan: readonly PartnershipPlanItem[]): { done: number; total: number } {
  return { done: plan.filter((i) => i.doneDate).length, total: plan.length };
}
