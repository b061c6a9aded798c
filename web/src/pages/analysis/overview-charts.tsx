import { LEVEL_LABEL, type IndicatorLevel } from '../../../../core/indicators/levels.ts';
import type { IndicatorResult } from '../programs/api.ts';
import { resultOf, type AnalysisIndicator, type Cluster } from './api.ts';
import {
  Chart,
  chartValue,
  escapeHtml,
  GRID_CONTAINS_LABELS,
  LEVEL_CELL_HEX,
  LEVEL_HEX,
  num,
  TOOLTIP_STYLE,
  type ChartOption,
} from './charts.tsx';
import { thresholdText } from './indicator-charts.tsx';

const indicatorLabel = (i: AnalysisIndicator) => `${i.code}  ${i.name}`;
const LABEL_WIDTH = 300;

type Bucket = IndicatorLevel | 'none' | 'missing';
const BUCKETS: { key: Bucket; label: string; color: string }[] = [
  { key: 'high', label: 'высокий уровень', color: LEVEL_HEX.high },
  { key: 'medium', label: 'средний уровень', color: LEVEL_HEX.medium },
  { key: 'low', label: 'низкий уровень', color: LEVEL_HEX.low },
  { key: 'none', label: 'уровень не задан', color: '#74c0fc' },
  { key: 'missing', label: 'нет данных', color: LEVEL_HEX.none },
];

function bucketOf(r: IndicatorResult | undefined): Bucket {
  if (!r || r.value === null) return 'missing';
  return r.level ?? 'none';
}

/** How many organizations of the selection are at each level, indicator by indicator (stacked bars). */
export function LevelDistributionChart({
  indicators,
  organizations,
  results,
}: {
  indicators: AnalysisIndicator[];
  organizations: { id: number }[];
  results: IndicatorResult[];
}) {
  const counts = indicators.map((i) => {
    const c: Record<Bucket, number> = { high: 0, medium: 0, low: 0, none: 0, missing: 0 };
    for (const o of organizations) c[bucketOf(resultOf(results, i.code, o.id))] += 1;
    return c;
  });
  const used = BUCKETS.filter((b) => counts.some((c) => c[b.key] > 0));
  const option: ChartOption = {
    grid: { left: 8, right: 24, top: 36, bottom: 40, ...GRID_CONTAINS_LABELS },
    legend: { top: 0, left: 0, textStyle: { color: '#343a40' } },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number; seriesName: string; value: number; color: string }[]) => {
        const i = indicators[items[0].dataIndex];
        return [
          `<b>${escapeHtml(indicatorLabel(i))}</b>`,
          ...items
            .filter((x) => x.value > 0)
            .map((x) => `<span style="color:${x.color}">●</span> ${x.seriesName}: ${x.value} ОО`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      name: 'число организаций',
      nameLocation: 'middle',
      nameGap: 26,
      minInterval: 1,
      max: organizations.length || undefined,
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: indicators.map(indicatorLabel),
      axisTick: { show: false },
      axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', color: '#343a40' },
    },
    series: used.map((b) => ({
      type: 'bar',
      name: b.label,
      stack: 'levels',
      barMaxWidth: 22,
      itemStyle: { color: b.color },
      label: {
        show: true,
        color: '#212529',
        fontSize: 11,
        formatter: (p: { value: number }) => p.value || '',
      },
      data: counts.map((c) => c[b.key]),
    })),
  };
  return (
    <Chart
      option={option}
      height={indicators.length * 30 + 100}
      label="Распределение организаций по уровням показателей"
    />
  );
}

/**
 * The municipality's value of each percentage indicator, coloured by level, with the thresholds as ticks on
 * the bars. Counts and yes/no indicators have no common scale with them and are shown as figures instead.
 */
