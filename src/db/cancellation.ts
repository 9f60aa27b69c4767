/**
 * Cancellation as Loupe reports it. A cancelled query or replay rejects with the signal's abort
 * reason when it is an Error (as fetch() does; the engine worker aborts with a DOMException named
 * AbortError), else with a new AbortError. File loads throw ingest's LoupeError 'cancelled'
 * instead (it names the file); `isCancellation` recognises both, so callers say "cancelled", not
 * "failed".
 */
import { LoupeError } from '../errors.ts';

export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('Cancelled by the user', 'AbortError');
}

/** Throws the abort error when the signal is aborted (checked between a replay's runs). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** Whether an error is the analyst's cancel rather than a failure. */
export function isCancellation(e: unknown): boolean {
  if (e instanceof LoupeError) return e.code === 'cancelled';
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
