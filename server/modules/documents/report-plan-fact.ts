import type { FileChild } from 'docx';
import { deviationText, planFact, targetText, type PlanFact } from '../../../core/indicators/targets.ts';
import type { DocumentData, DocumentIndicator } from './documents.data.ts';
import { displayValue, heading, para, table } from './docx-kit.ts';
import { vacanciesAsOfText } from '../../../core/vacancy-reports.ts';

/** Plan against fact in the справка: the target of the campaign's year (the year of its reporting period). */

function planFactOf(data: DocumentData, indicator: DocumentIndicator): PlanFact | null {
  const fact = data.resultOf(indicator.code, null)?.value ?? null;
  return planFact(indicator.targets, data.campaign.year, fact, indicator.direction);
}

const verdictOf = (pf: PlanFact) =>
  pf.isMet === null ? 'нет данных' : pf.isMet ? 'достигнут' : 'не достигнут';

/** «План на 2025 год — 20 %, факт — 12,4 %, отклонение −7,6 п. п.: целевой показатель не достигнут.» */
export function planFactSentence(data: DocumentData, indicator: DocumentIndicator): string | null {
  const pf = planFactOf(data, indicator);
  if (!pf) return null;
  return `План на ${pf.year} год — ${targetText(pf.plan, indicator.unit)}, факт — ${displayValue(pf.fact, indicator.unit)}${pf.fact === null ? '' : vacanciesAsOfText(indicator.vacanciesAsOf)}, отклонение — ${deviationText(pf.deviation, indicator.unit)}: целевой показатель ${verdictOf(pf)}.`;
}

/** «План и факт»: every indicator with a target of the year, its municipal value and the deviation. */
export function planFactSection(data: DocumentData, n: number): FileChild[] {
  const rows = data.indicators
    .map((indicator) => ({ indicator, pf: planFactOf(data, indicator) }))
    .filter((r): r is { indicator: DocumentIndicator; pf: PlanFact } => r.pf !== null);
  if (!rows.length) return [];
  const missed = rows.filter((r) => r.pf.isMet === false).length;
  return [
    heading(`${n}. План и факт`),
    para(
      `Целевые значения показателей на ${data.campaign.year} год (год отчётного периода мониторинга) и значения по муниципалитету: план / факт / отклонение. Целевых показателей — ${rows.length}, не достигнуто — ${missed}.`,
      { indent: true, keepNext: true },
    ),
    table(
      ['Код', 'Показатель', 'План', 'Факт', 'Отклонение', 'Итог'],
      rows.map(({ indicator, pf }) => [
        indicator.code,
        indicator.name,
        { text: targetText(pf.plan, indicator.unit), align: 'right' },
        {
          text: `${displayValue(pf.fact, indicator.unit)}${pf.fact === null ? '' : vacanciesAsOfText(indicator.vacanciesAsOf)}`,
          align: 'right',
          bold: true,
        },
        { text: deviationText(pf.deviation, indicator.unit), align: 'right' },
        { text: verdictOf(pf), align: 'center', bold: pf.isMet === false },
      ]),
      [8, 40, 12, 12, 14, 14],
    ),
  ];
}
