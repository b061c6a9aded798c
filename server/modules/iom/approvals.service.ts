import { formatRuDate, type IsoDate } from '../../../core/dates.ts';
import { routeStatusOf } from '../../../core/iom/progress.ts';
import type { Db } from '../../db/client.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { routeSteps, routes } from '../../db/schema/index.ts';
import { AppError, forbidden, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { loadTeacherContext, shortNameOf, type TeacherContext } from '../teachers/teacher-access.ts';
import { assertRecordsRead, NO_ACCESS_MESSAGE } from '../teachers/teachers.policy.ts';
import {
  assertMayApprove,
  assertMayWithdraw,
  canMarkSteps,
  NO_ASSIGNMENT,
  supervises,
  type Approver,
  type RouteAssignment,
} from './iom.policy.ts';
import {
  findRouteAssignments,
  findRouteById,
  findRoutesOfTeacher,
  findStepById,
  findStepStatuses,
  setRouteColumns,
  type RouteRow,
} from './iom.repository.ts';
import type { ProgressInput, WithdrawApprovalInput } from './iom.schema.ts';
import { canWithdraw, isRouteApproved, presentRoutes } from './route-view.ts';

const APPROVER_LABEL: Record<Approver, string> = { curator: 'куратором', tutor: 'тьютором' };

const auditTarget = (ctx: TeacherContext) => ({
  municipalityId: ctx.teacher.municipalityId,
  organizationId: ctx.organizationId,
});

async function requireRoute(db: Db, id: number) {
  const route = await findRouteById(db, id);
  if (!route) throw new AppError('not_found', 'ИОМ не найден: возможно, его уже удалили.');
  return route;
}

/**
 * A route with its teacher's context and its curator and tutor from the register: the caller works with the
 * teacher (school, department) or supervises the route (the assigned specialist); others are refused.
 */
async function loadRouteForApproval(db: Db, user: AuthUser, routeId: number, today: IsoDate) {
  const route = await requireRoute(db, routeId);
  const ctx = await loadTeacherContext(db, user, route.teacherId, today);
  const assignment: RouteAssignment =
    (await findRouteAssignments(db, [route])).get(route.id) ?? NO_ASSIGNMENT;
  if (!ctx.access && !supervises(user, assignment)) throw forbidden(NO_ACCESS_MESSAGE);
  return { route, ctx, assignment };
}

/** One route as the caller sees it, after a change. */
export async function routeView(db: Db, user: AuthUser, routeId: number, today: IsoDate) {
  const route = await requireRoute(db, routeId);
  const ctx = await loadTeacherContext(db, user, route.teacherId, today);
  return (await presentRoutes(db, [route], { user, ctx, today }))[0];
}

/** The routes of a teacher with steps, progress and approvals: the ИОМ tab of the card. */
export async function listTeacherRoutes(options: {
  db: Db;
  actor: Actor;
  teacherId: number;
  today: IsoDate;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const ctx = await loadTeacherContext(db, user, options.teacherId, options.today);
  assertRecordsRead(ctx.access);
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    entityId: ctx.teacher.id,
    ...auditTarget(ctx),
    summary: `Просмотр сведений педагога ${shortNameOf(ctx.teacher)}: ИОМ`,
  });
  return presentRoutes(db, await findRoutesOfTeacher(db, ctx.teacher.id), {
    user,
    ctx,
    today: options.today,
  });
}

/**
 * The curator or the tutor approves a draft route that has steps. The second approval makes it
 * «утверждён» and records the date; the name of whoever approved fills the route's curator or tutor if empty.
 */
export async function approveRoute(options: {
  db: Db;
  actor: Actor;
  routeId: number;
  as: Approver;
  version: number;
  today: IsoDate;
}) {
  const { db, actor, as, today } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const { route, ctx, assignment } = await loadRouteForApproval(tx, user, options.routeId, today);
    assertMayApprove(as, user, ctx.facts, today, assignment);
    const already = as === 'curator' ? route.curatorApprovedAt : route.tutorApprovedAt;
    if (already)
      throw new AppError(
        'conflict',
        `Маршрут уже утверждён ${APPROVER_LABEL[as]} ${formatRuDate(already.toISOString().slice(0, 10))}.`,
      );
    if (route.status !== 'draft') throw new AppError('conflict', 'Маршрут уже утверждён.');
    const steps = await findStepStatuses(tx, route.id);
    if (!steps.some((s) => s.status !== 'cancelled'))
      throw new AppError('conflict', 'В маршруте нет шагов: добавьте их, прежде чем утверждать.');
    const now = new Date();
    const patch: Partial<RouteRow> =
      as === 'curator'
        ? {
            curatorApprovedAt: now,
            curatorApprovedBy: user.fullName,
            curatorName: assignment.curator?.fullName ?? route.curatorName ?? user.fullName,
          }
        : {
            tutorApprovedAt: now,
            tutorApprovedBy: user.fullName,
            tutorName: assignment.tutor?.fullName ?? route.tutorName ?? user.fullName,
          };
    const isApproved = isRouteApproved({ ...route, ...patch });
    if (isApproved) {
      patch.status = routeStatusOf({ isApproved, steps });
      patch.approvedAt = today;
    }
    if (!(await updateIfVersion(tx, routes, route.id, options.version, patch))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'route',
      entityId: route.id,
      ...auditTarget(ctx),
      summary: `ИОМ утверждён ${APPROVER_LABEL[as]}${isApproved ? ' (маршрут утверждён)' : ''} — ${shortNameOf(ctx.teacher)}`,
      after: { [`${as}ApprovedBy`]: user.fullName, ...(isApproved ? { status: patch.status } : {}) },
    });
  });
  return routeView(db, user, options.routeId, today);
}

