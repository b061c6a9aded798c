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

/**
 * The measure of a survey call with the threshold of anonymity: null (no data) when fewer people answered
 * the question in the group (an organization, or the municipality in total) than the survey's threshold —
 * the same rule as core/surveys/results.ts `hideSmallCell` applies to every other output.
 */
export const hiddenBelowThreshold = (condition: SQL, respondents: SQL, measure: SQL) =>
  sql`case when count(distinct ai.response_id) filter (where ${respondents})
      < coalesce(max(s.threshold) filter (where ${respondents}), 5) then null else ${measure} end`;
