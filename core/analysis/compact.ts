import {
  dictionaryOf,
  restoreNames,
  stripNames,
  type NamedResult,
  type StrippedResults,
} from '../indicators/compact-results.ts';

/**
 * The analysis of a campaign on the wire. It used to send the current results twice (as `results` and as
 * the last point of the dynamics) and every organization's name in each result, rating row and cluster.
 * Here each value travels once — the current point of the dynamics refers to `results` — and the names
 * once, in `organizations`. `expandAnalysis(compactAnalysis(a))` gives back `a`.
 */
interface AnalysisShape<R extends NamedResult> {
  campaign: { id: number };
  organizations: { id: number; name: string }[];
  results: R[];
  rating: { rows: { organizationId: number; name: string }[] };
  clusters: { organizationIds: number[]; names: string[] }[];
  dynamics: { campaignId: number; results: R[] }[];
}

type RatingRowOf<A extends AnalysisShape<NamedResult>> = A['rating']['rows'][number];
type ClusterOf<A extends AnalysisShape<NamedResult>> = A['clusters'][number];
type PointOf<A extends AnalysisShape<NamedResult>> = A['dynamics'][number];
type ResultOf<A extends AnalysisShape<NamedResult>> = A['results'][number];

export type CompactAnalysis<A extends AnalysisShape<NamedResult>> = Omit<
  A,
  'results' | 'rating' | 'clusters' | 'dynamics'
> &
  StrippedResults<ResultOf<A>> & {
    rating: Omit<A['rating'], 'rows'> & { rows: Omit<RatingRowOf<A>, 'name'>[] };
    clusters: Omit<ClusterOf<A>, 'names'>[];
    /** The current campaign's point has no results of its own: they are `results`. */
    dynamics: (Omit<PointOf<A>, 'results'> & Partial<StrippedResults<ResultOf<A>>>)[];
  };

export function compactAnalysis<A extends AnalysisShape<NamedResult>>(analysis: A): CompactAnalysis<A> {
  const dictionary = dictionaryOf(analysis.organizations);
  const { results, rating, clusters, dynamics, ...rest } = analysis;
  return {
    ...rest,
    ...stripNames(results, dictionary),
    rating: { ...rating, rows: rating.rows.map(({ name: _name, ...row }) => row) },
    clusters: clusters.map(({ names: _names, ...cluster }) => cluster),
    dynamics: dynamics.map(({ results: pointResults, ...point }) =>
      point.campaignId === analysis.campaign.id && pointResults === results
        ? point
        : { ...point, ...stripNames(pointResults, dictionary) },
    ),
  } as unknown as CompactAnalysis<A>;
}

export function expandAnalysis<A extends AnalysisShape<NamedResult>>(compact: CompactAnalysis<A>): A {
  const dictionary = dictionaryOf(compact.organizations);
  const name = (id: number) => dictionary.get(id) ?? '';
  const { results: _results, renamed: _renamed, rating, clusters, dynamics, ...rest } = compact;
  const results = restoreNames(compact, dictionary);
  return {
    ...rest,
    results,
    rating: { ...rating, rows: rating.rows.map((row) => ({ ...row, name: name(row.organizationId) })) },
    clusters: clusters.map((cluster) => ({ ...cluster, names: cluster.organizationIds.map(name) })),
    dynamics: dynamics.map(({ results: pointResults, renamed, ...point }) => ({
      ...point,
      results: pointResults ? restoreNames({ results: pointResults, renamed }, dictionary) : results,
    })),
  } as unknown as A;
}
