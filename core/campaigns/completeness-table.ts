/**
 * The completeness table of a campaign: its filters and sort, one definition for the page (which keeps them
 * in the address, so a methodist can share the link) and for the XLSX export of the same view. The groups
 * «в срок / с опозданием / не отправлена» are those of completeness.ts.
 */

import { ORGANIZATION_KINDS, type OrganizationKind } from '../enums.ts';
import type { SubmissionState, Timeliness } from './completeness.ts';

/** The state filter: the five states of a form, and «отправлено» — sent at least once, whatever it is now. */
export const STATE_FILTERS = ['not_started', 'draft', 'sent', 'submitted', 'accepted', 'returned'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];
export const STATE_FILTER_LABEL: Record<StateFilter, string> = {
  not_started: 'не начато',
  draft: 'черновик',
  sent: 'отправлено',
  submitted: 'на проверке',
  accepted: 'принято',
  returned: 'возвращено на доработку',
};

export const TIMELINESS_FILTERS = ['on_time', 'late', 'not_sent'] as const;

export const SORT_KEYS = [
  'name',
  'kind',
  'state',
  'timeliness',
  'submittedAt',
  'updatedAt',
  'responsible',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_LABEL: Record<SortKey, string> = {
  name: 'Организация',
  kind: 'Тип',
  state: 'Статус',
  timeliness: 'Срок',
  submittedAt: 'Отправлено',
  updatedAt: 'Изменено',
  responsible: 'Ответственный',
};

export interface TableQuery {
  state: StateFilter | null;
  timeliness: Timeliness | null;
  kind: OrganizationKind | null;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_TABLE_QUERY: TableQuery = {
  state: null,
  timeliness: null,
  kind: null,
  sort: 'name',
  dir: 'asc',
};

/** One row as the table reads it. */
export interface TableRow {
  organizationName: string;
  kind: OrganizationKind;
  state: SubmissionState;
  timeliness: Timeliness;
  /** ISO timestamps. */
  submittedAt: string | null;
  updatedAt: string | null;
  /** Who answers for the form: the organization's responsible person, else its head. */
  contactName: string | null;
}

const pick = <T extends string>(values: readonly T[], value: string | null | undefined): T | null =>
  value && (values as readonly string[]).includes(value) ? (value as T) : null;

/** The query of an address (`?state=late&sort=submittedAt&dir=desc`); unknown values are ignored. */
export function parseTableQuery(get: (name: string) => string | null | undefined): TableQuery {
  return {
    state: pick(STATE_FILTERS, get('state')),
    timeliness: pick(TIMELINESS_FILTERS, get('timeliness')),
    kind: pick(ORGANIZATION_KINDS, get('kind')),
    sort: pick(SORT_KEYS, get('sort')) ?? 'name',
    dir: get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The address parameters of a query: only what differs from the default, so a plain link stays plain. */
export function tableQueryParams(query: TableQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.state) params.state = query.state;
  if (query.timeliness) params.timeliness = query.timeliness;
  if (query.kind) params.kind = query.kind;
  if (query.sort !== 'name') params.sort = query.sort;
  if (query.dir !== 'asc') params.dir = query.dir;
  return params;
}

export function matchesState(row: Pick<TableRow, 'state' | 'timeliness'>, filter: StateFilter): boolean {
  return filter === 'sent' ? row.timeliness !== 'not_sent' : row.state === filter;
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
const STATE_ORDER: SubmissionState[] = ['not_started', 'draft', 'returned', 'submitted', 'accepted'];
const TIMELINESS_ORDER: Timeliness[] = ['not_sent', 'late', 'on_time'];

/** Compares two values of a column that are both present. */
const compareValues = (x: string | number, y: string | number) =>
  typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));

const KEYS: Record<SortKey, (row: TableRow) => string | number | null> = {
  name: () => null,
  kind: (r) => ORGANIZATION_KINDS.indexOf(r.kind),
  state: (r) => STATE_ORDER.indexOf(r.state),
  timeliness: (r) => TIMELINESS_ORDER.indexOf(r.timeliness),
  submittedAt: (r) => r.submittedAt,
  updatedAt: (r) => r.updatedAt,
  responsible: (r) => r.contactName || null,
};

/**
 * The rows the query shows, in its order. The rows come in the participants' order (schools, then
 * kindergartens, then additional education; «№ 2» before «№ 10»), which is the order by name and breaks
 * every tie; an empty value (never sent, no responsible person) goes last in either direction.
 */
export function applyTableQuery<R extends TableRow>(rows: readonly R[], query: TableQuery): R[] {
  const shown = rows
    .map((row, index) => ({ row, index }))
    .filter(
      ({ row }) =>
        (!query.state || matchesState(row, query.state)) &&
        (!query.timeliness || row.timeliness === query.timeliness) &&
        (!query.kind || row.kind === query.kind),
    );
  const sign = query.dir === 'desc' ? -1 : 1;
  const key = KEYS[query.sort];
  shown.sort((a, b) => {
    if (query.sort === 'name') return sign * (a.index - b.index);
    const x = key(a.row);
    const y = key(b.row);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    return sign * compareValues(x, y) || a.index - b.index;
  });
  return shown.map(({ row }) => row);
}