export function MunicipalValuesChart({
  indicators,
  results,
}: {
  indicators: AnalysisIndicator[];
  results: IndicatorResult[];
}) {
  const shown = indicators.filter((i) => i.unit === 'percent');
  const rows = shown.map((i) => ({ indicator: i, result: resultOf(results, i.code, null) }));
  const tick = (level: 'high' | 'medium') => ({
    type: 'scatter',
    name: `порог «${LEVEL_LABEL[level]}»`,
    symbol: 'rect',
    symbolSize: [3, 22],
    itemStyle: { color: level === 'high' ? '#087f5b' : '#e67700' },
    z: 5,
    data: rows.map((r) => {
      const value = level === 'high' ? r.indicator.levelHigh : r.indicator.levelMedium;
      return value === null ? null : [value, indicatorLabel(r.indicator)];
    }),
  });
  const option: ChartOption = {
    grid: { left: 8, right: 60, top: 36, bottom: 40, ...GRID_CONTAINS_LABELS },
    legend: { top: 0, left: 0, data: ['порог «высокий»', 'порог «средний»'] },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const { indicator, result } = rows[p.dataIndex];
        return [
          `<b>${escapeHtml(indicatorLabel(indicator))}</b>`,
          `Муниципалитет: ${chartValue(result?.value, indicator.unit)}`,
          result?.level ? `уровень: ${LEVEL_LABEL[result.level]}` : '',
          thresholdText(indicator, 'high') ?? '',
          thresholdText(indicator, 'medium') ?? '',
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      name: 'значение по муниципалитету, %',
      nameLocation: 'middle',
      nameGap: 26,
      max: 100,
      axisLabel: { formatter: (v: number) => num(v) },
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => indicatorLabel(r.indicator)),
      axisTick: { show: false },
      axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', color: '#343a40' },
    },
    series: [
      {
        type: 'bar',
        name: 'муниципалитет',
        barMaxWidth: 22,
        data: rows.map((r) => ({
          value: r.result?.value ?? null,
          itemStyle: { color: LEVEL_HEX[r.result?.level ?? 'none'], borderRadius: [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          fontWeight: 600,
          formatter: (p: { value: number | null }) => chartValue(p.value, 'percent'),
        },
      },
      tick('high'),
      tick('medium'),
    ],
  };
  return (
    <Chart
      option={option}
      height={rows.length * 34 + 100}
      label="Значения показателей по муниципалитету в целом"
    />
  );
}

const CELL_BUCKETS: { key: Bucket; label: string; color: string }[] = [
  { key: 'high', label: 'высокий', color: LEVEL_CELL_HEX.high },
  { key: 'medium', label: 'средний', color: LEVEL_CELL_HEX.medium },
  { key: 'low', label: 'низкий', color: LEVEL_CELL_HEX.low },
  { key: 'none', label: 'уровень не задан', color: LEVEL_CELL_HEX.none },
  { key: 'missing', label: 'нет данных', color: '#ffffff' },
];

/** Organizations × indicators, each cell coloured by level with its value written on it. */
export function LevelHeatmap({
  indicators,
  rows,
  results,
  label = 'Уровни показателей по организациям: тепловая карта',
}: {
  indicators: AnalysisIndicator[];
  /** Rows top to bottom; id null — the municipality (or the region) as a whole. */
  rows: { id: number | null; name: string }[];
  results: IndicatorResult[];
  /** What the rows are, for screen readers: the region's map has municipalities. */
  label?: string;
}) {
  const data = rows.flatMap((row, y) =>
    indicators.map((indicator, x) => {
      const r = resultOf(results, indicator.code, row.id);
      const bucket = bucketOf(r);
      return {
        value: [x, y, CELL_BUCKETS.findIndex((b) => b.key === bucket)],
        text: r?.value === null || !r ? '—' : chartValue(r.value, indicator.unit, false),
        result: r,
      };
    }),
  );
  const option: ChartOption = {
    grid: { left: 8, right: 8, top: 56, bottom: 8, ...GRID_CONTAINS_LABELS },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'item',
      formatter: (p: { data: { value: number[]; result?: IndicatorResult } }) => {
        const [x, y] = p.data.value;
        const i = indicators[x];
        const r = p.data.result;
        return [
          `<b>${escapeHtml(rows[y].name)}</b>`,
          escapeHtml(indicatorLabel(i)),
          `значение: ${chartValue(r?.value, i.unit)}${r?.denominator !== null && r?.numerator !== null && r ? ` (${num(r.numerator!, 0)} из ${num(r.denominator!, 0)})` : ''}`,
          r?.level ? `уровень: ${LEVEL_LABEL[r.level]}` : '',
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      top: 0,
      left: 0,
      itemGap: 14,
      itemSymbol: 'rect',
      textStyle: { color: '#343a40' },
      pieces: CELL_BUCKETS.map((b, index) => ({ value: index, label: b.label, color: b.color })),
      outOfRange: { color: '#ffffff' },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: indicators.map((i) => i.code),
      splitArea: { show: false },
      axisTick: { show: false },
      axisLabel: { fontWeight: 600, color: '#343a40' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { show: false },
      axisLabel: {
        color: '#343a40',
        formatter: (name: string, index: number) => (rows[index]?.id === null ? `{bold|${name}}` : name),
        rich: { bold: { fontWeight: 700 } },
      },
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#ffffff', borderWidth: 2, borderRadius: 3 },
        label: {
          show: true,
          fontSize: 11,
          color: '#212529',
          formatter: (p: { data: { text: string } }) => p.data.text,
        },
        emphasis: { itemStyle: { borderColor: '#343a40', borderWidth: 1 } },
      },
    ],
  };
  return <Chart option={option} height={rows.length * 26 + 80} label={label} />;
}

const CLUSTER_COLORS: Record<string, string> = {
  'Сильные позиции': LEVEL_HEX.high,
  'Средний уровень': LEVEL_HEX.medium,
  'Зона риска': LEVEL_HEX.low,
};

/** The profile of each group of similar organizations: the mean normalised value per indicator, 0–100. */
export function ClusterProfileChart({
  clusters,
  indicators,
}: {
  clusters: Cluster[];
  /** The indicators of the centroids, in their order. */
  indicators: AnalysisIndicator[];
}) {
  const option: ChartOption = {
    // The group names are long: a legend at the top wrapped into lines over the axis name and the bars. It is
    // one scrolling line under the axis name «показатель» instead; the chart is taller by the room it takes.
    grid: { left: 8, right: 16, top: 32, bottom: 72, ...GRID_CONTAINS_LABELS },
    legend: { type: 'scroll', bottom: 0, left: 0, right: 0, textStyle: { color: '#343a40' } },
    tooltip: {
      ...TOOLTIP_STYLE,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number; seriesName: string; value: number; color: string }[]) =>
        [
          `<b>${escapeHtml(indicatorLabel(indicators[items[0].dataIndex]))}</b>`,
          ...items.map(
            (x) =>
              `<span style="color:${x.color}">●</span> ${escapeHtml(x.seriesName)}: ${num(x.value, 0)} из 100`,
          ),
        ].join('<br/>'),
    },
    xAxis: {
      type: 'category',
      data: indicators.map((i) => i.code),
      name: 'показатель',
      nameLocation: 'middle',
      nameGap: 26,
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'нормированный уровень (0 — худший, 100 — лучший)',
      nameTextStyle: { align: 'left' },
      min: 0,
      max: 100,
      splitLine: { lineStyle: { color: '#f1f3f5' } },
    },
    series: clusters.map((c, k) => ({
      type: 'bar',
      name: `Группа ${c.index}. ${c.title}`,
      barMaxWidth: 16,
      itemStyle: { color: CLUSTER_COLORS[c.title] ?? ['#339af0', '#845ef7', '#ff922b'][k % 3] },
      data: c.centroid.map((v) => Math.round(v * 100)),
    })),
  };
  return <Chart option={option} height={344} label="Профили групп организаций по показателям" />;
}
