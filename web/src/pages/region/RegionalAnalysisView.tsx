import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { countOf, MUNICIPALITY_FORMS } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { Figure, indicatorOptions, StatisticsTable } from '../analysis/analysis-sections.tsx';
import { resultOf } from '../analysis/api.ts';
import { ChartCard, chartValue } from '../analysis/charts.tsx';
import { DynamicsChart, IndicatorBarChart } from '../analysis/indicator-charts.tsx';
import { LevelHeatmap } from '../analysis/overview-charts.tsx';
import { ClustersCard, RatingCard } from '../analysis/rating-sections.tsx';
import { asOrganizationClusters, asOrganizationRating, type RegionalAnalysis } from './api.ts';

const RATED = { label: 'Муниципалитет', ofList: 'муниципалитетов' };
const DOCUMENTS = [
  { kind: 'report', label: 'Справка (DOCX)', icon: IconFileText },
  { kind: 'stat-forms', label: 'Статистические формы (XLSX)', icon: IconFileSpreadsheet },
] as const;

/** The drill-down address of a municipality of the regional program's year. */
export const municipalityPath = (programId: number, municipalityId: number, year: number) =>
  `/region/programs/${programId}/municipalities/${municipalityId}?year=${year}`;

/**
 * A regional program's year over the municipalities: the table of values, one indicator in depth (bars,
 * dynamics), the heat map, statistics, the rating with its method and the clusters — the municipal
 * analysis' components, fed with municipalities in the place of organizations.
 */
