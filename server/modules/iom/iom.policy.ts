import type { IsoDate } from '../../../core/dates.ts';
import { forbidden } from '../../errors.ts';
import { municipalityScope, type AuthUser } from '../auth/access.ts';
import { canKeepCatalogEntry } from '../registers/shared/ownership.ts';
import type { TeacherAccess, TeacherFacts } from '../teachers/teachers.policy.ts';
import { isDepartmentOf } from '../teachers/teachers.policy.ts';

/**
 * Who approves an ИОМ. The curator is the department's methodist — an admin or coordinator of the teacher's
 * municipality (the ЦНППМ curator works with the teacher, but it is the department that signs the route off
 * in the municipal system). The tutor is the school side: the responsible person (org_manager) of an
 * organization where the teacher currently works. The teacher itself approves nothing.
 */
export type Approver = 'curator' | 'tutor';

export const CURATOR_ONLY_MESSAGE =
  'Утверждает маршрут как куратор методист отдела образования (муниципальный координатор) муниципалитета педагога.';
export const TUTOR_ONLY_MESSAGE =
  'Утверждает маршрут как тьютор ответственный образовательной организации, в которой работает педагог.';

export const canApproveAsCurator = (user: AuthUser, facts: TeacherFacts) =>
  isDepartmentOf(user, facts.municipalityId);

export function canApproveAsTutor(user: AuthUser, facts: TeacherFacts, today: IsoDate) {
  const own = user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
  return facts.positions.some(
    (p) => own.includes(p.organizationId) && (p.endDate === null || p.endDate >= today),
  );
}

export function assertMayApprove(as: Approver, user: AuthUser, facts: TeacherFacts, today: IsoDate) {
  if (as === 'curator' && !canApproveAsCurator(user, facts)) throw forbidden(CURATOR_ONLY_MESSAGE);
  if (as === 'tutor' && !canApproveAsTutor(user, facts, today)) throw forbidden(TUTOR_ONLY_MESSAGE);
}

export const WITHDRAW_CURATOR_MESSAGE =
  'Снять утверждение куратора может методист отдела образования (муниципальный координатор) муниципалитета педагога.';
export const WITHDRAW_TUTOR_MESSAGE =
  'Снять утверждение тьютора может ответственный образовательной организации, в которой работает педагог, или методист отдела образования.';

/**
 * Who withdraws an approval: the side that gave it — the department its curator's, the school its tutor's —
 * and the department also the tutor's, as the one who keeps the municipal register of routes.
 */
export function canWithdrawApproval(as: Approver, user: AuthUser, facts: TeacherFacts, today: IsoDate) {
  if (as === 'curator') return canApproveAsCurator(user, facts);
  return canApproveAsTutor(user, facts, today) || canApproveAsCurator(user, facts);
}

export function assertMayWithdraw(as: Approver, user: AuthUser, facts: TeacherFacts, today: IsoDate) {
  if (!canWithdrawApproval(as, user, facts, today))
    throw forbidden(as === 'curator' ? WITHDRAW_CURATOR_MESSAGE : WITHDRAW_TUTOR_MESSAGE);
}

/** The teacher marks the steps of its own route; its school and the department may do it for it. */
export const canMarkSteps = (user: AuthUser, teacherId: number, access: TeacherAccess | null) =>
  user.teacherId === teacherId || access?.level === 'manage';

/**
 * The resource catalog: read by everyone working in a municipality (those who build routes), kept by the
 * department. Shared resources (no municipality) are kept by a global admin.
 */
export function resourceReadScope(user: AuthUser) {
  const scope = municipalityScope(user, 'read');
  return { all: scope.all, municipalityIds: scope.ids };
}

export function assertMayKeepResource(user: AuthUser, municipalityId: number | null) {
  if (canKeepCatalogEntry(user, municipalityId)) return;
  if (municipalityId === null) throw forbidden('Общие ресурсы каталога ведёт администратор системы.');
  throw forbidden('Каталог ресурсов для ИОМ ведут администратор и методист (координатор) муниципалитета.');
}
