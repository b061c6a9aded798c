import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { deficitResources, deficits, diagnostics, routeSteps, routes } from '../../db/schema/index.ts';
import { containsPattern } from '../registers/shared/http.ts';
import { outer } from '../registers/shared/paging.ts';
import { findSpecialistsByIds } from '../registers/specialists/specialists.repository.ts';
import type { RouteAssignment } from './iom.policy.ts';

export type RouteRow = typeof routes.$inferSelect;
export type StepRow = typeof routeSteps.$inferSelect;
export type ResourceRow = Awaited<ReturnType<typeof findResources>>[number];
export type NewResource = typeof deficitResources.$inferInsert;

const resourceColumns = {
  id: deficitResources.id,
  municipalityId: deficitResources.municipalityId,
  deficitCode: deficitResources.deficitCode,
  deficitTitle: deficits.title,
  area: deficits.area,
  kind: deficitResources.kind,
  title: deficitResources.title,
  provider: deficitResources.provider,
  hours: deficitResources.hours,
  url: deficitResources.url,
  version: deficitResources.version,
  stepCount: sql<number>`(select count(*)::int from ${routeSteps} where ${outer(routeSteps.resourceId)} = ${outer(deficitResources.id)})`,
};

/** Resources of the given municipalities and the shared ones (municipality null); every one for `all`. */
export function resourceScopeCondition(scope: { all: boolean; municipalityIds: number[] }): SQL | undefined {
  if (scope.all) return undefined;
  return scope.municipalityIds.length
    ? or(
        isNull(deficitResources.municipalityId),
        inArray(deficitResources.municipalityId, scope.municipalityIds),
      )
    : isNull(deficitResources.municipalityId);
}

export function findResources(
  db: Db,
  filter: {
    scope: { all: boolean; municipalityIds: number[] };
    deficitCodes?: string[];
    kind?: NewResource['kind'];
    q?: string;
  },
) {
  return db
    .select(resourceColumns)
    .from(deficitResources)
    .innerJoin(deficits, eq(deficits.code, deficitResources.deficitCode))
    .where(
      and(
        resourceScopeCondition(filter.scope),
        filter.deficitCodes ? inArray(deficitResources.deficitCode, filter.deficitCodes) : undefined,
        filter.kind ? eq(deficitResources.kind, filter.kind) : undefined,
        filter.q
          ? or(
              ilike(deficitResources.title, containsPattern(filter.q)),
              ilike(deficitResources.provider, containsPattern(filter.q)),
              ilike(deficits.title, containsPattern(filter.q)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(deficitResources.deficitCode), asc(deficitResources.kind), asc(deficitResources.id));
}

export async function findResourceById(db: Db, id: number) {
  const [row] = await db
    .select(resourceColumns)
    .from(deficitResources)
    .innerJoin(deficits, eq(deficits.code, deficitResources.deficitCode))
    .where(eq(deficitResources.id, id));
  return row;
}

export async function insertResource(db: Db, values: NewResource) {
  const [row] = await db.insert(deficitResources).values(values).returning({ id: deficitResources.id });
  return row.id;
}

export async function deleteResource(db: Db, id: number) {
  await db.delete(deficitResources).where(eq(deficitResources.id, id));
}

export async function findDeficitsByCodes(db: Db, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: deficits.code, title: deficits.title, area: deficits.area })
    .from(deficits)
    .where(inArray(deficits.code, codes));
}

export async function findDeficitArea(db: Db, code: string) {
  const [row] = await db.select({ area: deficits.area }).from(deficits).where(eq(deficits.code, code));
  return row?.area;
}

export async function findDiagnosticById(db: Db, id: number) {
  const [row] = await db.select().from(diagnostics).where(eq(diagnostics.id, id));
  return row;
}

export async function findDiagnosticsByIds(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: diagnostics.id,
      date: diagnostics.date,
      instrument: diagnostics.instrument,
      deficitCodes: diagnostics.deficitCodes,
    })
    .from(diagnostics)
    .where(inArray(diagnostics.id, ids));
}

export async function findRouteById(db: Db, id: number) {
  const [row] = await db.select().from(routes).where(eq(routes.id, id));
  return row;
}

export function findRoutesOfTeacher(db: Db, teacherId: number) {
  return db
    .select()
    .from(routes)
    .where(eq(routes.teacherId, teacherId))
    .orderBy(desc(routes.startDate), desc(routes.id));
}

export async function findRouteOfDiagnostic(db: Db, diagnosticId: number) {
  const [row] = await db
    .select({ id: routes.id, startDate: routes.startDate })
    .from(routes)
    .where(eq(routes.diagnosticId, diagnosticId));
  return row;
}

/** Steps of the routes with what their catalog resource and deficit are called. */
export function findStepsOfRoutes(db: Db, routeIds: number[]) {
  if (!routeIds.length) return Promise.resolve([]);
  return db
    .select({
      step: routeSteps,
      deficitTitle: deficits.title,
      resourceTitle: deficitResources.title,
      resourceProvider: deficitResources.provider,
      resourceHours: deficitResources.hours,
      resourceUrl: deficitResources.url,
    })
    .from(routeSteps)
    .leftJoin(deficits, eq(deficits.code, routeSteps.deficitCode))
    .leftJoin(deficitResources, eq(deficitResources.id, routeSteps.resourceId))
    .where(inArray(routeSteps.routeId, routeIds))
    .orderBy(asc(routeSteps.deadline), asc(routeSteps.id));
}

export async function findStepById(db: Db, id: number) {
  const [row] = await db.select().from(routeSteps).where(eq(routeSteps.id, id));
  return row;
}

export async function findStepStatuses(db: Db, routeId: number) {
  return db.select({ status: routeSteps.status }).from(routeSteps).where(eq(routeSteps.routeId, routeId));
}

export async function insertRoute(db: Db, values: typeof routes.$inferInsert) {
  const [row] = await db.insert(routes).values(values).returning();
  return row;
}

export async function insertSteps(db: Db, values: (typeof routeSteps.$inferInsert)[]) {
  if (values.length) await db.insert(routeSteps).values(values);
}

/** Sets route columns the server derives (approvals, status) without a version check: the caller holds the row. */
export async function setRouteColumns(db: Db, id: number, values: Partial<typeof routes.$inferInsert>) {
  await db
    .update(routes)
    .set({ ...values, version: sql`${routes.version} + 1` })
    .where(eq(routes.id, id));
}

/** The curator and the tutor of each route as chosen from the register of the methodical service. */
export async function findRouteAssignments(
  db: Db,
  rows: Pick<RouteRow, 'id' | 'curatorId' | 'tutorId'>[],
): Promise<Map<number, RouteAssignment>> {
  const ids = [...new Set(rows.flatMap((r) => [r.curatorId, r.tutorId]).filter((id) => id !== null))];
  const people = new Map((await findSpecialistsByIds(db, ids)).map((p) => [p.id, p]));
  const person = (id: number | null) => {
    const p = id === null ? undefined : people.get(id);
    return p ? { id: p.id, fullName: p.fullName, userId: p.userId } : null;
  };
  return new Map(rows.map((r) => [r.id, { curator: person(r.curatorId), tutor: person(r.tutorId) }]));
}

/** Routes whose curator or tutor is the given specialist, newest first. */
export function findRoutesSupervisedBy(db: Db, specialistId: number) {
  return db
    .select()
    .from(routes)
    .where(or(eq(routes.curatorId, specialistId), eq(routes.tutorId, specialistId)))
    .orderBy(desc(routes.startDate), desc(routes.id));
}
