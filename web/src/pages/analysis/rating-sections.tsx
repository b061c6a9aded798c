import { Alert, Text } from '@mantine/core';
import { ClusterCards, RatingTable } from './analysis-sections.tsx';
import type { AnalysisIndicator, Cluster, Rating } from './api.ts';
import { ChartCard } from './charts.tsx';
import { ClusterProfileChart } from './overview-charts.tsx';

/**
 * The rating with its method in words and the groups of similar profiles: the same cards for organizations
 * of a municipality (AnalysisTab) and for municipalities of a region (pages/region).
 */
export function RatingCard({
  title,
  rating,
  selectedId,
  member,
}: {
  title: string;
  rating: Rating;
  selectedId: number | null;
  member?: { label: string; ofList: string };
}) {
  return (
    <ChartCard title={title}>
      <Alert color="blue" variant="light" title="Как рассчитан балл">
        {rating.method} Учитываются показатели: {rating.indicators.join(', ')} (показатели наличия в балл не
        входят).
      </Alert>
      <RatingTable rating={rating} selectedId={selectedId} member={member} />
    </ChartCard>
  );
}

export function ClustersCard({
  title,
  clusters,
  indicators,
  tooFew,
}: {
  title: string;
  clusters: Cluster[];
  /** The indicators of the rating, in the order of the centroids. */
  indicators: AnalysisIndicator[];
  /** Why there are no groups: «нужно не меньше …». */
  tooFew: string;
}) {
  return (
    <ChartCard
      title={title}
      subtitle="Кластерный анализ (k-средних) по нормированным значениям показателей рейтинга."
    >
      {clusters.length ? (
        <>
          <ClusterCards clusters={clusters} />
          <ClusterProfileChart clusters={clusters} indicators={indicators} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {tooFew}
        </Text>
      )}
    </ChartCard>
  );
}
