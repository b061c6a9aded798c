import { and, eq, inArray } from 'drizzle-orm';
import { countOf, MUNICIPALITY_FORMS } from '../../../core/format.ts';
import { clusterOrganizations, rateOrganizations, type ClusterTerms } from '../../../core/analysis/scores.ts';
import { describeValues } from '../../../core/analysis/statistics.ts';
import { APPLIES_TO_ALL } from '../../../core/indicators/applicability.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import type { ProgramFile } from '../../../core/programs/program-file.ts';
import type { Db } from '../../db/client.ts';
import { mapInOrder } from '../../db/in-order.ts';
import { campaigns, municipalities, programs, regionalPrograms, regions } from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../errors.ts';
import { axisValues, ratingAxes, type IndicatorInfo } from '../analysis/analysis.service.ts';
import {
  assertMunicipalityAccess,
  assertRegionAccess,
  hasRole,
  isGlobalAdmin,
  type AuthUser,
} from '../auth/access.ts';
import type { IndicatorResult } from '../indicators/compute.ts';
import { computeRegionalRollUp } from './roll-up.service.ts';

/**
 * The analysis of a regional program's year over the municipalities that adopted it: the same rating,
 * clusters and statistics the municipal analysis computes over organizations (core/analysis), here with
 * each municipality's value as a profile, and the region's own value (over distinct teachers) beside them.
 */

export const REGIONAL_RATING_METHOD =
  'Для каждого показателя значения муниципалитетов приводятся к шкале от 0 до 1: 0 — худшее значение среди муниципалитетов, ' +
  '1 — лучшее (для показателей, где лучше меньшее значение, шкала переворачивается). Интегральный балл — среднее по ' +
  'показателям, по которым у муниципалитета есть данные, умноженное на 100. Муниципалитеты с равным баллом делят место. ' +
  'Значение муниципалитета — значение показателя по муниципалитету в целом из его мониторинга этого года.';

const MUNICIPALITY_CLUSTER_TERMS: ClusterTerms = {
  count: (n) => countOf(n, MUNICIPALITY_FORMS),
  whole: 'региону',
};

/** Clusters need at least this many municipalities with a monitoring of the year. */
export const MIN_MUNICIPALITIES_FOR_CLUSTERS = 4;

export async function requireRegionalProgram(db: Db, user: AuthUser, id: number) {
  const [row] = await db
    .select({
      id: regionalPrograms.id,
      regionId: regionalPrograms.regionId,
      regionName: regions.name,
      title: regionalPrograms.title,
      programVersion: regionalPrograms.programVersion,
      publishedAt: regionalPrograms.publishedAt,
      file: regionalPrograms.file,
    })
    .from(regionalPrograms)
    .innerJoin(regions, eq(regions.id, regionalPrograms.regionId))
    .where(eq(regionalPrograms.id, id));
  if (!row) throw notFound('Региональная программа');
  if (!isGlobalAdmin(user) && !hasRole(user, 'regional_coordinator'))
    throw forbidden('Анализ по муниципалитетам региона видит региональный координатор.');
  assertRegionAccess(user, row.regionId);
  return row;
}

/** The indicators of the published file, as the analysis describes them (criterion, scale, targets). */
export function indicatorsOfFile(file: unknown, codes: string[] | null): IndicatorInfo[] {
  const program = (file as ProgramFile).program;
  return program.criteria.flatMap((c) =>
    c.indicators
      .filter((i) => codes === null || codes.includes(i.code))
      .map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        numerator: i.numerator,
        levelHigh: i.levelHigh,
        levelMedium: i.levelMedium,
        criterionCode: c.code,
        criterionTitle: c.title,
        applicability: i.applicability ?? APPLIES_TO_ALL,
        targets: i.targets ?? {},
      })),
  );
}

