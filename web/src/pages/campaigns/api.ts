import type { FormIssue, FormValue } from '../../../../core/campaigns/form-validation.ts';
import type { Completeness, SubmissionState, Timeliness } from '../../../../core/campaigns/completeness.ts';
import type { CampaignDates, CampaignPhase } from '../../../../core/campaigns/stages.ts';
import type { IndicatorLevel, IndicatorUnit } from '../../../../core/indicators/levels.ts';
import type { OrganizationKind } from '../../../../core/enums.ts';
import type { FormField } from '../programs/api.ts';

/** The states of a form and their Russian names: one definition, in core, for the server and the pages. */
export { STATE_LABEL, type SubmissionState } from '../../../../core/campaigns/completeness.ts';

export interface CampaignSummary {
  id: number;
  municipalityId: number;
  programId: number;
  programTitle: string;
  title: string;
  year: number;
  status: 'active' | 'closed';
  initialStart: string;
  mainEnd: string;
  finalEnd: string;
  completeness: Completeness;
}

export interface CampaignView {
  campaign: {
    id: number;
    municipalityId: number;
    programId: number;
    programTitle: string;
    title: string;
    year: number;
    status: 'active' | 'closed';
    dates: CampaignDates;
    reminderDaysBefore: number;
    /** Instructions to the schools, plain text; blank lines part the paragraphs. */
    instructions: string;
    closedAt: string | null;
    version: number;
    phase: CampaignPhase;
    today: string;
    isDeletable: boolean;
  };
  stats: Completeness | null;
  organizations: {
    organizationId: number;
    organizationName: string;
    kind: OrganizationKind;
    state: SubmissionState;
    stateLabel: string;
    submittedAt: string | null;
    firstSubmittedAt: string | null;
    updatedAt: string | null;
    reviewComment: string | null;
    reopenedUntil: string | null;
    timeliness: Timeliness;
    isOverdue: boolean;
    /** Who answers for the form (the responsible person, else the head) and a phone. */
    contactName: string | null;
    contactPhone: string | null;
    lastReminderAt: string | null;
  }[];
}

/** The answer of a bulk reminder (server/modules/notifications/reminders.ts). */
export interface ManualReminderReport {
  sent: number;
  notDelivered: { organizationId: number; organizationName: string; error: string }[];
  alreadySent: number;
  alreadyToday: number;
  message: string;
}

export interface SubmissionView {
  campaignId: number;
  organizationId: number;
  state: SubmissionState;
  stateLabel: string;
  version: number | null;
  values: Record<string, FormValue>;
  isRegistryConfirmed: boolean;
  reviewComment: string | null;
  deadline: string;
  isEditable: boolean;
  reason: string | null;
  fields: Omit<FormField, 'id' | 'sortOrder' | 'version'>[];
  lastYear: Record<string, FormValue> | null;
  errors: FormIssue[];
  warnings: FormIssue[];
  indicators: {
    code: string;
    name: string;
    unit: IndicatorUnit;
    isFormValue: boolean;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    level: IndicatorLevel | null;
    /** false: the indicator does not apply to this organization. */
    isApplicable: boolean;
  }[];
  history: {
    at: string;
    userName: string | null;
    action: string;
    statusAfter: SubmissionState;
    comment: string | null;
    changes: Record<string, [unknown, unknown]> | null;
  }[];
}

export const STATE_COLOR: Record<SubmissionState, string> = {
  not_started: 'gray',
  draft: 'blue',
  submitted: 'violet',
  returned: 'orange',
  accepted: 'teal',
};

/** What a school reads beside its form (GET /api/campaigns/:id/materials). */
export interface CampaignMaterials {
  campaignId: number;
  instructions: string;
  paragraphs: string[];
  files: { id: number; name: string; mimeType: string; size: number; createdAt: string }[];
  announcement: { sentAt: string; organizationId: number } | null;
  fieldDueDates: {
    fieldCode: string;
    fieldLabel: string;
    dueDate: string;
    label: string;
    indicatorCodes: string[];
  }[];
}

export interface AnnouncementSending {
  id: number;
  /** The e-mails go in the background: «running» with `done` of `total` organizations, then the outcome. */
  status: 'running' | 'done' | 'failed';
  statusLabel: string;
  done: number;
  total: number;
  error: string | null;
  finishedAt: string | null;
  /** The server's sentence of it: the progress, then what was sent and what failed. */
  message: string;
  sentAt: string;
  sentByName: string;
  organizations: number;
  emailed: number;
  failures: { organizationId: number; organizationName: string; error: string }[];
  recipients: { organizationId: number; organizationName: string; emails: string[]; error: string | null }[];
}

/**
 * A sending's progress, its recipients counted and not listed (GET …/announcements/:sendingId/progress):
 * what the page polls while it runs; once over, `message` counts those left without the letter.
 */
export type SendingProgress = Pick<
  AnnouncementSending,
  'id' | 'status' | 'statusLabel' | 'done' | 'total' | 'error' | 'finishedAt' | 'message'
> & { organizations: number; emailed: number; failed: number };

export type DueRule = { kind: 'date'; date: string } | { kind: 'monthly'; day: number };

export interface DueDateRow {
  indicatorCode: string;
  indicatorName: string;
  programDeadline: string | null;
  fieldCodes: string[];
  rule: DueRule | null;
  label: string | null;
  suggested: DueRule | null;
}
