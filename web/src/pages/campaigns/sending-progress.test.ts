import { describe, expect, it } from 'vitest';
import type { AnnouncementSending, SendingProgress } from './api.ts';
import {
  finishedSending,
  isOver,
  pollWhileRunning,
  progressOf,
  runningSending,
  SENDING_POLL_MS,
  withProgress,
} from './sending-progress.ts';

const sending = (id: number, status: AnnouncementSending['status'], done = 0, total = 3) =>
  ({ id, status, done, total, message: `№ ${id}`, failures: [] }) as unknown as AnnouncementSending;
const progress = (id: number, status: SendingProgress['status'], done = 0, total = 3) =>
  ({ id, status, done, total, organizations: done, emailed: done - 1, failed: 1 }) as SendingProgress;

describe('the progress of the letter sending on the page', () => {
  it('polls the progress of the latest sending while it runs, and stops once it is over', () => {
    expect(runningSending([sending(2, 'running'), sending(1, 'done')])?.id).toBe(2);
    expect(runningSending([sending(2, 'done'), sending(1, 'failed')])).toBeUndefined();
    expect(runningSending([])).toBeUndefined();
    expect(runningSending(undefined)).toBeUndefined();
    expect(pollWhileRunning(progress(2, 'running'))).toBe(SENDING_POLL_MS);
    expect(SENDING_POLL_MS).toBeGreaterThanOrEqual(1000);
    expect(SENDING_POLL_MS).toBeLessThanOrEqual(2000);
    expect(pollWhileRunning(progress(2, 'done'))).toBe(false);
    expect(pollWhileRunning(progress(2, 'failed'))).toBe(false);
    expect(pollWhileRunning(undefined)).toBe(false);
  });

  it('reads the list again once the progress says the sending is over', () => {
    expect(isOver(progress(2, 'running'))).toBe(false);
    expect(isOver(progress(2, 'done'))).toBe(true);
    expect(isOver(progress(2, 'failed'))).toBe(true);
  });

  it('shows the listed running sending with the counts of its last polled progress', () => {
    const listed = sending(2, 'running', 1);
    expect(withProgress(listed, progress(2, 'running', 40, 60))).toMatchObject({
      id: 2,
      done: 40,
      total: 60,
      organizations: 40,
      emailed: 39,
      failed: 1,
      message: '№ 2',
    });
    // Not yet polled, or the progress of another sending: the list's own counts.
    expect(withProgress(listed, undefined)).toMatchObject({ done: 1, total: 3, failed: 0 });
    expect(withProgress(listed, progress(7, 'running', 40, 60))).toMatchObject({ done: 1, total: 3 });
  });

  it('says «Разослано N из M» with the share done', () => {
    expect(progressOf({ done: 1, total: 3 })).toEqual({ value: 33, label: 'Разослано 1 из 3' });
    expect(progressOf({ done: 2000, total: 2000 })).toEqual({ value: 100, label: 'Разослано 2000 из 2000' });
    expect(progressOf({ done: 0, total: 0 })).toEqual({ value: 0, label: 'Разослано 0 из 0' });
  });

  it('gives the watched sending once it is over, for its final message', () => {
    expect(finishedSending([sending(2, 'running', 1)], 2)).toBeNull();
    expect(finishedSending([sending(2, 'done', 3)], 2)?.message).toBe('№ 2');
    expect(finishedSending([sending(2, 'failed', 1)], 2)?.status).toBe('failed');
    expect(finishedSending([sending(2, 'done', 3)], null)).toBeNull();
    expect(finishedSending(undefined, 2)).toBeNull();
  });
});
