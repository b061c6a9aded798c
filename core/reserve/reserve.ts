import type { Enumeration } from '../enums.ts';

/**
 * The кадровый резерв: candidates for a kind of position (руководитель ОО, методист, тьютор…), each in the
 * reserve until appointed or excluded. The kinds of position every municipality has are built in (their codes
 * are used by the formula language); a municipality's department adds its own kinds to the catalog.
 */

export const reserveStatus = {
  values: ['reserve', 'appointed', 'excluded'],
  label: { reserve: 'в резерве', appointed: 'назначен', excluded: 'исключён' },
} as const satisfies Enumeration<'reserve' | 'appointed' | 'excluded'>;

export type ReserveStatus = (typeof reserveStatus.values)[number];
export const RESERVE_STATUSES = reserveStatus.values;

/** The built-in kinds of position of the reserve: code → name, in the order of the catalog. */
export const reservePositionKind = {
  values: ['head', 'deputy_head', 'methodist', 'tutor', 'mentor', 'association_head'],
  label: {
    head: 'руководитель ОО',
    deputy_head: 'заместитель руководителя',
    methodist: 'методист',
    tutor: 'тьютор',
    mentor: 'наставник',
    association_head: 'руководитель МО',
  },
} as const satisfies Enumeration<
  'head' | 'deputy_head' | 'methodist' | 'tutor' | 'mentor' | 'association_head'
>;

export type ReservePositionCode = (typeof reservePositionKind.values)[number];

/** What an item of a candidate's development plan is: a record of the registry, or a free item. */
export const planItemKind = {
  values: ['training', 'route', 'event', 'free'],
  label: {
    training: 'обучение (ПК, ПП)',
    route: 'ИОМ',
    event: 'мероприятие',
    free: 'другое',
  },
} as const satisfies Enumeration<'training' | 'route' | 'event' | 'free'>;

export type PlanItemKind = (typeof planItemKind.values)[number];
export const PLAN_ITEM_KINDS = planItemKind.values;

export interface ReserveStatusFacts {
  includedDate: string;
  status: ReserveStatus;
  decisionDate: string | null;
}

/** Whether a candidate is in the reserve on a date: included by then, and not yet appointed or excluded. */
export function isInReserveOn(c: ReserveStatusFacts, date: string): boolean {
  if (c.includedDate > date) return false;
  return c.status === 'reserve' || c.decisionDate === null || c.decisionDate > date;
}

/** Whether the candidate was appointed (or excluded) on a day within [from, to]. */
export function decidedWithin(
  c: ReserveStatusFacts,
  status: Exclude<ReserveStatus, 'reserve'>,
  from: string,
  to: string,
): boolean {
  return c.status === status && c.decisionDate !== null && c.decisionDate >= from && c.decisionDate <= to;
}

/**
 * Whether a candidate belongs to the reserve of a period [from, to]: included by its end and not appointed
 * or excluded before its start. The share of those appointed in the period is taken of these.
 */
export function inReserveDuring(c: ReserveStatusFacts, from: string, to: string): boolean {
  if (c.includedDate > to) return false;
  return c.status === 'reserve' || c.decisionDate === null || c.decisionDate >= from;
}
