import { sql, type SQL } from 'drizzle-orm';
import type { Condition } from '../../../../core/formula/index.ts';
import type { FilterSql } from './conditions.ts';
import { inMunicipalities, type ComputeContext } from './context.ts';
import { organizationFilter } from './teachers.ts';

/**
 * Answers of surveys in formulas (`answers(…)`, `answerSum(…)`), over the aliases ai (survey_answer_items),
 * r (survey_responses), s (surveys) and o (organizations): the answers given within the reporting period,
 * each counted for the organization of the respondent.
 */
export const surveyAnswerRows = (ctx: ComputeContext) => sql`survey_answer_items ai
    join survey_responses r on r.id = ai.response_id
    join surveys s on s.id = ai.survey_id
    join organizations o on o.id = ai.organization_id
  where ${inMunicipalities(ctx, sql`s.municipality_id`)} and o.is_active
    and r.answered_on between ${ctx.period.start}::date and ${ctx.period.end}::date
    ${organizationFilter(ctx, sql`ai.organization_id`)}`;

export const surveyAnswerFilters: Record<string, FilterSql> = {
  survey: { kind: 'column', expression: sql`s.code` },
  question: { kind: 'column', expression: sql`ai.question` },
  value: { kind: 'column', expression: sql`ai.value` },
  answer: { kind: 'column', expression: sql`ai.text` },
  orgKind: { kind: 'column', expression: sql`o.kind` },
};

const ANSWER_FILTERS = new Set(['value', 'answer']);
const namesAnAnswer = (c: Condition) => 'name' in c && ANSWER_FILTERS.has(c.name);

/**
 * The condition without its top-level conditions on the answer itself (`value`, `answer`): who was asked
 * the question, whatever they answered — the respondents the threshold of anonymity counts.
 */
export function respondentsCondition(condition: Condition | null): Condition | null {
  if (!condition || namesAnAnswer(condition)) return null;
  if (condition.kind !== 'and') return condition;
  const kept = condition.operands.filter((c) => !namesAnAnswer(c));
  if (!kept.length) return null;
  return kept.length === 1 ? kept[0] : { ...condition, operands: kept };
}

/** The threshold of the surveys a call reads (the strictest when several), 5 when none answered. */
const DEFAULT_THRESHOLD = 5;

/**
 * The columns the threshold of anonymity needs beside a survey call's measure, over the respondents the call
 * counts (`respondentsCondition`): how many answered, the strictest threshold, and the organization's kind.
 */
export const anonymityColumns = (respondents: SQL, i: number) =>
  sql`count(distinct ai.response_id) filter (where ${respondents})::float8 as ${sql.raw(`r${i}`)},
    max(s.threshold) filter (where ${respondents}) as ${sql.raw(`t${i}`)}`;

/** One group of a survey call as the query gives it: an organization's, or the municipal total (`org` null). */
export interface SurveyCallRow {
  org: number | null;
  kind: string | null;
  measure: number;
  respondents: number;
  threshold: number | null;
}

/**
 * The threshold of anonymity over one survey call, the rule of the results page (core/surveys/results.ts
 * `surveyResults`): an organization where fewer answered than the threshold has no value (NaN, «нет данных»);
 * the municipal value counts those hidden organizations only when, within every kind, together they reach the
 * threshold — otherwise it is over the shown organizations only, so the total minus the shown values never
 * reveals a hidden one. The total itself is «нет данных» below the threshold. Numerator and denominator calls
 * with the same respondents (they differ only in `value`/`answer`) leave out the same organizations.
 */
export function withAnonymity(rows: SurveyCallRow[]): {
  total: number;
  byOrganization: Map<number, number>;
  leftOut: number;
} {
  const totalRow = rows.find((r) => r.org === null);
  const threshold = totalRow?.threshold ?? DEFAULT_THRESHOLD;
  const byOrganization = new Map<number, number>();
  const hidden: SurveyCallRow[] = [];
  const hiddenByKind = new Map<string, number>();
  for (const r of rows) {
    if (r.org === null) continue;
    const isHidden = r.respondents < (r.threshold ?? DEFAULT_THRESHOLD);
    byOrganization.set(r.org, isHidden ? Number.NaN : r.measure);
    if (!isHidden || r.respondents === 0) continue;
    hidden.push(r);
    hiddenByKind.set(r.kind ?? '', (hiddenByKind.get(r.kind ?? '') ?? 0) + r.respondents);
  }
  const isComplete = [...hiddenByKind.values()].every((n) => n >= threshold);
  const leftOut = isComplete ? [] : hidden;
  const measure = (totalRow?.measure ?? 0) - leftOut.reduce((sum, r) => sum + r.measure, 0);
  const respondents = (totalRow?.respondents ?? 0) - leftOut.reduce((sum, r) => sum + r.respondents, 0);
  return {
    total: respondents < threshold ? Number.NaN : measure,
    byOrganization,
    leftOut: leftOut.length,
  };
}
