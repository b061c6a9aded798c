import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import {
  organizations,
  websiteCheckItems,
  websiteCheckOverrides,
  websiteChecklists,
  websiteCheckRuns,
  websiteCheckSites,
  websiteRequirements,
} from '../../db/schema/index.ts';
import type { WebsiteRequirementRule } from '../../../core/websites/requirements.ts';

export type RequirementRow = typeof websiteRequirements.$inferSelect;
export type RunRow = typeof websiteCheckRuns.$inferSelect;

export const findRequirements = (db: Db, municipalityId: number) =>
  db
    .select()
    .from(websiteRequirements)
    .where(eq(websiteRequirements.municipalityId, municipalityId))
    .orderBy(asc(websiteRequirements.position), asc(websiteRequirements.id));

export async function insertRequirements(
  db: Db,
  municipalityId: number,
  rules: readonly (WebsiteRequirementRule & { isActive?: boolean })[],
) {
  if (!rules.length) return;
  await db.insert(websiteRequirements).values(
    rules.map((r, position) => ({
      municipalityId,
      code: r.code,
      title: r.title,
      keywords: r.keywords,
      paths: r.paths,
      isActive: r.isActive ?? true,
      position,
    })),
  );
}

export const deleteRequirements = (db: Db, municipalityId: number) =>
  db.delete(websiteRequirements).where(eq(websiteRequirements.municipalityId, municipalityId));

/** The active organizations to check, with their site addresses. */
export const findOrganizationsToCheck = (db: Db, municipalityId: number, organizationId?: number) =>
  db
    .select({ id: organizations.id, shortName: organizations.shortName, website: organizations.website })
    .from(organizations)
    .where(
      and(
        eq(organizations.municipalityId, municipalityId),
        eq(organizations.isActive, true),
        organizationId === undefined ? undefined : eq(organizations.id, organizationId),
      ),
    )
    .orderBy(asc(organizations.shortName), asc(organizations.id));

export const findRunningRun = async (db: Db, municipalityId: number) =>
  (
    await db
      .select()
      .from(websiteCheckRuns)
      .where(and(eq(websiteCheckRuns.municipalityId, municipalityId), eq(websiteCheckRuns.status, 'running')))
      .orderBy(desc(websiteCheckRuns.startedAt))
      .limit(1)
  )[0] ?? null;

export const findLatestRun = async (db: Db, municipalityId: number) =>
  (
    await db
      .select()
      .from(websiteCheckRuns)
      .where(eq(websiteCheckRuns.municipalityId, municipalityId))
      .orderBy(desc(websiteCheckRuns.startedAt), desc(websiteCheckRuns.id))
      .limit(1)
  )[0] ?? null;

export async function insertRun(
  db: Db,
  values: { municipalityId: number; total: number; startedBy: number | null },
) {
  const [run] = await db
    .insert(websiteCheckRuns)
    .values({ ...values, status: 'running' })
    .returning();
  return run;
}

export const finishRun = (db: Db, runId: number, status: 'done' | 'failed', error: string | null = null) =>
  db
    .update(websiteCheckRuns)
    .set({ status, error, finishedAt: sql`now()` })
    .where(eq(websiteCheckRuns.id, runId));

/**
 * Marks failed the runs left «running» by a process that stopped, but those of municipalities still
 * checked in this one; the reason says how far each got.
 */
export const failRunningRuns = (db: Db, exceptMunicipalityIds: number[]) =>
  db
    .update(websiteCheckRuns)
    .set({
      status: 'failed',
      error: sql`'Проверка прервана перезапуском сервера: проверено ' || ${websiteCheckRuns.done} || ' из ' || ${websiteCheckRuns.total}`,
      finishedAt: sql`now()`,
    })
    .where(
      and(
        eq(websiteCheckRuns.status, 'running'),
        exceptMunicipalityIds.length
          ? notInArray(websiteCheckRuns.municipalityId, exceptMunicipalityIds)
          : undefined,
      ),
    )
    .returning({ id: websiteCheckRuns.id, municipalityId: websiteCheckRuns.municipalityId });

