import { describe, expect, it } from 'vitest';
import type { AnnouncementSending } from './api.ts';
import { finishedSending, pollWhileRunning, progressOf, SENDING_POLL_MS } from './sending-progress.ts';

const sending = (id: number, status: AnnouncementSending['status'], done = 0, total = 3) =>
  ({ id, status, done, total, message: `№ ${id}` }) as AnnouncementSending;

describe('the progress of the letter sending on the page', () => {
  it('polls while the latest sending runs, and stops once it is over', () => {
    expect(pollWhileRunning([sending(2, 'running'), sending(1, 'done')])).toBe(SENDING_POLL_MS);
    expect(SENDING_POLL_MS).toBeGreaterThanOrEqual(1000);
    expect(SENDING_POLL_MS).toBeLessThanOrEqual(2000);
    expect(pollWhileRunning([sending(2, 'done')])).toBe(false);
    expect(pollWhileRunning([sending(2, 'failed')])).toBe(false);
    expect(pollWhileRunning([])).toBe(false);
    expect(pollWhileRunning(undefined)).toBe(false);
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
