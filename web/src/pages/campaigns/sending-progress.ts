import type { AnnouncementSending, SendingProgress } from './api.ts';

/**
 * The announcement letter goes in the background of the server (a sending of 2,000 organizations takes
 * minutes): while the latest sending runs the page polls its progress alone — a few bytes, where the list
 * of sendings carries every recipient row — and reads the list again once the progress says it is over.
 */
export const SENDING_POLL_MS = 1500;

/** The latest sending when it is still running: the one whose progress is polled. */
export const runningSending = (sendings: AnnouncementSending[] | undefined) =>
  sendings?.[0]?.status === 'running' ? sendings[0] : undefined;

/** react-query's `refetchInterval` of a sending's progress: poll only while it says it runs. */
export const pollWhileRunning = (progress: Pick<SendingProgress, 'status'> | undefined): number | false =>
  progress?.status === 'running' ? SENDING_POLL_MS : false;

/** A progress answer saying the sending is over: the list is read again then, once, for its outcome. */
export const isOver = (progress: Pick<SendingProgress, 'status'>) => progress.status !== 'running';

/** A running sending as the page shows it: the list's row, its counts by the last poll of its progress. */
export type RunningSending = AnnouncementSending & { failed: number };

export function withProgress(
  sending: AnnouncementSending,
  progress: SendingProgress | undefined,
): RunningSending {
  if (progress?.id !== sending.id) return { ...sending, failed: sending.failures.length };
  const { done, total, organizations, emailed, failed } = progress;
  return { ...sending, done, total, organizations, emailed, failed };
}

/** The progress bar of a running sending: its share done and «Разослано N из M». */
export function progressOf(sending: Pick<AnnouncementSending, 'done' | 'total'>) {
  return {
    value: sending.total ? Math.round((sending.done / sending.total) * 100) : 0,
    label: `Разослано ${sending.done} из ${sending.total}`,
  };
}

/** The sending the page started (or saw running), once it is over: its final message is shown then. */
export function finishedSending(
  sendings: AnnouncementSending[] | undefined,
  watchedId: number | null,
): AnnouncementSending | null {
  if (watchedId === null) return null;
  const sending = sendings?.find((s) => s.id === watchedId);
  return sending && sending.status !== 'running' ? sending : null;
}
