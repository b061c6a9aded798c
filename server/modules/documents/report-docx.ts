import { completenessSentence } from '../../../core/campaigns/completeness.ts';
import { AlignmentType, Document, type FileChild } from 'docx';
import { STAGE_LABEL, STAGE_PURPOSE, type StageKind } from '../../../core/campaigns/stages.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import { UNIT_LABEL } from '../../../core/indicators/levels.ts';
import type { ChartImage } from './charts.ts';
import type { DocumentData } from './documents.data.ts';
import {
  bullet,
  documentStyles,
  heading,
  letterhead,
  GOST_MARGINS,
  layoutTable,
  numbered,
  packDocx,
  pageNumberFooter,
  para,
  table,
} from './docx-kit.ts';
import {
  dynamicsSection,
  effectSection,
  ratingSection,
  recommendationsSection,
  resultsSection,
  statisticsSection,
} from './report-sections.ts';
import { planFactSection } from './report-plan-fact.ts';

export interface ReportCharts {
  byIndicator: Map<string, ChartImage>;
  dynamics: ChartImage | null;
}

export const REPORT_TITLE = 'Сводная аналитическая справка';

function titleBlock(data: DocumentData): FileChild[] {
  const { campaign, municipality, report } = data;
  const date = report.letterDate ?? data.today;
  return [
    ...letterhead(data.municipality),
    para('', { after: 240 }),
    para(REPORT_TITLE.toUpperCase(), { bold: true, size: 30, align: AlignmentType.CENTER, after: 60 }),
    para(
      `по итогам мониторинга системы обеспечения профессионального развития педагогических работников ${municipality.name ? `(${municipality.name}) ` : ''}за ${campaign.year} год`,
      { bold: true, size: 26, align: AlignmentType.CENTER, after: 120 },
    ),
    layoutTable(
      [para(`${municipality.regionName}`, { size: 22, align: AlignmentType.LEFT })],
      [para(formatRuDate(date), { size: 22, align: AlignmentType.RIGHT })],
    ),
    para('', { after: 120 }),
    ...(campaign.isFrozen
      ? []
      : [
          para(
            `Мониторинг не закрыт: значения рассчитаны по данным реестра и отправленным формам на ${formatRuDate(data.today)} и могут измениться до закрытия.`,
            { italics: true, size: 22 },
          ),
        ]),
    ...(report.introduction ? report.introduction.split(/\n+/).map((t) => para(t, { indent: true })) : []),
  ];
}

