/**
 * A worker that is still being created (the single file decompresses the engine worker's code
 * first): messages and listeners given meanwhile are queued and handed over once it exists, so
 * the EngineClient can start at once. A worker that cannot be created reports an `error` event, as
 * a worker that fails to load does.
 */
import type { EngineWorker } from '../worker/client.ts';
import type { FromWorker, ToWorker } from '../worker/protocol.ts';

type Listener =
  | { type: 'message'; fn: (e: MessageEvent<FromWorker>) => void }
  | { type: 'error'; fn: (e: ErrorEvent) => void };

export class QueuedWorker implements EngineWorker {
  private worker: Worker | undefined;
  private failed = false;
  private readonly queue: { message: ToWorker; transfer?: Transferable[] }[] = [];
  private readonly listeners: Listener[] = [];

  constructor(created: Promise<Worker>) {
    created.then(
      (w) => {
        this.worker = w;
        for (const l of this.listeners) w.addEventListener(l.type, l.fn as EventListener);
        for (const q of this.queue.splice(0)) w.postMessage(q.message, q.transfer ?? []);
      },
      (e: unknown) => {
        this.failed = true;
        const event = new ErrorEvent('error', {
          message: e instanceof Error ? e.message : String(e),
        });
        for (const l of this.listeners) if (l.type === 'error') l.fn(event);
      },
    );
  }

  postMessage(message: ToWorker, transfer?: Transferable[]): void {
    if (this.worker) this.worker.postMessage(message, transfer ?? []);
    else if (!this.failed) this.queue.push({ message, ...(transfer && { transfer }) });
  }

  addEventListener(type: 'message', fn: (e: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', fn: (e: ErrorEvent) => void): void;
  addEventListener(
    type: 'message' | 'error',
    fn: ((e: MessageEvent<FromWorker>) => void) | ((e: ErrorEvent) => void),
  ): void {
    const l = { type, fn } as Listener;
    this.listeners.push(l);
    this.worker?.addEventListener(type, fn as EventListener);
  }

  terminate(): void {
    this.worker?.terminate();
  }
}
