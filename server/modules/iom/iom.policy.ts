import type { IsoDate } from '../../../core/dates.ts';
import { forbidden } from '../../errors.ts';
import { municipalityScope, type AuthUser } from '../auth/access.ts';
import { canKeepCatalogEntry } from '../registers/shared/ownership.ts';
import type { TeacherAccess, TeacherFacts } from '../teachers/teachers.policy.ts';
import { isDepartmentOf } from '../teachers/teachers.policy.ts';

/**
 * Who approves an ИОМ. A route whose curator (tutor) was chosen from the register of the methodical service,
 * and that specialist logs in, is approved as curator (tutor) by that specialist and nobody else. Otherwise —
 * older routes with a typed name, or a specialist without an account — the curator's side is the department
 * (an admin or coordinator of the teacher's municipality) and the tutor's side is the school: the responsible
 * person (org_manager) of an organization where the teacher currently works. The teacher approves nothing.
 */
export type Approver = 'curator' | 'tutor';

/** A specialist assigned to a route, as the approval rules need them. */
export interface AssignedSpecialist {
  id: number;
  fullName: string;
  userId: number | null;
}

/** The route's curator and tutor from the register (null: none chosen, or a name typed on an older route). */
export interface RouteAssignment {
  curator: AssignedSpecialist | null;
  tutor: AssignedSpecialist | null;
}

export const NO_ASSIGNMENT: RouteAssignment = { curator: null, tutor: null };

export const CURATOR_ONLY_MESSAGE =
  'Утверждает маршрут как куратор методист отдела образования (муниципальный координатор) муниципалитета педагога.';
export const TUTOR_ONLY_MESSAGE =
  'Утверждает маршрут как тьютор ответственный образовательной организации, в которой работает педагог.';

const loggingIn = (person: AssignedSpecialist | null): person is AssignedSpecialist & { userId: number } =>
  person !== null && person.userId !== null;

/** Whether the caller is the assigned specialist of the route, as curator or tutor. */
export const isAssigned = (user: AuthUser, person: AssignedSpecialist | null) =>
  loggingIn(person) && person.userId === user.id;

/** Whether the caller supervises the route: its curator or its tutor from the register. */
export const supervises = (user: AuthUser, assignment: RouteAssignment) =>
  isAssigned(user, assignment.curator) || isAssigned(user, assignment.tutor);

const isSchoolOf = (user: AuthUser, facts: TeacherFacts, today: IsoDate) => {
  const own = user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
  return facts.positions.some(
    (p) => own.includes(p.organizationId) && (p.endDate === null || p.endDate >= today),
  );
};

export const canApproveAsCurator = (user: AuthUser, facts: TeacherFacts, assignment: RouteAssignment) =>
  loggingIn(assignment.curator)
    ? assignment.curator.userId === user.id
    : isDepartmentOf(user, facts.municipalityId);

export function canApproveAsTutor(
  user: AuthUser,
  facts: TeacherFacts,
  today: IsoDate,
  assignment: RouteAssignment,
) {
  return loggingIn(assignment.tutor) ? assignment.tutor.userId === user.id : isSchoolOf(user, facts, today);
}

const assignedOnly = (as: Approver, person: AssignedSpecialist) =>
  `Утверждает маршрут как ${as === 'curator' ? 'куратор' : 'тьютор'} назначенный ${as === 'curator' ? 'куратор' : 'тьютор'} — ${person.fullName}.`;

export function assertMayApprove(
  as: Approver,
  user: AuthUser,
  facts: TeacherFacts,
  today: IsoDate,
  assignment: RouteAssignment,
) {
  const person = assignment[as];
  const may =
    as === 'curator'
      ? canApproveAsCurator(user, facts, assignment)
      : canApproveAsTutor(user, facts, today, assignment);
  if (may) return;
  if (loggingIn(person)) throw forbidden(assignedOnly(as, person));
  throw forbidden(as === 'curator' ? CURATOR_ONLY_MESSAGE : TUTOR_ONLY_MESSAGE);
}

export const WITHDRAW_CURATOR_MESSAGE =
  'Снять утверждение куратора может назначенный куратор или методист отдела образования (муниципальный координатор) муниципалитета педагога.';
export const WITHDRAW_TUTOR_MESSAGE =
  'Снять утверждение тьютора может назначенный тьютор, ответственный образовательной организации, в которой работает педагог, или методист отдела образования.';

/**
 * Who withdraws an approval: the side that gave it — the assigned specialist, the department its curator's,
 * the school its tutor's — and the department also the tutor's, as the one who keeps the municipal register
 * of routes.
 */
export function canWithdrawApproval(
  as: Approver,
  user: AuthUser,
  facts: TeacherFacts,
  today: IsoDate,
  assignment: RouteAssignment,
) {
  if (isAssigned(user, assignment[as]) || isDepartmentOf(user, facts.municipalityId)) return true;
  return as === 'tutor' && isSchoolOf(user, facts, today);
}

export function assertMayWithdraw(
  as: Approver,
  user: AuthUser,
  facts: TeacherFacts,
  today: IsoDate,
  assignment: RouteAssignment,
) {
  if (!canWithdrawApproval(as, user, facts, today, assignment))
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
