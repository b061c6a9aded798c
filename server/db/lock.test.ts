import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataLock } from './lock.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-lock-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the data folder lock', () => {
  it('leaves no exit listener behind once released, however many times it is taken', () => {
    const listeners = process.listenerCount('exit');
    for (let i = 0; i < 20; i++) {
      const lock = acquireDataLock(dataDir, { role: 'cli' });
      expect(existsSync(lock.file)).toBe(true);
      expect(process.listenerCount('exit')).toBe(listeners + 1);
      lock.release();
      expect(existsSync(lock.file)).toBe(false);
    }
    expect(process.listenerCount('exit')).toBe(listeners);
  });
});
