import type { IsoDate } from '../../../core/dates.ts';
import { routeProgress } from '../../../core/iom/progress.ts';
import type { Db } from '../../db/client.ts';
import type { AuthUser } from '../auth/access.ts';
import type { TeacherContext } from '../teachers/teacher-access.ts';
import {
  canApproveAsCurator,
  canApproveAsTutor,
  canMarkSteps,
  canWithdrawApproval,
  NO_ASSIGNMENT,
} from './iom.policy.ts';
import {
  findDiagnosticsByIds,
  findRouteAssignments,
  findStepsOfRoutes,
  type RouteRow,
} from './iom.repository.ts';
import type { RouteViewOutput } from './iom.schema.ts';

const approvalOf = (at: Date | null, by: string | null) =>
  at ? { at: at.toISOString(), by: by ?? 'не указано' } : null;

export const isRouteApproved = (route: Pick<RouteRow, 'curatorApprovedAt' | 'tutorApprovedAt'>) =>
  route.curatorApprovedAt !== null && route.tutorApprovedAt !== null;

/** An approval can be withdrawn while it stands and the route is not completed (its history is closed). */
export const canWithdraw = (
  route: Pick<RouteRow, 'curatorApprovedAt' | 'tutorApprovedAt' | 'status'>,
  as: 'curator' | 'tutor',
) =>
  (as === 'curator' ? route.curatorApprovedAt : route.tutorApprovedAt) !== null &&
  route.status !== 'completed';

/**
 * Routes of one teacher as the caller sees them: steps with their resource and deficit, progress, who
 * approved and when, and what the caller may do — approve as curator or tutor, edit, mark steps.
 */
export async function presentRoutes(
  db: Db,
  rows: RouteRow[],
  options: { user: AuthUser; ctx: TeacherContext; today: IsoDate },
): Promise<RouteViewOutput[]> {
  const { user, ctx, today } = options;
  const steps = await findStepsOfRoutes(
    db,
    rows.map((r) => r.id),
  );
  const diagnostics = new Map(
    (
      await findDiagnosticsByIds(
        db,
        rows.map((r) => r.diagnosticId).filter((id): id is number => id !== null),
      )
    ).map((d) => [d.id, d]),
  );
  const assignments = await findRouteAssignments(db, rows);
  const isManager = ctx.access?.level === 'manage';
  return rows.map((route) => {
    const assignment = assignments.get(route.id) ?? NO_ASSIGNMENT;
    const own = steps.filter((s) => s.step.routeId === route.id);
    const counted = own.filter((s) => s.step.status !== 'cancelled').length;
    const isDraft = route.status === 'draft';
    return {
      id: route.id,
      teacherId: route.teacherId,
      diagnostic: route.diagnosticId ? (diagnostics.get(route.diagnosticId) ?? null) : null,
      startDate: route.startDate,
      endDate: route.endDate,
      curatorId: route.curatorId,
      tutorId: route.tutorId,
      curatorName: assignment.curator?.fullName ?? route.curatorName,
      tutorName: assignment.tutor?.fullName ?? route.tutorName,
      status: route.status,
      approvedAt: route.approvedAt,
      approvals: {
        curator: approvalOf(route.curatorApprovedAt, route.curatorApprovedBy),
        tutor: approvalOf(route.tutorApprovedAt, route.tutorApprovedBy),
      },
      progress: routeProgress(own.map((s) => s.step)),
      steps: own.map(({ step, ...names }) => ({
        id: step.id,
        routeId: step.routeId,
        deficitCode: step.deficitCode,
        deficitTitle: names.deficitTitle,
        kind: step.kind,
        resourceId: step.resourceId,
        resource: names.resourceTitle
          ? {
              title: names.resourceTitle,
              provider: names.resourceProvider,
              hours: names.resourceHours,
              url: names.resourceUrl,
            }
          : null,
        title: step.title,
        deadline: step.deadline,
        status: step.status,
        result: step.result,
        isOverdue: step.deadline < today && (step.status === 'planned' || step.status === 'in_progress'),
        version: step.version,
      })),
      version: route.version,
      permissions: {
        canEdit: isManager,
        canApproveAsCurator:
          isDraft &&
          counted > 0 &&
          !route.curatorApprovedAt &&
          canApproveAsCurator(user, ctx.facts, assignment),
        canApproveAsTutor:
          isDraft &&
          counted > 0 &&
          !route.tutorApprovedAt &&
          canApproveAsTutor(user, ctx.facts, today, assignment),
        canWithdrawCurator:
          canWithdraw(route, 'curator') && canWithdrawApproval('curator', user, ctx.facts, today, assignment),
        canWithdrawTutor:
          canWithdraw(route, 'tutor') && canWithdrawApproval('tutor', user, ctx.facts, today, assignment),
        canMarkSteps: isRouteApproved(route) && canMarkSteps(user, route.teacherId, ctx.access),
      },
    };
  });
}
