import { Paper, Stack, Text, Title } from '@mantine/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ReactNode } from 'react';
import { formatIndicatorValue, formatNumber } from '../../../../core/format.ts';
import type { IndicatorLevel, IndicatorUnit } from '../../../../core/indicators/levels.ts';

// Only the pieces of ECharts these pages draw, so the bundle carries no more than that.
echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

// ECharts options are loosely typed by design.
export type ChartOption = Record<string, any>;

/**
 * Grid option that keeps the axis labels inside the grid box: ECharts 6's replacement of the deprecated
 * `containLabel: true` (which, without the legacy module, logs a warning). The zero clamps keep what
 * `containLabel` did on narrow screens: the plot shrinks for long labels rather than clipping them.
 */
export const GRID_CONTAINS_LABELS = {
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
  outerBoundsClampWidth: 0,
  outerBoundsClampHeight: 0,
} as const;

/** Strong colours of the levels for bars and points (Mantine teal/yellow/red 6). */
export const LEVEL_HEX: Record<IndicatorLevel | 'none', string> = {
  high: '#12b886',
  medium: '#fab005',
  low: '#fa5252',
  none: '#adb5bd',
};
/** Light colours of the levels for cells with a value written on them. */
export const LEVEL_CELL_HEX: Record<IndicatorLevel | 'none', string> = {
  high: '#96f2d7',
  medium: '#ffe066',
  low: '#ffa8a8',
  none: '#e9ecef',
};
export const MUNICIPAL_HEX = '#1c7ed6';
export const ORGANIZATION_HEX = '#7048e8';

export const CHART_FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** A number with the decimal comma: integers as they are, fractions to `digits`. */
export const num = (value: number, digits = 1) => formatNumber(value, Number.isInteger(value) ? 0 : digits);

/** A value for a chart label or tooltip: «46,9 %», «7», «есть». */
export function chartValue(
  value: number | null | undefined,
  unit: IndicatorUnit,
  withUnit = true,
  digits?: number,
): string {
  return formatIndicatorValue(value, unit, { empty: 'нет данных', withUnit, digits });
}

/** The axis name of an indicator's unit. */
export function unitAxisName(unit: IndicatorUnit): string {
  return unit === 'percent' ? 'значение, %' : unit === 'count' ? 'количество' : 'значение';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Tooltip box shared by the charts: readable on any background. */
export const TOOLTIP_STYLE = {
  confine: true,
  backgroundColor: 'rgba(255,255,255,0.97)',
  borderColor: '#dee2e6',
  textStyle: { color: '#212529', fontSize: 13, fontFamily: CHART_FONT },
  extraCssText: 'box-shadow: 0 2px 8px rgba(0,0,0,.12); max-width: 420px; white-space: normal;',
};

/** An ECharts canvas; `label` describes the chart for screen readers. */
export function Chart({
  option,
  height,
  label,
  onClick,
}: {
  option: ChartOption;
  height: number;
  label: string;
  onClick?: (params: { dataIndex: number; name: string; seriesIndex: number }) => void;
}) {
  return (
    <div role="img" aria-label={label} data-chart>
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: { fontFamily: CHART_FONT }, animationDuration: 400, ...option }}
        notMerge
        lazyUpdate
        style={{ height, width: '100%' }}
        onEvents={onClick ? { click: onClick } : undefined}
      />
    </div>
  );
}

/** A bordered section with a heading: every chart and table of the analysis sits in one. */
export function ChartCard({
  title,
  subtitle,
  actions,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section">
      <Stack gap="xs">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Title order={4} fw={600}>
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
          </div>
          {actions}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
