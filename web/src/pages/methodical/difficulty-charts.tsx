import { HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { countOf, formatPercent, TEACHER_FORMS } from '../../../../core/format.ts';
import type { DifficultyMatrix } from './api.ts';

echarts.use([
  HeatmapChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type Measure = 'count' | 'share';

/**
 * Organizations × deficits: a cell's colour is the number (or the share) of the organization's diagnosed
 * teachers with that deficit; clicking a cell asks for the teachers behind it.
 */
export function DifficultyHeatmap({
  matrix,
  measure,
  onCell,
}: {
  matrix: DifficultyMatrix;
  measure: Measure;
  onCell: (organizationId: number, deficitCode: string) => void;
}) {
  const orgIndex = new Map(matrix.organizations.map((o, i) => [o.id, i]));
  const codeIndex = new Map(matrix.deficits.map((d, i) => [d.code, i]));
  const data = matrix.cells.map((c) => [
    codeIndex.get(c.deficitCode)!,
    orgIndex.get(c.organizationId)!,
    measure === 'share' ? Math.round((c.share ?? 0) * 1000) / 10 : c.count,
  ]);
  const max = Math.max(1, ...data.map((d) => d[2]));
  const option = {
    tooltip: {
      formatter: (p: { value: number[] }) => {
        const org = matrix.organizations[p.value[1]];
        const deficit = matrix.deficits[p.value[0]];
        const cell = matrix.cells.find((c) => c.organizationId === org.id && c.deficitCode === deficit.code)!;
        return `${org.shortName}<br/>${deficit.code} ${deficit.title}<br/>${countOf(cell.count, TEACHER_FORMS)} из ${org.diagnosed} (${formatPercent((cell.share ?? 0) * 100)})`;
      },
    },
    grid: { left: 160, right: 24, top: 16, bottom: 80 },
    xAxis: {
      type: 'category',
      data: matrix.deficits.map((d) => d.code),
      axisLabel: { rotate: 45 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: matrix.organizations.map((o) => o.shortName),
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#fff5f5', '#ffa8a8', '#c92a2a'] },
      text: [measure === 'share' ? `${max} %` : String(max), '0'],
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          formatter: (p: { value: number[] }) =>
            measure === 'share' ? `${String(p.value[2]).replace('.', ',')}` : String(p.value[2]),
        },
      },
    ],
  };
  const height = Math.max(220, 28 * matrix.organizations.length + 110);
  return (
    <div role="img" aria-label="Тепловая карта дефицитов по организациям" data-testid="difficulty-heatmap">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height }}
        notMerge
        onEvents={{
          click: (p: { value: number[] }) =>
            onCell(matrix.organizations[p.value[1]].id, matrix.deficits[p.value[0]].code),
        }}
      />
    </div>
  );
}

/** Teachers with each deficit by school year: a line per deficit. */
export function DifficultyTrends({ matrix }: { matrix: DifficultyMatrix }) {
  const title = (code: string) => matrix.deficits.find((d) => d.code === code)?.title ?? code;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: matrix.trends.years.map((y) => `${y}/${String(y + 1).slice(2)}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: matrix.trends.series.map((s) => ({
      type: 'line',
      name: `${s.code} ${title(s.code)}`,
      data: s.values,
    })),
  };
  return (
    <div role="img" aria-label="Динамика дефицитов по учебным годам">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
    </div>
  );
}
