import { Anchor, Breadcrumbs, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { organizationKind } from '../../../../core/enums.ts';
import { LEVEL_LABEL } from '../../../../core/indicators/levels.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { ChartCard, chartValue } from '../analysis/charts.tsx';
import type { RegionalOrganizationCard } from './api.ts';
import { municipalityPath } from './RegionalAnalysisView.tsx';

/**
 * Region → municipality → organization: the organization's values in each monitoring of the program, its
 * place in the municipal rating, beside its municipality's and the region's values (aggregates only).
 */
export function RegionOrganizationPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const programId = Number(params.id);
  const organizationId = Number(params.organizationId);
  const year = Number(search.get('year'));
  const card = useQuery({
    queryKey: ['regional-organization', programId, organizationId, year],
    queryFn: () =>
      api.get<RegionalOrganizationCard>(
        `/api/regional-programs/${programId}/organizations/${organizationId}`,
        { year },
      ),
  });
  if (card.isLoading) return <Loading />;
  if (card.error || !card.data) return <ErrorAlert error={card.error} title="Организация недоступна" />;
  const data = card.data;
  const current = data.campaigns.find((c) => c.year === year) ?? data.campaigns[data.campaigns.length - 1];
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to={`/region?program=${programId}&year=${year}`}>
          Регион
        </Anchor>
        <Anchor component={Link} to={municipalityPath(programId, data.organization.municipalityId, year)}>
          {data.organization.municipalityName}
        </Anchor>
        <Text size="sm">{data.organization.shortName}</Text>
      </Breadcrumbs>
      <PageHeader
        title={data.organization.shortName}
        subtitle={`${organizationKind.label[data.organization.kind]}, ${data.organization.municipalityName}. ${data.regionalProgram.title}`}
      />
      <ChartCard
        title={`Результаты ${current.year} года`}
        subtitle={
          current.place
            ? `Место в рейтинге муниципалитета: ${current.place} из ${current.placedOf} (балл ${chartValue(current.score, 'number')}).`
            : 'Места в рейтинге муниципалитета нет: недостаточно данных.'
        }
      >
        <Table striped fz="sm" aria-label="Показатели организации" data-testid="region-organization-card">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Показатель</Table.Th>
              <Table.Th ta="right">Организация</Table.Th>
              <Table.Th>Уровень</Table.Th>
              <Table.Th ta="right">Муниципалитет</Table.Th>
              <Table.Th ta="right">Регион</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.indicators.map((i) => {
              const v = current.values[i.code];
              return (
                <Table.Tr key={i.code}>
                  <Table.Td>
                    {i.code}. {i.name}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {v?.isApplicable === false ? 'не применяется' : chartValue(v?.value ?? null, i.unit)}
                  </Table.Td>
                  <Table.Td>{v?.level ? LEVEL_LABEL[v.level] : '—'}</Table.Td>
                  <Table.Td ta="right">{chartValue(v?.municipal ?? null, i.unit)}</Table.Td>
                  <Table.Td ta="right">
                    {current.year === year ? chartValue(data.region[i.code] ?? null, i.unit) : '—'}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ChartCard>
      {data.campaigns.length > 1 && (
        <ChartCard title="По годам программы" subtitle="Значения организации в каждом мониторинге.">
          <Table fz="sm" aria-label="Значения организации по годам">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Показатель</Table.Th>
                {data.campaigns.map((c) => (
                  <Table.Th key={c.campaignId} ta="right">
                    {c.year}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.indicators.map((i) => (
                <Table.Tr key={i.code}>
                  <Table.Td>{i.code}</Table.Td>
                  {data.campaigns.map((c) => (
                    <Table.Td key={c.campaignId} ta="right">
                      {chartValue(c.values[i.code]?.value ?? null, i.unit)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ChartCard>
      )}
    </>
  );
}
