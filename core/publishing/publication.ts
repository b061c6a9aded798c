/**
 * Whether the public sees a published report today. A pure rule, kept out of the publishing service so the
 * services that ask it (practices, the МУКО self-assessment, the report) need not import that service and
 * everything it imports — practices → publishing → management → practice files → practices was a loop.
 */

/** The publication of a report as the department set it: published, and from which day. */
export interface ReportPublication {
  isPublished: boolean;
  /** The day the public sees it from (ГГГГ-ММ-ДД); null: at once when published. */
  publishOn: string | null;
}

/**
 * Published and its day has come (no day: at once when published — the behaviour before the day existed).
 * `today` is an ISO date (ГГГГ-ММ-ДД), compared as text.
 */
export const isPublicNow = (report: ReportPublication | null | undefined, today: string) =>
  Boolean(report?.isPublished) && (!report!.publishOn || report!.publishOn <= today);
