import { forbidden } from '../../errors.ts';
import { canAccessMunicipality, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';

/** The organizations of the user's grants (a head, a responsible person, a teacher's school). */
export const ownOrganizationIds = (user: AuthUser) =>
  user.roles.filter((g) => g.organizationId !== null).map((g) => g.organizationId!);

/**
 * Who reads a campaign's materials (instructions, attachments, due dates): its department, and the users
 * of its participating organizations. Returns the participants among the user's organizations (all: null).
 */
export function assertCampaignMaterialsReader(
  user: AuthUser,
  campaign: { municipalityId: number },
  participantIds: Set<number>,
): number[] | null {
  if (isDepartmentOf(user, campaign.municipalityId)) return null;
  const own = ownOrganizationIds(user).filter((id) => participantIds.has(id));
  if (!own.length || !canAccessMunicipality(user, campaign.municipalityId, 'read'))
    throw forbidden('Материалы мониторинга видят его участники и муниципальный координатор.');
  return own;
}
