/**
 * A request the analyst may wait on (a replay, a pivot, a query…) and can cancel: whether it is
 * running, its progress when the worker reports one, and whether the last run was cancelled. The
 * UI shows a busy indicator with a Cancel button for it (BusyIndicator.svelte); cancelling sends
 * the worker's `cancel`, and the request rejects with an AbortError, which is not a failure: the
 * caller keeps what it showed before.
 */
import { isCancellation } from '../../db/cancellation.ts';

/** How a task ended: with its value, or cancelled by the analyst (errors are thrown as they are). */
export type TaskOutcome<T> = { readonly done: true; readonly value: T } | { readonly done: false };

export class Task<P = never> {
  running = $state(false);
  /** The latest progress the request reported (null until the first, and when not running). */
  progress = $state<P | null>(null);
  /** True after the analyst cancelled the last run, until the next run starts. */
  cancelled = $state(false);
  private abort: AbortController | null = null;

  /**
   * Runs `request` with a fresh signal. A run started while another runs cancels the other (the
   * newer question wins; the older one's outcome is `done: false`).
   */
  async run<T>(
    request: (signal: AbortSignal, onProgress: (p: P) => void) => Promise<T>,
  ): Promise<TaskOutcome<T>> {
    this.abort?.abort(new DOMException('Replaced by a newer request', 'AbortError'));
    const abort = new AbortController();
    this.abort = abort;
    this.running = true;
    this.cancelled = false;
    this.progress = null;
    try {
      const value = await request(abort.signal, (p) => {
        if (this.abort === abort) this.progress = p;
      });
      return { done: true, value };
    } catch (e) {
      if (abort.signal.aborted && isCancellation(e)) {
        if (this.abort === abort) this.cancelled = true;
        return { done: false };
      }
      throw e;
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.running = false;
        this.progress = null;
      }
    }
  }

  /** Cancels the running request, if any (the worker stops it within about a tenth of a second). */
  cancel(): void {
    this.abort?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }

  /** Forgets a past cancel (e.g. when the thing it was about is replaced). */
  clearCancelled(): void {
    this.cancelled = false;
  }
}
