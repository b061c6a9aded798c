import type { PracticeAction, PracticeStatus } from '../../../core/practices.ts';
import { isEditableStatus, PRACTICE_ACTIONS, PRACTICE_TRANSITIONS } from '../../../core/practices.ts';
import { isGlobalAdmin, organizationScope, type AuthUser } from '../auth/access.ts';
import { isDepartmentOf } from '../registers/shared/ownership.ts';

/** What the rules need to know of an entry. */
export interface PracticeFacts {
  municipalityId: number;
  organizationId: number | null;
  status: PracticeStatus;
  authorTeacherIds: number[];
  reviewerIds: number[];
}

export const isPracticeDepartment = (user: AuthUser, practice: Pick<PracticeFacts, 'municipalityId'>) =>
  isDepartmentOf(user, practice.municipalityId);

/** The manager of the author's organization (a school sees and edits its own entries, drafts included). */
export const isAuthorOrganization = (user: AuthUser, practice: Pick<PracticeFacts, 'organizationId'>) =>
  practice.organizationId !== null &&
  organizationScope(user, 'manage').organizationIds.includes(practice.organizationId);

/** Municipalities where the user has any role: the published catalog of those is open to it. */
export const municipalitiesOf = (user: AuthUser) => [
  ...new Set(user.roles.map((g) => g.municipalityId).filter((m): m is number => m !== null)),
];

export function canReadPractice(user: AuthUser, practice: PracticeFacts): boolean {
  if (isPracticeDepartment(user, practice) || isAuthorOrganization(user, practice)) return true;
  if (practice.reviewerIds.includes(user.id)) return true;
  if (user.teacherId !== null && practice.authorTeacherIds.includes(user.teacherId)) return true;
  return (
    practice.status === 'published' &&
    (isGlobalAdmin(user) || municipalitiesOf(user).includes(practice.municipalityId))
  );
}

/** The author's organization or the department changes the entry's content while it is a draft or returned. */
export const canEditPractice = (user: AuthUser, practice: PracticeFacts) =>
  isEditableStatus(practice.status) &&
  (isPracticeDepartment(user, practice) || isAuthorOrganization(user, practice));

export const canReviewPractice = (user: AuthUser, practice: PracticeFacts) =>
  practice.status === 'on_review' && practice.reviewerIds.includes(user.id);

/** Whether the user may take an action of the workflow (its status aside). */
export function mayTakeAction(user: AuthUser, practice: PracticeFacts, action: PracticeAction): boolean {
  if (isPracticeDepartment(user, practice)) return true;
  return PRACTICE_TRANSITIONS[action].by === 'author' && isAuthorOrganization(user, practice);
}

/** The actions the user may take now. */
export const availableActions = (user: AuthUser, practice: PracticeFacts) =>
  PRACTICE_ACTIONS.filter(
    (a) => PRACTICE_TRANSITIONS[a].from.includes(practice.status) && mayTakeAction(user, practice, a),
  );
