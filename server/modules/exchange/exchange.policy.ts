import { assertOrganizationAccess, type AuthUser } from '../auth/access.ts';

/**
 * Who exchanges an organization's workbook: its own org_manager, the coordinator or admin of its municipality,
 * a global admin. The same «manage» scope as editing the organization's data.
 */
export function authorizeExchange(user: AuthUser, organization: { id: number; municipalityId: number }) {
  assertOrganizationAccess(user, organization, 'manage');
}

/** The department of the municipality: it may change the personal data of teachers who no longer work here. */
export function isDepartmentOf(user: AuthUser, municipalityId: number): boolean {
  return user.roles.some(
    (g) =>
      (g.role === 'admin' && (g.municipalityId === null || g.municipalityId === municipalityId)) ||
      (g.role === 'coordinator' && g.municipalityId === municipalityId),
  );
}
