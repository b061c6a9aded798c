import { forbidden } from '../../errors.ts';
import {
  assertMunicipalityAccess,
  assertOrganizationAccess,
  hasRole,
  type AuthUser,
} from '../auth/access.ts';
import type { UpdateOrganizationInput } from './organizations.schema.ts';

/** Fields an organization's own manager may edit: its contacts. Kind, names and the ШНОР/ШССУ flags are set
 * by the department. */
const SELF_EDITABLE = new Set([
  'address',
  'headName',
  'phone',
  'email',
  'website',
  'responsibleName',
  'responsiblePhone',
  'version',
]);

export function authorizeOrganizationCreate(user: AuthUser, municipalityId: number) {
  if (!hasRole(user, 'admin', 'coordinator'))
    throw forbidden('Создавать организации могут администратор и координатор.');
  assertMunicipalityAccess(user, municipalityId, 'manage');
}

export function authorizeOrganizationUpdate(
  user: AuthUser,
  organization: { id: number; municipalityId: number },
  input: UpdateOrganizationInput,
) {
  assertOrganizationAccess(user, organization, 'manage');
  const isDepartment = user.roles.some(
    (g) =>
      (g.role === 'admin' &&
        (g.municipalityId === null || g.municipalityId === organization.municipalityId)) ||
      (g.role === 'coordinator' && g.municipalityId === organization.municipalityId),
  );
  if (!isDepartment) {
    const denied = Object.keys(input).filter((k) => !SELF_EDITABLE.has(k));
    if (denied.length) {
      throw forbidden(
        'Ответственный ОО может менять только контактные данные организации; ' +
          'наименование, тип и признаки ШНОР/ШССУ меняет отдел образования.',
      );
    }
  }
}
