import { listToXlsx, type ExportCell } from '../../http/xlsx-export.ts';
import type { DrilldownCall } from './drilldown.ts';

const PART_LABEL = { numerator: 'числитель', denominator: 'знаменатель' } as const;

/**
 * A drill-down (the records behind a value) as an .xlsx workbook: the heading names the indicator, the
 * organization (or the municipality), the part of the formula and the year; then every aggregate call of
 * the formula with the records it counts. The same records the drill-down shows, to the same callers.
 */
export async function drilldownToXlsx(options: {
  indicator: { code: string; name: string };
  organizationName: string | null;
  part: 'numerator' | 'denominator';
  year: number;
  formula: string;
  calls: DrilldownCall[];
  today: string;
}) {
  const rows: ExportCell[][] = [];
  for (const call of options.calls) {
    rows.push([null, call.description, null, null]);
    if (call.function === 'form') {
      rows.push([null, 'значение из формы мониторинга: записей реестра за ним нет', null, null]);
      continue;
    }
    if (!call.rows.length) rows.push([null, 'записей нет', null, null]);
    call.rows.forEach((r, i) => rows.push([i + 1, r.label, r.organization, r.detail]));
  }
  return listToXlsx({
    sheet: `Показатель ${options.indicator.code}`,
    title: `Показатель ${options.indicator.code} «${options.indicator.name}»: ${PART_LABEL[options.part]}`,
    notes: [
      `${options.organizationName ?? 'Муниципалитет в целом'}, ${options.year} год`,
      `Формула: ${options.formula}`,
    ],
    date: options.today,
    columns: [
      { header: '№', width: 6 },
      { header: 'Запись', width: 50 },
      { header: 'Организация', width: 30 },
      { header: 'Должность', width: 36 },
    ],
    rows,
  });
}
