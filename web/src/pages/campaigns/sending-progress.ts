import type { AnnouncementSending } from './api.ts';

/**
 * The announcement letter goes in the background of the server (a sending of 2,000 organizations takes
 * minutes): the page polls the list of sendings while the latest one runs and shows how far it got.
 */
export const SENDING_POLL_MS = 1500;

/** react-query's `refetchInterval` of the list of sendings: poll only while one is running. */
export const pollWhileRunning = (sendings: AnnouncementSending[] | undefined): number | false =>
  sendings?.[0]?.status === 'running' ? SENDING_POLL_MS : false;

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