/**
 * The curator or the tutor withdraws an approval given by mistake or overtaken by events: the route is a
 * draft again (not approved, its steps cannot be marked) until the approval is given anew. The steps keep
 * their statuses and results, and the audit log keeps who had approved, when, who withdrew it and why.
 */
export async function withdrawApproval(options: {
  db: Db;
  actor: Actor;
  routeId: number;
  input: WithdrawApprovalInput;
  today: IsoDate;
}) {
  const { db, actor, input, today } = options;
  const { as } = input;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const { route, ctx, assignment } = await loadRouteForApproval(tx, user, options.routeId, today);
    assertMayWithdraw(as, user, ctx.facts, today, assignment);
    const at = as === 'curator' ? route.curatorApprovedAt : route.tutorApprovedAt;
    const by = as === 'curator' ? route.curatorApprovedBy : route.tutorApprovedBy;
    if (!at) throw new AppError('conflict', `Маршрут не утверждён ${APPROVER_LABEL[as]}: снимать нечего.`);
    if (!canWithdraw(route, as))
      throw new AppError(
        'conflict',
        'Маршрут завершён: все шаги выполнены, его утверждение остаётся в истории и не снимается.',
      );
    const patch: Partial<RouteRow> = {
      status: 'draft',
      approvedAt: null,
      ...(as === 'curator'
        ? { curatorApprovedAt: null, curatorApprovedBy: null }
        : { tutorApprovedAt: null, tutorApprovedBy: null }),
    };
    if (!(await updateIfVersion(tx, routes, route.id, input.version, patch))) throw versionConflict();
    const approvedOn = formatRuDate(at.toISOString().slice(0, 10));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'route',
      entityId: route.id,
      ...auditTarget(ctx),
      summary:
        `Снято утверждение ИОМ ${APPROVER_LABEL[as]} (${by ?? 'не указано'}, ${approvedOn}): ${input.reason}` +
        ` — маршрут снова черновик — ${shortNameOf(ctx.teacher)}`,
      before: {
        status: route.status,
        approvedAt: route.approvedAt,
        [`${as}ApprovedAt`]: at.toISOString(),
        [`${as}ApprovedBy`]: by,
      },
      after: { status: 'draft', approvedAt: null, reason: input.reason },
    });
  });
  return routeView(db, user, options.routeId, today);
}

/**
 * Marks a step of an approved route: the teacher its own, the school and the department any of their
 * teachers. «Выполнен» needs a result; cancelling a step is for those who keep the route, not the teacher.
 */
export async function markStepProgress(options: {
  db: Db;
  actor: Actor;
  stepId: number;
  input: ProgressInput;
  today: IsoDate;
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const routeId = await db.transaction(async (tx) => {
    const step = await findStepById(tx, options.stepId);
    if (!step) throw new AppError('not_found', 'Шаг ИОМ не найден: возможно, его уже удалили.');
    const route = await requireRoute(tx, step.routeId);
    const ctx = await loadTeacherContext(tx, user, route.teacherId, options.today);
    if (!canMarkSteps(user, route.teacherId, ctx.access))
      throw forbidden(
        ctx.access
          ? 'Отмечать выполнение шагов может сам педагог, его образовательная организация и отдел образования.'
          : NO_ACCESS_MESSAGE,
      );
    if (!isRouteApproved(route))
      throw new AppError(
        'conflict',
        'ИОМ ещё не утверждён куратором и тьютором: отмечать выполнение шагов можно после утверждения.',
      );
    if (input.status === 'cancelled' && ctx.access?.level !== 'manage')
      throw forbidden('Отменить шаг могут тьютор, куратор и ответственный ОО.');
    const result = input.result === undefined ? step.result : input.result;
    if (input.status === 'done' && !result)
      throw new AppError(
        'validation_failed',
        '«Результат»: опишите, что сделано — например, «удостоверение № …» или «проведён открытый урок».',
        { field: 'result', issues: [{ path: 'result', message: '«Результат»: опишите, что сделано' }] },
      );
    const changed = await updateIfVersion(tx, routeSteps, step.id, input.version, {
      status: input.status,
      result,
    });
    if (!changed) throw versionConflict();
    await syncRouteStatus(tx, route);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'route_step',
      entityId: step.id,
      ...auditTarget(ctx),
      summary: `Шаг ИОМ «${step.title}»: ${input.status === 'done' ? 'выполнен' : 'изменён статус'} — ${shortNameOf(ctx.teacher)}`,
      before: { status: step.status, result: step.result },
      after: { status: input.status, result },
    });
    return route.id;
  });
  return routeView(db, user, routeId, options.today);
}

