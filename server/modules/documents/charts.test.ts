import { describe, expect, it } from 'vitest';
import { chartSvg, indicatorChartSpec, TARGET_LEGEND } from './charts.ts';
import type { DocumentData, DocumentIndicator, DocumentResult } from './documents.data.ts';

/** The bar chart of one indicator in the справка, read as its ECharts spec and its drawn SVG. */
const indicator = {
  code: '3.1',
  name: 'Доля молодых педагогов, имеющих наставника',
  unit: 'percent',
  direction: 'higher',
  levelHigh: 90,
  levelMedium: 60,
  targets: { '2024': 70, '2025': 80 },
} as unknown as DocumentIndicator;

function dataOf(year: number): DocumentData {
  const values: Record<string, number> = { '1': 50, '2': 100, municipal: 75 };
  return {
    campaign: { year },
    organizations: [
      { id: 1, name: 'СОШ № 1' },
      { id: 2, name: 'СОШ № 2' },
    ],
    resultOf: (_code: string, org: number | null) =>
      ({ value: values[org === null ? 'municipal' : String(org)], level: 'medium' }) as DocumentResult,
  } as unknown as DocumentData;
}

type Line = { xAxis: number; label: { formatter: string } };
const marked = (option: Record<string, unknown>) =>
  (option.series as { name?: string; markLine: { data: Line[] } }[]).flatMap((s) =>
    s.markLine.data.map((l) => ({ series: s.name ?? null, at: l.xAxis, label: l.label.formatter ?? null })),
  );

describe('the DOCX bar chart of an indicator', () => {
  it('draws the target of the campaign’s year as a line with a legend entry «целевое значение»', () => {
    const spec = indicatorChartSpec(dataOf(2025), indicator)!;
    expect(marked(spec.option)).toContainEqual({
      series: TARGET_LEGEND,
      at: 80,
      label: 'целевое значение: 80,0\u00a0%',
    });
    expect(spec.option.legend).toMatchObject({ data: ['целевое значение'] });
    expect(spec.title).toContain('Точечная линия — целевое значение на 2025 год (80,0\u00a0%).');
    // The drawn image has the legend entry and the line's label.
    const svg = chartSvg(spec.option, 640, spec.height);
    expect(svg).toContain('>целевое значение<');
    expect(svg).toContain('целевое значение: 80,0\u00a0%');
  });

  it('has no target line nor legend when the program sets no target for the year', () => {
    const spec = indicatorChartSpec(dataOf(2026), indicator)!;
    expect(marked(spec.option).map((l) => l.at)).toEqual([90, 60, 75]);
    expect(spec.option.legend).toBeUndefined();
    expect(chartSvg(spec.option, 640, spec.height)).not.toContain('целевое значение');
  });
});
