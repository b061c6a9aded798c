import { findResult } from '../indicators/find-result.ts';
import type { IndicatorLevel, IndicatorUnit } from '../indicators/levels.ts';
import { targetOf, targetText, type Targets } from '../indicators/targets.ts';
import { holds, valueText, type Claim, type ConclusionEvidence } from './evidence.ts';
import { draftSurveyConclusions } from './survey-conclusions.ts';
import { themeOf } from './themes.ts';

export interface AnalysisIndicator {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  numerator: string;
  levelHigh?: number | null;
  levelMedium?: number | null;
  /** Target values by year (plan against fact). */
  targets?: Targets | null;
}

export interface AnalysisResult {
  indicator: string;
  organization: number | null;
  value: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization («не применяется»). */
  isApplicable?: boolean;
}

export interface AnalysisInput {
  indicators: AnalysisIndicator[];
  organizations: { id: number; name: string }[];
  results: AnalysisResult[];
  /** The campaign's year — the year of its reporting period, whose target the values are measured against. */
  year?: number;
  /** The same program's previous campaign, for the dynamics. */
  previous?: { year: number; results: AnalysisResult[] };
  /** The municipality's surveys, by the code formulas name them with, for the conclusions from survey answers. */
  surveys?: { code: string; title: string }[];
}

export interface DraftConclusion {
  text: string;
  /** The first indicator it speaks of; `evidence` lists all of them. */
  indicatorCode: string | null;
  organizationIds: number[];
  kind: 'problem' | 'municipal' | 'dynamics';
  /** The organizations and values it rests on, re-checked before publishing and letters. */
  evidence: ConclusionEvidence;
}

export interface RecommendationRule {
  indicatorCode: string;
  level: IndicatorLevel;
  target: 'organization' | 'municipality';
  text: string;
}

export interface DraftRecommendation {
  organizationId: number | null;
  indicatorCode: string | null;
  text: string;
}

/** The claims a problem conclusion makes about organizations. */
export type ProblemClaim = Exclude<Claim, 'value' | 'missed'>;

/**
 * What «the problem» of an indicator is, from its unit, direction and thresholds alone — never from a
 * guess at what the formula is about: the level «низкий» where thresholds are set; otherwise 0 («нет»)
 * for a higher-is-better count or presence, and above 0 for a lower-is-better one (vacancies).
 */
export function problemClaim(indicator: AnalysisIndicator): ProblemClaim {
  const threshold = indicator.levelMedium ?? indicator.levelHigh ?? null;
  const exact = indicator.direction === 'lower' ? 'positive' : 'zero';
  if (threshold === null || indicator.unit === 'presence') return exact;
  // A count whose «низкий» is exactly «0» (at least 1 is good) or «above 0» (0 is good) says so plainly.
  if (indicator.unit === 'count' && (indicator.direction === 'lower' ? threshold <= 0 : threshold <= 1))
    return exact;
  return 'low';
}

const applies = (r: AnalysisResult | undefined): r is AnalysisResult =>
  !!r && r.isApplicable !== false && r.value !== null;

/** Organizations where an indicator shows its problem; organizations it does not apply to never do. */
export function problemOrganizations(input: AnalysisInput, indicator: AnalysisIndicator) {
  const claim = problemClaim(indicator);
  return input.organizations.filter((o) => {
    const r = findResult(input.results, indicator.code, o.id);
    return applies(r) && holds(claim, r.value, r.level);
  });
}

/** «показателя 1.1 «Доля педагогов…»», «показателей 5.1 «…» и 5.4 «…»». */
function indicatorsPhrase(list: AnalysisIndicator[], singular: string, plural: string) {
  const names = list.map((i) => `${i.code} «${i.name}»`);
  return list.length === 1
    ? `${singular} ${names[0]}`
    : `${plural} ${names.slice(0, -1).join(', ')} и ${names[names.length - 1]}`;
}

