// The embedded database in a worker thread (server/db/pglite-thread.ts is the other side). PGlite runs
// PostgreSQL compiled to WebAssembly on the thread that calls it: in the server's own thread, a burst of
// queries (100 schools opening their forms at once) keeps the event loop busy for seconds, and even
// `/api/health` waits. Here the WebAssembly and the parsing of the answers run beside the event loop.
//
// Plain JavaScript on purpose: a worker does not inherit the TypeScript loader of the main thread, and
// this file needs nothing but PGlite.
//
// Messages in: { id, op, ... } — open, query, exec, describe, begin, end, dump, close.
// Messages out: { id, ok: true, value } or { id, ok: false, error } with the error's own fields (code,
// constraint, detail…), which structured cloning would drop from an Error.
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Drizzle's text parsers (dates, timestamps, intervals and their arrays): the types come with `open`. */
const asText = (value) => value;

let client;
/** Open transactions by id: the queue of their statements and how they end. */
const transactions = new Map();

const errorFields = (error) => {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = { name: error.name, message: error.message, stack: error.stack };
  for (const key of Object.keys(error)) {
    const value = error[key];
    if (value === undefined || typeof value === 'function') continue;
    try {
      structuredClone(value);
      fields[key] = value;
    } catch {
      // A field that cannot cross threads is left out.
    }
  }
  return fields;
};

const post = (message, transfer = []) => {
  try {
    parentPort.postMessage(message, transfer);
  } catch (error) {
    // An answer that cannot cross threads fails its own call, not the worker.
    parentPort.postMessage({ id: message.id, ok: false, error: errorFields(error) });
  }
};

const answer = (id, promise) =>
  Promise.resolve()
    .then(() => promise())
    .then(
      (value) => post({ id, ok: true, value }, value instanceof ArrayBuffer ? [value] : []),
      (error) => post({ id, ok: false, error: errorFields(error) }),
    );

/** A transaction held open while the main thread sends its statements, ended by `end`. */
function begin(id) {
  let release;
  const ended = new Promise((resolve) => (release = resolve));
  const entry = { tx: undefined, ended: undefined, release };
  transactions.set(id, entry);
  return new Promise((resolve, reject) => {
    entry.ended = client
      .transaction(async (tx) => {
        entry.tx = tx;
        resolve(null);
        const { commit } = await ended;
        if (!commit) throw Object.assign(new Error('rollback'), { pedmonitorRollback: true });
      })
      .catch((error) => {
        if (!error?.pedmonitorRollback) throw error;
      })
      .finally(() => transactions.delete(id));
    entry.ended.catch(reject);
  });
}

const target = (tx) => {
  if (tx === undefined) return client;
  const entry = transactions.get(tx);
  if (!entry?.tx) throw new Error(`Транзакция ${tx} не открыта`);
  return entry.tx;
};

parentPort.on('message', (message) => {
  const { id, op } = message;
  switch (op) {
    case 'open':
      answer(id, async () => {
        const options = message.loadDataDir ? { loadDataDir: new Blob([message.loadDataDir]) } : {};
        client = message.dataDir ? new PGlite(message.dataDir, options) : new PGlite(options);
        await client.waitReady;
        for (const oid of message.textTypes) client.parsers[oid] = asText;
        return null;
      });
      break;
    case 'query':
      answer(id, () =>
        target(message.tx).query(
          message.sql,
          message.params,
          message.rowMode ? { rowMode: message.rowMode } : {},
        ),
      );
      break;
    case 'exec':
      answer(id, () => target(message.tx).exec(message.sql));
      break;
    case 'describe':
      // Without the serializers and parsers (functions, which cannot cross threads).
      answer(id, async () => {
        const { queryParams, resultFields } = await client.describeQuery(message.sql);
        return {
          queryParams: queryParams.map((p) => ({ dataTypeID: p.dataTypeID })),
          resultFields: resultFields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        };
      });
      break;
    case 'begin':
      answer(id, () => begin(message.tx));
      break;
    case 'end':
      answer(id, async () => {
        const entry = transactions.get(message.tx);
        if (!entry) throw new Error(`Транзакция ${message.tx} не открыта`);
        entry.release({ commit: message.commit });
        await entry.ended;
        return null;
      });
      break;
    case 'dump':
      answer(id, async () => (await client.dumpDataDir(message.compression ?? 'none')).arrayBuffer());
      break;
    case 'close':
      answer(id, async () => {
        await client?.close();
        return null;
      });
      break;
    default:
      post({ id, ok: false, error: { message: `Неизвестная операция ${op}` } });
  }
});
