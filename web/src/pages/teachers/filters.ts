import { useSearchParams } from 'react-router-dom';

/**
 * The search filters live in the address, so a search can be bookmarked, sent to a colleague and survives
 * a reload. Keys are the API's query parameters.
 */
export const FILTER_KEYS = [
  'q',
  'organizationId',
  'kind',
  'subject',
  'position',
  'ageFrom',
  'ageTo',
  'experienceFrom',
  'experienceTo',
  'young',
  'category',
  'diagnosedYear',
  'hasRoute',
  'inMentoring',
  'inAssociation',
  'isManager',
  'includeFormer',
  'referenceDate',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const page = Number(params.get('page') ?? 1) || 1;
  const sort = params.get('sort') ?? 'name';

  const update = (changes: Partial<Record<FilterKey | 'page' | 'sort', string | null>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const reset = () => setParams(new URLSearchParams(), { replace: true });
  const activeCount = FILTER_KEYS.filter((k) => k !== 'q' && k !== 'referenceDate' && filters[k]).length;
  return { filters, page, sort, update, reset, activeCount };
}