/** The sentence of a problem conclusion: the claim in words, the indicators by name, the organizations with their values. */
function problemSentence(
  claim: ProblemClaim,
  list: AnalysisIndicator[],
  orgs: { id: number; name: string }[],
  results: AnalysisResult[],
) {
  const many = list.length > 1;
  const values = (o: { id: number }) =>
    list.map((i) => valueText(findResult(results, i.code, o.id)!.value, i.unit)).join('; ');
  const named = (withValues: boolean) =>
    orgs.map((o) => (withValues ? `${o.name} (${values(o)})` : o.name)).join(', ');
  const where = `в ${orgs.length} ОО`;
  if (claim === 'low')
    return `Низкий уровень ${indicatorsPhrase(list, 'показателя', 'показателей')} ${where}: ${named(true)}.`;
  if (claim === 'positive')
    return `${indicatorsPhrase(list, 'Показатель', 'Показатели')} больше нуля ${where}: ${named(true)}.`;
  const isPresence = list.every((i) => i.unit === 'presence');
  return `${indicatorsPhrase(list, 'Показатель', 'Показатели')}: ${isPresence ? '«нет»' : many ? 'значения 0' : 'значение 0'} ${where}: ${named(false)}.`;
}

/**
 * Conclusions (выводы) drafted from the data: for each indicator, the organizations where it shows its
 * problem (named with their values), the municipal value when it is low, then the dynamics against the
 * previous campaign. The wording comes from the indicator's own code and name and the claim its unit and
 * thresholds make, so a sentence never says more than the formula counts. Problem conclusions with the
 * same claim about the same organizations are one sentence naming all their indicators; an indicator computed
 * from survey answers also gets a sentence naming the survey and its values (survey-conclusions.ts). Each conclusion
 * carries its evidence. The coordinator edits them before publishing.
 */
export function draftConclusions(input: AnalysisInput): DraftConclusion[] {
  const groups = new Map<
    string,
    { claim: ProblemClaim; list: AnalysisIndicator[]; orgs: { id: number; name: string }[] }
  >();
  const municipal: DraftConclusion[] = [];
  const missed: DraftConclusion[] = [];
  const dynamics: DraftConclusion[] = [];
  for (const indicator of input.indicators) {
    const claim = problemClaim(indicator);
    const orgs = problemOrganizations(input, indicator);
    if (orgs.length) {
      const key = `${claim}|${orgs.map((o) => o.id).join(',')}`;
      const group = groups.get(key) ?? { claim, list: [], orgs };
      group.list.push(indicator);
      groups.set(key, group);
    }
    const total = findResult(input.results, indicator.code, null);
    const subject = indicatorsPhrase([indicator], 'показателя', 'показателей');
    if (
      total &&
      applies(total) &&
      (claim === 'low' ? total.level === 'low' : holds(claim, total.value, total.level))
    ) {
      const value = valueText(total.value, indicator.unit);
      municipal.push({
        text:
          claim === 'low'
            ? `Низкий уровень ${subject} по муниципалитету в целом (${value}).`
            : claim === 'positive'
              ? `${indicatorsPhrase([indicator], 'Показатель', 'Показатели')} по муниципалитету в целом больше нуля: ${value}.`
              : `${indicatorsPhrase([indicator], 'Показатель', 'Показатели')} по муниципалитету в целом: ${indicator.unit === 'presence' ? '«нет»' : 'значение 0'}.`,
        indicatorCode: indicator.code,
        organizationIds: [],
        kind: 'municipal',
        evidence: {
          claim,
          items: [{ indicator: indicator.code, organization: null, value: total.value, level: total.level }],
        },
      });
    }
    const target = input.year === undefined ? null : missedTarget(indicator, input.year, total);
    if (target) missed.push(target);
    const before = input.previous ? findResult(input.previous.results, indicator.code, null) : undefined;
    if (total?.value != null && before?.value != null && indicator.unit !== 'presence') {
      const delta = total.value - before.value;
      const threshold = indicator.unit === 'percent' ? 3 : 0.5;
      if (Math.abs(delta) >= threshold) {
        const isBetter = indicator.direction === 'higher' ? delta > 0 : delta < 0;
        dynamics.push({
          text: `Показатель ${indicator.code} «${indicator.name}» ${isBetter ? 'улучшился' : 'ухудшился'}: ${valueText(before.value, indicator.unit)} в ${input.previous!.year} г. → ${valueText(total.value, indicator.unit)}.`,
          indicatorCode: indicator.code,
          organizationIds: [],
          kind: 'dynamics',
          evidence: {
            claim: 'value',
            items: [
              { indicator: indicator.code, organization: null, value: total.value, level: total.level },
            ],
          },
        });
      }
    }
  }
  const problems: DraftConclusion[] = [...groups.values()].map((g) => ({
    text: problemSentence(g.claim, g.list, g.orgs, input.results),
    indicatorCode: g.list[0].code,
    organizationIds: g.orgs.map((o) => o.id),
    kind: 'problem',
    evidence: {
      claim: g.claim,
      items: g.list.flatMap((i) =>
        g.orgs.map((o) => {
          const r = findResult(input.results, i.code, o.id)!;
          return { indicator: i.code, organization: o.id, value: r.value, level: r.level };
        }),
      ),
    },
  }));
  problems.sort((a, b) => b.organizationIds.length - a.organizationIds.length);
  return [...problems, ...municipal, ...draftSurveyConclusions(input), ...missed, ...dynamics];
}

