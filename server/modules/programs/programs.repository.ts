import { inOrder } from '../../db/in-order.ts';
import { storedApplicability } from '../../../core/indicators/applicability.ts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ProgramTemplate } from '../../../core/templates/index.ts';
import { templateToDefinition, type ProgramDefinition } from '../../../core/programs/program-file.ts';
import type { Db } from '../../db/client.ts';
import { defaultRules } from '../../../core/analysis/drafts.ts';
import {
  campaigns,
  criteria,
  formFields,
  indicators,
  programs,
  recommendationRules,
  submissions,
} from '../../db/schema/index.ts';
import { outer } from '../registers/shared/paging.ts';

export type ProgramRow = typeof programs.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type FormFieldRow = typeof formFields.$inferSelect;

export async function findPrograms(db: Db, municipalityIds: number[] | null) {
  return db
    .select({
      id: programs.id,
      municipalityId: programs.municipalityId,
      title: programs.title,
      templateCode: programs.templateCode,
      isArchived: programs.isArchived,
      updatedAt: programs.updatedAt,
      indicatorCount: sql<number>`(select count(*)::int from ${indicators} where ${outer(indicators.programId)} = ${outer(programs.id)})`,
    })
    .from(programs)
    .where(
      municipalityIds
        ? inArray(programs.municipalityId, municipalityIds.length ? municipalityIds : [-1])
        : undefined,
    )
    .orderBy(asc(programs.isArchived), asc(programs.title));
}

export async function findProgramById(db: Db, id: number) {
  const [row] = await db.select().from(programs).where(eq(programs.id, id));
  return row;
}

/**
 * The target values of a program's indicators by code. The plan is not a result of a campaign: a closed
 * campaign's frozen snapshot keeps its formulas and values, while its targets are read from the program.
 */
export async function findIndicatorTargets(db: Db, programId: number) {
  const rows = await db
    .select({ code: indicators.code, targets: indicators.targets })
    .from(indicators)
    .where(eq(indicators.programId, programId));
  return new Map(rows.map((r) => [r.code, r.targets]));
}

/** The program with its criteria, indicators and form fields, in their order. */
export async function findProgramTree(db: Db, id: number) {
  const program = await findProgramById(db, id);
  if (!program) return undefined;
  const [criteriaRows, indicatorRows, fieldRows] = await inOrder([
    db
      .select()
      .from(criteria)
      .where(eq(criteria.programId, id))
      .orderBy(asc(criteria.sortOrder), asc(criteria.id)),
    db
      .select()
      .from(indicators)
      .where(eq(indicators.programId, id))
      .orderBy(asc(indicators.sortOrder), asc(indicators.id)),
    db
      .select()
      .from(formFields)
      .where(eq(formFields.programId, id))
      .orderBy(asc(formFields.sortOrder), asc(formFields.id)),
  ]);
  return { program, criteria: criteriaRows, indicators: indicatorRows, formFields: fieldRows };
}
export type ProgramTree = NonNullable<Awaited<ReturnType<typeof findProgramTree>>>;

export async function insertProgramFromTemplate(
  db: Db,
  municipalityId: number,
  template: ProgramTemplate,
  title = template.title,
) {
  return insertProgramDefinition(db, municipalityId, templateToDefinition(template), title);
}

/** Writes a whole program — from a seed template or a program file — with its rules, in the given order. */
export async function insertProgramDefinition(
  db: Db,
  municipalityId: number,
  definition: ProgramDefinition,
  title = definition.title,
) {
  const [program] = await db
    .insert(programs)
    .values({
      municipalityId,
      title,
      description: definition.description,
      goals: definition.goals,
      templateCode: definition.templateCode,
      parameters: definition.parameters,
    })
    .returning();
  let order = 0;
  for (const [ci, c] of definition.criteria.entries()) {
    const [criterion] = await db
      .insert(criteria)
      .values({ programId: program.id, code: c.code, title: c.title, goal: c.goal, sortOrder: ci })
      .returning();
    if (!c.indicators.length) continue;
    await db.insert(indicators).values(
      c.indicators.map((i) => ({
        ...i,
        applicability: storedApplicability(i.applicability),
        programId: program.id,
        criterionId: criterion.id,
        sortOrder: order++,
      })),
    );
  }
  if (definition.recommendationRules.length)
    await db
      .insert(recommendationRules)
      .values(definition.recommendationRules.map((r) => ({ ...r, programId: program.id })));
  if (definition.formFields.length) {
    await db
      .insert(formFields)
      .values(definition.formFields.map((f, i) => ({ ...f, programId: program.id, sortOrder: i })));
  }
  return program.id;
}

export async function insertProgram(db: Db, values: typeof programs.$inferInsert) {
  const [row] = await db.insert(programs).values(values).returning({ id: programs.id });
  return row.id;
}

export async function countCampaignsOfProgram(db: Db, programId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaigns)
    .where(eq(campaigns.programId, programId));
  return row.n;
}

/** Campaigns of the program still collecting (not closed), with how many forms were sent or accepted. */
export async function findRunningCampaignsOfProgram(db: Db, programId: number) {
  return db
    .select({
      id: campaigns.id,
      title: campaigns.title,
      mainEnd: campaigns.mainEnd,
      sentForms: sql<number>`(select count(*)::int from ${submissions}
        where ${submissions.campaignId} = ${campaigns.id} and ${submissions.status} in ('submitted', 'accepted'))`,
    })
    .from(campaigns)
    .where(and(eq(campaigns.programId, programId), eq(campaigns.status, 'active')))
    .orderBy(asc(campaigns.id));
}

export async function deleteProgram(db: Db, id: number) {
  await db.delete(programs).where(eq(programs.id, id));
}

export const CHILD_TABLES = { criteria, indicators, formFields } as const;
export type ChildKind = keyof typeof CHILD_TABLES;

export async function findChild(db: Db, kind: ChildKind, id: number) {
  const table = CHILD_TABLES[kind];
  const [row] = await db.select().from(table).where(eq(table.id, id));
  return row as (IndicatorRow & CriterionRow & FormFieldRow) | undefined;
}

export async function insertChild(db: Db, kind: ChildKind, values: Record<string, unknown>) {
  const table = CHILD_TABLES[kind];
  const [row] = await db
    .insert(table)
    .values(values as never)
    .returning({ id: table.id });
  return row.id;
}

export async function deleteChild(db: Db, kind: ChildKind, id: number) {
  const table = CHILD_TABLES[kind];
  await db.delete(table).where(eq(table.id, id));
}

export async function isCodeTaken(
  db: Db,
  kind: ChildKind,
  programId: number,
  code: string,
  exceptId?: number,
) {
  const table = CHILD_TABLES[kind];
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(sql`${table.programId} = ${programId} and ${table.code} = ${code}`);
  return rows.some((r) => r.id !== exceptId);
}

export async function countIndicatorsOfCriterion(db: Db, criterionId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(indicators)
    .where(eq(indicators.criterionId, criterionId));
  return row.n;
}

/** The library's default recommendation rules for indicators (their theme's texts at the level «низкий»). */
export async function insertDefaultRules(
  db: Db,
  programId: number,
  items: { code: string; name: string; numerator: string }[],
) {
  const rows = items.flatMap((i) => defaultRules(i)).map((r) => ({ ...r, programId }));
  if (rows.length) await db.insert(recommendationRules).values(rows);
}
