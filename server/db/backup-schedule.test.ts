import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMunicipality } from '../seed/factories.ts';
import { createTestDatabase } from '../test/harness.ts';
import { readBackupHeader } from './backup.ts';
import { backupFileName, listDailyBackups, runDailyBackup, scheduleBackups } from './backup-schedule.ts';
import type { Database } from './client.ts';

let database: Database;
const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-daily-')), 'backups');
beforeAll(async () => {
  database = await createTestDatabase();
  await createMunicipality(database.db);
});
afterAll(async () => {
  await database.close();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

const day = (n: number, hour = 3) => new Date(Date.UTC(2026, 11, n, hour, 0, 0));

describe('the daily backup', () => {
  it('makes one backup a day into the folder and keeps the newest N, leaving other files alone', async () => {
    const made = await runDailyBackup({ database, dir, keep: 3, now: day(1) });
    expect(made).toBe(path.join(dir, 'pedmonitor-2026-12-01T03-00-00Z.pmbackup'));
    writeFileSync(path.join(dir, 'notes.txt'), 'не копия');
    // A restart on the same day does not add another one.
    expect(await runDailyBackup({ database, dir, keep: 3, now: day(1, 20) })).toBeNull();
    for (let n = 2; n <= 6; n++)
      expect(await runDailyBackup({ database, dir, keep: 3, now: day(n) })).not.toBeNull();
    expect(listDailyBackups(dir)).toEqual([day(4), day(5), day(6)].map(backupFileName));
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', ...[day(4), day(5), day(6)].map(backupFileName)]);
    const header = await readBackupHeader(path.join(dir, backupFileName(day(6))));
    expect(header.tables).toContain('municipalities');
  });

  it('checks soon after start and every hour without delaying start-up; a failure is logged and retried', async () => {
    vi.useFakeTimers();
    try {
      const calls: number[] = [];
      const logged: string[] = [];
      let fail = true;
      const stop = scheduleBackups({
        database,
        dir: '/nonexistent/backups',
        keep: 7,
        log: (m) => logged.push(m),
        run: async () => {
          calls.push(Date.now());
          if (fail) throw new Error('нет места на диске');
          return null;
        },
      });
      expect(calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toHaveLength(1);
      expect(logged).toEqual([
        'Ежедневная резервная копия в /nonexistent/backups не создана: нет места на диске',
      ]);
      fail = false;
      await vi.advanceTimersByTimeAsync(3600_000);
      expect(calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(5 * 3600_000);
      expect(calls).toHaveLength(7);
      stop();
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      expect(calls).toHaveLength(7);
      expect(logged).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
    expect(existsSync('/nonexistent/backups')).toBe(false);
  });
});
