import { AlignmentType, type FileChild } from 'docx';
import { countOf, MUNICIPALITY_FORMS } from '../../../core/format.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import type { ProgramFile } from '../../../core/programs/program-file.ts';
import type { Db } from '../../db/client.ts';
import type { AuthUser } from '../auth/access.ts';
import { renderReportCharts } from '../documents/charts.ts';
import type { DocumentTerms } from '../documents/document-terms.ts';
import { formulaInWords, type DocumentData, type DocumentResult } from '../documents/documents.data.ts';
import { bullet, heading, layoutTable, para, safeFileName, table } from '../documents/docx-kit.ts';
import { packReport, REPORT_TITLE } from '../documents/report-docx.ts';
import {
  dynamicsSection,
  ratingSection,
  resultsSection,
  statisticsSection,
} from '../documents/report-sections.ts';
import type { DocumentFile } from '../documents/jobs.ts';
import { buildStatFormsXlsx } from '../documents/stat-forms-xlsx.ts';
import { getRegionalAnalysis, requireRegionalProgram, type RegionalAnalysis } from './analysis.service.ts';

/**
 * The regional справка (DOCX) and statistical forms (XLSX) of a regional program's year: the municipal
 * documents' sections and sheets (server/modules/documents) over municipalities, with the region's value
 * (over its distinct teachers) where the municipal documents have the municipality's.
 */

/** The regional terms; the forms' third column tells whether each municipality's monitoring is closed. */
export const regionalTerms = (frozen: ReadonlySet<number>): DocumentTerms => ({
  whole: 'Регион',
  byWhole: 'по региону',
  member: 'Муниципалитет',
  membersGenitive: 'муниципалитетов',
  membersDative: 'муниципалитетам',
  membersNominative: 'Муниципалитеты',
  short: 'МО',
  ofForms: ['муниципалитета', 'муниципалитетов', 'муниципалитетов'],
  kindHeader: 'Мониторинг',
  kindOf: (m) => (frozen.has(m.id) ? 'закрыт' : 'идёт'),
});

/** The analysis over municipalities as the documents' data (documents.data.ts), with the regional terms. */
export function regionalDocumentData(
  analysis: RegionalAnalysis,
  file: unknown,
  user: AuthUser,
  today: string,
): DocumentData {
  const program = (file as ProgramFile).program;
  const definitions = new Map(program.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  const isFrozen = analysis.municipalities.length > 0 && analysis.municipalities.every((m) => m.isFrozen);
  const byKey = new Map<string, DocumentResult>();
  for (const r of analysis.results) byKey.set(`${r.indicator}|${r.organization}`, r);
  const period = reportingPeriod(program.parameters, analysis.year);
  const wholeOf = (results: typeof analysis.results) =>
    Object.fromEntries(results.filter((r) => r.organization === null).map((r) => [r.indicator, r.value]));
  const year = analysis.year;
  return {
    today,
    executor: user.fullName,
    municipality: {
      name: analysis.regionalProgram.regionName,
      regionName: analysis.regionalProgram.regionName,
      departmentName: 'Региональный координатор мониторинга',
      address: null,
      phone: null,
      email: null,
      requisites: null,
    },
    campaign: {
      id: analysis.regionalProgram.id,
      title: analysis.regionalProgram.title,
      year,
      status: isFrozen ? 'closed' : 'active',
      isFrozen,
      dates: {
        initialStart: period.start,
        initialEnd: period.start,
        mainStart: period.start,
        mainEnd: period.end,
        finalStart: period.end,
        finalEnd: period.end,
      },
      ran: { openedOn: period.start, deadline: period.end, lastSentOn: null, closedOn: null },
    },
    program: {
      title: program.title,
      description: program.description,
      goals: program.goals,
      criteria: program.criteria.map((c) => ({ code: c.code, title: c.title, goal: c.goal })),
    },
    period: { start: period.start, end: period.end, referenceDate: period.referenceDate },
    indicators: analysis.indicators.map((i) => {
      const d = definitions.get(i.code);
      return {
        ...i,
        denominator: d?.denominator ?? null,
        factor: d?.factor ?? 1,
        formulaText: formulaInWords(i.numerator, d?.denominator ?? null, d?.factor ?? 1),
        source: d?.source ?? null,
        method: d?.method ?? null,
        periodicity: d?.periodicity ?? null,
        vacanciesAsOf: null,
      };
    }),
    // A municipality in the place of an organization (its kind is not printed: the terms say what is).
    organizations: analysis.municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      fullName: m.name,
      kind: 'school',
      isLowResults: false,
      isHardSocialConditions: false,
      groupIds: [],
      address: null,
      headName: null,
    })),
    completeness: null,
    results: analysis.results,
    resultOf: (code, member) => byKey.get(`${code}|${member}`),
    statistics: analysis.statistics,
    rating: {
      method: analysis.rating.method,
      indicators: analysis.rating.indicators,
      rows: analysis.rating.rows.map(({ municipalityId, ...r }) => ({
        organizationId: municipalityId,
        ...r,
      })),
    },
    clusters: analysis.clusters.map(({ municipalityIds, ...c }) => ({
      organizationIds: municipalityIds,
      ...c,
    })),
    dynamics: analysis.dynamics.map((d) => ({
      year: d.year,
      isFrozen: d.year < year || isFrozen,
      municipal: wholeOf(d.results),
    })),
    conclusions: [],
    conclusionRows: [],
    recommendations: [],
    report: {
      isPublished: false,
      introduction: null,
      letterNumber: null,
      letterDate: null,
      signerPosition: null,
      signerName: null,
    },
    effect: null,
    terms: regionalTerms(new Set(analysis.municipalities.filter((m) => m.isFrozen).map((m) => m.id))),
  };
}

