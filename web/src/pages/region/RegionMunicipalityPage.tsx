import { Anchor, Breadcrumbs, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { expandAnalysis, type CompactAnalysis } from '../../../../core/analysis/compact.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { AnalysisTab } from '../analysis/AnalysisTab.tsx';
import type { AnalysisView } from '../analysis/api.ts';

type MunicipalityAnalysis = AnalysisView & { municipality: { id: number; name: string } };

export const organizationPath = (programId: number, organizationId: number, year: number) =>
  `/region/programs/${programId}/organizations/${organizationId}?year=${year}`;

/**
 * Region → municipality: the municipality's monitoring of the regional program — its organizations'
 * results and the municipal analysis (aggregates, read-only); an organization's name opens its card.
 */
export function RegionMunicipalityPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const programId = Number(params.id);
  const municipalityId = Number(params.municipalityId);
  const year = Number(search.get('year'));
  const url = `/api/regional-programs/${programId}/municipalities/${municipalityId}/analysis`;
  const head = useQuery({
    queryKey: ['regional-municipality', programId, municipalityId, year],
    queryFn: async () =>
      expandAnalysis<MunicipalityAnalysis>(
        await api.get<CompactAnalysis<MunicipalityAnalysis>>(url, { year }),
      ),
  });
  if (head.isLoading) return <Loading />;
  if (head.error || !head.data) return <ErrorAlert error={head.error} title="Муниципалитет недоступен" />;
  const data = head.data;
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={`/region?program=${programId}&year=${year}`}>
          Регион
        </Anchor>
        <Text size="sm">{data.municipality.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={data.municipality.name}
        subtitle={`${data.campaign.title}: результаты организаций${data.campaign.isFrozen ? ' (мониторинг закрыт, значения заморожены)' : ' (мониторинг идёт)'}`}
      />
      <Paper withBorder p="md" mb="md">
        <Text size="sm" fw={500} mb={6}>
          Организации муниципалитета
        </Text>
        <Group gap="md" data-testid="region-organizations">
          {data.organizations.map((o) => (
            <Anchor key={o.id} component={Link} to={organizationPath(programId, o.id, year)} size="sm">
              {o.name}
            </Anchor>
          ))}
        </Group>
      </Paper>
      <AnalysisTab campaignId={data.campaign.id} source={{ url, params: { year } }} initial={data} />
    </>
  );
}
