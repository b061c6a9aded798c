import { collectCalls, parseFormula, type Condition } from '../formula/index.ts';
import { findResult } from '../indicators/find-result.ts';
import type { AnalysisInput, DraftConclusion } from './drafts.ts';
import { valueText, type EvidenceItem } from './evidence.ts';

const SURVEY_FUNCTIONS = new Set(['answers', 'answerSum']);

function surveyFilterValues(condition: Condition | null, out: string[]): string[] {
  if (!condition) return out;
  switch (condition.kind) {
    case 'and':
    case 'or':
      condition.operands.forEach((c) => surveyFilterValues(c, out));
      break;
    case 'not':
      surveyFilterValues(condition.operand, out);
      break;
    case 'compare':
      if (condition.name === 'survey' && condition.operator === '=') out.push(String(condition.value.value));
      break;
    case 'in':
      if (condition.name === 'survey') condition.values.forEach((v) => out.push(String(v.value)));
      break;
    default:
      break;
  }
  return out;
}

/** The codes of the surveys a formula reads through `answers(…)` / `answerSum(…)`, in order of appearance. */
export function surveyCodesOf(formula: string): string[] {
  const parsed = parseFormula(formula);
  if (!parsed.ok) return [];
  const codes = collectCalls(parsed.ast).flatMap(({ call }) =>
    call.name !== 'form' && SURVEY_FUNCTIONS.has(call.name) ? surveyFilterValues(call.filter, []) : [],
  );
  return [...new Set(codes)];
}

/**
 * For every indicator computed from survey answers, a conclusion naming the survey and the values: the
 * municipality's and each organization's that has one; organizations below the survey's threshold of
 * anonymity have no value («нет данных») and are only counted, never named with a value; the municipal value
 * leaves them out unless together they reach the threshold (compiler/surveys.ts `withAnonymity`), and the
 * sentence says so. The evidence lists
 * exactly the values the sentence states (claim `value`), so the re-check flags the sentence once a value
 * changes.
 */
export function draftSurveyConclusions(input: AnalysisInput): DraftConclusion[] {
  const out: DraftConclusion[] = [];
  for (const indicator of input.indicators) {
    const codes = surveyCodesOf(indicator.numerator);
    if (!codes.length) continue;
    const surveys = codes.map((code) => {
      const found = input.surveys?.find((s) => s.code === code);
      return found ? `«${found.title}» (код «${code}»)` : `«${code}»`;
    });
    const items: EvidenceItem[] = [];
    const total = findResult(input.results, indicator.code, null);
    const parts: string[] = [];
    if (total && total.isApplicable !== false && total.value !== null) {
      items.push({ indicator: indicator.code, organization: null, value: total.value, level: total.level });
      parts.push(`по муниципалитету в целом — ${valueText(total.value, indicator.unit)}`);
    }
    const named: string[] = [];
    let withoutData = 0;
    for (const o of input.organizations) {
      const r = findResult(input.results, indicator.code, o.id);
      if (!r || r.isApplicable === false) continue;
      if (r.value === null) {
        withoutData++;
        continue;
      }
      items.push({ indicator: indicator.code, organization: o.id, value: r.value, level: r.level });
      named.push(`${o.name} — ${valueText(r.value, indicator.unit)}`);
    }
    if (!items.length) continue;
    if (named.length) parts.push(named.join(', '));
    const hidden = withoutData
      ? ` В ${withoutData} ОО ответов меньше порога анонимности — значение не показывается; в значение по муниципалитету они входят, только если вместе их ответов не меньше порога.`
      : '';
    out.push({
      text: `По данным анкетирования ${surveys.join(', ')}: показатель ${indicator.code} «${indicator.name}»: ${parts.join('; ')}.${hidden}`,
      indicatorCode: indicator.code,
      organizationIds: items.flatMap((i) => (i.organization === null ? [] : [i.organization])),
      kind: 'municipal',
      evidence: { claim: 'value', items },
    });
  }
  return out;
}