/** One organization's outcome, and the run's progress, in one transaction. */
export async function saveSiteOutcome(
  db: Db,
  site: {
    runId: number;
    organizationId: number;
    siteUrl: string | null;
    error: string | null;
    pagesVisited: number;
    items: { code: string; title: string; url: string | null }[];
  },
) {
  await db.transaction(async (tx) => {
    await tx.insert(websiteCheckSites).values({
      runId: site.runId,
      organizationId: site.organizationId,
      siteUrl: site.siteUrl,
      error: site.error,
      pagesVisited: site.pagesVisited,
    });
    if (site.items.length)
      await tx.insert(websiteCheckItems).values(
        site.items.map((i) => ({
          runId: site.runId,
          organizationId: site.organizationId,
          requirementCode: i.code,
          requirementTitle: i.title,
          isFound: i.url !== null,
          url: i.url,
        })),
      );
    await tx
      .update(websiteCheckRuns)
      .set({ done: sql`${websiteCheckRuns.done} + 1` })
      .where(eq(websiteCheckRuns.id, site.runId));
  });
}

/** Each organization's latest checked site (of any run, the one going on included), and its items. */
export async function findLatestSites(db: Db, municipalityId: number, organizationIds: number[] | null) {
  const sites = await queryRows<{
    runId: number;
    organizationId: number;
    shortName: string;
    siteUrl: string | null;
    error: string | null;
    pagesVisited: number;
    checkedAt: Date | string;
  }>(
    db,
    sql`select distinct on (s.organization_id) s.run_id as "runId", s.organization_id as "organizationId",
        o.short_name as "shortName", s.site_url as "siteUrl", s.error, s.pages_visited as "pagesVisited",
        s.checked_at as "checkedAt"
      from website_check_sites s
      join website_check_runs r on r.id = s.run_id
      join organizations o on o.id = s.organization_id
      where r.municipality_id = ${municipalityId}
        ${
          organizationIds === null
            ? sql``
            : sql`and s.organization_id in (${sql.join(
                organizationIds.map((id) => sql`${id}`),
                sql`, `,
              )})`
        }
      order by s.organization_id, r.started_at desc, r.id desc`,
  );
  const items = sites.length
    ? await db
        .select()
        .from(websiteCheckItems)
        .where(
          sql`(${websiteCheckItems.runId}, ${websiteCheckItems.organizationId}) in (${sql.join(
            sites.map((s) => sql`(${s.runId}, ${s.organizationId})`),
            sql`, `,
          )})`,
        )
    : [];
  return {
    sites: sites
      .map((s) => ({ ...s, checkedAt: new Date(s.checkedAt) }))
      .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru') || a.organizationId - b.organizationId),
    items,
  };
}

export type OverrideRow = typeof websiteCheckOverrides.$inferSelect;

/** The coordinator's overrides of the given organizations (all of a municipality's when ids is null). */
export const findOverrides = (db: Db, municipalityId: number, organizationIds: number[] | null) =>
  db
    .select({ override: websiteCheckOverrides })
    .from(websiteCheckOverrides)
    .innerJoin(organizations, eq(organizations.id, websiteCheckOverrides.organizationId))
    .where(
      and(
        eq(organizations.municipalityId, municipalityId),
        organizationIds === null ? undefined : inArray(websiteCheckOverrides.organizationId, organizationIds),
      ),
    )
    .then((rows) => rows.map((r) => r.override));

export async function upsertOverride(db: Db, values: Omit<OverrideRow, 'setAt'>) {
  const [row] = await db
    .insert(websiteCheckOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [websiteCheckOverrides.organizationId, websiteCheckOverrides.requirementCode],
      set: { ...values, setAt: sql`now()` },
    })
    .returning();
  return row;
}

export const deleteOverride = async (db: Db, organizationId: number, requirementCode: string) =>
  (
    await db
      .delete(websiteCheckOverrides)
      .where(
        and(
          eq(websiteCheckOverrides.organizationId, organizationId),
          eq(websiteCheckOverrides.requirementCode, requirementCode),
        ),
      )
      .returning()
  ).length > 0;

/** The checklist's version: 0 before the department first saves it. */
export const findChecklistVersion = async (db: Db, municipalityId: number) =>
  (
    await db
      .select({ version: websiteChecklists.version })
      .from(websiteChecklists)
      .where(eq(websiteChecklists.municipalityId, municipalityId))
  )[0]?.version ?? 0;

/** Raises the version if it still is `expected`; false when someone saved in between. */
export async function bumpChecklistVersion(db: Db, municipalityId: number, expected: number) {
  if (expected === 0) {
    const inserted = await db
      .insert(websiteChecklists)
      .values({ municipalityId, version: 1 })
      .onConflictDoNothing()
      .returning();
    return inserted.length > 0;
  }
  const updated = await db
    .update(websiteChecklists)
    .set({ version: expected + 1, updatedAt: sql`now()` })
    .where(and(eq(websiteChecklists.municipalityId, municipalityId), eq(websiteChecklists.version, expected)))
    .returning();
  return updated.length > 0;
}
