import { describeAudience } from '../../../core/analysis/audience.ts';
import { NOT_APPLICABLE } from '../indicators/results.export.ts';
import type { FileChild } from 'docx';
import { formatRuDate } from '../../../core/dates.ts';
import { formatNumber, plural } from '../../../core/format.ts';
import { LEVEL_LABEL, UNIT_LABEL, type IndicatorLevel } from '../../../core/indicators/levels.ts';
import { VERDICT_LABEL } from '../../../core/management/effect.ts';
import type { ChartImage } from './charts.ts';
import type { DocumentData, DocumentIndicator, DocumentResult } from './documents.data.ts';
import {
  displayCount,
  displayValue,
  figure,
  heading,
  LEVEL_FILL,
  numbered,
  para,
  plainNumber,
  table,
  type Cell,
} from './docx-kit.ts';
import { termsOf } from './document-terms.ts';
import { planFactSentence } from './report-plan-fact.ts';
import { vacanciesAsOfText } from '../../../core/vacancy-reports.ts';

/** The data sections of the report: results, statistics, rating, dynamics, recommendations, effect. */

interface Charts {
  byIndicator: Map<string, ChartImage>;
  dynamics: ChartImage | null;
}

const levelCell = (level: IndicatorLevel | null | undefined): Cell =>
  level
    ? { text: LEVEL_LABEL[level], fill: LEVEL_FILL[level], align: 'center' }
    : { text: '—', align: 'center' };

/** The row of one organization (or the municipality) in an indicator's table. */
export function resultCells(indicator: DocumentIndicator, r: DocumentResult | undefined): Cell[] {
  return [
    { text: displayCount(r?.numerator), align: 'right' },
    { text: indicator.denominator ? displayCount(r?.denominator) : '—', align: 'right' },
    {
      text: r?.isApplicable === false ? NOT_APPLICABLE : displayValue(r?.value, indicator.unit),
      align: 'right',
      bold: true,
    },
    levelCell(r?.level),
  ];
}

function levelSummary(data: DocumentData, indicator: DocumentIndicator): string {
  const rows = data.organizations.map((o) => data.resultOf(indicator.code, o.id));
  const count = (level: IndicatorLevel) => rows.filter((r) => r?.level === level).length;
  const missing = rows.filter((r) => r?.value === null || r?.value === undefined).length;
  const parts = [
    `высокий уровень — ${count('high')} ${termsOf(data).short}`,
    `средний — ${count('medium')}`,
    `низкий — ${count('low')}`,
  ];
  if (missing) parts.push(`нет данных — ${missing}`);
  return parts.join(', ');
}

function indicatorBlock(data: DocumentData, indicator: DocumentIndicator, chart: ChartImage | undefined) {
  const terms = termsOf(data);
  const municipal = data.resultOf(indicator.code, null);
  const fraction =
    municipal && indicator.denominator && municipal.numerator !== null && municipal.denominator !== null
      ? ` (${displayCount(municipal.numerator)} из ${displayCount(municipal.denominator)})`
      : '';
  const level = municipal?.level ? `, уровень — ${LEVEL_LABEL[municipal.level]}` : '';
  const plan = planFactSentence(data, indicator);
  const out: FileChild[] = [
    para(`Показатель ${indicator.code}. ${indicator.name} (${UNIT_LABEL[indicator.unit]})`, {
      bold: true,
      before: 200,
      keepNext: true,
    }),
    para(
      `Значение ${terms.byWhole}: ${displayValue(municipal?.value, indicator.unit)}${vacanciesAsOfText(indicator.vacanciesAsOf)}${fraction}${level}. По ${terms.membersDative}: ${levelSummary(data, indicator)}.${plan ? ` ${plan}` : ''}`,
      { indent: true, keepNext: true },
    ),
    table(
      ['№', terms.member, 'Числитель', 'Знаменатель', 'Значение', 'Уровень'],
      [
        ...data.organizations.map((o, i) => [
          { text: String(i + 1), align: 'center' } as Cell,
          o.name,
          ...resultCells(indicator, data.resultOf(indicator.code, o.id)),
        ]),
        [
          { text: '' },
          { text: terms.whole, bold: true },
          ...resultCells(indicator, municipal).map((c) => ({ ...c, bold: true })),
        ],
      ],
      [6, 42, 13, 13, 13, 13],
    ),
  ];
  if (chart) out.push(...figure(chart));
  return out;
}

