import { sql } from 'drizzle-orm';
import {
  callKey,
  collectCalls,
  evaluate,
  parseFormula,
  type AggregateCallNode,
  type AggregateName,
  type CallNode,
  type Expression,
  type FormulaError,
} from '../../../core/formula/index.ts';
import { appliesTo, type Applicability } from '../../../core/indicators/applicability.ts';
import {
  indicatorValue,
  levelOf,
  type IndicatorLevel,
  type IndicatorUnit,
} from '../../../core/indicators/levels.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { measureCalls, queriesOf, valueForOrganization, type CallValues } from './compiler/aggregates.ts';
import { inMunicipalities, type ComputeContext } from './compiler/context.ts';
import { organizationFilter } from './compiler/teachers.ts';

export interface IndicatorDefinition {
  code: string;
  name: string;
  unit: IndicatorUnit;
  numerator: string;
  denominator: string | null;
  factor: number;
  direction: 'higher' | 'lower';
  levelHigh: number | null;
  levelMedium: number | null;
  /** Which organizations it applies to; null or absent: all (also an old snapshot). */
  applicability?: Applicability | null;
}

export interface IndicatorResult {
  indicator: string;
  /** null: the municipality as a whole. */
  organization: number | null;
  organizationName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization — «не применяется», no value and no level. */
  isApplicable: boolean;
}

export interface FormulaProblem {
  indicator: string;
  part: 'numerator' | 'denominator';
  errors: FormulaError[];
}

/** Values reported in campaign forms, by field code: per organization and their municipal sum. */
export type FormValues = (
  fieldCode: string,
) => { byOrganization: Map<number, number | null>; total: number | null } | undefined;

export interface ComputeResult {
  results: IndicatorResult[];
  problems: FormulaProblem[];
  organizations: { id: number; name: string }[];
}

export interface Parsed {
  definition: IndicatorDefinition;
  numerator: Expression;
  denominator: Expression | null;
}

/**
 * What a computation reads from the database: the parsed formulas, the values of their aggregate calls
 * and the organizations reported on. It does not depend on form values, so it can be kept while the
 * registry generation stays the same (`kept.ts`); `evaluateIndicators` only reads it.
 */
export interface RegistryMeasures {
  parsed: Parsed[];
  problems: FormulaProblem[];
  measured: Map<string, CallValues>;
  organizations: Awaited<ReturnType<typeof findComputedOrganizations>>;
}

/**
 * Computes indicators for every organization of the context and for the municipality as a whole. The
 * aggregation runs in the database (one query per aggregate function, all its calls at once); only the
 * per-organization arithmetic of numerator ÷ denominator × factor happens here.
 */
export async function computeIndicators(options: {
  db: Db;
  ctx: ComputeContext;
  indicators: IndicatorDefinition[];
  formValues?: FormValues;
}): Promise<ComputeResult> {
  return evaluateIndicators(
    await measureIndicators(options.db, options.ctx, options.indicators),
    options.formValues,
  );
}

/** The database part of a computation: every aggregate call of the formulas, and the organizations. */
export async function measureIndicators(
  db: Db,
  ctx: ComputeContext,
  indicators: IndicatorDefinition[],
): Promise<RegistryMeasures> {
  const { parsed, problems } = parseIndicators(indicators);
  const measured = await measureAll(db, ctx, parsed);
  const organizations = await findComputedOrganizations(db, ctx);
  return { parsed, problems, measured, organizations };
}

/** The formulas of the indicators parsed, and the problems of those that do not parse (left out). */
export function parseIndicators(indicators: IndicatorDefinition[]) {
  const problems: FormulaProblem[] = [];
  const parsed: Parsed[] = [];
  for (const definition of indicators) {
    const numerator = parseFormula(definition.numerator);
    const denominator = definition.denominator?.trim() ? parseFormula(definition.denominator) : null;
    if (!numerator.ok)
      problems.push({ indicator: definition.code, part: 'numerator', errors: numerator.errors });
    if (denominator && !denominator.ok)
      problems.push({ indicator: definition.code, part: 'denominator', errors: denominator.errors });
    if (numerator.ok && (!denominator || denominator.ok)) {
      parsed.push({
        definition,
        numerator: numerator.ast,
        denominator: denominator?.ok ? denominator.ast : null,
      });
    }
  }
  return { parsed, problems };
}

/**
 * The arithmetic of a computation over its measures and the form values: no database.
 *
 * A region has 20,000 organizations × 13 indicators: this runs 260,000 times, so nothing here is made per
 * organization — no closure, no spread object. The server runs TypeScript through tsx, whose esbuild
 * keeps function names: every arrow function made in a loop costs an `Object.defineProperty` of its
 * name, and that was 40 % of this loop before.
 */
