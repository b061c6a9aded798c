import { addDays, addMonths, type IsoDate } from '../dates.ts';
import type { RESOURCE_KINDS } from '../enums.ts';

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A catalog resource as the builder sees it. */
export interface CatalogResource {
  id: number;
  deficitCode: string;
  kind: ResourceKind;
  title: string;
  provider: string | null;
  hours: number | null;
}

export interface ProposedStep {
  deficitCode: string | null;
  kind: ResourceKind;
  resourceId: number | null;
  title: string;
  deadline: IsoDate;
}

/** Training first (it gives the knowledge), then practice with colleagues, then work on one's own. */
const PRIMARY_ORDER: ResourceKind[] = ['course', 'event', 'mentoring', 'self_study'];
const PRACTICE_ORDER: ResourceKind[] = ['event', 'mentoring', 'self_study', 'course'];

const byOrder = (order: ResourceKind[]) => (a: CatalogResource, b: CatalogResource) =>
  order.indexOf(a.kind) - order.indexOf(b.kind) || a.id - b.id;

/** The default period of a new route: a year from its start (the last day included). */
export const defaultRouteEnd = (start: IsoDate): IsoDate => addDays(addMonths(start, 12), -1);

/**
 * Proposes the steps of an ИОМ from the deficits a diagnostic found: for every deficit a primary step (a
 * course where the catalog has one) and a practice step of another kind (a seminar, mentoring,
 * self-study), or a self-study step when the catalog has nothing for it. Deadlines are spread evenly over
 * the period in the order of the steps, the last one on the route's end date, none before the start.
 */
export function proposeRouteSteps(options: {
  deficits: { code: string; title: string }[];
  resources: CatalogResource[];
  startDate: IsoDate;
  endDate: IsoDate;
}): ProposedStep[] {
  const drafts: Omit<ProposedStep, 'deadline'>[] = [];
  for (const deficit of options.deficits) {
    const own = options.resources.filter((r) => r.deficitCode === deficit.code);
    const primary = [...own].sort(byOrder(PRIMARY_ORDER))[0];
    if (!primary) {
      drafts.push({
        deficitCode: deficit.code,
        kind: 'self_study',
        resourceId: null,
        title: `Самообразование: ${deficit.title.toLowerCase()}`,
      });
      continue;
    }
    drafts.push(stepOf(primary));
    const practice = own.filter((r) => r.kind !== primary.kind).sort(byOrder(PRACTICE_ORDER))[0];
    if (practice) drafts.push(stepOf(practice));
  }
  const deadlines = spreadDeadlines(options.startDate, options.endDate, drafts.length);
  return drafts.map((d, i) => ({ ...d, deadline: deadlines[i] }));
}

const stepOf = (r: CatalogResource): Omit<ProposedStep, 'deadline'> => ({
  deficitCode: r.deficitCode,
  kind: r.kind,
  resourceId: r.id,
  title: r.title,
});

/** `count` dates from the start (exclusive) to the end (inclusive) at equal intervals, whole days. */
export function spreadDeadlines(start: IsoDate, end: IsoDate, count: number): IsoDate[] {
  const days = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000));
  return Array.from({ length: count }, (_, i) => addDays(start, Math.ceil(((i + 1) * days) / count)));
}