/** An approved route follows its steps: «выполняется» once one is under way, «завершён» when all are done. */
export async function syncRouteStatus(db: Db, route: RouteRow) {
  const isApproved = isRouteApproved(route);
  if (!isApproved) return;
  const status = routeStatusOf({ isApproved, steps: await findStepStatuses(db, route.id) });
  if (status !== route.status) await setRouteColumns(db, route.id, { status });
}

/** What undoing the approvals writes: the route is a draft again, to be approved anew. */
export const APPROVALS_RESET = {
  status: 'draft',
  approvedAt: null,
  curatorApprovedAt: null,
  curatorApprovedBy: null,
  tutorApprovedAt: null,
  tutorApprovedBy: null,
} as const;

const hasAnyApproval = (route: Pick<RouteRow, 'curatorApprovedAt' | 'tutorApprovedAt'>) =>
  route.curatorApprovedAt !== null || route.tutorApprovedAt !== null;

/** Fields of a step that make its plan: changing them changes what was approved. */
const PLAN_FIELDS = ['deficitCode', 'kind', 'title', 'deadline'] as const;

/**
 * After a step was added, changed or removed through the record forms: a change to the plan of an approved
 * (or half-approved) route withdraws its approvals — the curator and the tutor approve what is now
 * planned; a change of status or result only moves the route's own status.
 */
export async function afterStepWritten(options: {
  db: Db;
  actor: Actor;
  routeId: number;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}) {
  const { db, before, after } = options;
  const route = await findRouteById(db, options.routeId);
  if (!route) return;
  const isPlanChange =
    !before || !after || PLAN_FIELDS.some((f) => (before[f] ?? null) !== (after[f] ?? null));
  if (isPlanChange && hasAnyApproval(route)) {
    await setRouteColumns(db, route.id, APPROVALS_RESET);
    const title = String((after ?? before)!.title);
    await recordAudit(db, options.actor, {
      action: 'update',
      entity: 'route',
      entityId: route.id,
      summary: `Утверждения ИОМ сняты: ${!before ? 'добавлен' : !after ? 'удалён' : 'изменён'} шаг «${title}» — маршрут снова черновик`,
      before: { status: route.status },
      after: { status: 'draft' },
    });
    return;
  }
  await syncRouteStatus(db, route);
}

/**
 * Rules of the route record itself (the generic form): a new route is a draft; it leaves the draft only
 * through the approvals; a change of its period or diagnostic, or a return to draft, withdraws them.
 */
export function assertRouteStatusChange(values: Record<string, unknown>, before?: Record<string, unknown>) {
  const status = values.status as string | undefined;
  if (!before) {
    if (status && status !== 'draft')
      throw new AppError(
        'validation_failed',
        '«Статус»: новый ИОМ сохраняется черновиком — утверждают его куратор и тьютор.',
        { field: 'status', issues: [{ path: 'status', message: '«Статус»: новый ИОМ — черновик' }] },
      );
    return;
  }
  const approved = before.curatorApprovedAt != null && before.tutorApprovedAt != null;
  if (status && status !== 'draft' && status !== before.status && !approved)
    throw new AppError('validation_failed', '«Статус»: маршрут ещё не утверждён куратором и тьютором.', {
      field: 'status',
      issues: [{ path: 'status', message: '«Статус»: маршрут не утверждён' }],
    });
}

export function deriveRouteValues(
  patch: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
) {
  if (!before) return { ...patch, approvedAt: null };
  const approved = before.curatorApprovedAt != null || before.tutorApprovedAt != null;
  const changed = (key: string) => key in patch && (patch[key] ?? null) !== (before[key] ?? null);
  const isReset =
    approved &&
    (changed('startDate') ||
      changed('endDate') ||
      changed('diagnosticId') ||
      (changed('status') && patch.status === 'draft'));
  return isReset ? { ...patch, ...APPROVALS_RESET } : patch;
}
