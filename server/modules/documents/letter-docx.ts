import { AlignmentType, Document, Packer, type FileChild, type ISectionOptions } from 'docx';
import { formatRuDate } from '../../../core/dates.ts';
import { LEVEL_LABEL } from '../../../core/indicators/levels.ts';
import type { DocumentData, DocumentOrganization } from './documents.data.ts';
import {
  bullet,
  displayValue,
  documentStyles,
  GOST_MARGINS,
  layoutTable,
  letterhead,
  numbered,
  para,
} from './docx-kit.ts';

/**
 * «Адресные рекомендации» as a letter of the department laid out by ГОСТ Р 7.0.97-2016 and seed 002:
 * the letterhead, date and registration number, the addressee, the heading, general conclusions, the
 * numbered recommendations with deadlines, the signature and the executor.
 */

const SIZE = 26; // 13 pt: ГОСТ allows 12–14 for the text of a letter

/** The organizations a letter goes to: those with at least one recommendation addressed to them. */
export function letterAddressees(data: DocumentData): DocumentOrganization[] {
  const addressed = new Set(data.recommendations.map((r) => r.organizationId));
  return data.organizations.filter((o) => addressed.has(o.id));
}

/** «Руководителю МБОУ СОШ № 1» as the coordinator wrote it in the recommendations, or the default form. */
export function addresseeOf(data: DocumentData, organization: DocumentOrganization): string {
  const own = data.recommendations.filter((r) => r.organizationId === organization.id);
  const counts = new Map<string, number>();
  for (const r of own) counts.set(r.addressee, (counts.get(r.addressee) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best?.[0] ?? `Руководителю ${organization.name}`;
}

/** «от 12.07.2026 № 768», with blanks to fill by hand where the requisites are not set yet. */
export function registration(data: DocumentData): string {
  const date = data.report.letterDate ? formatRuDate(data.report.letterDate) : '____________';
  return `от ${date} № ${data.report.letterNumber ?? '______'}`;
}

function lowIndicators(data: DocumentData, organization: DocumentOrganization): string[] {
  return data.indicators
    .map((i) => ({ i, r: data.resultOf(i.code, organization.id) }))
    .filter(({ r }) => r?.level === 'low')
    .map(({ i, r }, index, all) => {
      const municipal = data.resultOf(i.code, null);
      return `${i.code} «${i.name}» — ${displayValue(r!.value, i.unit)} (уровень ${LEVEL_LABEL.low}; по муниципалитету — ${displayValue(municipal?.value, i.unit)})${index === all.length - 1 ? '.' : ';'}`;
    });
}

function letterBody(data: DocumentData, organization: DocumentOrganization): FileChild[] {
  const { campaign, municipality, report } = data;
  const own = data.recommendations.filter((r) => r.organizationId === organization.id);
  const low = lowIndicators(data, organization);
  const criteria = data.program.criteria;
  const addressee = [addresseeOf(data, organization), organization.address].filter(Boolean) as string[];
  const out: FileChild[] = [
    layoutTable(
      [
        ...letterhead(data.municipality, 20),
        para(registration(data), { size: 22, align: AlignmentType.LEFT, before: 120 }),
      ],
      addressee.map((line, i) => para(line, { size: SIZE, align: AlignmentType.LEFT, bold: i === 0 })),
      55,
    ),
    para('', { after: 200 }),
    para(
      `Адресные рекомендации руководителю ${organization.name} по итогам мониторинга системы обеспечения профессионального развития педагогических работников за ${campaign.year} год`,
      { bold: true, size: SIZE, align: AlignmentType.LEFT, after: 240 },
    ),
    para(
      `В соответствии с программой мониторинга «${data.program.title}» в период с ${formatRuDate(campaign.dates.initialStart)} по ${formatRuDate(campaign.dates.finalEnd)} ${municipality.departmentName ? 'отделом образования ' : ''}проведён мониторинг системы обеспечения профессионального развития педагогических работников${municipality.name ? ` (${municipality.name})` : ''}. Значения рассчитаны по состоянию на ${formatRuDate(data.period.referenceDate)}.`,
      { size: SIZE, indent: true },
    ),
  ];
  if (criteria.length) {
    out.push(
      para(`Мониторинг проведён по ${data.indicators.length} показателям по направлениям:`, {
        size: SIZE,
        indent: true,
      }),
    );
    criteria.forEach((c, i) =>
      out.push(bullet(`${lowerFirst(c.title)}${i === criteria.length - 1 ? '.' : ';'}`, SIZE)),
    );
  }
  if (data.conclusions.length) {
    out.push(para('Общие выводы:', { size: SIZE, bold: true, before: 160, keepNext: true }));
    data.conclusions.forEach((c, i) => out.push(numbered(i + 1, c, SIZE)));
  }
  if (low.length) {
    out.push(
      para(`В ${organization.name} значения на низком уровне по показателям:`, {
        size: SIZE,
        bold: true,
        before: 160,
        keepNext: true,
      }),
    );
    low.forEach((t) => out.push(bullet(t, SIZE)));
  }
  out.push(para('Рекомендации:', { size: SIZE, bold: true, before: 160, keepNext: true }));
  own.forEach((r, i) =>
    out.push(
      numbered(i + 1, `${r.text}${r.deadline ? ` Срок — до ${formatRuDate(r.deadline)}.` : ''}`, SIZE),
    ),
  );
  out.push(
    para(
      'Информацию о выполнении рекомендаций прошу представить в отдел образования в указанные сроки (раздел «Рекомендации» системы мониторинга).',
      { size: SIZE, indent: true, before: 160 },
    ),
    para('', { after: 480 }),
    layoutTable(
      [para(report.signerPosition ?? '', { size: SIZE, align: AlignmentType.LEFT })],
      [para(report.signerName ?? '', { size: SIZE, align: AlignmentType.RIGHT })],
      60,
    ),
    para('', { after: 600 }),
    para(`Исп. ${data.executor}${municipality.phone ? `\nТел. ${municipality.phone}` : ''}`, {
      size: 20,
      align: AlignmentType.LEFT,
    }),
  );
  return out;
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

/** One letter per organization, each starting on a new page; a single organization gives a single letter. */
export async function buildLettersDocx(
  data: DocumentData,
  organizations: DocumentOrganization[],
  onLetter?: (done: number, total: number) => Promise<void>,
): Promise<Buffer> {
  const sections: ISectionOptions[] = [];
  for (const [i, organization] of organizations.entries()) {
    sections.push({
      properties: { page: { margin: GOST_MARGINS } },
      children: letterBody(data, organization),
    });
    await onLetter?.(i + 1, organizations.length);
  }
  const document = new Document({
    creator: 'pedmonitor',
    title: `Адресные рекомендации по итогам мониторинга ${data.campaign.year} года`,
    description: organizations.map((o) => o.name).join(', '),
    styles: documentStyles(SIZE),
    sections,
  });
  return Packer.toBuffer(document);
}
