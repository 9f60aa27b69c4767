/**
 * Loupe's engine worker: DuckDB-WASM (blocking browser build) and one LoupeSession, driven by the
 * page through the protocol in protocol.ts. Started by src/ui/engine.ts.
 */
/// <reference lib="webworker" />
import { createBrowserEngine } from '../db/browser-engine.ts';
import { warmUpKqlFrontEnd } from '../kql/index.ts';
import { createSession } from '../session/session.ts';
import { hostSession, type Port } from './host.ts';
import { prepareWasm } from './wasm-source.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

hostSession(scope as unknown as Port, async (wasm, step) => {
  const initAt = Date.now();
  const t0 = performance.now();
  const phases: { name: string; ms: number }[] = [];
  let last = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push({ name, ms: Math.round(now - last) });
    last = now;
  };
  const wasmUrl = prepareWasm(wasm, scope);
  step('instantiating');
  // "instantiate" covers fetching (or decoding and decompressing) and compiling the wasm, which overlap.
  const engine = await createBrowserEngine({ wasmUrl, onPhase: phase });
  const version = engine.query('SELECT version() AS v').rows[0]?.[0];
  phase('first-query');
  step('session');
  const session = await createSession(engine);
  phase('session');
  // The KQL front end (Kusto.Language, 5 MB of script) loads once the engine is ready, not before:
  // a macrotask, so the page hears "ready" first.
  setTimeout(warmUpKqlFrontEnd, 0);
  return {
    session,
    engine,
    info: {
      duckdbVersion: String(version),
      startMs: Math.round(performance.now() - t0),
      phases,
      initAt,
      readyAt: Date.now(),
    },
  };
});
