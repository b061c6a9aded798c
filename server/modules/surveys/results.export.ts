import { formatRuDate } from '../../../core/dates.ts';
import {
  choiceText,
  choiceValue,
  questionsOf,
  type SurveyDefinition,
} from '../../../core/surveys/definition.ts';
import { DIMENSION_LABEL, type Cell, type SurveyResults } from '../../../core/surveys/results.ts';
import { listToXlsx, type ExportCell } from '../../http/xlsx-export.ts';

const hiddenText = (threshold: number) => `скрыто: меньше ${threshold} ответов`;

function cellRows(prefix: ExportCell[], cell: Cell, threshold: number): ExportCell[][] {
  if (cell.hidden) return [[...prefix, hiddenText(threshold), null, null, null]];
  const rows: ExportCell[][] = [];
  if (cell.rows)
    for (const row of cell.rows)
      for (const c of row.counts)
        rows.push([...prefix, cell.respondents, `${row.label}: ${c.label}`, c.count, row.mean]);
  for (const c of cell.counts) rows.push([...prefix, cell.respondents, c.label, c.count, cell.mean]);
  if (!rows.length) rows.push([...prefix, cell.respondents, null, null, cell.mean]);
  return rows;
}

/** The aggregates of a survey as .xlsx: every cell as the results page shows it, hidden ones hidden. */
export async function resultsToXlsx(title: string, results: SurveyResults, today: string) {
  const rows: ExportCell[][] = [];
  for (const q of results.questions) {
    const all = q.leftOut ? `все, кроме скрытых организаций (${q.leftOut})` : 'все';
    rows.push(...cellRows([q.title, 'Всего', all], q.total, results.threshold));
    for (const g of q.groups)
      rows.push(...cellRows([q.title, DIMENSION_LABEL[g.dimension], g.label], g.cell, results.threshold));
    if (!q.total.hidden)
      for (const text of q.total.texts) rows.push([q.title, 'Ответ', 'текст', null, text, null, null]);
  }
  return listToXlsx({
    sheet: 'Итоги анкеты',
    title: `Итоги анкетирования «${title}»`,
    notes: [
      `Ответов: ${results.respondents}. Ячейки, где ответили меньше ${results.threshold} человек, скрыты.`,
      ...(results.questions.some((q) => q.leftOut)
        ? [
            'Где скрытые организации вместе не набирают порога, их ответы не входят в итог и в другие разрезы: иначе их можно было бы вычислить вычитанием.',
          ]
        : []),
    ],
    date: today,
    columns: [
      { header: 'Вопрос', width: 50 },
      { header: 'Разрез', width: 20 },
      { header: 'Группа', width: 30 },
      { header: 'Ответили', width: 12 },
      { header: 'Вариант ответа', width: 40 },
      { header: 'Число ответов', width: 14 },
      { header: 'Среднее', width: 10 },
    ],
    rows,
  });
}

/** Raw answers of a named survey, one row per respondent (never for an anonymous one: the route refuses). */
export async function responsesToXlsx(
  title: string,
  definition: SurveyDefinition,
  responses: {
    short_name: string;
    teacher_name: string | null;
    answered_on: string;
    answers: Record<string, unknown>;
  }[],
  today: string,
) {
  const questions = questionsOf(definition);
  const show = (q: (typeof questions)[number], v: unknown): ExportCell => {
    if (v === undefined || v === null) return null;
    const label = (x: unknown) => {
      const c = (q.choices ?? []).find((c) => String(choiceValue(c)) === String(x));
      return c ? choiceText(c) : String(x);
    };
    if (Array.isArray(v)) return v.map(label).join('; ');
    if (typeof v === 'object')
      return Object.entries(v)
        .map(([k, x]) => `${k}: ${x}`)
        .join('; ');
    return typeof v === 'number' ? v : label(v);
  };
  return listToXlsx({
    sheet: 'Ответы',
    title: `Ответы на именную анкету «${title}»`,
    date: today,
    columns: [
      { header: 'Организация', width: 20 },
      { header: 'ФИО', width: 30 },
      { header: 'Дата ответа', width: 12 },
      ...questions.map((q) => ({ header: q.title, width: 30 })),
    ],
    rows: responses.map((r) => [
      r.short_name,
      r.teacher_name,
      formatRuDate(r.answered_on),
      ...questions.map((q) => show(q, r.answers[q.name])),
    ]),
  });
}