function goalsSection(data: DocumentData): FileChild[] {
  const out: FileChild[] = [heading('1. Цели системы и мониторинга')];
  if (data.program.goals.length) {
    out.push(
      para(
        'Цели деятельности муниципальной системы обеспечения профессионального развития педагогических работников:',
        { indent: true },
      ),
    );
    data.program.goals.forEach((g, i, all) => out.push(bullet(`${g}${i === all.length - 1 ? '.' : ';'}`)));
  }
  if (data.program.description)
    out.push(
      para(`Цель мониторинга: ${lowerFirst(data.program.description.split(/\n+/)[0])}`, { indent: true }),
    );
  const withGoals = data.program.criteria.filter((c) => c.goal);
  out.push(
    para(
      `Мониторинг проводится по программе «${data.program.title}» по ${countOf(data.program.criteria.length, ['критерию', 'критериям', 'критериям'])}${withGoals.length ? ' с целями:' : ':'}`,
      { indent: true },
    ),
  );
  data.program.criteria.forEach((c) =>
    out.push(bullet(`${c.code}. ${c.title}${c.goal ? ` — ${lowerFirst(c.goal)}` : ''};`)),
  );
  return out;
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

const STAGES: StageKind[] = ['initial', 'main', 'final'];

function methodSection(data: DocumentData): FileChild[] {
  const { campaign, period, completeness } = data;
  const out: FileChild[] = [
    heading('2. Методика мониторинга'),
    para(
      `Отчётный период — с ${formatRuDate(period.start)} по ${formatRuDate(period.end)}; значения показателей рассчитаны по состоянию на ${formatRuDate(period.referenceDate)}. Значения вычислены системой по записям реестра педагогических работников и формам, отправленным организациями${campaign.isFrozen ? '; при закрытии мониторинга они заморожены и далее не меняются' : ''}.`,
      { indent: true },
    ),
    para('Этапы мониторинга:', { indent: true, keepNext: true }),
    ...STAGES.map((s) =>
      bullet(
        `${upperFirst(STAGE_LABEL[s])} этап (${formatRuDate(campaign.dates[`${s}Start`])} — ${formatRuDate(campaign.dates[`${s}End`])}): ${STAGE_PURPOSE[s]}${s === 'final' ? '.' : ';'}`,
      ),
    ),
    para(
      `В мониторинге участвовали ${countOf(data.organizations.length, ORGANIZATION_FORMS)}${kindsSummary(data)}.`,
      { indent: true },
    ),
  ];
  if (completeness)
    out.push(
      para(
        `Полнота сбора (срок — ${formatRuDate(completeness.deadline)}). ${completenessSentence(completeness)}`,
        { indent: true },
      ),
    );
  out.push(
    para('Показатели мониторинга, единицы измерения, формулы расчёта и источники данных:', {
      indent: true,
      keepNext: true,
    }),
    table(
      ['Код', 'Показатель', 'Ед. изм.', 'Формула расчёта', 'Источник, метод'],
      data.indicators.map((i) => [
        i.code,
        i.name,
        UNIT_LABEL[i.unit],
        i.formulaText,
        [i.source, i.method, i.periodicity].filter(Boolean).join('; ') || '—',
      ]),
      [7, 33, 10, 30, 20],
      18,
    ),
    para(
      'Уровень значения (высокий, средний, низкий) определяется по пороговым значениям программы с учётом того, лучше ли большее или меньшее значение.',
      { indent: true, before: 120 },
    ),
  );
  return out;
}

function kindsSummary(data: DocumentData): string {
  const count = (kind: string) => data.organizations.filter((o) => o.kind === kind).length;
  const parts = [
    count('school') ? `общеобразовательных — ${count('school')}` : null,
    count('preschool') ? `дошкольных — ${count('preschool')}` : null,
    count('additional') ? `дополнительного образования — ${count('additional')}` : null,
  ].filter(Boolean);
  const shnor = data.organizations.filter((o) => o.isLowResults).length;
  const shssu = data.organizations.filter((o) => o.isHardSocialConditions).length;
  const flags = [shnor ? `ШНОР — ${shnor}` : null, shssu ? `ШССУ — ${shssu}` : null].filter(Boolean);
  return parts.length ? ` (${[...parts, ...flags].join(', ')})` : '';
}

function conclusionsSection(data: DocumentData, number: number): FileChild[] {
  return [
    heading(`${number}. Выводы`),
    ...(data.conclusions.length
      ? data.conclusions.map((c, i) => numbered(i + 1, c))
      : [para('Выводы по итогам мониторинга не сформулированы.', { italics: true })]),
  ];
}

function signature(data: DocumentData): FileChild[] {
  if (!data.report.signerPosition && !data.report.signerName) return [];
  return [
    para('', { after: 360 }),
    layoutTable(
      [para(data.report.signerPosition ?? '', { align: AlignmentType.LEFT })],
      [para(data.report.signerName ?? '', { align: AlignmentType.RIGHT })],
      65,
    ),
  ];
}

/**
 * «Сводная аналитическая справка»: requisites, goals, method, results with charts, statistics, rating,
 * dynamics, conclusions, recommendations and the effect of measures — all from the campaign's data.
 */
export async function buildReportDocx(data: DocumentData, charts: ReportCharts): Promise<Buffer> {
  const sections: FileChild[][] = [titleBlock(data), goalsSection(data), methodSection(data)];
  let n = 3;
  sections.push(resultsSection(data, charts, n++));
  const plan = planFactSection(data, n);
  if (plan.length) {
    sections.push(plan);
    n++;
  }
  sections.push(statisticsSection(data, n++));
  sections.push(ratingSection(data, n++));
  const dynamics = dynamicsSection(data, charts, n);
  if (dynamics.length) {
    sections.push(dynamics);
    n++;
  }
  sections.push(conclusionsSection(data, n++));
  sections.push(recommendationsSection(data, n++));
  const effect = effectSection(data, n);
  if (effect.length) sections.push(effect);
  sections.push(signature(data));
  return packReport(
    {
      title: `${REPORT_TITLE}: ${data.campaign.title}`,
      description: `Мониторинг ${data.campaign.year} года, ${data.municipality.name}`,
    },
    sections.flat(),
    charts,
  );
}

/** A справка's file: A4 with the ГОСТ margins, page numbers, its charts embedded. */
export function packReport(
  meta: { title: string; description: string },
  children: FileChild[],
  charts: ReportCharts,
): Promise<Buffer> {
  const document = new Document({
    creator: 'pedmonitor',
    ...meta,
    styles: documentStyles(24),
    sections: [
      {
        properties: { page: { margin: GOST_MARGINS } },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
  return packDocx(document, [...charts.byIndicator.values(), ...(charts.dynamics ? [charts.dynamics] : [])]);
}
