/**
 * The JavaScript functions the native engine's worker can register: exactly those Loupe registers
 * on any engine — the KQL runtime (`installKqlRuntime`) and ingest's dynamic canonicaliser
 * (`ensureDynamicUdf`) — found by letting both register onto a recorder. Functions cannot cross
 * threads, so the worker builds its own from the same modules, and the engine on the caller's side
 * registers a function by name (engine.ts refuses a name that is not here).
 */
import type { ScalarUdf, SqlEngine } from '../engine.ts';
import { installKqlRuntime } from '../../kql/index.ts';
import { ensureDynamicUdf } from '../../ingest/dynamic-text.ts';

export function loupeFunctions(): ReadonlyMap<string, ScalarUdf> {
  const found = new Map<string, ScalarUdf>();
  const recorder = {
    registerUdf: (udf: ScalarUdf) => void found.set(udf.name, udf),
  } as unknown as SqlEngine;
  installKqlRuntime(recorder);
  ensureDynamicUdf(recorder);
  return found;
}
