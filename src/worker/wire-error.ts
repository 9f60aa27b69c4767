/**
 * Errors across the worker boundary. Structured cloning keeps an Error's message but drops its
 * class and extra fields, so a LoupeError's stage, code and position (what the UI needs to point
 * at the line and column) and its typed detail (what the UI acts on, e.g. the externaldata URL to
 * ask a file for) are copied out explicitly and the error is rebuilt on the page.
 */
import { LoupeError, type ErrorStage, type SourcePosition } from '../errors.ts';
import type { WireError } from './protocol.ts';

export function toWire(e: unknown): WireError {
  if (e instanceof LoupeError) {
    return {
      name: e.name,
      message: e.message,
      stage: e.stage,
      code: e.code,
      position: { ...e.position },
      ...(e.detail && { detail: e.detail }),
    };
  }
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The page-side error: a LoupeError when the worker threw one, else a plain Error. */
export function fromWire(w: WireError): Error {
  if (w.stage !== undefined && w.code !== undefined) {
    const e = new LoupeError(
      w.stage as ErrorStage,
      w.code,
      w.message,
      (w.position ?? {}) as SourcePosition,
      w.detail,
    );
    e.name = w.name;
    return e;
  }
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}
