import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../errors.ts';
import { createBackup, type BackupProgress, type BackupSummary } from './backup.ts';
import type { Database } from './client.ts';

/**
 * PGlite serves one process, so a command that needs the database while the server holds the data folder
 * asks the server. The server listens on a Unix socket inside the data folder, readable and writable by
 * the folder's owner only (mode 0600): whoever can reach it could read the whole database anyway.
 * One JSON line asks ({"command":"backup","file":"/abs/path"}); JSON lines answer: progress events, then
 * {"ok":true,"summary":…} or {"ok":false,"code":…,"message":…}.
 */
export const CONTROL_SOCKET = 'pedmonitor.sock';

export const controlSocketPath = (dataDir: string) => path.join(dataDir, CONTROL_SOCKET);

type Reply =
  | { progress: Parameters<BackupProgress>[0] }
  | { ok: true; summary: BackupSummary }
  | { ok: false; code: string; message: string };

export async function startControlChannel(options: {
  database: Pick<Database, 'db' | 'kind'>;
  dataDir: string;
  log: (message: string) => void;
}): Promise<{ close(): Promise<void> }> {
  const file = controlSocketPath(options.dataDir);
  // The server holds the folder's lock: a socket left there is one of a server that died.
  rmSync(file, { force: true });
  let busy = false;
  const server = net.createServer((socket) => {
    const send = (reply: Reply) => socket.write(`${JSON.stringify(reply)}\n`);
    const lines = createInterface({ input: socket });
    lines.once('line', (line) => {
      lines.close();
      void (async () => {
        try {
          const request = JSON.parse(line) as { command?: string; file?: string };
          if (
            request.command !== 'backup' ||
            typeof request.file !== 'string' ||
            !path.isAbsolute(request.file)
          )
            throw new AppError('bad_request', 'Сервер не понял запрос канала управления.');
          if (busy)
            throw new AppError('conflict', 'Сервер уже делает резервную копию: дождитесь её окончания.');
          busy = true;
          try {
            const summary = await createBackup({
              database: options.database,
              file: request.file,
              onProgress: (progress) => send({ progress }),
            });
            send({ ok: true, summary });
          } finally {
            busy = false;
          }
        } catch (error) {
          if (!(error instanceof AppError))
            options.log(
              `Резервная копия не создана: ${error instanceof Error ? error.message : String(error)}`,
            );
          send({
            ok: false,
            code: error instanceof AppError ? error.code : 'internal',
            message: error instanceof Error ? error.message : String(error),
          });
        }
        socket.end();
      })();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(file, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(file, { force: true });
      }),
  };
}

/** Asks the server holding `dataDir` for a backup into `file`, reporting its progress. */
export async function requestServerBackup(options: {
  dataDir: string;
  file: string;
  onProgress?: BackupProgress;
}): Promise<BackupSummary> {
  const socketFile = controlSocketPath(options.dataDir);
  return new Promise<BackupSummary>((resolve, reject) => {
    const socket = net.connect(socketFile);
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(error);
    };
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new AppError(
          'data_locked',
          `Папку данных ${options.dataDir} держит запущенный сервер, но он не отвечает на канале управления ` +
            `${socketFile} (${error.code ?? error.message}). Обновите и перезапустите сервер или остановите его ` +
            'и повторите команду.',
        ),
      ),
    );
    socket.once('connect', () =>
      socket.write(`${JSON.stringify({ command: 'backup', file: options.file })}\n`),
    );
    const lines = createInterface({ input: socket });
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if ('progress' in reply) options.onProgress?.(reply.progress);
      else if (reply.ok) {
        settled = true;
        resolve(reply.summary);
      } else fail(new AppError(reply.code as AppError['code'], reply.message));
    });
    socket.once('close', () =>
      fail(new AppError('internal', 'Сервер закрыл канал управления, не закончив резервную копию.')),
    );
  });
}
