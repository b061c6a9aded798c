import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';

export interface DataLock {
  file: string;
  release(): void;
}

interface LockContent {
  pid: number;
  role: string;
  port?: number;
  startedAt: string;
}

const LOCK_NAME = 'pedmonitor.lock';

/**
 * PGlite serves one process at a time. The lock file names the process holding the data folder, so a
 * CLI command started beside a running server stops with a clear message instead of corrupting data.
 */
export function acquireDataLock(dataDir: string, owner: { role: string; port?: number }): DataLock {
  const file = path.join(dataDir, LOCK_NAME);
  const holder = readLock(file);
  if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
    const who =
      holder.role === 'server'
        ? `запущенным сервером pedmonitor (PID ${holder.pid}${holder.port ? `, порт ${holder.port}` : ''})`
        : `другой командой pedmonitor (PID ${holder.pid})`;
    throw new AppError(
      'data_locked',
      `Папка данных ${dataDir} занята ${who}. Встроенная база обслуживает один процесс: ` +
        'остановите сервер или выполните действие через веб-интерфейс и API сервера.',
      { dataDir, pid: holder.pid, port: holder.port },
    );
  }
  const content: LockContent = { pid: process.pid, ...owner, startedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(content, null, 2));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // A process that opens and closes the data folder many times (a test file, a script) keeps no listener.
    process.off('exit', release);
    const current = readLock(file);
    if (current?.pid === process.pid) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { file, release };
}

/** Whether a running server (not this process) holds the data folder. */
export function isHeldByServer(dataDir: string): boolean {
  const holder = readLock(path.join(dataDir, LOCK_NAME));
  return Boolean(holder && holder.role === 'server' && holder.pid !== process.pid && isAlive(holder.pid));
}

export function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
