/**
 * Results on the wire: a region's campaign has 2,000 organizations × dozens of indicators, and each result
 * carrying its organization's name sends every name dozens of times. The names travel once, in a
 * dictionary of the organizations; a result keeps only its organization's id. A name a result holds that
 * differs from the dictionary's (results frozen before the organization was renamed) travels in `renamed`,
 * so that restoring gives back exactly what was stripped.
 */
export const MUNICIPALITY_ROW_NAME = 'Муниципалитет в целом';

export interface NamedResult {
  indicator: string;
  organization: number | null;
  organizationName: string;
}

export type Unnamed<R extends NamedResult> = Omit<R, 'organizationName'>;

export interface StrippedResults<R extends NamedResult> {
  results: Unnamed<R>[];
  /** By organization id ('' for the municipality): names that differ from the dictionary's. */
  renamed?: Record<string, string>;
}

type Dictionary = ReadonlyMap<number, string>;

export const dictionaryOf = (organizations: readonly { id: number; name: string }[]): Dictionary =>
  new Map(organizations.map((o) => [o.id, o.name]));

const nameIn = (dictionary: Dictionary, organization: number | null) =>
  organization === null ? MUNICIPALITY_ROW_NAME : dictionary.get(organization);

export function stripNames<R extends NamedResult>(
  results: readonly R[],
  dictionary: Dictionary,
): StrippedResults<R> {
  const renamed: Record<string, string> = {};
  const stripped = results.map(({ organizationName, ...rest }) => {
    if (nameIn(dictionary, rest.organization) !== organizationName)
      renamed[String(rest.organization ?? '')] = organizationName;
    return rest;
  });
  return Object.keys(renamed).length ? { results: stripped, renamed } : { results: stripped };
}

export function restoreNames<R extends NamedResult>(
  stripped: StrippedResults<R>,
  dictionary: Dictionary,
): R[] {
  return stripped.results.map(
    (r) =>
      ({
        ...r,
        organizationName:
          stripped.renamed?.[String(r.organization ?? '')] ?? nameIn(dictionary, r.organization) ?? '',
      }) as unknown as R,
  );
}

/** The organizations results name, once each, in the order they first appear. */
export function organizationsOf(results: readonly NamedResult[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const r of results)
    if (r.organization !== null && !seen.has(r.organization)) seen.set(r.organization, r.organizationName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** A campaign's results table on the wire: the organizations once, the results by id. */
export function compactResults<R extends NamedResult, T extends { results: R[] }>(answer: T) {
  const organizations = organizationsOf(answer.results);
  return { ...answer, organizations, ...stripNames(answer.results, dictionaryOf(organizations)) };
}

export type CompactResults<R extends NamedResult, T extends { results: R[] }> = ReturnType<
  typeof compactResults<R, T>
>;

export function expandResults<R extends NamedResult>(
  compact: StrippedResults<R> & { organizations: { id: number; name: string }[] },
): R[] {
  return restoreNames(compact, dictionaryOf(compact.organizations));
}
