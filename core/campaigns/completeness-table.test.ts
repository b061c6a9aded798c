import { describe, expect, it } from 'vitest';
import {
  applyTableQuery,
  DEFAULT_TABLE_QUERY,
  parseTableQuery,
  tableQueryParams,
  type TableRow,
} from './completeness-table.ts';

const row = (organizationName: string, over: Partial<TableRow> = {}): TableRow => ({
  organizationName,
  kind: 'school',
  state: 'not_started',
  timeliness: 'not_sent',
  submittedAt: null,
  updatedAt: null,
  contactName: null,
  ...over,
});

// In the participants' order: «№ 2» before «№ 10», schools before kindergartens.
const rows = [
  row('СОШ № 2', {
    state: 'accepted',
    timeliness: 'on_time',
    submittedAt: '2025-10-10T09:00:00Z',
    contactName: 'Яковлева',
  }),
  row('СОШ № 10', {
    state: 'returned',
    timeliness: 'late',
    submittedAt: '2025-10-24T09:00:00Z',
    contactName: 'Абрамов',
  }),
  row('СОШ № 11', { state: 'draft', updatedAt: '2025-10-01T09:00:00Z' }),
  row('Детский сад № 1', {
    kind: 'preschool',
    state: 'submitted',
    timeliness: 'on_time',
    submittedAt: '2025-10-05T09:00:00Z',
  }),
];
const names = (query: Partial<typeof DEFAULT_TABLE_QUERY>) =>
  applyTableQuery(rows, { ...DEFAULT_TABLE_QUERY, ...query }).map((r) => r.organizationName);

describe('the completeness table query', () => {
  it('keeps the participants’ order by name, and reverses it', () => {
    expect(names({})).toEqual(['СОШ № 2', 'СОШ № 10', 'СОШ № 11', 'Детский сад № 1']);
    expect(names({ dir: 'desc' })).toEqual(['Детский сад № 1', 'СОШ № 11', 'СОШ № 10', 'СОШ № 2']);
  });

  it('filters by state: «отправлено» is every form sent at least once, whatever it is now', () => {
    expect(names({ state: 'sent' })).toEqual(['СОШ № 2', 'СОШ № 10', 'Детский сад № 1']);
    expect(names({ state: 'submitted' })).toEqual(['Детский сад № 1']);
    expect(names({ state: 'returned' })).toEqual(['СОШ № 10']);
    expect(names({ state: 'not_started' })).toEqual([]);
  });

  it('filters by timeliness and kind together', () => {
    expect(names({ timeliness: 'on_time' })).toEqual(['СОШ № 2', 'Детский сад № 1']);
    expect(names({ timeliness: 'on_time', kind: 'school' })).toEqual(['СОШ № 2']);
  });

  it('sorts by any column, the empty values last in either direction', () => {
    expect(names({ sort: 'submittedAt' })).toEqual(['Детский сад № 1', 'СОШ № 2', 'СОШ № 10', 'СОШ № 11']);
    expect(names({ sort: 'submittedAt', dir: 'desc' })).toEqual([
      'СОШ № 10',
      'СОШ № 2',
      'Детский сад № 1',
      'СОШ № 11',
    ]);
    expect(names({ sort: 'responsible' })).toEqual(['СОШ № 10', 'СОШ № 2', 'СОШ № 11', 'Детский сад № 1']);
    expect(names({ sort: 'timeliness' })).toEqual(['СОШ № 11', 'СОШ № 10', 'СОШ № 2', 'Детский сад № 1']);
    expect(names({ sort: 'kind', dir: 'desc' })[0]).toBe('Детский сад № 1');
  });

  it('reads and writes the address, ignoring unknown values and leaving the defaults out', () => {
    const q = parseTableQuery((n) =>
      new URLSearchParams('state=sent&kind=moon&sort=updatedAt&dir=desc').get(n),
    );
    expect(q).toEqual({ state: 'sent', timeliness: null, kind: null, sort: 'updatedAt', dir: 'desc' });
    expect(tableQueryParams(q)).toEqual({ state: 'sent', sort: 'updatedAt', dir: 'desc' });
    expect(tableQueryParams(DEFAULT_TABLE_QUERY)).toEqual({});
  });
});
