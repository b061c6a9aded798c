/** Types of the two-level approval (server/modules/regional/approval.*) as the pages read them. */
export type RegionalSubmissionStatus = 'sent' | 'accepted' | 'returned';

export interface RegionalEvent {
  at: string;
  userName: string | null;
  action: 'send' | 'accept' | 'return' | 'reopen';
  actionLabel: string;
  statusAfter: RegionalSubmissionStatus;
  comment: string | null;
}

export interface RegionalSubmission {
  id: number;
  status: RegionalSubmissionStatus;
  statusLabel: string;
  sentAt: string;
  decidedAt: string | null;
  acceptedAt: string | null;
  returnComment: string | null;
  version: number;
}

export interface CampaignRegionalStatus {
  regionalProgram: { id: number; title: string; programVersion: number } | null;
  submission: RegionalSubmission | null;
  version: number;
  campaignVersion: number;
  history: RegionalEvent[];
  canSend: boolean;
  canReopen: boolean;
}

export interface RegionalSubmissionListRow {
  id: number;
  status: RegionalSubmissionStatus;
  statusLabel: string;
  sentAt: string;
  decidedAt: string | null;
  returnComment: string | null;
  version: number;
  campaignId: number;
  campaignTitle: string;
  year: number;
  municipalityId: number;
  municipalityName: string;
  regionalProgramId: number;
  regionalProgramTitle: string;
}

export interface RegionalSubmissionDetail extends RegionalSubmission {
  campaign: { id: number; title: string; year: number; status: string };
  source: 'accepted' | 'closed';
  results: {
    indicator: string;
    name: string;
    unit: 'percent' | 'count' | 'presence';
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  }[];
  history: RegionalEvent[];
}

export const STATUS_COLOR: Record<RegionalSubmissionStatus, string> = {
  sent: 'blue',
  accepted: 'green',
  returned: 'orange',
};
