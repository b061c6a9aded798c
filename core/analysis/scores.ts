import { kMeansCluster } from 'simple-statistics';
import { Random } from '../random.ts';
import { organizationKind, type OrganizationKind } from '../enums.ts';

/** One organization's values of the indicators compared (null: no data). */
export interface OrganizationProfile {
  organizationId: number;
  name: string;
  values: (number | null)[];
}

export interface IndicatorAxis {
  code: string;
  name: string;
  direction: 'higher' | 'lower';
}

/**
 * Min–max normalisation per indicator over the organizations: 0 — the worst value, 1 — the best (the
 * direction is taken into account). An indicator where every organization has the same value gives 0.5;
 * no data stays null.
 */
export function normalize(profiles: OrganizationProfile[], axes: IndicatorAxis[]): (number | null)[][] {
  const columns = axes.map((_, j) => profiles.map((p) => p.values[j]).filter((v): v is number => v !== null));
  const bounds = columns.map((c) => (c.length ? [Math.min(...c), Math.max(...c)] : [0, 0]));
  return profiles.map((p) =>
    p.values.map((v, j) => {
      if (v === null) return null;
      const [lo, hi] = bounds[j];
      if (hi === lo) return 0.5;
      const x = (v - lo) / (hi - lo);
      return axes[j].direction === 'higher' ? x : 1 - x;
    }),
  );
}

export const RATING_METHOD =
  'Для каждого показателя значения организаций приводятся к шкале от 0 до 1: 0 — худшее значение среди организаций, 1 — лучшее ' +
  '(для показателей, где лучше меньшее значение, шкала переворачивается). Интегральный балл — среднее по показателям, ' +
  'по которым у организации есть данные, умноженное на 100. Организации с равным баллом делят место.';

export interface RatingRow {
  organizationId: number;
  name: string;
  score: number | null;
  place: number | null;
  /** How many indicators the score averages. */
  indicatorCount: number;
}

/** A rating of organizations by the composite score of RATING_METHOD. */
export function rateOrganizations(profiles: OrganizationProfile[], axes: IndicatorAxis[]): RatingRow[] {
  const normalized = normalize(profiles, axes);
  const rows = profiles.map((p, i) => {
    const known = normalized[i].filter((v): v is number => v !== null);
    return {
      organizationId: p.organizationId,
      name: p.name,
      score: known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 1000) / 10 : null,
      place: null as number | null,
      indicatorCount: known.length,
    };
  });
  const ranked = rows
    .filter((r) => r.score !== null)
    .sort((a, b) => b.score! - a.score! || a.name.localeCompare(b.name, 'ru'));
  let place = 0;
  ranked.forEach((r, i) => {
    if (i === 0 || r.score !== ranked[i - 1].score) place = i + 1;
    r.place = place;
  });
  return [...ranked, ...rows.filter((r) => r.score === null)];
}

export interface Cluster {
  index: number;
  organizationIds: number[];
  names: string[];
  /** Mean normalised value per indicator in the cluster (0..1). */
  centroid: number[];
  /** Plain-Russian description: where the group is above and below the others. */
  description: string;
  title: string;
}

/** How a cluster's description names its members and the whole they are compared with. */
export interface ClusterTerms {
  count: (n: number) => string;
  /** «муниципалитету», «региону»: «профиль близок к среднему по …». */
  whole: string;
}

export const ORGANIZATION_CLUSTER_TERMS: ClusterTerms = { count: (n) => `${n} ОО`, whole: 'муниципалитету' };

/**
 * Groups organizations with similar profiles: k-means on the normalised values (missing values take the
 * indicator's middle, 0.5), the best of several deterministic starts. Each cluster is described in words.
 */
