/**
 * Small-number suppression on public pages (the public report, an organization's public page, the
 * embeddable blocks): a share computed over fewer than `PUBLIC_MIN_GROUP` people or records (a school with
 * three young teachers) could point at a person, so its value and level are not published — the same
 * threshold the surveys' public results use by default. Counts and presence are published as they are;
 * numerators and denominators never leave the server on a public page.
 */
export const PUBLIC_MIN_GROUP = 5;

export interface ResultForPublic {
  indicator: string;
  organization: number | null;
  organizationName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: 'high' | 'medium' | 'low' | null;
  isApplicable: boolean;
}

export interface PublicResult {
  indicator: string;
  organization: number | null;
  organizationName: string;
  value: number | null;
  level: 'high' | 'medium' | 'low' | null;
  isApplicable: boolean;
  /** true: computed over fewer than the threshold, so not published («менее 5 — не публикуется»). */
  isSuppressed: boolean;
}

/** Whether a result's value may be published: a share over a group below the threshold may not. */
export function isSmallGroup(result: Pick<ResultForPublic, 'denominator'>, threshold = PUBLIC_MIN_GROUP) {
  return result.denominator !== null && result.denominator > 0 && result.denominator < threshold;
}

/** A result as a public page shows it: no numerator or denominator, the value hidden over a small group. */
export function publicResult(result: ResultForPublic, threshold = PUBLIC_MIN_GROUP): PublicResult {
  const isSuppressed = isSmallGroup(result, threshold);
  return {
    indicator: result.indicator,
    organization: result.organization,
    organizationName: result.organizationName,
    value: isSuppressed ? null : result.value,
    level: isSuppressed ? null : result.level,
    isApplicable: result.isApplicable,
    isSuppressed,
  };
}
