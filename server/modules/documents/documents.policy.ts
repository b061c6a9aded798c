import { AppError, forbidden } from '../../errors.ts';
import { canAccessMunicipality, type AuthUser } from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import type { DocumentRequest } from './documents.schema.ts';

/**
 * Who may have which document. The department of the municipality (its coordinator or an admin) has
 * every document. An organization's manager may have only the letter addressed to its own organization,
 * and only once the department has published the results: until then the conclusions the letter carries
 * are the department's working notes (the analysis module shows them to the department only, and to
 * everyone once published). Nobody from another municipality has anything.
 */
export function assertMayGetDocument(
  user: AuthUser,
  campaign: { municipalityId: number },
  request: DocumentRequest,
  report: { isPublished: boolean },
) {
  if (isDepartmentOf(user, campaign.municipalityId)) {
    assertDepartment(user, campaign.municipalityId);
    return;
  }
  if (!canAccessMunicipality(user, campaign.municipalityId, 'read'))
    throw forbidden('Нет доступа к данным этого муниципалитета.');
  if (request.kind !== 'letters' || !request.organizationId)
    throw forbidden(
      'Аналитическую справку, статистические формы и архив документов формирует муниципальный координатор. Организации доступно письмо с адресными рекомендациями ей.',
    );
  const isOwn = user.roles.some(
    (g) => g.role === 'org_manager' && g.organizationId === request.organizationId,
  );
  if (!isOwn) throw forbidden('Письмо адресовано другой организации.');
  if (!report.isPublished)
    throw forbidden('Письмо с адресными рекомендациями станет доступно после публикации итогов мониторинга.');
}

/** Whether the user sees the letter of this organization at all: for the web, to show or hide the button. */
export function mayGetOwnLetter(user: AuthUser, organizationId: number, report: { isPublished: boolean }) {
  return (
    report.isPublished &&
    user.roles.some((g) => g.role === 'org_manager' && g.organizationId === organizationId)
  );
}

/**
 * The organization a request names belongs to the campaign's municipality. A campaign enrolled before
 * enrolment was checked may still list a school of another municipality: the department does not write to
 * it, nor file an audit entry under it, and its manager gets no letter of a municipality it does not belong
 * to. Refused as absent, like any organization the campaign does not have.
 */
export function assertOrganizationOfCampaign(
  campaign: { municipalityId: number },
  organization: { municipalityId: number } | undefined,
) {
  if (organization?.municipalityId !== campaign.municipalityId)
    throw new AppError('not_found', 'Организация не участвует в этом мониторинге.');
}
