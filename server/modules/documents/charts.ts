import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { LEVEL_LABEL, type IndicatorLevel } from '../../../core/indicators/levels.ts';
import { termsOf } from './document-terms.ts';
import type { DocumentData, DocumentIndicator } from './documents.data.ts';
import { formatIndicatorValue } from '../../../core/format.ts';
import { plainNumber } from './docx-kit.ts';
import { targetOf } from '../../../core/indicators/targets.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

/** The same level colours as the analysis tab of the web app. */
const LEVEL_HEX: Record<IndicatorLevel | 'none', string> = {
  high: '#12b886',
  medium: '#fab005',
  low: '#fa5252',
  none: '#adb5bd',
};
const MUNICIPAL_HEX = '#1c7ed6';
const TARGET_HEX = '#7048e8';
export const TARGET_LEGEND = 'целевое значение';
/** Earlier years lighter, this one in the municipal blue. */
const YEAR_HEX = ['#d0ebff', '#a5d8ff', '#74c0fc', '#4dabf7', MUNICIPAL_HEX];
const FONT = 'DejaVu Sans';
/** Width of a chart in the document, px at 96 dpi: the text width of an A4 page with ГОСТ margins is 680. */
export const CHART_WIDTH = 640;
/** Charts are rasterised at 1.5 times their size (144 dpi) so they stay sharp when printed. */
const SCALE = 1.5;

export interface ChartImage {
  /** What the chart shows, for the caption and the alternative text. */
  title: string;
  png: Buffer;
  /** A small unique stand-in the Word document is built with; the PNG replaces it when packing (see packDocx). */
  placeholder: Buffer;
  width: number;
  height: number;
}

let chartSerial = 0;
const placeholder = () => Buffer.from(`pedmonitor-chart-${process.pid}-${++chartSerial}-${Date.now()}`);

let fontFiles: string[] | null = null;

/**
 * The bundled DejaVu fonts, found once per process: charts must render Cyrillic without system fonts.
 * resvg-js takes them as files, which it maps cheaply (about 3 ms a chart); handing it the same fonts as
 * buffers copies and parses them on every render (about 110 ms a chart).
 */
function fonts(): string[] {
  if (!fontFiles) {
    const dir = path.join(
      path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    );
    fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(dir, f));
    for (const file of fontFiles)
      if (!existsSync(file)) throw new Error(`Шрифт для диаграмм не найден: ${file}`);
  }
  return fontFiles;
}

/**
 * PNGs of charts already drawn, by their SVG: a closed campaign's charts never change, so the report made
 * again, or the archive after the report, skips rasterising (the slow half of a chart). Bounded: oldest out.
 */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_SIZE = 96;

/** The SVG of an ECharts option drawn on the server (what `renderChart` rasterises). */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Renders an ECharts option on the server to a PNG. The chart is always disposed: a live one keeps the
 * process running. The SVG is drawn here; resvg rasterises it on the thread pool, so the next chart's SVG
 * is drawn meanwhile and the event loop keeps answering.
 */
export async function renderChart(
  option: Record<string, unknown>,
  width: number,
  height: number,
): Promise<Buffer> {
  const svg = chartSvg(option, width, height);
  const key = createHash('sha1').update(svg).digest('hex');
  const cached = pngCache.get(key);
  if (cached) return cached;
  const rendered = await renderAsync(svg, {
    font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: 'width', value: width * SCALE },
    background: '#ffffff',
  });
  const png = Buffer.from(rendered.asPng());
  pngCache.set(key, png);
  if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
  return png;
}

const valueLabel = (indicator: DocumentIndicator, value: number) =>
  formatIndicatorValue(value, indicator.unit);

/** «высокий — от 70 %»: how a threshold reads in the chart. */
function thresholdLabel(indicator: DocumentIndicator, level: 'high' | 'medium', value: number) {
  return `${LEVEL_LABEL[level]} — ${indicator.direction === 'higher' ? 'от' : 'не более'} ${valueLabel(indicator, value)}`;
}

/**
 * Organizations by the value of one indicator, the best on top, bars coloured by level; vertical lines
 * mark the level thresholds, the municipal value and the target of the campaign's year («целевое
 * значение», with its legend entry). Null when no organization has a value.
 */
