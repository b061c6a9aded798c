import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { LEVEL_LABEL } from '../../../../core/indicators/levels.ts';
import { targetOf, targetText } from '../../../../core/indicators/targets.ts';
import type { IndicatorResult } from '../programs/api.ts';
import { resultOf, type AnalysisIndicator, type DynamicsPoint } from './api.ts';
import {
  Chart,
  chartValue,
  escapeHtml,
  GRID_CONTAINS_LABELS,
  LEVEL_HEX,
  MUNICIPAL_HEX,
  num,
  ORGANIZATION_HEX,
  TOOLTIP_STYLE,
  unitAxisName,
  type ChartOption,
} from './charts.tsx';

/** «высокий — от 70 %» / «высокий — не более 0»: how a threshold reads for this indicator. */
export function thresholdText(indicator: AnalysisIndicator, level: 'high' | 'medium'): string | null {
  const value = level === 'high' ? indicator.levelHigh : indicator.levelMedium;
  if (value === null) return null;
  const relation = indicator.direction === 'higher' ? 'от' : 'не более';
  return `${LEVEL_LABEL[level]} — ${relation} ${chartValue(value, indicator.unit)}`;
}

const TARGET_HEX = '#7048e8';

/** The plan of a year as a line of a chart: «план 2025: 20 %». */
function targetLine(indicator: AnalysisIndicator, year: number, axis: 'xAxis' | 'yAxis'): ChartOption[] {
  const target = targetOf(indicator.targets, year);
  if (target === null) return [];
  return [
    {
      [axis]: target,
      lineStyle: { color: TARGET_HEX, type: [8, 4], width: 2 },
      label: {
        formatter: `план ${year}: ${targetText(target, indicator.unit)}`,
        color: TARGET_HEX,
        fontWeight: 600,
        position: axis === 'xAxis' ? 'end' : 'insideStartTop',
        distance: axis === 'xAxis' ? [0, 16] : undefined,
      },
    },
  ];
}

/** The threshold lines worth drawing: a medium threshold equal to the high one adds nothing. */
function thresholds(indicator: AnalysisIndicator) {
  const lines: { level: 'high' | 'medium'; value: number }[] = [];
  if (indicator.levelHigh !== null) lines.push({ level: 'high', value: indicator.levelHigh });
  if (indicator.levelMedium !== null && indicator.levelMedium !== indicator.levelHigh)
    lines.push({ level: 'medium', value: indicator.levelMedium });
  return lines;
}

function resultTooltip(indicator: AnalysisIndicator, name: string, r: IndicatorResult | undefined) {
  const parts = [`<b>${escapeHtml(name)}</b>`, `${indicator.code}: ${chartValue(r?.value, indicator.unit)}`];
  if (r && r.denominator !== null && r.numerator !== null)
    parts.push(`${num(r.numerator, 0)} из ${num(r.denominator, 0)}`);
  if (r?.level) parts.push(`уровень: ${LEVEL_LABEL[r.level]}`);
  return parts.join('<br/>');
}

/**
 * Organizations of the selection by the value of one indicator, the best on top, bars coloured by level;
 * vertical lines mark the level thresholds, the municipal value and the mean of the selection.
 */
