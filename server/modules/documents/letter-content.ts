import { describeAudience, headOfAddressee, inAudience } from '../../../core/analysis/audience.ts';
import { valueText, type Claim } from '../../../core/analysis/evidence.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../core/format.ts';
import type {
  DocumentConclusion,
  DocumentData,
  DocumentOrganization,
  DocumentRecommendation,
} from './documents.data.ts';

/**
 * What a letter says, as one structure that both the Word document and the page in the browser print:
 * the letter to one organization (its own findings and recommendations first, then a short summary of the
 * municipal conclusions) and the general letter «Руководителям ОО» of seed 002 (the general conclusions and
 * the numbered recommendations, each with its addressees, deadline and who answers for it). Everything is
 * read from the campaign's data: findings from the conclusions' evidence (verified before a letter is made),
 * recommendations from the recommendations module, the dates as the campaign actually ran.
 */

export type LetterBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; text: string }
  /** A numbered item; `details` — addressees, deadline, who answers for it. */
  | { kind: 'item'; number: number; text: string; details: string | null };

/** A statement of the letter about one organization's value, as the conclusion's evidence has it. */
export interface LetterFinding {
  indicator: string;
  organization: number;
  value: number | null;
  claim: Exclude<Claim, 'value' | 'missed'>;
}

export interface LetterContent {
  /** null: the general letter «Руководителям ОО». */
  organizationId: number | null;
  letterhead: DocumentData['municipality'];
  registration: string;
  addressee: string[];
  title: string;
  blocks: LetterBlock[];
  /** Every organization's value the letter states, to check against the computed results. */
  findings: LetterFinding[];
  /** The last paragraph: kept on one page with the signature. */
  closing: string;
  signer: { position: string; name: string };
  executor: string[];
}

const DEPARTMENT_CLOSING =
  'Информацию о выполнении рекомендаций прошу представить в отдел образования в указанные сроки (раздел «Рекомендации» системы мониторинга).';

/** «от 12.07.2026 № 768», with blanks to fill by hand where the requisites are not set yet. */
export function registration(data: DocumentData): string {
  const date = data.report.letterDate ? formatRuDate(data.report.letterDate) : '____________';
  return `от ${date} № ${data.report.letterNumber ?? '______'}`;
}

/** Recommendations addressed to an organization: to it alone, and to several organizations including it. */
export function recommendationsOf(
  data: DocumentData,
  organization: DocumentOrganization,
): DocumentRecommendation[] {
  return [
    ...data.recommendations.filter((r) => r.organizationId === organization.id),
    ...data.recommendations.filter((r) => r.audience && inAudience(r.audience, organization)),
  ];
}

/** The organizations a letter goes to: those with at least one recommendation addressed to them. */
export function letterAddressees(data: DocumentData): DocumentOrganization[] {
  return data.organizations.filter((o) => recommendationsOf(data, o).length > 0);
}

