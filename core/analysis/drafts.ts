import { findResult } from '../indicators/find-result.ts';
import { formatNumber, formatPercent } from '../format.ts';
import type { IndicatorLevel, IndicatorUnit } from '../indicators/levels.ts';
import { themeOf, type Theme } from './themes.ts';

export interface AnalysisIndicator {
  code: string;
  name: string;
  unit: IndicatorUnit;
  direction: 'higher' | 'lower';
  numerator: string;
}

export interface AnalysisResult {
  indicator: string;
  organization: number | null;
  value: number | null;
  level: IndicatorLevel | null;
}

export interface AnalysisInput {
  indicators: AnalysisIndicator[];
  organizations: { id: number; name: string }[];
  results: AnalysisResult[];
  /** The same program's previous campaign, for the dynamics. */
  previous?: { year: number; results: AnalysisResult[] };
}

export interface DraftConclusion {
  text: string;
  indicatorCode: string | null;
  organizationIds: number[];
  kind: 'problem' | 'municipal' | 'dynamics';
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

const valueText = (value: number | null, unit: IndicatorUnit) =>
  value === null
    ? 'нет данных'
    : unit === 'percent'
      ? formatPercent(value)
      : unit === 'presence'
        ? value > 0
          ? 'есть'
          : 'нет'
        : formatNumber(value, Number.isInteger(value) ? 0 : 1);

function hasProblem(theme: Theme, r: AnalysisResult | undefined): boolean {
  if (!r || r.value === null) return false;
  if (theme.problemIs === 'zero') return r.value === 0;
  if (theme.problemIs === 'positive') return r.value > 0;
  return r.level === 'low';
}

/** Organizations where an indicator shows the problem its theme describes. */
export function problemOrganizations(input: AnalysisInput, indicator: AnalysisIndicator) {
  const theme = themeOf(indicator.numerator);
  return input.organizations.filter((o) =>
    hasProblem(theme, findResult(input.results, indicator.code, o.id)),
  );
}

/**
 * Conclusions (выводы) drafted from the data in the manner of seed 002: «Не разработаны ИОМ в 10 ОО: …»,
 * «Нехватка педагогических кадров в 2 ОО: …», «Низкий охват … (18,2 %)», then the dynamics against the
 * previous campaign. The coordinator edits them before publishing.
 */
export function draftConclusions(input: AnalysisInput): DraftConclusion[] {
  const problems: DraftConclusion[] = [];
  const municipal: DraftConclusion[] = [];
  const dynamics: DraftConclusion[] = [];
  for (const indicator of input.indicators) {
    const theme = themeOf(indicator.numerator);
    const name = (s: string) => s.replaceAll('{name}', indicator.name);
    const orgs = problemOrganizations(input, indicator);
    const withData = input.results.filter(
      (r) => r.indicator === indicator.code && r.organization !== null && r.value !== null,
    ).length;
    if (orgs.length && orgs.length <= withData) {
      problems.push({
        text: `${name(theme.organizationsProblem)} в ${orgs.length} ОО: ${orgs.map((o) => o.name).join(', ')}.`,
        indicatorCode: indicator.code,
        organizationIds: orgs.map((o) => o.id),
        kind: 'problem',
      });
    }
    const total = findResult(input.results, indicator.code, null);
    if (
      total &&
      total.value !== null &&
      (total.level === 'low' || (indicator.unit === 'presence' && total.value === 0))
    ) {
      municipal.push({
        text: `${name(theme.municipalProblem).replace('{value}', valueText(total.value, indicator.unit))}.`,
        indicatorCode: indicator.code,
        organizationIds: [],
        kind: 'municipal',
      });
    }
    const before = input.previous ? findResult(input.previous.results, indicator.code, null) : undefined;
    if (total?.value != null && before?.value != null && indicator.unit !== 'presence') {
      const delta = total.value - before.value;
      const threshold = indicator.unit === 'percent' ? 3 : 0.5;
      if (Math.abs(delta) >= threshold) {
        const isBetter = indicator.direction === 'higher' ? delta > 0 : delta < 0;
        dynamics.push({
          text: `Показатель «${indicator.name}» ${isBetter ? 'улучшился' : 'ухудшился'}: ${valueText(before.value, indicator.unit)} в ${input.previous!.year} г. → ${valueText(total.value, indicator.unit)}.`,
          indicatorCode: indicator.code,
          organizationIds: [],
          kind: 'dynamics',
        });
      }
    }
  }
  problems.sort((a, b) => b.organizationIds.length - a.organizationIds.length);
  return [...problems, ...municipal, ...dynamics];
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
    if (problems.length || total?.level === 'low')
      push({
        organizationId: null,
        indicatorCode: indicator.code,
        text: ruleFor('municipality', 'problem').text,
      });
  }
  return out;
}
