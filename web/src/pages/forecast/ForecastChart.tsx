import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { formatNumber } from '../../../../core/format.ts';
import { schoolYearLabel } from '../../../../core/school-year.ts';
import type { ForecastYear } from './api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const one = (n: number) => Math.round(n * 10) / 10;

/**
 * The forecast by school year: what opens (vacancies and expected departures, stacked), what comes (young
 * teachers and graduates of целевое обучение, stacked), the need, and the line of the vacancies' trend.
 */
export function ForecastChart({ years }: { years: ForecastYear[] }) {
  const hasTrend = years.some((y) => y.vacancyTrend !== null);
  const bar = (name: string, stack: string, color: string, values: number[]) => ({
    name,
    type: 'bar',
    stack,
    data: values.map(one),
    itemStyle: { color },
    emphasis: { focus: 'series' },
  });
  const option = {
    grid: { left: 48, right: 16, top: 48, bottom: 40 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null ? '—' : formatNumber(v, 1)),
    },
    xAxis: { type: 'category', data: years.map((y) => schoolYearLabel(y.year).replace(' учебный год', '')) },
    yAxis: { type: 'value', name: 'чел.' },
    series: [
      bar(
        'Вакансии',
        'open',
        '#fab005',
        years.map((y) => y.vacancies),
      ),
      bar(
        'Ожидаемое выбытие',
        'open',
        '#fa5252',
        years.map((y) => y.departures),
      ),
      bar(
        'Приток: молодые педагоги',
        'in',
        '#40c057',
        years.map((y) => y.youngInflow),
      ),
      bar(
        'Приток: выпускники целевого обучения',
        'in',
        '#12b886',
        years.map((y) => y.graduates),
      ),
      {
        ...bar(
          'Потребность',
          'need',
          '#228be6',
          years.map((y) => y.need),
        ),
        label: { show: true, position: 'top', formatter: (p: { value: number }) => formatNumber(p.value, 1) },
      },
      ...(hasTrend
        ? [
            {
              name: 'Вакансии: тенденция',
              type: 'line',
              data: years.map((y) => (y.vacancyTrend === null ? null : one(y.vacancyTrend))),
              lineStyle: { type: 'dashed', color: '#e8590c' },
              itemStyle: { color: '#e8590c' },
            },
          ]
        : []),
    ],
  };
  return (
    <div role="img" aria-label="Прогноз кадровой потребности по учебным годам" data-testid="forecast-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 340 }} notMerge />
    </div>
  );
}
