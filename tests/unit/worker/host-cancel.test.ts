/**
 * The worker's side of Cancel, end to end through the message protocol (host.ts) over a real Node
 * session: a `cancel` message aborts the running replay, which answers an error named AbortError;
 * the tables and the rule are intact and the next replay gives the full report. Progress messages
 * carry their request's type. The cancel is sent from the replay's own progress message (after
 * run 3), so the test does not depend on the machine's speed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import type { ReplayReport } from '../../../src/rules/api.ts';
import { createSession } from '../../../src/session/session.ts';
import { hostSession, type Port } from '../../../src/worker/host.ts';
import type {
  FromWorker,
  PayloadOf,
  RequestType,
  ResultOf,
  ToWorker,
  WireError,
} from '../../../src/worker/protocol.ts';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'static', 'demo');

/** A port whose messages are delivered at once: the test plays the page. */
class TestPort implements Port {
  private readonly listeners: ((e: MessageEvent<ToWorker>) => void)[] = [];
  readonly received: FromWorker[] = [];
  /** Called for each message the worker posts (the page reacting to it). */
  onMessage: (m: FromWorker) => void = () => {};
  private nextId = 1;

  postMessage(m: FromWorker): void {
    this.received.push(m);
    this.onMessage(m);
  }
  addEventListener(_type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void {
    this.listeners.push(fn);
  }
  send(m: ToWorker): void {
    for (const fn of this.listeners) fn({ data: m } as MessageEvent<ToWorker>);
  }
  /** Sends a request; resolves with its result or rejects with its wire error. */
  request<K extends RequestType>(
    type: K,
    payload: PayloadOf<K>,
  ): { id: number; answer: Promise<ResultOf<K>> } {
    const id = this.nextId++;
    const answer = new Promise<ResultOf<K>>((resolve, reject) => {
      const before = this.onMessage;
      this.onMessage = (m) => {
        before(m);
        if ((m.kind === 'result' || m.kind === 'error') && m.id === id) {
          if (m.kind === 'result') resolve(m.result as ResultOf<K>);
          else reject(m.error);
        }
      };
    });
    this.send({ kind: 'request', id, type, payload } as ToWorker);
    return { id, answer };
  }
}

let engine: SqlEngine | undefined;
const port = new TestPort();

beforeAll(async () => {
  hostSession(port, async () => {
    engine = await createNodeEngine();
    const session = await createSession(engine);
    return {
      session,
      engine,
      info: { duckdbVersion: 'test', startMs: 0, phases: [], initAt: 0, readyAt: 0 },
    };
  });
  port.send({ kind: 'init', wasm: { kind: 'url', url: 'unused' } });
  for (const f of ['AADNonInteractiveUserSignInLogs.csv.gz', 'AADRiskyUsers.csv']) {
    await port.request('load', { name: f, file: new Blob([readFileSync(join(DEMO, f))]) }).answer;
  }
  await port.request('readRule', {
    text: readFileSync(join(DEMO, 'risky-user-silent-signins.yaml'), 'utf8'),
    fileName: 'risky-user-silent-signins.yaml',
  }).answer;
}, 120_000);
afterAll(() => engine?.close());

describe('cancel through the worker protocol', () => {
  it('a cancel message stops a replay (AbortError); the tables stay, and the next replay is whole', async () => {
    const reference = await port.request('replay', { strategy: 'per-run' }).answer;
    expect(reference.alerts.map((a) => a.runAt)).toEqual([
      '2026-06-15T16:00:00.000Z',
      '2026-06-15T17:00:00.000Z',
    ]);
    const tables = await port.request('tables', null).answer;

    const start = port.received.length;
    const replay = port.request('replay', { strategy: 'per-run' });
    const previous = port.onMessage;
    port.onMessage = (m) => {
      previous(m);
      if (
        m.kind === 'progress' &&
        m.type === 'replay' &&
        m.id === replay.id &&
        m.progress.runsDone === 3
      )
        port.send({ kind: 'cancel', id: replay.id });
    };
    const error = await replay.answer.then(
      () => undefined,
      (e: WireError) => e,
    );
    port.onMessage = previous;
    expect(error).toMatchObject({ name: 'AbortError' });
    // Progress was typed as the replay's, and stopped at the cancel.
    const progress = port.received
      .slice(start)
      .filter((m) => m.kind === 'progress' && m.id === replay.id);
    expect(
      progress.map((m) =>
        m.kind === 'progress' && m.type === 'replay' ? m.progress.runsDone : -1,
      ),
    ).toEqual([0, 1, 2, 3]);

    expect(await port.request('tables', null).answer).toEqual(tables);
    const again: ReplayReport = await port.request('replay', { strategy: 'per-run' }).answer;
    expect(again).toEqual(reference);
  });

  it('a request cancelled while queued behind another never runs', async () => {
    const first = port.request('run', {
      text: 'SELECT count(*) AS n FROM range(3000000) r(x)',
      language: 'sql',
    });
    const second = port.request('dropTable', { name: 'AADRiskyUsers' });
    port.send({ kind: 'cancel', id: second.id });
    expect((await first.answer).rows).toEqual([[3_000_000]]);
    await expect(second.answer).rejects.toMatchObject({ name: 'AbortError' });
    expect((await port.request('tables', null).answer).map((t) => t.name)).toContain(
      'AADRiskyUsers',
    );
  });
});
