/**
 * A query that can be cancelled while it runs, on DuckDB-WASM's blocking bindings.
 *
 * `conn.query()` runs a statement to its end inside one synchronous call: nothing else (not even
 * the worker's `cancel` message) can run until it returns. DuckDB's *pending* queries split the
 * work instead: `startPendingQuery` begins it, each `pollPendingQuery` executes a slice (about
 * 100 ms, measured) and answers null until the Arrow header is ready, and `cancelPendingQuery`
 * stops it (the next poll throws "query was canceled"; the connection stays usable). Between polls
 * we yield a *macrotask*, so that a `message` event (the page's cancel) is dispatched and aborts
 * the signal; a microtask would run before any event and never let it in.
 */
import { RecordBatchReader, Table } from 'apache-arrow';
import type { DuckDBBindings } from '@duckdb/duckdb-wasm/blocking';
import { abortError, throwIfCancelled } from './cancellation.ts';

/**
 * Resolves on the next turn of the event loop, after pending events. setImmediate under Node;
 * a MessageChannel in a worker or page (setTimeout(0) would be clamped to ≥ 4 ms after a few
 * nestings, which would add seconds to a long query).
 */
export const nextMacrotask: () => Promise<void> = (() => {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate;
    return () => new Promise<void>((resolve) => void setImmediate(resolve));
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
})();

/** When the thread last gave events a turn (performance.now()). */
let lastYield = 0;

/**
 * Gives events a turn when the thread has run for more than `budgetMs` since the last one. A
 * replay of many short runs (each query done within its first slice, so never polled) would
 * otherwise keep the thread for seconds without letting a cancel in; called between runs.
 */
export async function yieldIfBusy(budgetMs = 50): Promise<void> {
  if (performance.now() - lastYield < budgetMs) return;
  await nextMacrotask();
  lastYield = performance.now();
}

/**
 * Runs `sql` (one or more statements; the last one's result is returned) as a pending query,
 * polling until it is done and yielding to events between polls. Rejects with the abort error as
 * soon as `signal` aborts (within one poll slice), leaving the connection usable.
 */
export async function runPendingQuery(
  db: DuckDBBindings,
  connection: number,
  sql: string,
  signal?: AbortSignal,
): Promise<Table> {
  throwIfCancelled(signal);
  let header = db.startPendingQuery(connection, sql, false);
  while (header === null) {
    await nextMacrotask();
    lastYield = performance.now();
    if (signal?.aborted) {
      db.cancelPendingQuery(connection);
      try {
        // The poll after a cancel reports it ("query was canceled") and clears the pending state.
        db.pollPendingQuery(connection);
      } catch {
        // expected
      }
      throw abortError(signal);
    }
    header = db.pollPendingQuery(connection);
  }
  // The result is materialised (allowStreamResult false): the header, then its record batches;
  // null asks to fetch again, an empty buffer ends the stream.
  const messages: Uint8Array[] = [header];
  for (;;) {
    const batch = db.fetchQueryResults(connection);
    if (batch === null) continue;
    if (batch.length === 0) break;
    messages.push(batch);
  }
  const reader = RecordBatchReader.from(messages);
  reader.open();
  const batches = reader.readAll();
  // Built from the schema too, so that an empty result keeps its columns.
  return new Table(reader.schema, batches);
}
