import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { indicators, municipalities, programs, regionalPrograms } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  assertMunicipalityAccess,
  assertRegionAccess,
  hasRole,
  isGlobalAdmin,
  requireUser,
  type Actor,
} from '../auth/access.ts';
import { parseProgramFile } from '../programs/program-file.service.ts';
import { findPrograms, insertProgramDefinition } from '../programs/programs.repository.ts';
import { numberedTitle } from '../programs/programs.service.ts';

/**
 * A region publishes a program file (programs/program-file.service.ts) for its municipalities: the regional
 * coordinator of that region, or a global admin. The file is kept as published; a new publication of the
 * same title is its next version.
 */
export async function publishRegionalProgram(options: {
  db: Db;
  actor: Actor;
  regionId: number;
  content: string;
}) {
  const user = requireUser(options.actor.user);
  if (!isGlobalAdmin(user) && !hasRole(user, 'regional_coordinator'))
    throw forbidden('Публикует региональную программу региональный координатор.');
  assertRegionAccess(user, options.regionId);
  const file = parseProgramFile(options.content);
  return options.db.transaction(async (tx) => {
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(regionalPrograms)
      .where(
        and(eq(regionalPrograms.regionId, options.regionId), eq(regionalPrograms.title, file.program.title)),
      );
    const [row] = await tx
      .insert(regionalPrograms)
      .values({
        regionId: options.regionId,
        title: file.program.title,
        programVersion: n + 1,
        file: file as unknown as Record<string, unknown>,
      })
      .returning();
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'regional_program',
      entityId: row.id,
      municipalityId: null,
      summary: `Опубликована региональная программа «${row.title}» (версия ${row.programVersion})`,
    });
    return { id: row.id, title: row.title, programVersion: row.programVersion };
  });
}

/**
 * A municipality of the program's region adopts it: a municipal program is created from the file, linked to
 * it, and every indicator that came from the region is marked regional (locked for the municipality).
 */
export async function adoptRegionalProgram(options: {
  db: Db;
  actor: Actor;
  regionalProgramId: number;
  municipalityId: number;
}) {
  const user = requireUser(options.actor.user);
  assertMunicipalityAccess(user, options.municipalityId, 'manage');
  return options.db.transaction(async (tx) => {
    const [regional] = await tx
      .select()
      .from(regionalPrograms)
      .where(eq(regionalPrograms.id, options.regionalProgramId));
    if (!regional) throw notFound('Региональная программа');
    const [municipality] = await tx
      .select({ regionId: municipalities.regionId, name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.id, options.municipalityId));
    if (!municipality) throw notFound('Муниципалитет');
    if (municipality.regionId !== regional.regionId)
      throw new AppError('validation_failed', 'Региональная программа другого региона: принять её нельзя.', {
        field: 'regionalProgramId',
      });
    const existing = await findPrograms(tx, [options.municipalityId]);
    const file = parseProgramFile(JSON.stringify(regional.file));
    const title = numberedTitle(
      file.program.title,
      existing.map((p) => p.title),
    );
    const programId = await insertProgramDefinition(tx, options.municipalityId, file.program, title);
    await tx.update(programs).set({ regionalProgramId: regional.id }).where(eq(programs.id, programId));
    await tx.update(indicators).set({ isRegional: true }).where(eq(indicators.programId, programId));
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'program',
      entityId: programId,
      municipalityId: options.municipalityId,
      summary: `Принята региональная программа «${regional.title}» (версия ${regional.programVersion})`,
    });
    return { programId, title };
  });
}
