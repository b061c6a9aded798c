import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { countOf } from '../../../../core/format.ts';
import { formatRuMonth, formatRuMonthShort } from '../../../../core/months.ts';

const VACANCY_FORMS = ['вакансия', 'вакансии', 'вакансий'] as const;

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Vacancies of the municipality per month (на 10-е число), a bar per month. */
export function VacancyChart({ months, totals }: { months: string[]; totals: number[] }) {
  const option = {
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number; value: number }[]) =>
        `${formatRuMonth(months[items[0].dataIndex])}: ${countOf(items[0].value, VACANCY_FORMS)}`,
    },
    xAxis: { type: 'category', data: months.map(formatRuMonthShort), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: totals,
        itemStyle: { color: '#228be6', borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  };
  return (
    <div role="img" aria-label="Вакансии по месяцам">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 260 }} notMerge />
    </div>
  );
}