export function indicatorChartSpec(
  data: DocumentData,
  indicator: DocumentIndicator,
): { option: Record<string, unknown>; height: number; title: string } | null {
  if (indicator.unit === 'presence') return null;
  const rows = data.organizations
    .map((o) => ({ name: o.name, result: data.resultOf(indicator.code, o.id) }))
    .filter((r) => r.result?.value !== null && r.result?.value !== undefined);
  if (!rows.length) return null;
  const sign = indicator.direction === 'higher' ? -1 : 1;
  rows.sort((a, b) => sign * (a.result!.value! - b.result!.value!) || a.name.localeCompare(b.name, 'ru'));
  const municipal = data.resultOf(indicator.code, null)?.value ?? null;
  const target = targetOf(indicator.targets, data.campaign.year);
  // Thresholds are drawn without labels (they would collide with the axis); the caption names them.
  const lines: Record<string, unknown>[] = [];
  if (indicator.levelHigh !== null) lines.push(thresholdLine(LEVEL_HEX.high, indicator.levelHigh));
  if (indicator.levelMedium !== null && indicator.levelMedium !== indicator.levelHigh)
    lines.push(thresholdLine(LEVEL_HEX.medium, indicator.levelMedium));
  if (municipal !== null)
    lines.push({
      xAxis: municipal,
      lineStyle: { color: MUNICIPAL_HEX, type: 'solid', width: 2 },
      label: {
        formatter: `${termsOf(data).whole.toLowerCase()}: ${valueLabel(indicator, municipal)}`,
        color: MUNICIPAL_HEX,
        position: 'start',
        fontWeight: 'bold',
        fontSize: 10,
      },
    });
  const targetLine =
    target === null
      ? []
      : [
          {
            xAxis: target,
            lineStyle: { color: TARGET_HEX, type: 'dotted', width: 2.5 },
            label: {
              formatter: `${TARGET_LEGEND}: ${valueLabel(indicator, target)}`,
              color: TARGET_HEX,
              position: 'end',
              fontSize: 10,
            },
          },
        ];
  const max = Math.max(
    0,
    ...rows.map((r) => r.result!.value!),
    ...[...lines, ...targetLine].map((l) => l.xAxis as number),
  );
  const height = Math.max(200, rows.length * 20 + 90);
  const option = {
    grid: { left: 8, right: 60, top: 34, bottom: 40 },
    // The legend names the target line only: bars and the other lines are named by the caption.
    ...(target === null
      ? {}
      : {
          legend: { top: 2, right: 8, data: [TARGET_LEGEND], textStyle: { fontSize: 10, color: '#212529' } },
        }),
    xAxis: {
      type: 'value',
      name: indicator.unit === 'percent' ? 'значение, %' : 'значение',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { fontSize: 10, color: '#495057' },
      max: indicator.unit === 'percent' ? Math.max(100, Math.ceil(max)) : Math.ceil(max * 1.1) || 1,
      axisLabel: { fontSize: 10, color: '#495057', formatter: (v: number) => plainNumber(v) },
      splitLine: { lineStyle: { color: '#e9ecef' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 10, color: '#212529' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        data: rows.map((r) => ({
          value: r.result!.value,
          itemStyle: { color: LEVEL_HEX[r.result!.level ?? 'none'] },
        })),
        label: {
          show: true,
          position: 'right',
          fontSize: 9,
          color: '#212529',
          formatter: (p: { value: number }) => valueLabel(indicator, p.value),
        },
        markLine: { symbol: 'none', silent: true, data: lines },
      },
      // The target as a series of its own, so that the legend has an entry for it.
      ...(target === null
        ? []
        : [
            {
              type: 'line',
              name: TARGET_LEGEND,
              data: [],
              color: TARGET_HEX,
              lineStyle: { color: TARGET_HEX, type: 'dotted', width: 2.5 },
              symbol: 'none',
              markLine: { symbol: 'none', silent: true, data: targetLine },
            },
          ]),
    ],
  };
  const targetCaption =
    target === null
      ? ''
      : ` Точечная линия — целевое значение на ${data.campaign.year} год (${valueLabel(indicator, target)}).`;
  return {
    option,
    height,
    title: `Рисунок: показатель ${indicator.code} «${indicator.name}» по ${termsOf(data).membersDative}.${thresholdCaption(indicator, termsOf(data).byWhole)}${targetCaption}`,
  };
}

export async function indicatorChart(
  data: DocumentData,
  indicator: DocumentIndicator,
): Promise<ChartImage | null> {
  const spec = indicatorChartSpec(data, indicator);
  if (!spec) return null;
  return {
    title: spec.title,
    png: await renderChart(spec.option, CHART_WIDTH, spec.height),
    placeholder: placeholder(),
    width: CHART_WIDTH,
    height: spec.height,
  };
}

function thresholdLine(color: string, value: number) {
  return { xAxis: value, lineStyle: { color, type: 'dashed', width: 1.5 }, label: { show: false } };
}

/** «Пунктир: высокий уровень — от 70 %, средний — от 40 %.» */
function thresholdCaption(indicator: DocumentIndicator, byWhole: string): string {
  const parts = [];
  if (indicator.levelHigh !== null) parts.push(thresholdLabel(indicator, 'high', indicator.levelHigh));
  if (indicator.levelMedium !== null && indicator.levelMedium !== indicator.levelHigh)
    parts.push(thresholdLabel(indicator, 'medium', indicator.levelMedium));
  return parts.length
    ? ` Цвет столбца — уровень; пунктир — пороги (${parts.join(', ')}); сплошная линия — значение ${byWhole}.`
    : ` Сплошная линия — значение ${byWhole}.`;
}

/**
 * The municipal value of each percentage indicator over the campaigns of the program, one bar per year.
 * Null with a single campaign: there is nothing to compare yet.
 */
export async function dynamicsChart(data: DocumentData): Promise<ChartImage | null> {
  const years = data.dynamics;
  const indicators = data.indicators.filter((i) => i.unit === 'percent');
  if (years.length < 2 || !indicators.length) return null;
  const height = 340;
  const option = {
    grid: { left: 8, right: 16, top: 40, bottom: 30 },
    legend: { top: 4, textStyle: { fontSize: 10 }, data: years.map((y) => `${y.year} год`) },
    xAxis: {
      type: 'category',
      data: indicators.map((i) => i.code),
      axisLabel: { fontSize: 10, color: '#212529' },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: 'значение, %',
      nameTextStyle: { fontSize: 10, color: '#495057' },
      max: 100,
      axisLabel: { fontSize: 10, color: '#495057' },
      splitLine: { lineStyle: { color: '#e9ecef' } },
    },
    series: years.map((y, index) => ({
      type: 'bar',
      name: `${y.year} год`,
      barMaxWidth: 16,
      barGap: '35%',
      itemStyle: { color: YEAR_HEX[Math.max(0, YEAR_HEX.length - years.length + index)] },
      data: indicators.map((i) => y.municipal[i.code] ?? null),
      label: {
        show: years.length <= 3,
        position: 'top',
        fontSize: 8,
        color: '#343a40',
        formatter: (p: { value: number | null }) => (p.value === null ? '' : plainNumber(p.value)),
      },
    })),
  };
  return {
    title: `Рисунок: динамика значений показателей ${termsOf(data).byWhole} (${years.map((y) => y.year).join(', ')}), %`,
    png: await renderChart(option, CHART_WIDTH, height),
    placeholder: placeholder(),
    width: CHART_WIDTH,
    height,
  };
}

/** Every chart of the report, with a callback as each is ready so a job can show its progress. */
export async function renderReportCharts(
  data: DocumentData,
  onChart: (done: number, total: number) => Promise<void>,
): Promise<{ byIndicator: Map<string, ChartImage>; dynamics: ChartImage | null }> {
  const planned = chartCount(data);
  let done = 0;
  const counted = async <T>(chart: Promise<T>) => {
    const image = await chart;
    await onChart(++done, planned);
    return image;
  };
  const indicators = data.indicators.filter((i) => hasIndicatorChart(data, i));
  // Rendering sends no query (resvg renders on libuv's threads, side by side); progress is kept in memory.
  // eslint-disable-next-line no-restricted-syntax
  const [images, dynamics] = await Promise.all([
    // eslint-disable-next-line no-restricted-syntax
    Promise.all(indicators.map((i) => counted(indicatorChart(data, i)))),
    hasDynamicsChart(data) ? counted(dynamicsChart(data)) : Promise.resolve(null),
  ]);
  const byIndicator = new Map<string, ChartImage>();
  indicators.forEach((i, k) => {
    if (images[k]) byIndicator.set(i.code, images[k]);
  });
  return { byIndicator, dynamics };
}

const hasIndicatorChart = (data: DocumentData, i: DocumentIndicator) =>
  i.unit !== 'presence' &&
  data.organizations.some((o) => (data.resultOf(i.code, o.id)?.value ?? null) !== null);
const hasDynamicsChart = (data: DocumentData) =>
  data.dynamics.length >= 2 && data.indicators.some((i) => i.unit === 'percent');

/** How many charts the report holds: the total of the job's chart stage. */
export function chartCount(data: DocumentData): number {
  return data.indicators.filter((i) => hasIndicatorChart(data, i)).length + (hasDynamicsChart(data) ? 1 : 0);
}