/** «Руководителю МБОУ СОШ № 1» as the coordinator wrote it in the recommendations, or the default form. */
function addresseeOf(data: DocumentData, organization: DocumentOrganization): string {
  const counts = new Map<string, number>();
  for (const r of data.recommendations)
    if (r.organizationId === organization.id) counts.set(r.addressee, (counts.get(r.addressee) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best?.[0] ?? `Руководителю ${organization.name}`;
}

/**
 * The sentence of the dates as the campaign ran: opened, the deadline of the forms, the last form received
 * when it came after the deadline, closed — or still going.
 */
function runSentence(data: DocumentData): string {
  const { campaign, municipality, program, period } = data;
  const ran = campaign.ran;
  const late =
    ran.lastSentOn && ran.lastSentOn > ran.deadline
      ? `, последняя форма получена ${formatRuDate(ran.lastSentOn)}`
      : '';
  const where = municipality.name ? ` (${municipality.name})` : '';
  const when = ran.closedOn
    ? `с ${formatRuDate(ran.openedOn)} по ${formatRuDate(ran.closedOn)}`
    : `с ${formatRuDate(ran.openedOn)} (мониторинг не закрыт)`;
  return (
    `В соответствии с программой мониторинга «${program.title}» ${when} проведён мониторинг системы обеспечения ` +
    `профессионального развития педагогических работников${where}: формы организаций принимались до ` +
    `${formatRuDate(ran.deadline)}${late}. Значения рассчитаны по состоянию на ${formatRuDate(period.referenceDate)}.`
  );
}

const indicatorOf = (data: DocumentData, code: string) => data.indicators.find((i) => i.code === code);

/** «3.2 «Доля педагогов…» — 12,5 % (уровень «низкий»; по муниципалитету — 40,1 %)». */
function findingText(data: DocumentData, f: LetterFinding): string {
  const indicator = indicatorOf(data, f.indicator);
  const unit = indicator?.unit ?? 'number';
  const municipal = valueText(data.resultOf(f.indicator, null)?.value ?? null, unit);
  const what = f.claim === 'low' ? 'уровень «низкий»; ' : f.claim === 'positive' ? 'больше нуля; ' : '';
  return `${f.indicator} «${indicator?.name ?? ''}» — ${valueText(f.value, unit)} (${what}по муниципалитету — ${municipal})`;
}

/** An organization's own findings: the items of the verified conclusions that name it. */
function findingsOf(data: DocumentData, organizationId: number | null): LetterFinding[] {
  const out: LetterFinding[] = [];
  const seen = new Set<string>();
  for (const c of data.conclusionRows) {
    if (c.kind !== 'problem' || !c.evidence) continue;
    const claim = c.evidence.claim;
    if (claim === 'value' || claim === 'missed') continue;
    for (const item of c.evidence.items) {
      if (item.organization === null) continue;
      if (organizationId !== null && item.organization !== organizationId) continue;
      const key = `${item.indicator}|${item.organization}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        indicator: item.indicator,
        organization: item.organization,
        value: item.value,
        claim,
      });
    }
  }
  return out;
}

/**
 * A conclusion in brief for a school's letter: a problem conclusion as its indicators and how many
 * organizations it names («Низкий уровень показателя 1.1 «…» — в 5 ОО, в том числе в МБОУ СОШ № 1»), any
 * other one as written.
 */
function conclusionInBrief(
  data: DocumentData,
  c: DocumentConclusion,
  organization: DocumentOrganization,
): string {
  if (c.kind !== 'problem' || !c.evidence || c.evidence.claim === 'value') return c.text;
  const codes = [...new Set(c.evidence.items.map((i) => i.indicator))];
  const orgs = new Set(c.evidence.items.map((i) => i.organization).filter((o) => o !== null));
  const names = codes.map((code) => `${code} «${indicatorOf(data, code)?.name ?? ''}»`);
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} и ${names[names.length - 1]}`;
  const many = names.length > 1;
  const subject =
    c.evidence.claim === 'low'
      ? `Низкий уровень ${many ? 'показателей' : 'показателя'} ${list}`
      : c.evidence.claim === 'positive'
        ? `${many ? 'Показатели' : 'Показатель'} ${list} больше нуля`
        : `${many ? 'Показатели' : 'Показатель'} ${list}: ${codes.every((code) => indicatorOf(data, code)?.unit === 'presence') ? '«нет»' : 'значение 0'}`;
  const own = orgs.has(organization.id) ? `, в том числе в ${organization.name}` : '';
  return `${subject} — в ${orgs.size} ОО${own}.`;
}

/**
 * The dynamics conclusions in one line: «Изменения по муниципалитету к 2024 г.: улучшились показатели 1.1,
 * 2.1; ухудшился показатель 5.4.» — the direction from the municipal values of this campaign and the
 * previous one.
 */
function dynamicsInBrief(data: DocumentData): string[] {
  const previous = data.dynamics.length > 1 ? data.dynamics[data.dynamics.length - 2] : undefined;
  if (!previous) return [];
  const better: string[] = [];
  const worse: string[] = [];
  for (const c of data.conclusionRows) {
    if (c.kind !== 'dynamics' || !c.evidence) continue;
    for (const item of c.evidence.items) {
      const indicator = indicatorOf(data, item.indicator);
      const before = previous.municipal[item.indicator];
      if (!indicator || item.value === null || before === null || before === undefined) continue;
      const delta = item.value - before;
      if (delta === 0) continue;
      ((indicator.direction === 'higher') === delta > 0 ? better : worse).push(item.indicator);
    }
  }
  const phrase = (codes: string[], one: string, many: string) =>
    codes.length === 1 ? `${one} показатель ${codes[0]}` : `${many} показатели ${codes.join(', ')}`;
  const parts = [
    better.length ? phrase(better, 'улучшился', 'улучшились') : null,
    worse.length ? phrase(worse, 'ухудшился', 'ухудшились') : null,
  ].filter(Boolean);
  return parts.length ? [`Изменения по муниципалитету к ${previous.year} г.: ${parts.join('; ')}.`] : [];
}

/** «Срок — до 31.12.2026. Ответственные: заместители по УВР.» */
function termsOf(r: Pick<DocumentRecommendation, 'deadline' | 'responsible'>): string {
  return [
    r.deadline ? `Срок — до ${formatRuDate(r.deadline)}.` : null,
    r.responsible ? `Ответственные: ${r.responsible}.` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

function signature(data: DocumentData) {
  return { position: data.report.signerPosition ?? '', name: data.report.signerName ?? '' };
}

function executor(data: DocumentData): string[] {
  return [`Исп. ${data.executor}`, ...(data.municipality.phone ? [`Тел. ${data.municipality.phone}`] : [])];
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

/** The criteria the monitoring covered, as seed 002 lists them. */
function criteriaBlocks(data: DocumentData): LetterBlock[] {
  const criteria = data.program.criteria;
  if (!criteria.length) return [];
  return [
    {
      kind: 'paragraph',
      text: `Мониторинг проведён по ${data.indicators.length} показателям по направлениям:`,
    },
    ...criteria.map((c, i): LetterBlock => ({
      kind: 'bullet',
      text: `${lowerFirst(c.title)}${i === criteria.length - 1 ? '.' : ';'}`,
    })),
  ];
}

/** The letter to one organization: its findings and recommendations first, the municipal summary after. */
export function organizationLetter(data: DocumentData, organization: DocumentOrganization): LetterContent {
  const findings = findingsOf(data, organization.id);
  const own = recommendationsOf(data, organization);
  const head = headOfAddressee(organization.headName);
  const blocks: LetterBlock[] = [{ kind: 'heading', text: `Результаты ${organization.name}` }];
  if (findings.length) {
    blocks.push({
      kind: 'paragraph',
      text: `По данным мониторинга в ${organization.name} требуют внимания значения показателей:`,
    });
    findings.forEach((f, i) =>
      blocks.push({
        kind: 'bullet',
        text: `${findingText(data, f)}${i === findings.length - 1 ? '.' : ';'}`,
      }),
    );
  } else
    blocks.push({
      kind: 'paragraph',
      text: `Значений, которые выводы мониторинга называют проблемными, в ${organization.name} нет.`,
    });
  blocks.push({ kind: 'heading', text: `Рекомендации ${organization.name}` });
  own.forEach((r, i) =>
    blocks.push({
      kind: 'item',
      number: i + 1,
      text: r.text,
      details:
        [
          r.audience
            ? `Адресаты: ${describeAudience(r.audience, (id) => data.organizations.find((o) => o.id === id)?.name)}.`
            : null,
          termsOf(r) || null,
        ]
          .filter(Boolean)
          .join(' ') || null,
    }),
  );
  const summary = [
    ...data.conclusionRows
      .filter((c) => c.kind !== 'dynamics')
      .map((c) => conclusionInBrief(data, c, organization)),
    ...dynamicsInBrief(data),
  ];
  if (summary.length) {
    blocks.push({ kind: 'heading', text: 'Выводы по муниципалитету (кратко)' });
    summary.forEach((text) => blocks.push({ kind: 'bullet', text }));
  }
  // What the monitoring was and when it ran: after what the school needs to read first.
  blocks.push({ kind: 'heading', text: 'О мониторинге' });
  blocks.push({ kind: 'paragraph', text: runSentence(data) }, ...criteriaBlocks(data));
  return {
    organizationId: organization.id,
    letterhead: data.municipality,
    registration: registration(data),
    addressee: [
      addresseeOf(data, organization),
      ...(head ? [head] : []),
      ...(organization.address ? [organization.address] : []),
    ],
    title: `Адресные рекомендации руководителю ${organization.name} по итогам мониторинга системы обеспечения профессионального развития педагогических работников за ${data.campaign.year} год`,
    blocks,
    findings,
    closing: DEPARTMENT_CLOSING,
    signer: signature(data),
    executor: executor(data),
  };
}

/**
 * The numbered recommendations of the general letter: those addressed to several organizations at once,
 * then the ones addressed to single organizations, the same text with the same deadline and responsible
 * given once with all its addressees. The department's own tasks are not the schools' letter.
 */
function generalRecommendations(data: DocumentData) {
  const nameOf = (id: number) => data.organizations.find((o) => o.id === id)?.name;
  const out: { text: string; addressees: string; terms: string; size: number }[] = [];
  for (const r of data.recommendations)
    if (r.audience)
      out.push({
        text: r.text,
        addressees: describeAudience(r.audience, nameOf),
        terms: termsOf(r),
        size: Number.MAX_SAFE_INTEGER,
      });
  const grouped = new Map<string, { r: DocumentRecommendation; ids: number[] }>();
  for (const r of data.recommendations) {
    if (r.organizationId === null) continue;
    const key = `${r.text}|${r.deadline}|${r.responsible}`;
    const g = grouped.get(key) ?? { r, ids: [] };
    if (!g.ids.includes(r.organizationId)) g.ids.push(r.organizationId);
    grouped.set(key, g);
  }
  for (const { r, ids } of grouped.values()) {
    const names = ids.map((id) => nameOf(id) ?? `организация № ${id}`);
    out.push({
      text: r.text,
      addressees:
        names.length > 1 ? `${names.join(', ')} (${countOf(names.length, ORGANIZATION_FORMS)})` : names[0],
      terms: termsOf(r),
      size: ids.length,
    });
  }
  return out.sort((a, b) => b.size - a.size);
}

/** The general letter «Руководителям ОО» (seed 002): general conclusions and numbered recommendations. */
export function generalLetter(data: DocumentData): LetterContent {
  const blocks: LetterBlock[] = [{ kind: 'paragraph', text: runSentence(data) }, ...criteriaBlocks(data)];
  if (data.conclusionRows.length) {
    blocks.push({ kind: 'heading', text: 'Общие выводы' });
    data.conclusionRows.forEach((c, i) =>
      blocks.push({ kind: 'item', number: i + 1, text: c.text, details: null }),
    );
  }
  const recommendations = generalRecommendations(data);
  blocks.push({ kind: 'heading', text: 'Рекомендации' });
  if (recommendations.length)
    recommendations.forEach((r, i) =>
      blocks.push({
        kind: 'item',
        number: i + 1,
        text: r.text,
        details: [`Адресаты: ${r.addressees}.`, r.terms].filter(Boolean).join(' '),
      }),
    );
  else blocks.push({ kind: 'paragraph', text: 'Рекомендации организациям не сформированы.' });
  return {
    organizationId: null,
    letterhead: data.municipality,
    registration: registration(data),
    addressee: ['Руководителям ОО'],
    title: `Адресные рекомендации руководителям образовательных организаций по итогам мониторинга системы обеспечения профессионального развития педагогических работников за ${data.campaign.year} год`,
    blocks,
    findings: findingsOf(data, null),
    closing: DEPARTMENT_CLOSING,
    signer: signature(data),
    executor: executor(data),
  };
}