/** The years some adopting municipality has a monitoring of the regional program in, oldest first. */
async function yearsOf(db: Db, regionalProgramId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: campaigns.year })
    .from(campaigns)
    .innerJoin(programs, eq(programs.id, campaigns.programId))
    .where(eq(programs.regionalProgramId, regionalProgramId))
    .orderBy(campaigns.year);
  return rows.map((r) => r.year);
}

/** A regional program's roll-up as results keyed like the municipal analysis: `organization` is the municipality. */
function resultsOf(rollUp: Awaited<ReturnType<typeof computeRegionalRollUp>>): IndicatorResult[] {
  return [
    ...rollUp.region.map((r) => ({ ...r, organization: null, organizationName: 'Регион в целом' })),
    ...rollUp.municipalities.flatMap((m) =>
      m.results.map((r) => ({ ...r, organization: m.municipalityId, organizationName: m.municipalityName })),
    ),
  ];
}

/**
 * The rating of municipalities (REGIONAL_RATING_METHOD), clusters of similar municipalities and the
 * statistics of the municipal values, over the indicators with a value scale.
 */
export function rateMunicipalities(
  indicators: Pick<IndicatorInfo, 'code' | 'name' | 'unit' | 'direction'>[],
  members: { id: number; name: string }[],
  results: readonly { indicator: string; organization: number | null; value: number | null }[],
) {
  const axes = ratingAxes(indicators);
  const profiles = members.map((m) => ({
    organizationId: m.id,
    name: m.name,
    values: axisValues(axes, results, m.id),
  }));
  const rows = rateOrganizations(profiles, axes).map(({ organizationId, ...r }) => ({
    municipalityId: organizationId,
    ...r,
  }));
  const clusters =
    members.length >= MIN_MUNICIPALITIES_FOR_CLUSTERS
      ? clusterOrganizations(profiles, axes, 3, MUNICIPALITY_CLUSTER_TERMS).map(
          ({ organizationIds, ...c }) => ({ municipalityIds: organizationIds, ...c }),
        )
      : [];
  const statistics = Object.fromEntries(
    indicators.map((i) => [
      i.code,
      describeValues(members.map((m) => findResult(results, i.code, m.id)?.value ?? null)),
    ]),
  );
  return { axes, rows, clusters, statistics };
}

/**
 * GET /api/regional-programs/:id/analysis?year=: the municipalities with a monitoring of the year, their
 * values and the region's, the rating with its method, clusters, statistics, the heat map (municipality ×
 * indicator, in rating order) and the dynamics over the program's years up to this one.
 */
export async function getRegionalAnalysis(options: {
  db: Db;
  user: AuthUser;
  regionalProgramId: number;
  year: number;
}) {
  const { db, user, year } = options;
  const regional = await requireRegionalProgram(db, user, options.regionalProgramId);
  const years = await yearsOf(db, regional.id);
  const rollUpOf = (y: number) =>
    computeRegionalRollUp({ db, user, regionalProgramId: regional.id, year: y });
  const rollUp = await rollUpOf(year);
  const indicators = indicatorsOfFile(regional.file, rollUp.indicators.length ? rollUp.indicators : null);
  const members = rollUp.municipalities
    .filter((m) => m.campaignId !== null)
    .map((m) => ({
      id: m.municipalityId,
      name: m.municipalityName,
      campaignId: m.campaignId!,
      programId: m.programId,
      isFrozen: m.isFrozen,
    }));
  const results = resultsOf(rollUp);
  const { axes, rows, clusters, statistics } = rateMunicipalities(indicators, members, results);
  const order = [...rows.map((r) => r.municipalityId)];
  const heatmap = order.map((municipalityId) => ({
    municipalityId,
    name: members.find((m) => m.id === municipalityId)!.name,
    cells: indicators.map((i) => {
      const r = findResult(results, i.code, municipalityId);
      return { indicator: i.code, value: r?.value ?? null, level: r?.level ?? null };
    }),
  }));
  const dynamics = await mapInOrder(
    years.filter((y) => y <= year),
    async (y) => ({ year: y, results: y === year ? results : resultsOf(await rollUpOf(y)) }),
  );
  return {
    regionalProgram: {
      id: regional.id,
      title: regional.title,
      programVersion: regional.programVersion,
      regionId: regional.regionId,
      regionName: regional.regionName,
    },
    year,
    years,
    indicators,
    /** Adopting municipalities without a monitoring of the year (not rated). */
    withoutCampaign: rollUp.municipalities
      .filter((m) => m.campaignId === null)
      .map((m) => ({ id: m.municipalityId, name: m.municipalityName })),
    municipalities: members,
    results,
    statistics,
    rating: { method: REGIONAL_RATING_METHOD, indicators: axes.map((a) => a.code), rows },
    clusters,
    heatmap,
    dynamics,
  };
}

