import { reportingPeriod } from '../../../core/indicators/period.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import {
  canAccessMunicipality,
  isRegionalReaderOf,
  organizationScope,
  type AuthUser,
} from '../auth/access.ts';
import { findProgramTree, type ProgramTree } from '../programs/programs.repository.ts';
import type { ComputeContext } from './compiler/context.ts';
import { computeIndicators, type FormValues, type IndicatorDefinition } from './compute.ts';
import { usesVacancies } from '../../../core/vacancy-reports.ts';
import { findVacancySnapshotMonth } from '../registers/vacancies/vacancies.repository.ts';

export function definitionsOf(tree: ProgramTree): IndicatorDefinition[] {
  return tree.indicators.map((i) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    numerator: i.numerator,
    denominator: i.denominator,
    factor: i.factor,
    direction: i.direction,
    levelHigh: i.levelHigh,
    levelMedium: i.levelMedium,
    applicability: i.applicability ?? null,
  }));
}

/**
 * What to compute a program over: all active organizations, some by id, or the participants of a campaign
 * (`{ campaignId }`: the database joins them, no list of ids is sent).
 */
export function contextOf(
  tree: ProgramTree,
  year: number,
  organizations?: number[] | { campaignId: number },
): ComputeContext {
  return {
    municipalityId: tree.program.municipalityId,
    period: reportingPeriod(tree.program.parameters, year),
    ...(Array.isArray(organizations)
      ? { organizationIds: organizations }
      : organizations
        ? { campaignId: organizations.campaignId }
        : {}),
  };
}

/** Who may see which rows of results: the department sees all, an organization its own row and the municipal one. */
export function resultScope(
  user: AuthUser,
  municipalityId: number,
): { all: boolean; organizationIds: number[] } {
  if (
    user.roles.some(
      (g) =>
        (g.role === 'admin' || g.role === 'coordinator') &&
        (g.municipalityId === null || g.municipalityId === municipalityId),
    ) ||
    isRegionalReaderOf(user, municipalityId)
  ) {
    return { all: true, organizationIds: [] };
  }
  if (!canAccessMunicipality(user, municipalityId, 'read'))
    throw forbidden('Нет доступа к данным этого муниципалитета.');
  return { all: false, organizationIds: organizationScope(user, 'read').organizationIds };
}

/**
 * The month of the vacancy snapshot a program's vacancy indicators count in a computation (the values are
 * «на 01.11.2026»); null when no indicator counts vacancies or no month of the period is reported.
 */
export async function vacanciesAsOfTree(
  db: Db,
  tree: { indicators: { numerator: string; denominator: string | null }[] },
  ctx: ComputeContext,
): Promise<string | null> {
  const counts = tree.indicators.some((i) => usesVacancies(i.numerator, i.denominator));
  return counts ? findVacancySnapshotMonth(db, ctx) : null;
}

/** Live values of a program's indicators for a reporting year, computed from the registry now. */
export async function computeProgramResults(options: {
  db: Db;
  user: AuthUser;
  programId: number;
  year: number;
  organizationIds?: number[];
  formValues?: FormValues;
}) {
  const tree = await findProgramTree(options.db, options.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const scope = resultScope(options.user, tree.program.municipalityId);
  const ctx = contextOf(tree, options.year, options.organizationIds);
  const computed = await computeIndicators({
    db: options.db,
    ctx,
    indicators: definitionsOf(tree),
    formValues: options.formValues,
  });
  const visible = (organization: number | null) =>
    scope.all || organization === null || scope.organizationIds.includes(organization);
  return {
    tree,
    period: ctx.period,
    /** The month of the vacancy snapshot the values are «на»; null when no indicator counts vacancies. */
    vacanciesAsOf: await vacanciesAsOfTree(options.db, tree, ctx),
    results: computed.results.filter((r) => visible(r.organization)),
    organizations: computed.organizations.filter((o) => visible(o.id)),
    problems: computed.problems,
  };
}
