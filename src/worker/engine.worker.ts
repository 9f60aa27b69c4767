/**
 * Loupe's engine worker: DuckDB-WASM (blocking browser build) and one LoupeSession, driven by the
 * page through the protocol in protocol.ts. Started by src/ui/engine.ts.
 */
/// <reference lib="webworker" />
import { createBrowserEngine } from '../db/browser-engine.ts';
import { createSession } from '../session/session.ts';
import { hostSession, type Port } from './host.ts';
import { prepareWasm } from './wasm-source.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

hostSession(scope as unknown as Port, async (wasm, step) => {
  const t0 = performance.now();
  const wasmUrl = prepareWasm(wasm, scope);
  step('instantiating');
  const engine = await createBrowserEngine({ wasmUrl });
  const version = engine.query('SELECT version() AS v').rows[0]?.[0];
  step('session');
  const session = await createSession(engine);
  return { session, info: { duckdbVersion: String(version), startMs: Math.round(performance.now() - t0) } };
});
