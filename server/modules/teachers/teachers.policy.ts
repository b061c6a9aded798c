import type { IsoDate } from '../../../core/dates.ts';
import { forbidden } from '../../errors.ts';
import { organizationScope, type AuthUser, type OrganizationScope } from '../auth/access.ts';

/**
 * Who may see and change a teacher's personal data:
 * - the department (admin of everything or of the municipality, coordinator of the municipality) — all;
 * - an org_manager — teachers with a position in its organization: changes them while the position lasts,
 *   reads them afterwards (the history of its former staff);
 * - the teacher itself (users.teacher_id) — reads its own card and records;
 * - an association leader — only the name, organization and position of members of its association.
 */
export type TeacherAccessLevel = 'manage' | 'read' | 'limited';

/** What access is decided on: where the teacher works or worked, and the associations it belongs to. */
export interface TeacherFacts {
  id: number;
  municipalityId: number;
  positions: { organizationId: number; endDate: IsoDate | null }[];
  associationIds: number[];
}

export interface TeacherAccess {
  level: TeacherAccessLevel;
  /** Whether the caller is the department of the teacher's municipality (may delete, may use any organization). */
  isDepartment: boolean;
  /** Organizations in which the caller may add, change or remove positions (department: all of the municipality). */
  positionOrganizationIds: number[] | 'municipality';
}

export const NO_ACCESS_MESSAGE = 'Нет доступа к сведениям об этом педагоге.';
export const NO_CHANGE_MESSAGE = 'Нет прав изменять сведения об этом педагоге.';

export function isDepartmentOf(user: AuthUser, municipalityId: number): boolean {
  return user.roles.some(
    (g) =>
      (g.role === 'admin' && (g.municipalityId === null || g.municipalityId === municipalityId)) ||
      (g.role === 'coordinator' && g.municipalityId === municipalityId),
  );
}

const managedOrganizations = (user: AuthUser) =>
  user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);

export function resolveTeacherAccess(
  user: AuthUser,
  facts: TeacherFacts,
  today: IsoDate,
): TeacherAccess | null {
  if (isDepartmentOf(user, facts.municipalityId)) {
    return { level: 'manage', isDepartment: true, positionOrganizationIds: 'municipality' };
  }
  const own = managedOrganizations(user);
  const here = facts.positions.filter((p) => own.includes(p.organizationId));
  if (here.some((p) => p.endDate === null || p.endDate >= today)) {
    return { level: 'manage', isDepartment: false, positionOrganizationIds: own };
  }
  if (here.length || user.teacherId === facts.id) {
    return { level: 'read', isDepartment: false, positionOrganizationIds: [] };
  }
  const led = user.roles.filter((g) => g.role === 'association_leader').map((g) => g.associationId);
  if (facts.associationIds.some((a) => led.includes(a))) {
    return { level: 'limited', isDepartment: false, positionOrganizationIds: [] };
  }
  return null;
}

export function assertTeacherRead(access: TeacherAccess | null): TeacherAccess {
  if (!access) throw forbidden(NO_ACCESS_MESSAGE);
  return access;
}

export function assertTeacherManage(access: TeacherAccess | null): TeacherAccess {
  if (!access) throw forbidden(NO_ACCESS_MESSAGE);
  if (access.level !== 'manage') throw forbidden(NO_CHANGE_MESSAGE);
  return access;
}

/** Child records (diagnostics, ИОМ…) are personal data: an association leader does not read them. */
export function assertRecordsRead(access: TeacherAccess | null): TeacherAccess {
  const granted = assertTeacherRead(access);
  if (granted.level === 'limited') throw forbidden(NO_ACCESS_MESSAGE);
  return granted;
}

export function canUseOrganizationForPosition(
  access: TeacherAccess,
  organization: { id: number; municipalityId: number },
  teacherMunicipalityId: number,
): boolean {
  if (organization.municipalityId !== teacherMunicipalityId) return false;
  return (
    access.positionOrganizationIds === 'municipality' ||
    access.positionOrganizationIds.includes(organization.id)
  );
}

/**
 * The organizations whose staff the caller may search: the department's municipalities or the
 * org_manager's organizations. Teachers and association leaders do not search the registry.
 */
export function teacherSearchScope(user: AuthUser): OrganizationScope {
  const scope = organizationScope(user, 'manage');
  if (!scope.all && !scope.municipalityIds.length && !scope.organizationIds.length) {
    throw forbidden('Поиск по реестру педагогов доступен администратору, координатору и ответственному ОО.');
  }
  return scope;
}

/** Creating a teacher or attaching a position: the organization must be one the caller manages. */
export function assertMayHireIn(user: AuthUser, organization: { id: number; municipalityId: number }) {
  const scope = organizationScope(user, 'manage');
  const allowed =
    scope.all ||
    scope.municipalityIds.includes(organization.municipalityId) ||
    scope.organizationIds.includes(organization.id);
  if (!allowed) throw forbidden('Нет прав добавлять педагогов в эту организацию.');
}