function titleBlock(data: DocumentData): FileChild[] {
  return [
    para(data.municipality.name, { bold: true, size: 24, align: AlignmentType.CENTER, after: 240 }),
    para(REPORT_TITLE.toUpperCase(), { bold: true, size: 30, align: AlignmentType.CENTER, after: 60 }),
    para(
      `по итогам регионального мониторинга «${data.campaign.title}» за ${data.campaign.year} год: муниципалитеты региона`,
      { bold: true, size: 26, align: AlignmentType.CENTER, after: 120 },
    ),
    layoutTable(
      [para(data.municipality.regionName, { size: 22, align: AlignmentType.LEFT })],
      [para(formatRuDate(data.today), { size: 22, align: AlignmentType.RIGHT })],
    ),
    para('', { after: 120 }),
    ...(data.campaign.isFrozen
      ? []
      : [
          para(
            `Не все мониторинги муниципалитетов закрыты: значения рассчитаны на ${formatRuDate(data.today)} и могут измениться до закрытия.`,
            { italics: true, size: 22 },
          ),
        ]),
  ];
}

function methodSection(data: DocumentData, analysis: RegionalAnalysis): FileChild[] {
  const out: FileChild[] = [
    heading('1. Программа и методика'),
    para(
      `Региональная программа «${data.program.title}» (версия ${analysis.regionalProgram.programVersion}) принята муниципалитетами как программа их мониторинга; показатели региона муниципалитет не изменяет. Отчётный период — с ${formatRuDate(data.period.start)} по ${formatRuDate(data.period.end)}; значения рассчитаны по состоянию на ${formatRuDate(data.period.referenceDate)}.`,
      { indent: true },
    ),
    para(
      'Значение муниципалитета — значение показателя по муниципалитету в целом из его мониторинга этого года (замороженное при закрытии мониторинга). Значение по региону рассчитано заново по всем педагогам муниципалитетов, каждый педагог учтён один раз, даже если работает в двух муниципалитетах; значения форм, являющиеся количествами, суммируются.',
      { indent: true },
    ),
    para(
      `В анализе ${countOf(analysis.municipalities.length, MUNICIPALITY_FORMS)} с мониторингом ${analysis.year} года:`,
      { indent: true, keepNext: true },
    ),
    table(
      ['№', 'Муниципалитет', 'Мониторинг'],
      analysis.municipalities.map((m, i) => [
        { text: String(i + 1), align: 'center' },
        m.name,
        m.isFrozen ? 'закрыт, значения заморожены' : 'идёт, значения на дату справки',
      ]),
      [8, 52, 40],
    ),
  ];
  if (analysis.withoutCampaign.length)
    out.push(
      para('Приняли программу, но не провели мониторинг этого года (в сравнение не входят):', {
        indent: true,
        before: 120,
      }),
      ...analysis.withoutCampaign.map((m, i, all) => bullet(`${m.name}${i === all.length - 1 ? '.' : ';'}`)),
    );
  return out;
}

export async function buildRegionalReportDocx(data: DocumentData, analysis: RegionalAnalysis) {
  const charts = await renderReportCharts(data, async () => {});
  let n = 2;
  const sections: FileChild[][] = [titleBlock(data), methodSection(data, analysis)];
  sections.push(resultsSection(data, charts, n++));
  sections.push(statisticsSection(data, n++));
  sections.push(ratingSection(data, n++));
  const dynamics = dynamicsSection(data, charts, n);
  if (dynamics.length) sections.push(dynamics);
  sections.push([para(`Справку подготовил(а): ${data.executor}`, { before: 360 })]);
  return packReport(
    {
      title: `${REPORT_TITLE}: ${data.campaign.title}, ${data.municipality.name}`,
      description: `Региональный мониторинг ${data.campaign.year} года, ${data.municipality.name}`,
    },
    sections.flat(),
    charts,
  );
}

export type RegionalDocumentKind = 'report' | 'stat-forms';

/** GET /api/regional-programs/:id/documents/:kind?year=: the file, its name and type. */
export async function regionalDocument(options: {
  db: Db;
  user: AuthUser;
  regionalProgramId: number;
  year: number;
  kind: RegionalDocumentKind;
  today: string;
}) {
  const { db, user, year, kind } = options;
  const analysis = await getRegionalAnalysis({
    db,
    user,
    regionalProgramId: options.regionalProgramId,
    year,
  });
  const regional = await requireRegionalProgram(db, user, options.regionalProgramId);
  const data = regionalDocumentData(analysis, regional.file, user, options.today);
  const base = safeFileName(
    `${kind === 'report' ? 'Справка' : 'Статистические формы'} ${analysis.regionalProgram.title} ${year}`,
  );
  const ascii = `regional-${kind}-${analysis.regionalProgram.id}-${year}`;
  const file: DocumentFile =
    kind === 'report'
      ? {
          data: await buildRegionalReportDocx(data, analysis),
          fileName: `${base}.docx`,
          asciiName: `${ascii}.docx`,
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        }
      : {
          data: await buildStatFormsXlsx(data),
          fileName: `${base}.xlsx`,
          asciiName: `${ascii}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        };
  return file;
}
