import { forbidden } from '../../errors.ts';
import {
  assertMunicipalityAccess,
  canAccessMunicipality,
  isRegionalReaderOf,
  type AuthUser,
} from '../auth/access.ts';

/** The department (admin or coordinator of the municipality) runs campaigns and reviews submissions. */
export function isDepartmentOf(user: AuthUser, municipalityId: number): boolean {
  return user.roles.some(
    (g) =>
      (g.role === 'admin' || g.role === 'coordinator') &&
      (g.municipalityId === null || g.municipalityId === municipalityId),
  );
}

export function assertDepartment(user: AuthUser, municipalityId: number) {
  assertMunicipalityAccess(user, municipalityId, 'manage');
  if (!isDepartmentOf(user, municipalityId))
    throw forbidden('Это действие выполняет муниципальный координатор.');
}

/** An organization's form: its own responsible person, or the department. */
export function assertSubmissionAccess(
  user: AuthUser,
  campaign: { municipalityId: number },
  organizationId: number,
  purpose: 'read' | 'fill',
) {
  if (isDepartmentOf(user, campaign.municipalityId)) {
    if (purpose === 'fill')
      throw forbidden('Форму заполняет ответственный за организацию; координатор проверяет и принимает её.');
    return;
  }
  const isOwn = user.roles.some((g) => g.role === 'org_manager' && g.organizationId === organizationId);
  if (!isOwn || !canAccessMunicipality(user, campaign.municipalityId, 'read')) {
    throw forbidden('Нет доступа к форме этой организации.');
  }
}

/** Organizations whose rows a user sees in a campaign: all for the department, its own for an org manager. */
export function visibleOrganizations(user: AuthUser, municipalityId: number): number[] | null {
  if (isDepartmentOf(user, municipalityId) || isRegionalReaderOf(user, municipalityId)) return null;
  if (!canAccessMunicipality(user, municipalityId, 'read'))
    throw forbidden('Нет доступа к данным этого муниципалитета.');
  return user.roles
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
}
