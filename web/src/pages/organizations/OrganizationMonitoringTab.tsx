import { Badge, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { organizationKind, type OrganizationKind } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { CardCampaign, CardProgram, CardValue, OrganizationCard } from '../../api/types.ts';
import type { IndicatorUnit } from '../../../../core/indicators/levels.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import {
  Chart,
  ChartCard,
  chartValue,
  GRID_CONTAINS_LABELS,
  LEVEL_CELL_HEX,
  MUNICIPAL_HEX,
  ORGANIZATION_HEX,
  TOOLTIP_STYLE,
  unitAxisName,
} from '../analysis/charts.tsx';
import type { OwnRecommendation } from '../analysis/api.ts';
import { RecommendationCard } from '../analysis/recommendation-card.tsx';
import { ReportFiles } from '../analysis/report-files.tsx';

/** GET /api/organizations/:id/monitoring: the recommendations are those of the school's own list. */
type Card = OrganizationCard<OwnRecommendation>;

const NOT_APPLICABLE = 'не применяется';

const KIND_AMONG: Record<OrganizationKind, string> = {
  school: 'общеобразовательных организаций',
  preschool: 'дошкольных организаций',
  additional: 'организаций дополнительного образования',
};

const yearLabel = (c: CardCampaign) => (c.status === 'active' ? `${c.year} (идёт)` : String(c.year));

/** «3-е место из 12 общеобразовательных организаций», or why there is no place. */
export function placeText(c: Pick<CardCampaign, 'place' | 'placedOf'>, kind: OrganizationKind) {
  if (c.place === null) return 'нет данных для рейтинга';
  return `${c.place}-е место из ${c.placedOf} ${KIND_AMONG[kind]}`;
}

const cellText = (v: CardValue | undefined, unit: IndicatorUnit) =>
  !v ? '—' : !v.isApplicable ? NOT_APPLICABLE : chartValue(v.value, unit);

