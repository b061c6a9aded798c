/**
 * Completeness and timeliness of a campaign: the one definition behind the campaign page header, its table
 * of organizations, the home page and the summary report (справка).
 *
 * Every participant is in exactly one of three groups:
 * - **в срок** — the form was first sent on or before the last day of the main stage;
 * - **с опозданием** — first sent after it;
 * - **не отправлена** — never sent.
 * A form returned for revision was sent: it keeps the day it was first sent. Of the sent forms, «принято»,
 * «на проверке» and «возвращено на доработку» tell where each stands now.
 */

import type { IsoDate } from '../dates.ts';
import { formatPercent } from '../format.ts';

export type SubmissionState = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';
export const SUBMISSION_STATES: readonly SubmissionState[] = [
  'not_started',
  'draft',
  'submitted',
  'returned',
  'accepted',
];
export const STATE_LABEL: Record<SubmissionState, string> = {
  not_started: 'не начато',
  draft: 'черновик',
  submitted: 'отправлено',
  returned: 'возвращено',
  accepted: 'принято',
};

export type Timeliness = 'on_time' | 'late' | 'not_sent';
export const TIMELINESS_LABEL: Record<Timeliness, string> = {
  on_time: 'в срок',
  late: 'с опозданием',
  not_sent: 'не отправлена',
};

/** One participant's form: its state now and the day it was first sent (null: never sent). */
export interface ParticipantForm {
  state: SubmissionState;
  firstSentOn: IsoDate | null;
}

/** On time, late or not sent, by the day the form was first sent and the last day of the main stage. */
export function timelinessOf(firstSentOn: IsoDate | null, deadline: IsoDate): Timeliness {
  if (firstSentOn === null) return 'not_sent';
  return firstSentOn <= deadline ? 'on_time' : 'late';
}

/**
 * Whether a form that was never sent is overdue on `today`: the main stage is over, or the campaign is
 * closed (a campaign closed early leaves the forms it did not get unsent for good).
 */
export function isOverdue(form: ParticipantForm, deadline: IsoDate, today: IsoDate, isClosed: boolean) {
  return form.firstSentOn === null && (isClosed || today > deadline);
}

export interface Completeness {
  participants: number;
  /** Sent at least once: `onTime + late`. */
  sent: number;
  onTime: number;
  late: number;
  notSent: number;
  /** Where the sent forms stand now. */
  accepted: number;
  underReview: number;
  returned: number;
  /** Every state, for the table's filters. */
  counts: Record<SubmissionState, number>;
  /** Percent of participants, one decimal; 0 without participants. */
  sentShare: number;
  onTimeShare: number;
  deadline: IsoDate;
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/** Completeness of a campaign from its participants' forms (one entry per participant). */
export function completenessOf(forms: readonly ParticipantForm[], deadline: IsoDate): Completeness {
  const counts = Object.fromEntries(SUBMISSION_STATES.map((s) => [s, 0])) as Record<SubmissionState, number>;
  const by: Record<Timeliness, number> = { on_time: 0, late: 0, not_sent: 0 };
  let accepted = 0;
  let underReview = 0;
  let returned = 0;
  for (const f of forms) {
    counts[f.state] += 1;
    const t = timelinessOf(f.firstSentOn, deadline);
    by[t] += 1;
    if (t === 'not_sent') continue;
    if (f.state === 'accepted') accepted += 1;
    else if (f.state === 'submitted') underReview += 1;
    else returned += 1;
  }
  const participants = forms.length;
  const sent = by.on_time + by.late;
  return {
    participants,
    sent,
    onTime: by.on_time,
    late: by.late,
    notSent: by.not_sent,
    accepted,
    underReview,
    returned,
    counts,
    sentShare: share(sent, participants),
    onTimeShare: share(by.on_time, participants),
    deadline,
  };
}

/**
 * The sentence of the summary report and of the campaign page: «Формы отправили 7 из 13 организаций
 * (53,8 %): в срок — 5, с опозданием — 2; не отправили — 6. Из отправленных принято 4, на проверке 2,
 * возвращено на доработку 1.»
 */
export function completenessSentence(c: Completeness): string {
  const head =
    `Формы отправили ${c.sent} из ${c.participants} (${formatPercent(c.sentShare)}): ` +
    `в срок — ${c.onTime}, с опозданием — ${c.late}; не отправили — ${c.notSent}.`;
  if (!c.sent) return head;
  return `${head} Из отправленных принято ${c.accepted}, на проверке ${c.underReview}, возвращено на доработку ${c.returned}.`;
}
