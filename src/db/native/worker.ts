/**
 * The native engine's worker thread (started by engine.ts through worker-boot.mjs). It first
 * checks that native DuckDB loads on this machine, and says why not when it does not; only then
 * is the part that uses it (serve.ts) imported.
 */
import { workerData } from 'node:worker_threads';
import { NATIVE_PACKAGE, unavailableReason } from './availability.ts';
import type { NativeHello, NativeWorkerData } from './protocol.ts';

const data = workerData as NativeWorkerData & { readonly moduleName?: string };

try {
  await import(data.moduleName ?? NATIVE_PACKAGE);
} catch (e) {
  data.hello.postMessage({
    kind: 'unavailable',
    reason: unavailableReason(e),
  } satisfies NativeHello);
  data.hello.close();
  data.requests.close();
  process.exit(0);
}
const { serveNative } = await import('./serve.ts');
await serveNative(data);