export type RegionalAnalysis = Awaited<ReturnType<typeof getRegionalAnalysis>>;

/** What a region published, by title and version. */
const publishedIn = (db: Db, regionId: number) =>
  db
    .select({
      id: regionalPrograms.id,
      title: regionalPrograms.title,
      programVersion: regionalPrograms.programVersion,
      publishedAt: regionalPrograms.publishedAt,
    })
    .from(regionalPrograms)
    .where(eq(regionalPrograms.regionId, regionId))
    .orderBy(regionalPrograms.title, regionalPrograms.programVersion);

/** GET /api/regions/:id/regional-programs: what the region published, with the years and who adopted it. */
export async function listRegionalPrograms(options: { db: Db; user: AuthUser; regionId: number }) {
  const { db, user } = options;
  if (!isGlobalAdmin(user) && !hasRole(user, 'regional_coordinator'))
    throw forbidden('Программы региона видит региональный координатор.');
  assertRegionAccess(user, options.regionId);
  const [region] = await db.select().from(regions).where(eq(regions.id, options.regionId));
  if (!region) throw notFound('Регион');
  const published = await publishedIn(db, options.regionId);
  const adopted = published.length
    ? await db
        .select({
          regionalProgramId: programs.regionalProgramId,
          municipalityId: programs.municipalityId,
          name: municipalities.name,
        })
        .from(programs)
        .innerJoin(municipalities, eq(municipalities.id, programs.municipalityId))
        .where(
          inArray(
            programs.regionalProgramId,
            published.map((p) => p.id),
          ),
        )
        .orderBy(municipalities.name)
    : [];
  const programsOf = await mapInOrder(published, async (p) => ({
    ...p,
    publishedAt: p.publishedAt.toISOString(),
    years: await yearsOf(db, p.id),
    adoptedBy: adopted
      .filter((a) => a.regionalProgramId === p.id)
      .map((a) => ({ municipalityId: a.municipalityId, name: a.name })),
  }));
  return { region: { id: region.id, name: region.name }, programs: programsOf };
}

/**
 * GET /api/municipalities/:id/regional-programs: the programs the municipality's region published, each
 * with the municipal program that adopted it (null: not adopted yet) — the «Принять» list of the department.
 */
export async function listRegionalProgramsForMunicipality(options: {
  db: Db;
  user: AuthUser;
  municipalityId: number;
}) {
  const { db, user, municipalityId } = options;
  assertMunicipalityAccess(user, municipalityId, 'aggregate');
  const [municipality] = await db
    .select({ regionId: municipalities.regionId })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  if (!municipality) throw notFound('Муниципалитет');
  const published = await publishedIn(db, municipality.regionId);
  const own = await db
    .select({ id: programs.id, title: programs.title, regionalProgramId: programs.regionalProgramId })
    .from(programs)
    .where(and(eq(programs.municipalityId, municipalityId)));
  return published.map((p) => {
    const adopted = own.find((o) => o.regionalProgramId === p.id);
    return {
      ...p,
      publishedAt: p.publishedAt.toISOString(),
      adoptedProgram: adopted ? { id: adopted.id, title: adopted.title } : null,
    };
  });
}
