import { inOrder } from '../../db/in-order.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  campaigns,
  conclusions,
  decisions,
  files,
  measureIndicators,
  measureRecommendations,
  measures,
  programs,
  recommendations,
  roadmaps,
} from '../../db/schema/index.ts';

export type RoadmapRow = typeof roadmaps.$inferSelect;
export type MeasureRow = typeof measures.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

export async function findRoadmaps(db: Db, municipalityIds: number[] | null) {
  return db
    .select()
    .from(roadmaps)
    .where(
      municipalityIds
        ? inArray(roadmaps.municipalityId, municipalityIds.length ? municipalityIds : [-1])
        : undefined,
    )
    .orderBy(desc(roadmaps.periodStart));
}

export async function findRoadmap(db: Db, id: number) {
  const [row] = await db.select().from(roadmaps).where(eq(roadmaps.id, id));
  return row;
}

export async function insertRoadmap(db: Db, values: typeof roadmaps.$inferInsert) {
  const [row] = await db.insert(roadmaps).values(values).returning();
  return row;
}

export async function findMeasures(db: Db, roadmapId: number) {
  return db
    .select()
    .from(measures)
    .where(eq(measures.roadmapId, roadmapId))
    .orderBy(asc(measures.sortOrder), asc(measures.id));
}

export async function findMeasure(db: Db, id: number) {
  const [row] = await db.select().from(measures).where(eq(measures.id, id));
  return row;
}

export async function insertMeasure(db: Db, values: typeof measures.$inferInsert) {
  const [row] = await db.insert(measures).values(values).returning();
  return row;
}

export async function deleteMeasure(db: Db, id: number) {
  await db.delete(measures).where(eq(measures.id, id));
}

export async function findMeasureLinks(db: Db, measureIds: number[]) {
  if (!measureIds.length) return { indicators: [], recommendations: [] };
  const [indicatorLinks, recommendationLinks] = await inOrder([
    db.select().from(measureIndicators).where(inArray(measureIndicators.measureId, measureIds)),
    db.select().from(measureRecommendations).where(inArray(measureRecommendations.measureId, measureIds)),
  ]);
  return { indicators: indicatorLinks, recommendations: recommendationLinks };
}

export async function replaceMeasureLinks(
  db: Db,
  measureId: number,
  links: { indicators?: { programId: number; indicatorCode: string }[]; recommendationIds?: number[] },
) {
  if (links.indicators) {
    await db.delete(measureIndicators).where(eq(measureIndicators.measureId, measureId));
    if (links.indicators.length)
      await db
        .insert(measureIndicators)
        .values(links.indicators.map((l) => ({ ...l, measureId })))
        .onConflictDoNothing();
  }
  if (links.recommendationIds) {
    await db.delete(measureRecommendations).where(eq(measureRecommendations.measureId, measureId));
    if (links.recommendationIds.length)
      await db
        .insert(measureRecommendations)
        .values(links.recommendationIds.map((recommendationId) => ({ measureId, recommendationId })))
        .onConflictDoNothing();
  }
}

export async function findDecisions(
  db: Db,
  municipalityIds: number[] | null,
  linkedTo: { measureId?: number; conclusionId?: number } = {},
) {
  return db
    .select()
    .from(decisions)
    .where(
      and(
        municipalityIds
          ? inArray(decisions.municipalityId, municipalityIds.length ? municipalityIds : [-1])
          : undefined,
        linkedTo.measureId
          ? sql`${decisions.measureIds} @> ${JSON.stringify([linkedTo.measureId])}::jsonb`
          : undefined,
        linkedTo.conclusionId
          ? sql`${decisions.conclusionIds} @> ${JSON.stringify([linkedTo.conclusionId])}::jsonb`
          : undefined,
      ),
    )
    .orderBy(desc(decisions.date), desc(decisions.id));
}

/** The measures a decision answers, with their roadmap, in the roadmap's order. */
export async function findMeasureSummaries(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: measures.id,
      roadmapId: measures.roadmapId,
      roadmapTitle: roadmaps.title,
      section: measures.section,
      number: measures.number,
      title: measures.title,
    })
    .from(measures)
    .innerJoin(roadmaps, eq(roadmaps.id, measures.roadmapId))
    .where(inArray(measures.id, ids))
    .orderBy(desc(roadmaps.periodStart), asc(measures.sortOrder), asc(measures.id));
}

/** The conclusions a decision answers, with their campaign, newest campaign first, in the list's order. */
export async function findConclusionSummaries(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: conclusions.id,
      campaignId: conclusions.campaignId,
      campaignTitle: campaigns.title,
      year: campaigns.year,
      text: conclusions.text,
    })
    .from(conclusions)
    .innerJoin(campaigns, eq(campaigns.id, conclusions.campaignId))
    .where(inArray(conclusions.id, ids))
    .orderBy(desc(campaigns.year), asc(conclusions.sortOrder), asc(conclusions.id));
}

export async function findDecision(db: Db, id: number) {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row;
}

export async function insertDecision(db: Db, values: typeof decisions.$inferInsert) {
  const [row] = await db.insert(decisions).values(values).returning();
  return row;
}

export async function deleteDecision(db: Db, id: number) {
  await db.delete(decisions).where(eq(decisions.id, id));
}

export async function insertFile(db: Db, values: typeof files.$inferInsert) {
  const [row] = await db
    .insert(files)
    .values(values)
    .returning({ id: files.id, name: files.name, size: files.size, mimeType: files.mimeType });
  return row;
}

export async function findFile(db: Db, id: number) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ? { ...row, content: Buffer.from(row.content) } : undefined;
}

export async function findFileMeta(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: files.id, name: files.name, size: files.size, municipalityId: files.municipalityId })
    .from(files)
    .where(and(inArray(files.id, ids)));
}

/** The records a measure or a decision may link to, of one kind. */
export type LinkedKind = 'programs' | 'recommendations' | 'conclusions' | 'measures' | 'files';

/** Of the given ids of a kind, those that are records of the municipality. */
export async function findLinkableIds(
  db: Db,
  municipalityId: number,
  kind: LinkedKind,
  ids: number[],
): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows: { id: number }[] = await (() => {
    switch (kind) {
      case 'programs':
        return db
          .select({ id: programs.id })
          .from(programs)
          .where(and(inArray(programs.id, ids), eq(programs.municipalityId, municipalityId)));
      case 'files':
        return db
          .select({ id: files.id })
          .from(files)
          .where(and(inArray(files.id, ids), eq(files.municipalityId, municipalityId)));
      case 'recommendations':
        return db
          .select({ id: recommendations.id })
          .from(recommendations)
          .innerJoin(campaigns, eq(campaigns.id, recommendations.campaignId))
          .where(and(inArray(recommendations.id, ids), eq(campaigns.municipalityId, municipalityId)));
      case 'conclusions':
        return db
          .select({ id: conclusions.id })
          .from(conclusions)
          .innerJoin(campaigns, eq(campaigns.id, conclusions.campaignId))
          .where(and(inArray(conclusions.id, ids), eq(campaigns.municipalityId, municipalityId)));
      case 'measures':
        return db
          .select({ id: measures.id })
          .from(measures)
          .innerJoin(roadmaps, eq(roadmaps.id, measures.roadmapId))
          .where(and(inArray(measures.id, ids), eq(roadmaps.municipalityId, municipalityId)));
    }
  })();
  return new Set(rows.map((r) => r.id));
}