export function RegionalAnalysisView({ programId, year }: { programId: number; year: number }) {
  const [code, setCode] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ['regional-analysis', programId, year],
    queryFn: () => api.get<RegionalAnalysis>(`/api/regional-programs/${programId}/analysis`, { year }),
  });
  if (query.isLoading) return <Loading label="Сводка по муниципалитетам…" />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Анализ недоступен" />;
  const data = query.data;
  const members = data.municipalities.map((m) => ({ id: m.id, name: m.name }));
  const indicator = data.indicators.find((i) => i.code === code) ?? data.indicators[0];
  const selected = members.find((m) => m.id === selectedId) ?? null;
  const rating = asOrganizationRating(data.rating);
  const clusters = asOrganizationClusters(data.clusters);
  const axes = data.rating.indicators
    .map((c) => data.indicators.find((i) => i.code === c))
    .filter((i) => i !== undefined);
  const documentUrl = (kind: 'report' | 'stat-forms') =>
    `/api/regional-programs/${programId}/documents/${kind}?year=${year}`;
  return (
    <Stack gap="md" data-testid="regional-analysis">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {data.municipalities.length
            ? `Мониторинг ${year} года провели ${countOf(data.municipalities.length, MUNICIPALITY_FORMS)}`
            : `Мониторинга ${year} года пока нет ни в одном муниципалитете`}
          {data.withoutCampaign.length
            ? `; приняли программу, но не провели мониторинг: ${data.withoutCampaign.map((m) => m.name).join(', ')}`
            : ''}
          .
        </Text>
        <Group gap="xs">
          {DOCUMENTS.map((d) => (
            <Button
              key={d.kind}
              component="a"
              href={documentUrl(d.kind)}
              variant="default"
              leftSection={<d.icon size={16} />}
              disabled={!data.municipalities.length}
            >
              {d.label}
            </Button>
          ))}
        </Group>
      </Group>
      {!data.municipalities.length || !indicator ? (
        <EmptyState>Сравнивать пока нечего: нет результатов муниципалитетов за этот год.</EmptyState>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label="Муниципалитетов в сравнении" value={String(data.municipalities.length)} />
            <Figure
              label="Мониторинги закрыты"
              value={`${data.municipalities.filter((m) => m.isFrozen).length} из ${data.municipalities.length}`}
              hint="значения закрытых мониторингов заморожены"
            />
            <Figure
              label="Лидер рейтинга"
              value={data.rating.rows[0]?.score !== null ? (data.rating.rows[0]?.name ?? '—') : '—'}
              small
            />
            <Figure label="Показателей" value={String(data.indicators.length)} />
          </SimpleGrid>
          <ChartCard
            title="Результаты по муниципалитетам"
            subtitle="Значение муниципалитета — из его мониторинга этого года; значение по региону рассчитано по всем педагогам, каждый учтён один раз."
          >
            <ResultsTable data={data} programId={programId} />
          </ChartCard>
          <Paper withBorder p="md">
            <Group grow align="flex-end" wrap="wrap">
              <Select
                label="Показатель"
                data={indicatorOptions(data.indicators)}
                value={indicator.code}
                onChange={(v) => v && setCode(v)}
                allowDeselect={false}
                searchable
                miw={320}
              />
              <Select
                label="Муниципалитет для сравнения"
                placeholder="Выберите или нажмите на столбец диаграммы"
                data={members.map((m) => ({ value: String(m.id), label: m.name }))}
                value={selected ? String(selected.id) : null}
                onChange={(v) => setSelectedId(v ? Number(v) : null)}
                clearable
                miw={260}
              />
            </Group>
          </Paper>
          <ChartCard
            title={`Показатель ${indicator.code}: значения муниципалитетов`}
            subtitle={indicator.name}
          >
            <IndicatorBarChart
              indicator={indicator}
              organizations={members}
              results={data.results}
              year={year}
              selectedId={selected?.id ?? null}
              onSelect={(id) => setSelectedId(id === selectedId ? null : id)}
              memberName="муниципалитет"
            />
          </ChartCard>
          <ChartCard
            title={`Динамика показателя ${indicator.code}`}
            subtitle={
              data.dynamics.length > 1
                ? `По годам программы: ${data.dynamics.map((d) => d.year).join(', ')}.`
                : 'Это первый год программы: сравнивать пока не с чем.'
            }
          >
            <DynamicsChart
              indicator={indicator}
              dynamics={data.dynamics}
              organization={selected}
              wholeName="Регион в целом"
            />
          </ChartCard>
          <ChartCard
            title="Тепловая карта: муниципалитеты × показатели"
            subtitle="Муниципалитеты расположены по месту в рейтинге; цвет — уровень, в ячейках — значения."
          >
            <LevelHeatmap
              indicators={data.indicators}
              rows={[
                { id: null, name: 'Регион в целом' },
                ...data.heatmap.map((h) => ({ id: h.municipalityId, name: h.name })),
              ]}
              results={data.results}
              label="Уровни показателей по муниципалитетам: тепловая карта"
            />
          </ChartCard>
          <ChartCard
            title="Описательная статистика"
            subtitle="По значениям муниципалитетов; показатели наличия (да/нет) описаны числом муниципалитетов."
          >
            <StatisticsTable
              indicators={data.indicators}
              statistics={data.statistics}
              organizationCount={data.municipalities.length}
              memberForms={MUNICIPALITY_FORMS}
            />
          </ChartCard>
          <RatingCard
            title="Рейтинг муниципалитетов по интегральному баллу"
            rating={rating}
            selectedId={selected?.id ?? null}
            member={RATED}
          />
          <ClustersCard
            title="Группы муниципалитетов со сходным профилем"
            clusters={clusters}
            indicators={axes}
            tooFew="Для выделения групп нужно не меньше четырёх муниципалитетов с мониторингом этого года."
          />
        </>
      )}
    </Stack>
  );
}

/** Municipalities × indicators, the region's row at the bottom; a municipality's name opens its drill-down. */
function ResultsTable({ data, programId }: { data: RegionalAnalysis; programId: number }) {
  const place = new Map(data.rating.rows.map((r) => [r.municipalityId, r.place]));
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped fz="sm" aria-label="Результаты по муниципалитетам" data-testid="region-municipalities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Муниципалитет</Table.Th>
            <Table.Th ta="center">Место</Table.Th>
            {data.indicators.map((i) => (
              <Table.Th key={i.code} ta="right" title={i.name}>
                {i.code}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.municipalities.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={municipalityPath(programId, m.id, data.year)}>
                  {m.name}
                </Anchor>
                {!m.isFrozen && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · мониторинг идёт
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="center">{place.get(m.id) ?? '—'}</Table.Td>
              {data.indicators.map((i) => (
                <Table.Td key={i.code} ta="right">
                  {chartValue(resultOf(data.results, i.code, m.id)?.value ?? null, i.unit)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>Регион в целом</Table.Td>
            <Table.Td />
            {data.indicators.map((i) => (
              <Table.Td key={i.code} ta="right">
                {chartValue(resultOf(data.results, i.code, null)?.value ?? null, i.unit)}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
