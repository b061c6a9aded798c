import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { actKind } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import type { Db } from '../../../db/client.ts';
import { normativeActs, programNormativeActs, programs } from '../../../db/schema/index.ts';
import { AppError, notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { assertMunicipalityAccess, requireUser, type Actor } from '../../auth/access.ts';

/**
 * The acts that approve a monitoring program (Положение о мониторинге / о МСОКО / о ВСОКО, the concept, the
 * model, the order): municipal acts of the program's municipality. A program shows its approving acts; an
 * act shows the programs it approves (the `programs` column of the acts' list).
 */
export async function findApprovingActs(db: Db, programId: number) {
  const rows = await db
    .select({
      id: normativeActs.id,
      kind: normativeActs.kind,
      number: normativeActs.number,
      date: normativeActs.date,
      title: normativeActs.title,
      url: normativeActs.url,
    })
    .from(programNormativeActs)
    .innerJoin(normativeActs, eq(normativeActs.id, programNormativeActs.normativeActId))
    .where(eq(programNormativeActs.programId, programId))
    .orderBy(asc(normativeActs.date), asc(normativeActs.id));
  return rows.map((r) => ({ ...r, kindLabel: actKind.label[r.kind] }));
}

export async function setProgramActs(options: {
  db: Db;
  actor: Actor;
  programId: number;
  normativeActIds: number[];
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const [program] = await db.select().from(programs).where(eq(programs.id, options.programId));
  if (!program) throw notFound('Программа мониторинга');
  assertMunicipalityAccess(user, program.municipalityId, 'manage');
  const wanted = [...new Set(options.normativeActIds)];
  const acts = wanted.length
    ? await db
        .select()
        .from(normativeActs)
        .where(
          and(
            inArray(normativeActs.id, wanted),
            eq(normativeActs.municipalityId, program.municipalityId),
            isNull(normativeActs.organizationId),
          ),
        )
    : [];
  const missing = wanted.filter((id) => !acts.some((a) => a.id === id));
  if (missing.length)
    throw new AppError(
      'validation_failed',
      `Утверждающие акты (поле normativeActIds): № ${missing.join(', ')} — не акты муниципального уровня этого муниципалитета.`,
      { field: 'normativeActIds' },
    );
  await db.transaction(async (tx) => {
    await tx.delete(programNormativeActs).where(eq(programNormativeActs.programId, program.id));
    if (wanted.length)
      await tx
        .insert(programNormativeActs)
        .values(wanted.map((normativeActId) => ({ programId: program.id, normativeActId })));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'program_normative_acts',
      entityId: program.id,
      municipalityId: program.municipalityId,
      summary: `Программа «${program.title}» утверждена: ${
        acts.map((a) => `${actKind.label[a.kind]} № ${a.number} от ${formatRuDate(a.date)}`).join('; ') ||
        'акты не указаны'
      }`,
    });
  });
  return findApprovingActs(db, program.id);
}
