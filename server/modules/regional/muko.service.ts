import { and, asc, eq } from 'drizzle-orm';
import {
  MUKO_ELEMENTS,
  type MukoKey,
  type RegionalMukoMunicipality,
  type RegionalMukoScore,
  type RegionalMukoTable,
} from '../../../core/management/muko.ts';

export type { RegionalMukoMunicipality, RegionalMukoScore, RegionalMukoTable };
import type { Db } from '../../db/client.ts';
import { municipalities, regionalMukoScores, regions } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  accountIdOf,
  isGlobalAdmin,
  requireUser,
  systemAdmin,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { assessMuko } from '../management/muko.service.ts';
import { isRegionalCoordinatorOf, isUniqueViolation } from './approval.service.ts';

/**
 * The region's МУКО evaluation of its municipalities (issue 15, point 5): for each municipality and element of
 * the management cycle the region gives 1 or 0 with up to five evidence links and a comment, seeing beside it
 * the municipality's own self-assessment (management/muko.service.ts).
 */

function assertEvaluator(user: AuthUser, regionId: number, purpose: 'read' | 'write') {
  if (isRegionalCoordinatorOf(user, regionId)) return;
  if (purpose === 'read' && isGlobalAdmin(user)) return;
  throw forbidden('МУКО муниципалитетов оценивает региональный координатор этого региона.');
}

/** The table of the region's municipalities × МУКО elements for a year: the region's scores beside the self-assessment. */
export async function getRegionalMuko(options: {
  db: Db;
  user: AuthUser;
  regionId: number;
  year: number;
  today: string;
}): Promise<RegionalMukoTable> {
  const { db, user, regionId, year, today } = options;
  const [region] = await db.select().from(regions).where(eq(regions.id, regionId));
  if (!region) throw notFound('Регион');
  assertEvaluator(user, regionId, 'read');
  const list = await db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.regionId, regionId))
    .orderBy(asc(municipalities.name), asc(municipalities.id));
  const scores = await db
    .select()
    .from(regionalMukoScores)
    .where(and(eq(regionalMukoScores.regionId, regionId), eq(regionalMukoScores.year, year)));
  // The self-assessment reads programs, campaigns, roadmaps and decisions of the municipality — aggregates and
  // links, never a teacher — which the regional grant reaches: read with the system's rights after the check above.
  const reader = systemAdmin('cli');
  const rows: RegionalMukoMunicipality[] = [];
  for (const m of list) {
    const self = await assessMuko({ db, user: reader, municipalityId: m.id, today });
    const own = scores.filter((s) => s.municipalityId === m.id);
    const byKey: Partial<Record<MukoKey, RegionalMukoScore>> = {};
    for (const s of own)
      byKey[s.elementKey as MukoKey] = {
        score: s.score === 1 ? 1 : 0,
        evidence: s.evidence,
        comment: s.comment,
        userName: s.userName,
        updatedAt: s.updatedAt.toISOString(),
        version: s.version,
      };
    rows.push({
      id: m.id,
      name: m.name,
      self: {
        total: self.total,
        rows: self.rows.map((r) => ({ key: r.key, score: r.score, basis: r.basis })),
      },
      region: {
        total: Object.values(byKey).reduce((n, s) => n + (s?.score ?? 0), 0),
        scored: Object.keys(byKey).length,
        scores: byKey,
      },
    });
  }
  return {
    region: { id: region.id, name: region.name },
    year,
    elements: MUKO_ELEMENTS.map((e) => ({ key: e.key, title: e.title, criterion: e.criterion })),
    municipalities: rows,
  };
}

/** The region scores one element of one municipality for a year; `version` 0 for the first score. */
export async function scoreMunicipalityMuko(options: {
  db: Db;
  actor: Actor;
  regionId: number;
  input: {
    municipalityId: number;
    year: number;
    elementKey: MukoKey;
    score: 0 | 1;
    evidence: string[];
    comment: string | null;
    version: number;
  };
}) {
  const user = requireUser(options.actor.user);
  const { input, regionId } = options;
  assertEvaluator(user, regionId, 'write');
  return options.db.transaction(async (tx) => {
    const [municipality] = await tx
      .select({ regionId: municipalities.regionId, name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.id, input.municipalityId));
    if (!municipality || municipality.regionId !== regionId)
      throw new AppError('validation_failed', 'Муниципалитет не относится к этому региону.', {
        field: 'municipalityId',
      });
    const values = {
      score: input.score,
      evidence: input.evidence,
      comment: input.comment,
      userId: accountIdOf(user),
      userName: user.fullName,
    };
    const [existing] = await tx
      .select()
      .from(regionalMukoScores)
      .where(
        and(
          eq(regionalMukoScores.municipalityId, input.municipalityId),
          eq(regionalMukoScores.year, input.year),
          eq(regionalMukoScores.elementKey, input.elementKey),
        ),
      );
    if (!existing) {
      if (input.version !== 0) throw versionConflict();
      await tx
        .insert(regionalMukoScores)
        .values({
          regionId,
          municipalityId: input.municipalityId,
          year: input.year,
          elementKey: input.elementKey,
          ...values,
        })
        .catch((error: unknown) => {
          // Two evaluators scoring the same element at once: the unique index stops the second.
          if (isUniqueViolation(error)) throw versionConflict();
          throw error;
        });
    } else if (!(await updateIfVersion(tx, regionalMukoScores, existing.id, input.version, values)))
      throw versionConflict();
    await recordAudit(tx, options.actor, {
      action: existing ? 'update' : 'create',
      entity: 'regional_muko_score',
      municipalityId: input.municipalityId,
      summary: `Оценка МУКО региона за ${input.year} год: «${MUKO_ELEMENTS.find((e) => e.key === input.elementKey)!.title}» — ${input.score} (${municipality.name})`,
    });
    const [saved] = await tx
      .select()
      .from(regionalMukoScores)
      .where(
        and(
          eq(regionalMukoScores.municipalityId, input.municipalityId),
          eq(regionalMukoScores.year, input.year),
          eq(regionalMukoScores.elementKey, input.elementKey),
        ),
      );
    return {
      municipalityId: saved.municipalityId,
      elementKey: saved.elementKey,
      score: saved.score,
      evidence: saved.evidence,
      comment: saved.comment,
      version: saved.version,
    };
  });
}
