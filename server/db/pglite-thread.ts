import { Worker } from 'node:worker_threads';
import type { Results, Transaction } from '@electric-sql/pglite';

/**
 * The embedded database run in a worker thread (pglite-worker.mjs), reached through the part of PGlite's
 * interface that Drizzle and this code use: `query`, `exec`, `transaction`, `describeQuery`,
 * `dumpDataDir`, `close`. The WebAssembly of PostgreSQL and the parsing of its answers then run beside the
 * event loop: during a burst of queries the server still answers (`/api/health`), and on two cores the
 * database and the request handling overlap (bench/form-load.bench.ts).
 *
 * Semantics are PGlite's own, because PGlite runs the statements: one statement at a time, a transaction
 * holds the database until it ends and statements from outside it wait. Errors come back with their
 * fields (`code`, `constraint`, `detail`…), so the error mapping of the HTTP layer reads them as before.
 * Rows are copied between threads by structured cloning; type parsers cannot cross, so the worker applies
 * Drizzle's (dates and timestamps as text) and any other parsers are refused.
 *
 * The worker keeps the process alive only while something waits for it, as PGlite in the main thread
 * does: an idle CLI command ends when its work ends.
 */

/** Drizzle's parsers (drizzle-orm/pglite/session.js), applied in the worker: dates, timestamps, intervals. */
export const DRIZZLE_TEXT_TYPES = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/** The transaction's handle as Drizzle's PGlite session sees it. */
type ThreadTransaction = Pick<Transaction, 'query' | 'exec'>;

export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextTransaction = 1;
  private failure: Error | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  readonly waitReady: Promise<void>;

  constructor(options: { dataDir?: string; loadDataDir?: Blob } = {}) {
    this.worker = new Worker(WORKER_URL);
    this.worker.unref();
    this.worker.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: unknown }) =>
      this.settle(message),
    );
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.closed) this.rejectPending(new Error('Встроенная база данных закрыта'));
      else this.fail(new Error(`Поток встроенной базы данных завершился (код ${code})`));
    });
    this.waitReady = (async () => {
      const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
      await this.call(
        { op: 'open', dataDir: options.dataDir, loadDataDir, textTypes: DRIZZLE_TEXT_TYPES },
        loadDataDir ? [loadDataDir] : [],
      );
    })();
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.queryIn(undefined, sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: 'exec', sql }) as Promise<Results[]>;
  }

  describeQuery(sql: string): Promise<{
    queryParams: { dataTypeID: number }[];
    resultFields: { name: string; dataTypeID: number }[];
  }> {
    return this.call({ op: 'describe', sql }) as never;
  }

  /**
   * Runs `fn` in a transaction held open in the worker: committed when `fn` resolves, rolled back when it
   * throws, as PGlite's own `transaction`.
   */
  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const tx = this.nextTransaction++;
    await this.call({ op: 'begin', tx });
    const handle: ThreadTransaction = {
      query: ((sql: string, params?: unknown[], options?: QueryOptions) =>
        this.queryIn(tx, sql, params, options)) as ThreadTransaction['query'],
      exec: ((sql: string) => this.call({ op: 'exec', sql, tx })) as ThreadTransaction['exec'],
    };
    let result: T;
    try {
      result = await fn(handle);
    } catch (error) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  /** A copy of the data folder, as `PGlite.dumpDataDir`. */
  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'none'): Promise<Blob> {
    const buffer = (await this.call({ op: 'dump', compression })) as ArrayBuffer;
    return new Blob([buffer]);
  }

  /** Closes the database and ends the worker; a second call waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) await this.call({ op: 'close' });
      } finally {
        this.closed = true;
        await this.worker.terminate();
        this.rejectPending(new Error('Встроенная база данных закрыта'));
      }
    })();
    return this.closing;
  }

  private queryIn<T>(
    tx: number | undefined,
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Results<T>> {
    if (options?.parsers && !isDrizzleParsers(options.parsers))
      return Promise.reject(
        new Error('Встроенная база в отдельном потоке применяет только разборщики типов Drizzle.'),
      );
    return this.call({ op: 'query', sql, params, rowMode: options?.rowMode, tx }) as Promise<Results<T>>;
  }

  private call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('Встроенная база данных закрыта'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.worker.postMessage({ ...message, id }, transfer);
      } catch (error) {
        // A value that cannot cross threads (a function, a symbol among the parameters).
        reject(error);
        return;
      }
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  private settle(message: { id: number; ok: boolean; value?: unknown; error?: unknown }) {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if (message.ok) pending.resolve(message.value);
    else pending.reject(rebuildError(message.error));
  }

  /**
   * The worker is gone: every call waiting and every later one fails with the first cause, which is also
   * reported once (the server's log shows it; the exit that follows does not replace it).
   */
  private fail(error: Error) {
    if (!this.failure) {
      this.failure = error;
      process.emitWarning(`Встроенная база данных недоступна: ${error.message}`);
    }
    this.rejectPending(this.failure);
  }

  private rejectPending(error: Error) {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

/** Whether a query's parsers are exactly Drizzle's (installed once in PGlite's own table instead). */
export function isDrizzleParsers(parsers: Record<number, unknown>): boolean {
  const keys = Object.keys(parsers);
  return keys.length === DRIZZLE_TEXT_TYPES.length && DRIZZLE_TEXT_TYPES.every((oid) => oid in parsers);
}

/** The worker's error as an Error with the same fields (code, constraint, detail…). */
function rebuildError(fields: unknown): Error {
  const { name, message, stack, ...rest } = (fields ?? {}) as Record<string, unknown>;
  const error = new Error(typeof message === 'string' ? message : 'Ошибка встроенной базы данных');
  if (typeof name === 'string') error.name = name;
  if (typeof stack === 'string') error.stack = stack;
  return Object.assign(error, rest);
}
