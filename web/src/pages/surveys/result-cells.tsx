import { Alert, List, Table, Text } from '@mantine/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { countOf, formatNumber } from '../../../../core/format.ts';
import {
  DIMENSION_LABEL,
  type Cell,
  type Dimension,
  type QuestionResult,
} from '../../../../core/surveys/results.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The cells of survey results as the results tab and the public page show them (hidden ones hidden). */

export const hiddenText = (threshold: number) => `Скрыто: ответили меньше ${threshold} человек`;

export function CellChart({ cell, title }: { cell: Cell; title: string }) {
  if (cell.hidden || !cell.counts.length) return null;
  const option = {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: cell.counts.map((c) => c.label),
      inverse: true,
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: cell.counts.map((c) => c.count),
        itemStyle: { color: '#228be6' },
        label: { show: true, position: 'right' },
      },
    ],
  };
  return (
    <div role="img" aria-label={`Диаграмма: ${title}`}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height: Math.max(120, cell.counts.length * 32) }}
        notMerge
      />
    </div>
  );
}

export const cellSummary = (cell: Cell, threshold: number) =>
  cell.hidden
    ? hiddenText(threshold)
    : `ответили ${cell.respondents}${cell.mean !== null ? `, среднее ${formatNumber(cell.mean, 2)}` : ''}${cell.counts.length ? `; ${cell.counts.map((c) => `${c.label}: ${c.count}`).join(', ')}` : ''}`;

/** A question's total: the summary, what it leaves out, the chart, a matrix's rows and the free text. */
export function QuestionTotal({ question: q, threshold }: { question: QuestionResult; threshold: number }) {
  if (q.total.hidden) return <Alert color="gray">{hiddenText(threshold)}</Alert>;
  return (
    <>
      <Text size="sm">{cellSummary(q.total, threshold)}</Text>
      {q.leftOut > 0 && (
        <Text size="sm" c="dimmed" data-testid={`left-out-${q.name}`}>
          Без {countOf(q.leftOut, ['скрытой организации', 'скрытых организаций', 'скрытых организаций'])}:
          вместе они не набирают порога, и по итогу их ответы можно было бы вычислить.
        </Text>
      )}
      <CellChart cell={q.total} title={q.title} />
      {q.total.rows?.map((row) => (
        <Text size="sm" key={row.value}>
          {row.label}:{' '}
          {row.mean !== null
            ? `среднее ${formatNumber(row.mean, 2)}`
            : row.counts.map((c) => `${c.label}: ${c.count}`).join(', ')}
        </Text>
      ))}
      {q.total.texts.length > 0 && (
        <List size="sm">
          {q.total.texts.map((t, k) => (
            <List.Item key={k}>{t}</List.Item>
          ))}
        </List>
      )}
    </>
  );
}

/** A question's cells in one cross-tab dimension. */
export function GroupsTable({
  question: q,
  dimension,
  threshold,
}: {
  question: QuestionResult;
  dimension: Dimension;
  threshold: number;
}) {
  const groups = q.groups.filter((g) => g.dimension === dimension);
  if (!groups.length) return null;
  return (
    <Table withTableBorder fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{DIMENSION_LABEL[dimension]}</Table.Th>
          <Table.Th>Итоги</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groups.map((g) => (
          <Table.Tr key={g.key}>
            <Table.Td>{g.label}</Table.Td>
            <Table.Td>{cellSummary(g.cell, threshold)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
