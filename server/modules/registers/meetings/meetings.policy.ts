import { forbidden } from '../../../errors.ts';
import type { AuthUser } from '../../auth/access.ts';
import { isLeaderOf } from '../associations/associations.policy.ts';
import { canManageOwner, isDepartmentOf, type Owner } from '../shared/ownership.ts';

/**
 * The plan and meetings of an association are kept by its leader, by the department (any association of
 * its municipality) and, for a ШМО, by the responsible person of its organization. Who was present is
 * personal data: shown to those who keep the meetings and to the department; everyone else who may read
 * the association sees the plan and the numbers.
 */
export const canManageMeetings = (user: AuthUser, association: Owner & { id: number }) =>
  isLeaderOf(user, association.id) || canManageOwner(user, association);

export const canSeeAttendance = (user: AuthUser, association: Owner & { id: number }) =>
  canManageMeetings(user, association) || isDepartmentOf(user, association.municipalityId);

export function assertCanManageMeetings(user: AuthUser, association: Owner & { id: number }) {
  if (canManageMeetings(user, association)) return;
  throw forbidden(
    association.organizationId === null
      ? 'Заседания муниципального объединения ведут координатор и руководитель этого объединения.'
      : 'Заседания ШМО ведут ответственный этой организации, координатор и руководитель объединения.',
  );
}

export function assertCanSeeAttendance(user: AuthUser, association: Owner & { id: number }) {
  if (canSeeAttendance(user, association)) return;
  throw forbidden(
    'Посещаемость заседаний видят руководитель объединения, координатор и ответственный ОО своей ШМО.',
  );
}