export function clusterOrganizations(
  profiles: OrganizationProfile[],
  axes: IndicatorAxis[],
  k = 3,
  terms: ClusterTerms = ORGANIZATION_CLUSTER_TERMS,
): Cluster[] {
  const normalized = normalize(profiles, axes).map((row) => row.map((v) => v ?? 0.5));
  const clusters = Math.min(k, profiles.length);
  if (clusters < 2 || !axes.length) return [];
  let best: { labels: number[]; centroids: number[][]; inertia: number } | null = null;
  for (let attempt = 0; attempt < 12; attempt++) {
    const rng = new Random(1000 + attempt);
    try {
      const result = kMeansCluster(normalized, clusters, () => rng.next());
      const inertia = normalized.reduce(
        (sum, p, i) => sum + p.reduce((s, v, j) => s + (v - result.centroids[result.labels[i]][j]) ** 2, 0),
        0,
      );
      if (!best || inertia < best.inertia) best = { ...result, inertia };
    } catch {
      // a start that left a centroid without points: try the next one
    }
  }
  if (!best) return [];
  const overall = axes.map((_, j) => normalized.reduce((s, p) => s + p[j], 0) / normalized.length);
  const result = best.centroids.map((centroid, index) => {
    const members = profiles.filter((_, i) => best!.labels[i] === index);
    const mean = centroid.reduce((a, b) => a + b, 0) / centroid.length;
    return { index, centroid, members, mean };
  });
  // The strongest group first.
  result.sort((a, b) => b.mean - a.mean);
  return result
    .filter((c) => c.members.length)
    .map((c, order) => {
      const above = axes.filter((_, j) => c.centroid[j] - overall[j] > 0.15).map((a) => a.code);
      const below = axes.filter((_, j) => overall[j] - c.centroid[j] > 0.15).map((a) => a.code);
      const title =
        order === 0 ? 'Сильные позиции' : order === result.length - 1 ? 'Зона риска' : 'Средний уровень';
      const parts = [
        above.length ? `выше, чем у остальных, показатели ${above.join(', ')}` : null,
        below.length ? `ниже, чем у остальных, показатели ${below.join(', ')}` : null,
      ].filter(Boolean);
      const description = `${terms.count(c.members.length)}: ${parts.length ? parts.join('; ') : `профиль близок к среднему по ${terms.whole}`}. Средний нормированный уровень — ${Math.round(c.mean * 100)} из 100.`;
      return {
        index: order + 1,
        organizationIds: c.members.map((m) => m.organizationId),
        names: c.members.map((m) => m.name),
        centroid: c.centroid.map((v) => Math.round(v * 100) / 100),
        description,
        title,
      };
    });
}

const KIND_GROUP: Record<OrganizationKind, string> = {
  school: 'общеобразовательные организации',
  preschool: 'дошкольные организации',
  additional: 'организации дополнительного образования',
};

/** A profile with the kind of its organization: rating and clusters compare organizations of one kind. */
export interface KindedProfile extends OrganizationProfile {
  kind: OrganizationKind;
}

const kindGroups = (profiles: KindedProfile[]) =>
  organizationKind.values
    .map((kind) => ({ kind, members: profiles.filter((p) => p.kind === kind) }))
    .filter((g) => g.members.length);

/**
 * The rating within each kind of organization (schools with schools, kindergartens with kindergartens):
 * places are counted inside the kind, schools first. Values that do not apply are null and not averaged.
 */
export function rateWithinKinds(
  profiles: KindedProfile[],
  axes: IndicatorAxis[],
): (RatingRow & { kind: OrganizationKind })[] {
  return kindGroups(profiles).flatMap((g) =>
    rateOrganizations(g.members, axes).map((r) => ({ ...r, kind: g.kind })),
  );
}

/** Clusters within each kind that has at least `minSize` organizations; titles name the kind when there are several. */
export function clusterWithinKinds(
  profiles: KindedProfile[],
  axes: IndicatorAxis[],
  k = 3,
  minSize = 6,
): (Cluster & { kind: OrganizationKind })[] {
  const groups = kindGroups(profiles).filter((g) => g.members.length >= minSize);
  let index = 0;
  return groups.flatMap((g) =>
    clusterOrganizations(g.members, axes, k).map((c) => ({
      ...c,
      index: ++index,
      title: groups.length > 1 || g.kind !== 'school' ? `${c.title}: ${KIND_GROUP[g.kind]}` : c.title,
      kind: g.kind,
    })),
  );
}
