import { and, asc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import { formatRuDate } from '../../../../core/dates.ts';
import type { RecordKind } from '../../../../core/registry/fields.ts';
import type { Db } from '../../../db/client.ts';
import {
  deficits,
  diagnostics,
  organizations,
  providers,
  routeSteps,
  routes,
} from '../../../db/schema/index.ts';
import { AppError, forbidden } from '../../../errors.ts';
import type { TeacherContext } from '../teacher-access.ts';
import { canUseOrganizationForPosition } from '../teachers.policy.ts';

export interface RecordCheckContext {
  db: Db;
  kind: RecordKind;
  teacher: TeacherContext;
  /** The values being saved (on change: the record as it will be), absent on removal. */
  values?: Record<string, unknown>;
  /** The stored record, on change and removal. */
  before?: Record<string, unknown>;
  /** The teacher, or (route steps) the ИОМ the record hangs off. */
  parentId?: number;
}

const labelOf = (kind: RecordKind, key: string) => kind.fields.find((f) => f.key === key)?.label ?? key;

export const invalidField = (kind: RecordKind, field: string, problem: string) => {
  const message = `«${labelOf(kind, field)}»: ${problem}`;
  return new AppError('validation_failed', message, { field, issues: [{ path: field, message }] });
};

/** Deficit codes must be in the catalog: a typo would silently drop a teacher from every deficit indicator. */
export async function assertDeficitCodesExist(
  ctx: Pick<RecordCheckContext, 'db' | 'kind' | 'values'>,
  field: string,
) {
  const raw = ctx.values?.[field];
  const codes = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String);
  if (!codes.length) return;
  const known = await ctx.db
    .select({ code: deficits.code })
    .from(deficits)
    .where(inArray(deficits.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (!unknown.length) return;
  const list = unknown.map((c) => `«${c}»`).join(', ');
  throw invalidField(
    ctx.kind,
    field,
    unknown.length === 1
      ? `дефицита с кодом ${list} нет в справочнике дефицитов`
      : `дефицитов с кодами ${list} нет в справочнике дефицитов`,
  );
}

export async function assertProviderExists(ctx: RecordCheckContext) {
  const id = ctx.values?.providerId;
  if (id === null || id === undefined) return;
  const [row] = await ctx.db
    .select({ id: providers.id })
    .from(providers)
    .where(eq(providers.id, Number(id)));
  if (!row) throw invalidField(ctx.kind, 'providerId', 'такой организации нет в справочнике');
}

/** An ИОМ is built from a diagnostic of the same teacher. */
export async function assertDiagnosticOfTeacher(ctx: RecordCheckContext) {
  const id = ctx.values?.diagnosticId;
  if (id === null || id === undefined) return;
  const [row] = await ctx.db
    .select({ teacherId: diagnostics.teacherId })
    .from(diagnostics)
    .where(eq(diagnostics.id, Number(id)));
  if (!row) throw invalidField(ctx.kind, 'diagnosticId', 'диагностика не найдена');
  if (row.teacherId !== ctx.teacher.teacher.id) {
    throw invalidField(ctx.kind, 'diagnosticId', 'это диагностика другого педагога');
  }
}

/**
 * A position belongs to an organization of the teacher's municipality, and an org_manager adds, changes
 * and removes positions only in its own organization: another school's records are that school's business.
 */
export async function assertPositionOrganization(ctx: RecordCheckContext) {
  const access = ctx.teacher.access!;
  if (!ctx.values && ctx.teacher.facts.positions.length === 1) {
    throw new AppError(
      'conflict',
      'Это единственная должность педагога. Укажите дату увольнения или удалите педагога из реестра.',
    );
  }
  const municipalityId = ctx.teacher.teacher.municipalityId;
  const ids = new Set<number>();
  if (ctx.before) ids.add(Number(ctx.before.organizationId));
  if (ctx.values) ids.add(Number(ctx.values.organizationId));
  for (const id of ids) {
    const [organization] = await ctx.db
      .select({ id: organizations.id, municipalityId: organizations.municipalityId })
      .from(organizations)
      .where(eq(organizations.id, id));
    if (!organization) throw invalidField(ctx.kind, 'organizationId', 'организация не найдена');
    if (organization.municipalityId !== municipalityId) {
      throw invalidField(ctx.kind, 'organizationId', 'организация другого муниципалитета');
    }
    if (!canUseOrganizationForPosition(access, organization, municipalityId)) {
      throw forbidden('Ответственный ОО добавляет, меняет и удаляет должности только в своей организации.');
    }
  }
}

/** A step's deadline lies inside the period of its ИОМ. */
export async function assertStepInRoutePeriod(ctx: RecordCheckContext) {
  const deadline = ctx.values?.deadline;
  if (!deadline || ctx.parentId === undefined) return;
  const [route] = await ctx.db
    .select({ startDate: routes.startDate, endDate: routes.endDate })
    .from(routes)
    .where(eq(routes.id, ctx.parentId));
  if (!route) return;
  const value = String(deadline);
  if (value < route.startDate || value > route.endDate)
    throw invalidField(
      ctx.kind,
      'deadline',
      `срок вне периода маршрута (${formatRuDate(route.startDate)} — ${formatRuDate(route.endDate)})`,
    );
}

/** A new period of an ИОМ keeps every step's deadline inside it. */
export async function assertRoutePeriodHoldsSteps(ctx: RecordCheckContext) {
  if (!ctx.before || !ctx.values) return;
  const start = String(ctx.values.startDate);
  const end = String(ctx.values.endDate);
  const [outside] = await ctx.db
    .select({ title: routeSteps.title, deadline: routeSteps.deadline })
    .from(routeSteps)
    .where(
      and(
        eq(routeSteps.routeId, Number(ctx.before.id)),
        or(lt(routeSteps.deadline, start), gt(routeSteps.deadline, end)),
      ),
    )
    .orderBy(asc(routeSteps.deadline));
  if (outside)
    throw invalidField(
      ctx.kind,
      outside.deadline < start ? 'startDate' : 'endDate',
      `шаг «${outside.title}» со сроком ${formatRuDate(outside.deadline)} окажется вне периода маршрута`,
    );
}