export function evaluateIndicators(measures: RegistryMeasures, formValues?: FormValues): ComputeResult {
  const { parsed, measured, organizations } = measures;
  const results: IndicatorResult[] = [];
  // The values of each call, looked up once per call (by its formula text), not once per organization.
  const registryValues = new Map<CallNode, CallValues | undefined>();
  const reportedValues = new Map<CallNode, ReturnType<FormValues>>();
  let organizationId: number | null = null;
  const valueOfCall = (call: CallNode): number | null => {
    if (call.name === 'form') {
      let reported = reportedValues.get(call);
      if (!reportedValues.has(call)) reportedValues.set(call, (reported = formValues?.(call.field)));
      if (!reported) return null;
      return organizationId === null ? reported.total : (reported.byOrganization.get(organizationId) ?? null);
    }
    let values = registryValues.get(call);
    if (!registryValues.has(call)) registryValues.set(call, (values = measured.get(callKey(call))));
    if (!values) return 0;
    return organizationId === null ? values.total : valueForOrganization(values, organizationId);
  };
  const resultOf = (p: Parsed, id: number | null, name: string, isApplicable: boolean): IndicatorResult => {
    if (!isApplicable)
      return {
        indicator: p.definition.code,
        organization: id,
        organizationName: name,
        numerator: null,
        denominator: null,
        value: null,
        level: null,
        isApplicable,
      };
    organizationId = id;
    const numerator = evaluate(p.numerator, valueOfCall);
    const denominator = p.denominator ? evaluate(p.denominator, valueOfCall) : null;
    const value = indicatorValue(
      p.definition.unit,
      numerator,
      p.denominator ? denominator : undefined,
      p.definition.factor,
    );
    return {
      indicator: p.definition.code,
      organization: id,
      organizationName: name,
      numerator,
      denominator,
      value,
      level: levelOf(value, p.definition),
      isApplicable,
    };
  };
  for (const p of parsed) {
    for (const o of organizations)
      results.push(resultOf(p, o.id, o.name, appliesTo(p.definition.applicability, o)));
    results.push(resultOf(p, null, 'Муниципалитет в целом', true));
  }
  return {
    results,
    problems: [...measures.problems],
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
  };
}

/** The aggregate calls of the formulas (form fields aside), by function and formula text, each once. */
export function aggregateCallsOf(parsed: Parsed[]) {
  const byFunction = new Map<AggregateName, Map<string, AggregateCallNode>>();
  for (const p of parsed) {
    for (const expression of [p.numerator, p.denominator]) {
      if (!expression) continue;
      for (const { key, call } of collectCalls(expression)) {
        if (call.name === 'form') continue;
        const calls = byFunction.get(call.name) ?? new Map();
        calls.set(key, call);
        byFunction.set(call.name, calls);
      }
    }
  }
  return byFunction;
}

async function measureAll(db: Db, ctx: ComputeContext, parsed: Parsed[]): Promise<Map<string, CallValues>> {
  const measured = new Map<string, CallValues>();
  for (const [name, calls] of queriesOf(aggregateCallsOf(parsed))) {
    const values = await measureCalls(db, ctx, name, calls);
    for (const [key, v] of values) measured.set(key, v);
  }
  return measured;
}

/** The organizations a computation reports on, in the natural order of their names. */
export async function findComputedOrganizations(
  db: Db,
  ctx: Pick<
    ComputeContext,
    'municipalityId' | 'municipalityIds' | 'organizationIds' | 'campaignId' | 'campaignIds'
  >,
) {
  const filter = organizationFilter(ctx, sql`id`);
  return queryRows<{
    id: number;
    name: string;
    kind: 'school' | 'preschool' | 'additional';
    isLowResults: boolean;
    isHardSocialConditions: boolean;
    groupIds: number[];
  }>(
    db,
    sql`select id, short_name as name, kind, is_low_results as "isLowResults",
        is_hard_social_conditions as "isHardSocialConditions",
        coalesce((select array_agg(gm.group_id order by gm.group_id) from organization_group_members gm
          where gm.organization_id = organizations.id), '{}') as "groupIds" from organizations where ${inMunicipalities(ctx, sql`municipality_id`)} and is_active ${filter}
      order by case kind when 'school' then 0 when 'preschool' then 1 else 2 end,
        nullif(substring(short_name from '№\\s*(\\d+)'), '')::int nulls last, short_name`,
  );
}