/** One program: the rating place per year, the chart of a chosen indicator, the table of all values. */
function ProgramResults({ program, kind }: { program: CardProgram; kind: OrganizationKind }) {
  const scaled = program.indicators.filter((i) => i.unit !== 'presence');
  const [code, setCode] = useState<string | null>(scaled[0]?.code ?? program.indicators[0]?.code ?? null);
  const indicator = program.indicators.find((i) => i.code === code) ?? null;
  const years = program.campaigns.map(yearLabel);
  const series = indicator
    ? [
        {
          name: 'Организация',
          type: 'bar',
          itemStyle: { color: ORGANIZATION_HEX },
          label: {
            show: true,
            position: 'top',
            formatter: (p: { dataIndex: number }) =>
              cellText(program.campaigns[p.dataIndex].values[indicator.code], indicator.unit),
          },
          data: program.campaigns.map((c) => c.values[indicator.code]?.value ?? null),
        },
        {
          name: 'Муниципалитет',
          type: 'line',
          symbolSize: 8,
          itemStyle: { color: MUNICIPAL_HEX },
          data: program.campaigns.map((c) => c.values[indicator.code]?.municipal ?? null),
        },
      ]
    : [];
  return (
    <Stack gap="md" component="section" aria-label={program.programTitle}>
      <Title order={4}>{program.programTitle}</Title>
      <Group gap="xs" data-testid="rating-places">
        {program.campaigns.map((c) => (
          <Paper key={c.campaignId} withBorder p="xs">
            <Text size="xs" c="dimmed">
              {c.title}
            </Text>
            <Text size="sm" fw={600} data-place={c.place ?? ''}>
              {placeText(c, kind)}
            </Text>
            {c.score !== null && (
              <Text size="xs" c="dimmed">
                интегральный балл {chartValue(c.score, 'number')}
              </Text>
            )}
          </Paper>
        ))}
      </Group>
      {indicator && (
        <ChartCard
          title="Динамика показателя"
          subtitle="Столбцы — значение организации, линия — значение муниципалитета"
          actions={
            <Select
              aria-label="Показатель"
              w={420}
              maw="100%"
              data={program.indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
              value={code}
              onChange={setCode}
              allowDeselect={false}
              searchable
            />
          }
        >
          <Chart
            label={`Значения показателя ${indicator.code} по годам`}
            height={300}
            option={{
              tooltip: {
                ...TOOLTIP_STYLE,
                trigger: 'axis',
                valueFormatter: (v: number | null) => chartValue(v, indicator.unit),
              },
              legend: { bottom: 0 },
              grid: { left: 8, right: 16, top: 28, bottom: 36, ...GRID_CONTAINS_LABELS },
              xAxis: { type: 'category', data: years },
              yAxis: { type: 'value', name: unitAxisName(indicator.unit) },
              series,
            }}
          />
          {program.campaigns.some((c) => c.values[indicator.code]?.isApplicable === false) && (
            <Text size="xs" c="dimmed">
              Показатель не применяется к организации в годы без столбца.
            </Text>
          )}
        </ChartCard>
      )}
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table striped withColumnBorders aria-label={`Значения показателей: ${program.programTitle}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Показатель</Table.Th>
              {program.campaigns.map((c) => (
                <Table.Th key={c.campaignId} ta="right">
                  {yearLabel(c)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {program.indicators.map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td>
                  <Text size="sm">
                    <b>{i.code}</b> {i.name}
                  </Text>
                </Table.Td>
                {program.campaigns.map((c) => {
                  const v = c.values[i.code];
                  return (
                    <Table.Td
                      key={c.campaignId}
                      ta="right"
                      style={{
                        background: v?.level ? LEVEL_CELL_HEX[v.level] : undefined,
                        whiteSpace: 'nowrap',
                      }}
                      c={v && !v.isApplicable ? 'dimmed' : undefined}
                    >
                      {cellText(v, i.unit)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

/**
 * The «Мониторинг» tab of an organization: its indicator values over the years (every campaign it took part
 * in), its place in each campaign's rating among organizations of its kind, the recommendations addressed
 * to it with their status, and its reports with their files.
 */
export function OrganizationMonitoringTab({
  organizationId,
  isOwnManager,
}: {
  organizationId: number;
  isOwnManager: boolean;
}) {
  const key = ['organization-monitoring', organizationId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<Card>(`/api/organizations/${organizationId}/monitoring`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Результаты недоступны" />;
  const card = query.data;
  return (
    <Stack gap="xl">
      {card.programs.length === 0 ? (
        <Paper withBorder>
          <EmptyState>Организация ещё не участвовала в мониторингах.</EmptyState>
        </Paper>
      ) : (
        card.programs.map((p) => (
          <ProgramResults key={p.programId} program={p} kind={card.organization.kind} />
        ))
      )}
      <Stack gap="xs" component="section" aria-label="Рекомендации и отчёты">
        <Group gap="sm">
          <Title order={4}>Рекомендации и отчёты</Title>
          <Badge variant="light" color="gray">
            {organizationKind.label[card.organization.kind]}
          </Badge>
        </Group>
        {card.recommendations.length === 0 ? (
          <Text size="sm" c="dimmed">
            Организации не адресовано рекомендаций.
          </Text>
        ) : (
          card.recommendations.map((r) => (
            <RecommendationCard
              key={`${r.id}-${r.groupOrganizationId ?? ''}`}
              recommendation={{ ...r, addressee: r.audience ? r.addressee : r.campaignTitle }}
              context={
                r.audience ? (
                  <Text size="xs" c="dimmed">
                    {r.campaignTitle}
                  </Text>
                ) : undefined
              }
            >
              <ReportFiles
                recommendation={r}
                canAttach={isOwnManager}
                invalidate={[key, ['my-recommendations']]}
              />
            </RecommendationCard>
          ))
        )}
      </Stack>
    </Stack>
  );
}
