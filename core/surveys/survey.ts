/** Surveys (анкетирование): kinds, statuses, the audience, the threshold of anonymity. */

export const SURVEY_KINDS = ['anonymous', 'named'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_KIND_LABEL: Record<SurveyKind, string> = { anonymous: 'анонимная', named: 'именная' };

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABEL: Record<SurveyStatus, string> = {
  draft: 'черновик',
  open: 'идёт',
  closed: 'завершена',
};

/** Fewer answers than this in a result cell and the cell is hidden (seed 001: «не менее 5»). */
export const DEFAULT_THRESHOLD = 5;

/**
 * Who is asked: teachers or heads of the chosen organizations; teachers optionally filtered by position
 * (any of the words, case-insensitive), «молодой педагог», ШНОР/ШССУ schools, members of an association.
 */
export interface SurveyAudience {
  target: 'teachers' | 'heads';
  organizationIds: number[];
  positions?: string[];
  youngOnly?: boolean;
  lowResultsOnly?: boolean;
  hardSocialOnly?: boolean;
  associationId?: number | null;
}

/** The age groups of cross-tabulation (full years at the day of the answer). */
export const AGE_GROUPS = ['до 30', '30–39', '40–49', '50–59', '60 и старше'] as const;
export function ageGroupOf(age: number): string {
  if (age < 30) return AGE_GROUPS[0];
  if (age < 40) return AGE_GROUPS[1];
  if (age < 50) return AGE_GROUPS[2];
  if (age < 60) return AGE_GROUPS[3];
  return AGE_GROUPS[4];
}

/** The questions an anonymous survey may ask about the respondent, used for the cross-tabs instead of the registry. */
export const AGE_GROUP_QUESTION = 'age_group';
export const YOUNG_QUESTION = 'young_teacher';
