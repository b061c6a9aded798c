import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { registryGeneration } from '../../db/schema/index.ts';

/**
 * Values computed from the registry, kept in the server's memory while the registry generation stays the
 * same. The generation (`registry_generation`, migration 0017) is raised by every committed transaction
 * that wrote a table indicators are computed from — teachers and every kind of their records, positions,
 * the catalogs, vacancies, mentoring, associations, events, the reserve, the organizations, the programs and
 * the campaigns' participants — whether it came from a card, an import, a seed or the CLI, and by any
 * process. A value kept under generation N is therefore never older than the data a reader at N sees:
 * nothing is invalidated by hand, a changed generation simply misses.
 *
 * Kept per database handle (a transaction's handle gets its own, short-lived store, so uncommitted writes
 * never reach the shared one), at most `LIMIT` entries, the least recently used let go first. Readers of
 * one key at once share one computation.
 */
const LIMIT = 5_000;

/**
 * What a value was computed at: the registry generation, or a text stamp of several states (then an entry
 * is replaced whenever the stamp differs).
 */
export type Generation = number | string;

interface Entry {
  generation: Generation;
  value: Promise<unknown>;
  /** Set once the computation has succeeded. */
  settled?: { value: unknown };
}

const stores = new WeakMap<Db, Map<string, Entry>>();

/** The registry generation as this connection sees it now (one read of one row). */
export async function readRegistryGeneration(db: Db): Promise<number> {
  const [row] = await db
    .select({ value: registryGeneration.value })
    .from(registryGeneration)
    .where(eq(registryGeneration.id, 1));
  return row?.value ?? 0;
}

/**
 * The value kept under `key` for `generation`, or `compute()` run once and kept. `generation` must have
 * been read before `compute` reads anything (so what it reads is at least that new); a failed computation
 * is not kept.
 */
export function keptFor<T>(
  db: Db,
  key: string,
  generation: Generation,
  compute: () => Promise<T>,
): Promise<T> {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  const entry = store.get(key);
  if (entry && entry.generation === generation) {
    store.delete(key);
    store.set(key, entry);
    return entry.value as Promise<T>;
  }
  const value = compute();
  // A reader that saw an older generation than the kept value's does not replace it.
  if (entry && isNewer(entry.generation, generation)) return value;
  const kept: Entry = { generation, value };
  store.set(key, kept);
  if (store.size > LIMIT) store.delete(store.keys().next().value!);
  value.then(
    (v) => {
      kept.settled = { value: v };
    },
    () => {
      if (store.get(key) === kept) store.delete(key);
    },
  );
  return value;
}

/**
 * The value kept under `key` for `generation` if its computation has finished, else undefined — never a
 * computation in flight. For a transaction: on PGlite a computation running on the shared handle waits
 * for the transaction to end, so a transaction that awaited it would wait for itself.
 */
export function keptIfReady<T>(db: Db, key: string, generation: Generation): T | undefined {
  const entry = stores.get(db)?.get(key);
  return entry?.generation === generation ? (entry.settled?.value as T | undefined) : undefined;
}

const isNewer = (kept: Generation, read: Generation) =>
  typeof kept === 'number' && typeof read === 'number' && kept > read;

/** How many values are kept for this handle (for tests). */
export const keptCount = (db: Db) => stores.get(db)?.size ?? 0;
