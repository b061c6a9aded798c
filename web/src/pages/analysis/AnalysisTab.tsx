import { Chip, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { expandAnalysis, type CompactAnalysis } from '../../../../core/analysis/compact.ts';
import { countOf, formatPercent, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { usesVacancies } from '../../../../core/vacancy-reports.ts';
import { api, type Params } from '../../api/client.ts';
import { formatRuDate } from '../../lib/format.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { Figure, indicatorOptions, StatisticsTable } from './analysis-sections.tsx';
import { deviationText, planFact, targetText } from '../../../../core/indicators/targets.ts';
import { resultOf, type AnalysisIndicator, type AnalysisView } from './api.ts';
import { ChartCard, chartValue } from './charts.tsx';
import { GroupFilterSelect } from '../methodical/GroupFilterSelect.tsx';
import { DynamicsChart, IndicatorBarChart, thresholdText } from './indicator-charts.tsx';
import { LevelDistributionChart, LevelHeatmap } from './overview-charts.tsx';
import { ClustersCard, RatingCard } from './rating-sections.tsx';

type KindFilter = 'all' | 'school' | 'preschool' | 'additional';

/**
 * The «Анализ» tab of a campaign: filters, one indicator in depth, then every indicator at a glance.
 * `source`: another route answering the same analysis (the region's drill-down to a municipality);
 * `initial`: its unfiltered answer when the page already read it, so the tab does not ask the same again.
 */
export function AnalysisTab({
  campaignId,
  source,
  initial,
}: {
  campaignId: number;
  source?: { url: string; params: Params };
  initial?: AnalysisView;
}) {
  const [kind, setKind] = useState<KindFilter>('all');
  const [lowResults, setLowResults] = useState(false);
  const [hardSocial, setHardSocial] = useState(false);
  const [orgGroupId, setOrgGroupId] = useState<number | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<number | null>(null);
  const filters = {
    kind: kind === 'all' ? undefined : kind,
    lowResults: lowResults || undefined,
    hardSocial: hardSocial || undefined,
    orgGroupId: orgGroupId ?? undefined,
  };
  const isFiltered = Boolean(filters.kind || filters.lowResults || filters.hardSocial || filters.orgGroupId);
  const query = useQuery({
    queryKey: ['analysis', campaignId, filters, source ?? null],
    // The server sends each value and each name once; the page reads the analysis whole.
    queryFn: async () =>
      expandAnalysis<AnalysisView>(
        await api.get<CompactAnalysis<AnalysisView>>(source?.url ?? `/api/campaigns/${campaignId}/analysis`, {
          ...source?.params,
          ...filters,
        }),
      ),
    placeholderData: keepPreviousData,
    initialData: isFiltered ? undefined : initial,
  });
  if (query.isLoading) return <Loading label="Расчёт статистики, рейтинга и групп…" />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Анализ недоступен" />;
  const data = query.data;
  const indicator = data.indicators.find((i) => i.code === code) ?? data.indicators[0];
  const selected = data.organizations.find((o) => o.id === organizationId) ?? null;
  const ratingOrder = new Map(data.rating.rows.map((r, index) => [r.organizationId, index]));
  const heatmapRows = [
    { id: null, name: 'Муниципалитет в целом' },
    ...[...data.organizations].sort(
      (a, b) => (ratingOrder.get(a.id) ?? 999) - (ratingOrder.get(b.id) ?? 999),
    ),
  ];
  const axes = data.rating.indicators
    .map((c) => data.indicators.find((i) => i.code === c))
    .filter((i): i is AnalysisIndicator => Boolean(i));

  return (
    <Stack gap="md" data-testid="analysis" style={{ opacity: query.isFetching ? 0.7 : 1 }}>
      <Paper withBorder p="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Тип организации
            </Text>
            <SegmentedControl
              aria-label="Тип организации"
              value={kind}
              onChange={(v) => setKind(v as KindFilter)}
              data={[
                { value: 'all', label: 'Все' },
                { value: 'school', label: 'Школы' },
                { value: 'preschool', label: 'Детские сады' },
                { value: 'additional', label: 'Доп. образование' },
              ]}
            />
          </Stack>
          <Group gap="xs">
            <Chip checked={lowResults} onChange={setLowResults} color="orange">
              ШНОР
            </Chip>
            <Chip checked={hardSocial} onChange={setHardSocial} color="red">
              ШССУ
            </Chip>
          </Group>
          <GroupFilterSelect value={orgGroupId} onChange={setOrgGroupId} />
          <Text size="sm" c="dimmed" ml="auto">
            В выборке {countOf(data.organizations.length, ORGANIZATION_FORMS)}
            {data.campaign.isFrozen ? ' · значения заморожены при закрытии мониторинга' : ''}
          </Text>
        </Group>
      </Paper>

      {!data.organizations.length ? (
        <EmptyState>Нет организаций, подходящих под условия отбора.</EmptyState>
      ) : !indicator ? (
        <EmptyState>В программе мониторинга нет показателей.</EmptyState>
      ) : (
        <>
          <SummaryFigures data={data} />
          <Paper withBorder p="md">
            <Group grow align="flex-end" wrap="wrap">
              <Select
                label="Показатель"
                data={indicatorOptions(data.indicators)}
                value={indicator.code}
                onChange={(v) => v && setCode(v)}
                allowDeselect={false}
                searchable
                maxDropdownHeight={420}
                miw={320}
              />
              <Select
                label="Организация для сравнения"
                placeholder="Выберите или нажмите на столбец диаграммы"
                data={data.organizations.map((o) => ({ value: String(o.id), label: o.name }))}
                value={selected ? String(selected.id) : null}
                onChange={(v) => setOrganizationId(v ? Number(v) : null)}
                clearable
                searchable
                miw={260}
              />
            </Group>
          </Paper>
          <ChartCard
            title={`Показатель ${indicator.code}: значения организаций`}
            subtitle={
              <>
                {indicator.name}.{' '}
                {[thresholdText(indicator, 'high'), thresholdText(indicator, 'medium')]
                  .filter(Boolean)
                  .join('; ')}
                {planFactLine(indicator, data)}
                {data.campaign.vacanciesAsOf && usesVacancies(indicator.numerator) && (
                  <span data-testid="vacancies-as-of">
                    {' '}
                    Вакансии — на {formatRuDate(data.campaign.vacanciesAsOf)}.
                  </span>
                )}
              </>
            }
          >
            <IndicatorBarChart
              indicator={indicator}
              organizations={data.organizations}
              results={data.results}
              mean={isFiltered ? (data.statistics[indicator.code]?.mean ?? null) : null}
              year={data.campaign.year}
              selectedId={selected?.id ?? null}
              onSelect={(id) => setOrganizationId(id === organizationId ? null : id)}
            />
          </ChartCard>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ChartCard
              title={`Динамика показателя ${indicator.code}`}
              subtitle={
                data.dynamics.length > 1
                  ? `По мониторингам ${data.dynamics.map((d) => d.year).join(', ')} гг.`
                  : 'Это первый мониторинг программы: сравнивать пока не с чем.'
              }
            >
              <DynamicsChart indicator={indicator} dynamics={data.dynamics} organization={selected} />
            </ChartCard>
            <IndicatorFacts data={data} indicator={indicator} organizationId={selected?.id ?? null} />
          </SimpleGrid>
          <ChartCard
            title="Уровни показателей по организациям"
            subtitle="Организации расположены по месту в рейтинге; в ячейках — значения (для долей — в процентах)."
          >
            <LevelHeatmap indicators={data.indicators} rows={heatmapRows} results={data.results} />
          </ChartCard>
          <ChartCard
            title="Распределение организаций по уровням"
            subtitle="Сколько организаций выборки находится на высоком, среднем и низком уровне по каждому показателю."
          >
            <LevelDistributionChart
              indicators={data.indicators}
              organizations={data.organizations}
              results={data.results}
            />
          </ChartCard>
          <ChartCard
            title="Описательная статистика"
            subtitle="По значениям организаций выборки; показатели наличия (да/нет) описаны числом организаций."
          >
            <StatisticsTable
              indicators={data.indicators}
              statistics={data.statistics}
              organizationCount={data.organizations.length}
            />
          </ChartCard>
          <RatingCard
            title="Рейтинг организаций по интегральному баллу"
            rating={data.rating}
            selectedId={selected?.id ?? null}
          />
          <ClustersCard
            title="Группы организаций со сходным профилем"
            clusters={data.clusters}
            indicators={axes}
            tooFew="Для выделения групп нужно не меньше шести организаций в выборке."
          />
        </>
      )}
    </Stack>
  );
}

function SummaryFigures({ data }: { data: AnalysisView }) {
  const orgResults = data.results.filter((r) => r.organization !== null && r.level !== null);
  const share = (level: 'high' | 'low') =>
    orgResults.length ? (orgResults.filter((r) => r.level === level).length / orgResults.length) * 100 : null;
  const leader = data.rating.rows[0];
  const lowIndicators = data.indicators.filter((i) => resultOf(data.results, i.code, null)?.level === 'low');
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <Figure label="Организаций в выборке" value={String(data.organizations.length)} />
      <Figure
        label="Результатов высокого уровня"
        value={formatPercent(share('high'))}
        hint="доля значений организаций, достигших порога «высокий»"
        color="teal.7"
      />
      <Figure
        label="Результатов низкого уровня"
        value={formatPercent(share('low'))}
        hint={
          lowIndicators.length
            ? `по муниципалитету низкий уровень: ${lowIndicators.map((i) => i.code).join(', ')}`
            : 'по муниципалитету низкого уровня нет'
        }
        color="red.7"
      />
      <Figure
        label="Лидер рейтинга"
        value={leader?.score !== null && leader ? leader.name : '—'}
        hint={
          leader?.score !== null && leader ? `${chartValue(leader.score, 'number')} балла из 100` : undefined
        }
        small
      />
    </SimpleGrid>
  );
}

/** Beside the dynamics: the municipal value, the selection's statistics and the chosen organization. */
function IndicatorFacts({
  data,
  indicator,
  organizationId,
}: {
  data: AnalysisView;
  indicator: AnalysisIndicator;
  organizationId: number | null;
}) {
  const municipal = resultOf(data.results, indicator.code, null);
  const organization = organizationId ? resultOf(data.results, indicator.code, organizationId) : undefined;
  const s = data.statistics[indicator.code];
  const place = data.rating.rows.find((r) => r.organizationId === organizationId);
  const v = (x: number | null | undefined) => chartValue(x ?? null, indicator.unit);
  const rows: [string, string][] = [
    [
      'Муниципалитет в целом',
      `${v(municipal?.value)}${municipal?.denominator ? ` (${municipal.numerator} из ${municipal.denominator})` : ''}`,
    ],
    ...(s && indicator.unit !== 'presence'
      ? ([
          ['Среднее по выборке', v(s.mean)],
          ['Медиана', v(s.median)],
          ['От минимума до максимума', `${v(s.min)} — ${v(s.max)}`],
        ] as [string, string][])
      : []),
    ...(organization
      ? ([
          [organization.organizationName, v(organization.value)],
          [
            'Место в рейтинге',
            place?.place
              ? `${place.place} из ${data.rating.rows.filter((r) => r.kind === place.kind).length}`
              : '—',
          ],
        ] as [string, string][])
      : []),
  ];
  return (
    <ChartCard title="Кратко" subtitle={`${indicator.code}. ${indicator.name}`}>
      <Stack gap={8}>
        {rows.map(([label, value]) => (
          <Group key={label} justify="space-between" wrap="nowrap" gap="md">
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="sm" fw={600} ta="right">
              {value}
            </Text>
          </Group>
        ))}
        {!organization && (
          <Text size="xs" c="dimmed">
            Выберите организацию, чтобы сравнить её с муниципалитетом на диаграммах.
          </Text>
        )}
      </Stack>
    </ChartCard>
  );
}

/** «. План 2025 года — 20 %, факт — 12,4 %, отклонение −7,6 п. п. (не выполнен).» when the year has a target. */
function planFactLine(indicator: AnalysisIndicator, data: AnalysisView) {
  const year = data.campaign.year;
  const fact = resultOf(data.results, indicator.code, null)?.value ?? null;
  const pf = planFact(indicator.targets, year, fact, indicator.direction);
  if (!pf) return null;
  const verdict = pf.isMet === null ? '' : pf.isMet ? ' (выполнен)' : ' (не выполнен)';
  return (
    <span data-testid="plan-fact">
      {'. '}План {year} года — {targetText(pf.plan, indicator.unit)}, факт —{' '}
      {chartValue(fact, indicator.unit)}, отклонение {deviationText(pf.deviation, indicator.unit)}
      {verdict}.
    </span>
  );
}