export function resultsSection(data: DocumentData, charts: Charts, n: number): FileChild[] {
  const out: FileChild[] = [heading(`${n}. Результаты мониторинга`)];
  const criteria = [...new Map(data.indicators.map((i) => [i.criterionCode, i.criterionTitle])).entries()];
  criteria.forEach(([code, title], ci) => {
    out.push(heading(`${n}.${ci + 1}. Критерий ${code}. ${title}`, 2));
    for (const indicator of data.indicators.filter((i) => i.criterionCode === code))
      out.push(...indicatorBlock(data, indicator, charts.byIndicator.get(indicator.code)));
  });
  return out;
}

const stat = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v, 1));

export function statisticsSection(data: DocumentData, n: number): FileChild[] {
  const terms = termsOf(data);
  const rows = data.indicators
    .filter((i) => i.unit !== 'presence')
    .map((i) => {
      const s = data.statistics[i.code];
      return [
        i.code,
        { text: s ? String(s.count) : '0', align: 'right' as const },
        ...[s?.mean, s?.median, s?.min, s?.max, s?.standardDeviation].map((v) => ({
          text: stat(v),
          align: 'right' as const,
        })),
        {
          text: s?.variation === null || !s ? '—' : `${formatNumber(s.variation, 1)}\u00a0%`,
          align: 'right' as const,
        },
      ];
    });
  const presence = data.indicators.filter((i) => i.unit === 'presence');
  const out: FileChild[] = [
    heading(`${n}. Описательная статистика`),
    para(
      `Статистика значений ${terms.membersGenitive} по каждому показателю (${terms.membersNominative.toLowerCase()} без данных не учитываются): число ${terms.membersGenitive}, среднее, медиана, минимум, максимум, стандартное отклонение и коэффициент вариации — разброс относительно среднего. Для показателей в процентах величины указаны в процентах.`,
      { indent: true, keepNext: true },
    ),
    table(
      ['Код', terms.short, 'Среднее', 'Медиана', 'Мин.', 'Макс.', 'Ст. откл.', 'Коэф. вар.'],
      rows,
      [9, 8, 14, 14, 12, 12, 14, 17],
    ),
  ];
  for (const i of presence) {
    const has = data.organizations.filter((o) => (data.resultOf(i.code, o.id)?.value ?? 0) > 0).length;
    out.push(
      para(
        `Показатель ${i.code} «${i.name}»: есть у ${has} из ${data.organizations.length} ${plural(data.organizations.length, terms.ofForms)}.`,
        {
          indent: true,
          before: 80,
        },
      ),
    );
  }
  return out;
}

export function ratingSection(data: DocumentData, n: number): FileChild[] {
  const terms = termsOf(data);
  const names = new Map(data.indicators.map((i) => [i.code, i.name]));
  const out: FileChild[] = [
    heading(`${n}. Рейтинг ${terms.membersGenitive}`),
    para(data.rating.method, { indent: true }),
    para(
      `В рейтинг входят показатели: ${data.rating.indicators.map((c: string) => `${c} «${names.get(c) ?? ''}»`).join('; ')}.`,
      { indent: true, keepNext: true },
    ),
    table(
      ['Место', terms.member, 'Интегральный балл', 'Показателей с данными'],
      data.rating.rows.map((r) => [
        { text: r.place === null ? '—' : String(r.place), align: 'center' },
        r.name,
        { text: r.score === null ? 'нет данных' : formatNumber(r.score, 1), align: 'right', bold: true },
        { text: String(r.indicatorCount), align: 'center' },
      ]),
      [12, 50, 19, 19],
    ),
  ];
  if (data.clusters.length) {
    out.push(
      heading(`${n}.1. Группы схожих ${terms.membersGenitive}`, 2),
      para(
        `${terms.membersNominative} разделены на группы со схожими значениями показателей методом k-средних по нормированным значениям (пропуски принимаются за середину шкалы).`,
        { indent: true },
      ),
    );
    for (const c of data.clusters)
      out.push(
        para(`${c.title} (${c.names.length} ${terms.short}): ${c.names.join(', ')}.`, {
          bold: true,
          before: 80,
        }),
        para(c.description, { indent: true }),
      );
  }
  return out;
}

