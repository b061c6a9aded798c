import { forbidden } from '../../../errors.ts';
import type { AuthUser } from '../../auth/access.ts';
import { canManageOwner, canReadOwner, type Owner } from '../shared/ownership.ts';

/**
 * Municipal associations (РМО) are kept by the department; a ШМО also by its organization's manager.
 * A methodical association leader sees only its own association and keeps its members.
 */
export const leaderAssociationIds = (user: AuthUser) =>
  user.roles
    .filter((g) => g.role === 'association_leader' && g.associationId !== null)
    .map((g) => g.associationId!);

export const isLeaderOf = (user: AuthUser, associationId: number) =>
  leaderAssociationIds(user).includes(associationId);

export function assertCanReadAssociation(user: AuthUser, association: Owner & { id: number }) {
  if (isLeaderOf(user, association.id) || canReadOwner(user, association)) return;
  throw forbidden('Нет доступа к этому методическому объединению.');
}

export function assertCanManageMembers(user: AuthUser, association: Owner & { id: number }) {
  if (isLeaderOf(user, association.id) || canManageOwner(user, association)) return;
  throw forbidden(
    association.organizationId === null
      ? 'Состав муниципального объединения ведут координатор и руководитель этого объединения.'
      : 'Состав ШМО ведут ответственный этой организации, координатор и руководитель объединения.',
  );
}
