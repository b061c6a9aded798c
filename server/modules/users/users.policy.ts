import { AppError, forbidden } from '../../errors.ts';
import type { AuthUser } from '../auth/access.ts';
import type { GrantInput } from './users.schema.ts';

/** The municipalities whose users an admin manages: null means all (a global admin). */
export function userAdminScope(user: AuthUser): number[] | null {
  const grants = user.roles.filter((g) => g.role === 'admin');
  if (!grants.length) throw forbidden('Управлять пользователями может только администратор.');
  if (grants.some((g) => g.municipalityId === null)) return null;
  return grants.map((g) => g.municipalityId!);
}

const ROLE_SCOPE_MESSAGE: Record<GrantInput['role'], string> = {
  admin: '',
  coordinator: 'Для роли «Муниципальный координатор» укажите муниципалитет.',
  org_manager: 'Для роли «Ответственный ОО» укажите организацию.',
  teacher: 'Для роли «Педагог» укажите организацию.',
  association_leader: 'Для роли «Руководитель МО» укажите методическое объединение.',
  specialist: 'Для роли «Специалист методической службы» укажите муниципалитет.',
  regional_coordinator: 'Для роли «Региональный координатор» укажите регион.',
};

/** A grant names exactly the scope its role needs; other scope fields are cleared. */
export function normalizeGrant(grant: GrantInput, index: number): GrantInput {
  const fail = () => {
    throw new AppError('validation_failed', `Роль №${index + 1}: ${ROLE_SCOPE_MESSAGE[grant.role]}`, {
      field: `roles.${index}`,
    });
  };
  switch (grant.role) {
    case 'admin':
      return { role: 'admin', municipalityId: grant.municipalityId ?? null };
    case 'coordinator':
    case 'specialist':
      if (!grant.municipalityId) fail();
      return { role: grant.role, municipalityId: grant.municipalityId };
    case 'org_manager':
    case 'teacher':
      if (!grant.organizationId) fail();
      return { role: grant.role, organizationId: grant.organizationId };
    case 'association_leader':
      if (!grant.associationId) fail();
      return { role: grant.role, associationId: grant.associationId };
    case 'regional_coordinator':
      if (!grant.regionId) fail();
      return { role: grant.role, regionId: grant.regionId, personalData: grant.personalData ?? false };
  }
}

/** A municipal admin may grant roles only inside its municipalities, and never a global admin. */
export function assertGrantsWithinScope(
  scope: number[] | null,
  grants: { grant: GrantInput; municipalityId: number | null }[],
) {
  if (scope === null) return;
  for (const { grant, municipalityId } of grants) {
    if (municipalityId === null || !scope.includes(municipalityId)) {
      throw forbidden(
        grant.role === 'admin' && municipalityId === null
          ? 'Назначить администратора всей системы может только администратор всей системы.'
          : grant.role === 'regional_coordinator'
            ? 'Назначить регионального координатора может только администратор всей системы.'
            : 'Можно назначать роли только в своём муниципалитете.',
      );
    }
  }
}
