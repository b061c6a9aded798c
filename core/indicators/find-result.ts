/** What identifies a computed value: the indicator and the organization (null: the municipality). */
export interface KeyedResult {
  indicator: string;
  organization: number | null;
}

const indexes = new WeakMap<readonly KeyedResult[], Map<string, KeyedResult>>();
const keyOf = (indicator: string, organization: number | null) => `${indicator}|${organization ?? ''}`;

/**
 * The result of one indicator for one organization (null: the municipality as a whole). A region has
 * 2,000 organizations × dozens of indicators, so a scan per lookup turns a page quadratic: the array is
 * indexed once, on first use, and the index is kept as long as the array lives. Arrays of results are
 * never changed after they are made; one that is must not be looked up here.
 */
export function findResult<T extends KeyedResult>(
  results: readonly T[],
  indicator: string,
  organization: number | null,
): T | undefined {
  let index = indexes.get(results);
  if (!index) {
    index = new Map();
    for (const r of results) index.set(keyOf(r.indicator, r.organization), r);
    indexes.set(results, index);
  }
  return index.get(keyOf(indicator, organization)) as T | undefined;
}