/**
 * «Показатель 4 «…»: целевой показатель 2025 года не достигнут: 12,4 % при плане 20 %.» — drafted only when
 * the municipal value of the campaign's year falls short of that year's target; its evidence carries the
 * target, so the re-check fails once the value reaches it.
 */
function missedTarget(
  indicator: AnalysisIndicator,
  year: number,
  total: AnalysisResult | undefined,
): DraftConclusion | null {
  const plan = targetOf(indicator.targets, year);
  if (plan === null || !applies(total)) return null;
  const target = { year, value: plan, direction: indicator.direction };
  if (!holds('missed', total.value, total.level, target)) return null;
  return {
    text: `${indicatorsPhrase([indicator], 'Показатель', 'Показатели')}: целевой показатель ${year} года не достигнут: ${valueText(total.value, indicator.unit)} при плане ${targetText(plan, indicator.unit)}.`,
    indicatorCode: indicator.code,
    organizationIds: [],
    kind: 'municipal',
    evidence: {
      claim: 'missed',
      target,
      items: [{ indicator: indicator.code, organization: null, value: total.value, level: total.level }],
    },
  };
}

/** Default rules of the library for an indicator: its theme's texts at the level «низкий». */
export function defaultRules(
  indicator: Pick<AnalysisIndicator, 'code' | 'numerator' | 'name'>,
): RecommendationRule[] {
  const theme = themeOf(indicator.numerator);
  const fill = (s: string) => s.replaceAll('{name}', indicator.name);
  return [
    { indicatorCode: indicator.code, level: 'low', target: 'organization', text: fill(theme.toOrganization) },
    { indicatorCode: indicator.code, level: 'low', target: 'municipality', text: fill(theme.toMunicipality) },
  ];
}

/**
 * Addressed recommendations: for every organization where an indicator shows its problem, the rule's text
 * to that organization; for the municipality, the department's text where the municipal value is low or
 * some organizations have the problem. Rules of the program override the theme defaults.
 */
export function draftRecommendations(
  input: AnalysisInput,
  rules: RecommendationRule[],
): DraftRecommendation[] {
  const out: DraftRecommendation[] = [];
  const seen = new Set<string>();
  const push = (r: DraftRecommendation) => {
    const key = `${r.organizationId}|${r.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  };
  for (const indicator of input.indicators) {
    const own = rules.filter((r) => r.indicatorCode === indicator.code);
    const ruleFor = (target: 'organization' | 'municipality', level: IndicatorLevel | 'problem') =>
      own.find((r) => r.target === target && r.level === level) ??
      (level === 'problem' ? own.find((r) => r.target === target && r.level === 'low') : undefined) ??
      defaultRules(indicator).find((r) => r.target === target)!;
    const problems = problemOrganizations(input, indicator);
    for (const o of problems)
      push({
        organizationId: o.id,
        indicatorCode: indicator.code,
        text: ruleFor('organization', 'problem').text,
      });
    // «средний» gets its own rule only when the library has one for it.
    for (const o of input.organizations) {
      const r = findResult(input.results, indicator.code, o.id);
      const medium = own.find((x) => x.target === 'organization' && x.level === 'medium');
      if (medium && r?.level === 'medium')
        push({ organizationId: o.id, indicatorCode: indicator.code, text: medium.text });
    }
    const total = findResult(input.results, indicator.code, null);
    if (problems.length || (applies(total) && total.level === 'low'))
      push({
        organizationId: null,
        indicatorCode: indicator.code,
        text: ruleFor('municipality', 'problem').text,
      });
  }
  return out;
}