export function IndicatorBarChart({
  indicator,
  organizations,
  results,
  mean,
  year,
  selectedId,
  onSelect,
  memberName = 'организация',
}: {
  indicator: AnalysisIndicator;
  organizations: { id: number; name: string }[];
  results: IndicatorResult[];
  /** The campaign's year: its target is drawn as a line. */
  year?: number;
  /** The mean of the selection when it differs from the whole municipality. */
  mean?: number | null;
  selectedId?: number | null;
  onSelect?: (organizationId: number) => void;
  /** The name of the axis of bars: «организация», «муниципалитет». */
  memberName?: string;
}) {
  if (indicator.unit === 'presence')
    return <PresenceLists indicator={indicator} organizations={organizations} results={results} />;
  const withValues = organizations
    .map((o) => ({ ...o, result: resultOf(results, indicator.code, o.id) }))
    .filter((o) => o.result && o.result.value !== null);
  const sign = indicator.direction === 'higher' ? -1 : 1;
  withValues.sort(
    (a, b) => sign * (a.result!.value! - b.result!.value!) || a.name.localeCompare(b.name, 'ru'),
  );
  const missing = organizations.filter((o) => !withValues.some((w) => w.id === o.id));
  const municipal = resultOf(results, indicator.code, null);
  const lines: ChartOption[] = [
    ...thresholds(indicator).map((t) => ({
      xAxis: t.value,
      lineStyle: { color: LEVEL_HEX[t.level], type: 'dashed', width: 1.5 },
      label: { formatter: thresholdText(indicator, t.level), color: '#495057', position: 'end' },
    })),
    ...(municipal?.value !== null && municipal?.value !== undefined
      ? [
          {
            xAxis: municipal.value,
            lineStyle: { color: MUNICIPAL_HEX, type: 'solid', width: 2 },
            label: {
              formatter: `муниципалитет: ${chartValue(municipal.value, indicator.unit)}`,
              color: MUNICIPAL_HEX,
              position: 'start',
              fontWeight: 600,
            },
          },
        ]
      : []),
    ...(mean !== null && mean !== undefined
      ? [
          {
            xAxis: mean,
            lineStyle: { color: ORGANIZATION_HEX, type: 'dotted', width: 2 },
            label: {
              formatter: `среднее по выборке: ${chartValue(mean, indicator.unit)}`,
              color: ORGANIZATION_HEX,
              position: 'start',
              distance: [0, 22],
            },
          },
        ]
      : []),
    ...(year === undefined ? [] : targetLine(indicator, year, 'xAxis')),
  ];
  const max = Math.max(0, ...withValues.map((w) => w.result!.value!), ...lines.map((l) => l.xAxis as number));
  const option: ChartOption = {
    grid: { left: 8, right: 56, top: 34, bottom: 62, ...GRID_CONTAINS_LABELS },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const row = withValues[p.dataIndex];
        return resultTooltip(indicator, row.name, row.result);
      },
    },
    xAxis: {
      type: 'value',
      name: unitAxisName(indicator.unit),
      nameLocation: 'middle',
      nameGap: 26,
      max: indicator.unit === 'percent' ? Math.max(100, Math.ceil(max)) : undefined,
      axisLabel: { formatter: (v: number) => num(v) },
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      name: memberName,
      nameLocation: 'start',
      nameTextStyle: { align: 'right', color: '#868e96' },
      data: withValues.map((w) => w.name),
      axisTick: { show: false },
      axisLabel: {
        color: '#343a40',
        formatter: (name: string, index: number) =>
          withValues[index]?.id === selectedId ? `{selected|${name}}` : name,
        rich: { selected: { fontWeight: 700, color: ORGANIZATION_HEX } },
      },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        cursor: onSelect ? 'pointer' : 'default',
        data: withValues.map((w) => ({
          value: w.result!.value,
          itemStyle: {
            color: LEVEL_HEX[w.result!.level ?? 'none'],
            borderRadius: [0, 3, 3, 0],
            ...(w.id === selectedId ? { borderColor: ORGANIZATION_HEX, borderWidth: 2 } : {}),
          },
        })),
        label: {
          show: true,
          position: 'right',
          color: '#343a40',
          fontSize: 11,
          formatter: (p: { value: number }) => chartValue(p.value, indicator.unit),
        },
        markLine: { symbol: 'none', silent: true, data: lines, animation: false },
      },
    ],
  };
  return (
    <Stack gap={4}>
      {withValues.length ? (
        <Chart
          option={option}
          height={Math.max(200, withValues.length * 26 + 110)}
          label={`Значения показателя ${indicator.code} по организациям`}
          onClick={onSelect ? (p) => onSelect(withValues[p.dataIndex].id) : undefined}
        />
      ) : (
        <Text c="dimmed" size="sm">
          Ни у одной организации выборки нет значения этого показателя.
        </Text>
      )}
      {missing.length > 0 && (
        <Text size="xs" c="dimmed">
          Нет данных: {missing.map((m) => m.name).join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

/** A yes/no indicator as two lists: where the thing is and where it is not. */
function PresenceLists({
  indicator,
  organizations,
  results,
}: {
  indicator: AnalysisIndicator;
  organizations: { id: number; name: string }[];
  results: IndicatorResult[];
}) {
  const value = (id: number) => resultOf(results, indicator.code, id)?.value ?? null;
  const groups = [
    { title: 'Есть', color: 'teal', items: organizations.filter((o) => (value(o.id) ?? 0) > 0) },
    { title: 'Нет', color: 'red', items: organizations.filter((o) => value(o.id) === 0) },
    { title: 'Нет данных', color: 'gray', items: organizations.filter((o) => value(o.id) === null) },
  ].filter((g) => g.items.length);
  return (
    <SimpleGrid cols={{ base: 1, sm: groups.length }}>
      {groups.map((g) => (
        <Stack key={g.title} gap={6}>
          <Group gap={6}>
            <Badge color={g.color} variant="light">
              {g.title}
            </Badge>
            <Text size="sm" c="dimmed">
              {g.items.length} ОО
            </Text>
          </Group>
          <Text size="sm">{g.items.map((i) => i.name).join(', ')}</Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/**
 * The municipal value of one indicator over the program's campaigns (points coloured by level), and one
 * organization's beside it when chosen; dashed lines mark the thresholds, and the plan of each year that
 * has a target is drawn as its own line («План»), the last campaign's target also as a line across.
 */
export function DynamicsChart({
  indicator,
  dynamics,
  organization,
  wholeName = 'Муниципалитет в целом',
}: {
  indicator: AnalysisIndicator;
  dynamics: DynamicsPoint[];
  organization?: { id: number; name: string } | null;
  /** The line of the whole (the results with organization null): «Регион в целом» on the regional page. */
  wholeName?: string;
}) {
  const years = dynamics.map((d) => String(d.year));
  const line = (id: number | null, name: string, color: string, dashed: boolean) => ({
    type: 'line',
    name,
    symbolSize: 10,
    lineStyle: { color, width: 2.5, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color },
    connectNulls: true,
    data: dynamics.map((d) => {
      const r = resultOf(d.results, indicator.code, id);
      return {
        value: r?.value ?? null,
        itemStyle: { color: LEVEL_HEX[r?.level ?? 'none'], borderColor: color, borderWidth: 2 },
      };
    }),
    label: {
      show: true,
      position: dashed ? 'bottom' : 'top',
      color,
      fontWeight: 600,
      formatter: (p: { value: number | null }) => chartValue(p.value, indicator.unit),
    },
  });
  const series: ChartOption[] = [line(null, wholeName, MUNICIPAL_HEX, false)];
  if (organization) series.push(line(organization.id, organization.name, ORGANIZATION_HEX, true));
  const plans = dynamics.map((d) => targetOf(indicator.targets, d.year));
  if (plans.some((p) => p !== null))
    series.push({
      type: 'line',
      name: 'План',
      symbol: 'diamond',
      symbolSize: 9,
      lineStyle: { color: TARGET_HEX, width: 2, type: [8, 4] },
      itemStyle: { color: TARGET_HEX },
      data: plans,
    });
  const last = dynamics[dynamics.length - 1];
  series[0].markLine = {
    symbol: 'none',
    silent: true,
    animation: false,
    data: [
      ...thresholds(indicator).map((t) => ({
        yAxis: t.value,
        lineStyle: { color: LEVEL_HEX[t.level], type: 'dashed', width: 1.2 },
        label: { formatter: thresholdText(indicator, t.level), color: '#495057', position: 'insideEndTop' },
      })),
      ...(last ? targetLine(indicator, last.year, 'yAxis') : []),
    ],
  };
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 40, bottom: 30, ...GRID_CONTAINS_LABELS },
    legend: { top: 0, left: 0, icon: 'roundRect', textStyle: { color: '#343a40' } },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'axis',
      formatter: (items: { seriesName: string; value: number | null; axisValue: string }[]) =>
        [
          `<b>${items[0]?.axisValue} г.</b>`,
          ...items.map((i) => `${escapeHtml(i.seriesName)}: ${chartValue(i.value, indicator.unit)}`),
        ].join('<br/>'),
    },
    xAxis: {
      type: 'category',
      data: years,
      name: 'год мониторинга',
      nameLocation: 'middle',
      nameGap: 26,
      boundaryGap: years.length < 3 ? true : false,
    },
    yAxis: {
      type: 'value',
      name: unitAxisName(indicator.unit),
      nameTextStyle: { align: 'left' },
      min: 0,
      max: indicator.unit === 'percent' ? 100 : indicator.unit === 'presence' ? 1 : undefined,
      interval: indicator.unit === 'presence' ? 1 : undefined,
      axisLabel: {
        formatter: (v: number) => (indicator.unit === 'presence' ? (v >= 1 ? 'есть' : 'нет') : num(v)),
      },
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    series,
  };
  return (
    <Chart
      option={option}
      height={300}
      label={`Динамика показателя ${indicator.code} по годам мониторинга`}
    />
  );
}