export function dynamicsSection(data: DocumentData, charts: Charts, n: number): FileChild[] {
  if (data.dynamics.length < 2) return [];
  const years = data.dynamics;
  const first = years[0];
  const last = years[years.length - 1];
  const change = (i: DocumentIndicator) => {
    const a = first.municipal[i.code];
    const b = last.municipal[i.code];
    if (a === null || a === undefined || b === null || b === undefined || i.unit === 'presence') return '—';
    const d = b - a;
    const sign = d > 0 ? '+' : d < 0 ? '−' : '';
    return `${sign}${plainNumber(Math.abs(d))}${i.unit === 'percent' ? ' п.п.' : ''}`;
  };
  const widths = [8, 100 - 8 - 12 - years.length * 12, ...years.map(() => 12), 12];
  const out: FileChild[] = [
    heading(`${n}. Динамика показателей`),
    para(
      `Значения показателей ${termsOf(data).byWhole} в мониторингах ${years.map((y) => y.year).join(', ')} годов и изменение за период.`,
      { indent: true, keepNext: true },
    ),
    table(
      ['Код', 'Показатель', ...years.map((y) => `${y.year}`), 'Изменение'],
      data.indicators.map((i) => [
        i.code,
        i.name,
        ...years.map((y) => ({ text: displayValue(y.municipal[i.code], i.unit), align: 'right' as const })),
        { text: change(i), align: 'right' as const },
      ]),
      widths,
    ),
  ];
  if (charts.dynamics) out.push(...figure(charts.dynamics));
  return out;
}

export function recommendationsSection(data: DocumentData, n: number): FileChild[] {
  const toDepartment = data.recommendations.filter((r) => r.organizationId === null && !r.audience);
  const toGroups = data.recommendations.filter((r) => r.audience);
  const nameOf = (id: number) => data.organizations.find((o) => o.id === id)?.name;
  const toOrganizations = data.recommendations.filter((r) => r.organizationId !== null);
  const deadline = (d: string | null) => (d ? ` Срок — до ${formatRuDate(d)}.` : '');
  const out: FileChild[] = [heading(`${n}. Адресные рекомендации`)];
  if (!data.recommendations.length) {
    out.push(para('Адресные рекомендации по итогам мониторинга не сформированы.', { italics: true }));
    return out;
  }
  if (toDepartment.length) {
    out.push(para('Отделу образования (методическому кабинету):', { bold: true, keepNext: true }));
    toDepartment.forEach((r, i) => out.push(numbered(i + 1, `${r.text}${deadline(r.deadline)}`)));
  }
  if (toGroups.length) {
    out.push(para('Группам образовательных организаций:', { bold: true, before: 120, keepNext: true }));
    toGroups.forEach((r, i) =>
      out.push(
        numbered(
          i + 1,
          `${r.text} Адресаты: ${describeAudience(r.audience!, nameOf)}.${deadline(r.deadline)}${r.responsible ? ` Ответственные: ${r.responsible}.` : ''}`,
        ),
      ),
    );
  }
  if (toOrganizations.length) {
    out.push(
      para(
        `Руководителям образовательных организаций (${new Set(toOrganizations.map((r) => r.organizationId)).size} ОО):`,
        {
          bold: true,
          before: 120,
          keepNext: true,
        },
      ),
      table(
        ['Организация', 'Рекомендация', 'Показатель', 'Срок'],
        toOrganizations.map((r) => [
          r.organizationName ?? '',
          r.text,
          { text: r.indicatorCode ?? '—', align: 'center' },
          { text: r.deadline ? formatRuDate(r.deadline) : '—', align: 'center' },
        ]),
        [24, 52, 10, 14],
      ),
    );
  }
  return out;
}

export function effectSection(data: DocumentData, n: number): FileChild[] {
  if (!data.effect) return [];
  return [
    heading(`${n}. Анализ эффективности принятых мер`),
    para(
      'Меры дорожной карты, связанные с показателями: значение по муниципалитету в мониторинге до меры и в этом мониторинге, оценка изменения (по данным раздела «Эффективность мер»).',
      { indent: true, keepNext: true },
    ),
    table(
      ['Мера', 'Показатель', 'До', 'После', 'Оценка'],
      data.effect.map((e) => [
        e.measure,
        `${e.indicatorCode} ${e.indicatorName}`,
        { text: `${displayValue(e.before.value, e.unit)} (${e.before.year})`, align: 'right' },
        { text: `${displayValue(e.after.value, e.unit)} (${e.after.year})`, align: 'right' },
        { text: VERDICT_LABEL[e.verdict], align: 'center', bold: e.verdict !== 'unchanged' },
      ]),
      [30, 30, 13, 13, 14],
    ),
  ];
}
