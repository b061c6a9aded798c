import type { Role } from '../../../core/enums.ts';
import { AppError, forbidden } from '../../errors.ts';

/** A role grant with its scope resolved to ids: every grant except a global admin knows its municipality. */
export interface RoleGrant {
  role: Role;
  municipalityId: number | null;
  organizationId: number | null;
  associationId: number | null;
  /** A regional coordinator's region, and its municipalities as they were when the session was read. */
  regionId?: number | null;
  regionMunicipalityIds?: number[];
  /** A regional grant that reads teachers' personal data too (set by a global admin only). */
  personalData?: boolean;
}

export interface AuthUser {
  id: number;
  login: string;
  fullName: string;
  teacherId: number | null;
  roles: RoleGrant[];
}

/** Who acts, for the audit log. A null user is the system itself (seed, migrations, first start). */
export interface Actor {
  user: AuthUser | null;
  requestId?: string;
}

export const systemActor: Actor = { user: null, requestId: 'system' };

/** The id to store as «who»: null for the system (id 0), which has no account row. */
export const accountIdOf = (user: AuthUser) => (user.id > 0 ? user.id : null);

/** The system acting with full rights: the command line and the demo generator. Audited as its login. */
export function systemAdmin(login: 'cli' | 'seed' | 'public'): AuthUser {
  return {
    id: 0,
    login,
    fullName:
      login === 'cli' ? 'Командная строка' : login === 'seed' ? 'Демонстрационные данные' : 'Публичный отчёт',
    teacherId: null,
    roles: [{ role: 'admin', municipalityId: null, organizationId: null, associationId: null }],
  };
}

export function requireUser(user: AuthUser | null | undefined): AuthUser {
  if (!user) throw new AppError('unauthenticated', 'Войдите в систему, чтобы продолжить.');
  return user;
}

export const hasRole = (user: AuthUser, ...roles: Role[]) => user.roles.some((g) => roles.includes(g.role));

export const isGlobalAdmin = (user: AuthUser) =>
  user.roles.some((g) => g.role === 'admin' && g.municipalityId === null);

/**
 * Which organizations a user may see or manage: all of them, those of some municipalities, or some
 * organizations by id. Every query over organization data filters by this.
 */
export interface OrganizationScope {
  all: boolean;
  municipalityIds: number[];
  organizationIds: number[];
}

/**
 * `read`: everything a reader of the scope sees, teachers' personal data included; `aggregate`: what a
 * regional coordinator sees of its region's municipalities by default — programs, campaigns and computed
 * results, never a teacher; `manage`: writes.
 */
export type Purpose = 'read' | 'aggregate' | 'manage';

const READ_ROLES: Role[] = ['admin', 'coordinator', 'org_manager', 'teacher', 'association_leader'];
const MANAGE_ROLES: Role[] = ['admin', 'coordinator', 'org_manager'];

/** The municipalities a regional grant reaches for a purpose: none for writes, personal reads only when granted. */
function regionalMunicipalities(grant: RoleGrant, purpose: Purpose): number[] {
  if (grant.role !== 'regional_coordinator' || purpose === 'manage') return [];
  if (purpose === 'read' && !grant.personalData) return [];
  return grant.regionMunicipalityIds ?? [];
}

export function organizationScope(user: AuthUser, purpose: Purpose): OrganizationScope {
  const roles = purpose === 'manage' ? MANAGE_ROLES : READ_ROLES;
  const scope: OrganizationScope = { all: false, municipalityIds: [], organizationIds: [] };
  for (const grant of user.roles) {
    scope.municipalityIds.push(...regionalMunicipalities(grant, purpose));
    if (!roles.includes(grant.role)) continue;
    if (grant.role === 'admin' && grant.municipalityId === null) scope.all = true;
    else if (grant.organizationId !== null && grant.role !== 'admin' && grant.role !== 'coordinator') {
      scope.organizationIds.push(grant.organizationId);
    } else if (grant.municipalityId !== null) scope.municipalityIds.push(grant.municipalityId);
  }
  return scope;
}

/** Municipalities whose shared data (programs, campaigns, municipal acts) a user may manage. */
export function municipalityScope(user: AuthUser, purpose: Purpose): { all: boolean; ids: number[] } {
  const roles: Role[] = purpose === 'manage' ? ['admin', 'coordinator'] : READ_ROLES;
  let all = false;
  const ids = new Set<number>();
  for (const grant of user.roles) {
    for (const id of regionalMunicipalities(grant, purpose)) ids.add(id);
    if (!roles.includes(grant.role)) continue;
    if (grant.role === 'admin' && grant.municipalityId === null) all = true;
    else if (grant.municipalityId !== null) ids.add(grant.municipalityId);
  }
  return { all, ids: [...ids] };
}

export function scopeIncludes(
  scope: OrganizationScope,
  organization: { id: number; municipalityId: number },
): boolean {
  return (
    scope.all ||
    scope.municipalityIds.includes(organization.municipalityId) ||
    scope.organizationIds.includes(organization.id)
  );
}

export function canAccessMunicipality(user: AuthUser, municipalityId: number, purpose: Purpose): boolean {
  const scope = municipalityScope(user, purpose);
  return scope.all || scope.ids.includes(municipalityId);
}

export function assertMunicipalityAccess(user: AuthUser, municipalityId: number, purpose: Purpose) {
  if (!canAccessMunicipality(user, municipalityId, purpose)) {
    throw forbidden('Нет доступа к данным этого муниципалитета.');
  }
}

/** A regional coordinator whose region holds the municipality: reads its aggregates, never a teacher. */
export const isRegionalReaderOf = (user: AuthUser, municipalityId: number) =>
  user.roles.some(
    (g) => g.role === 'regional_coordinator' && (g.regionMunicipalityIds ?? []).includes(municipalityId),
  );

/** Regions a user coordinates (a global admin: every region, null). */
export function regionScope(user: AuthUser): number[] | null {
  if (isGlobalAdmin(user)) return null;
  return [
    ...new Set(
      user.roles.filter((g) => g.role === 'regional_coordinator' && g.regionId).map((g) => g.regionId!),
    ),
  ];
}

export function assertRegionAccess(user: AuthUser, regionId: number) {
  const scope = regionScope(user);
  if (scope !== null && !scope.includes(regionId)) throw forbidden('Нет доступа к данным этого региона.');
}

export function assertOrganizationAccess(
  user: AuthUser,
  organization: { id: number; municipalityId: number },
  purpose: Purpose,
) {
  if (!scopeIncludes(organizationScope(user, purpose), organization)) {
    throw forbidden(
      purpose !== 'manage'
        ? 'Нет доступа к данным этой организации.'
        : 'Нет прав изменять данные этой организации.',
    );
  }
}
