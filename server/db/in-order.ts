/**
 * Several queries, one after another. A transaction is one connection, and node-postgres refuses (from pg 9;
 * pg 8 warns «Calling client.query() when the client is already executing a query») a query sent while the
 * previous one runs — which is what `Promise.all` over queries does on a transaction handle. Repositories
 * take a `Db` that may be a transaction, so their reads go through this instead of `Promise.all`.
 *
 * Each task is a Drizzle query not yet awaited (a builder runs when awaited) or a function starting one.
 */
type Task = PromiseLike<unknown> | (() => PromiseLike<unknown>);
type Result<T> = T extends () => PromiseLike<infer R> ? R : Awaited<T>;

export async function inOrder<const T extends readonly Task[]>(
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Result<T[K]> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await (typeof task === 'function' ? task() : task));
  return results as { -readonly [K in keyof T]: Result<T[K]> };
}

/** `items.map(query)` run one item after another (see inOrder). */
export async function mapInOrder<Item, R>(items: readonly Item[], query: (item: Item) => PromiseLike<R>) {
  const results: R[] = [];
  for (const item of items) results.push(await query(item));
  return results;
}
