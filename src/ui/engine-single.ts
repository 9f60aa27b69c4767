/**
 * Starts the engine worker in the single-file build (dist/loupe.html), which must work from
 * file://, where browsers fetch neither workers nor wasm: the worker's code is inlined and started
 * from a Blob URL (as a classic script: Chromium refuses module workers from blob: under file://), and the wasm travels in the page as gzip+base64 text (a non-executed script
 * element the build adds, see build/single-file.ts) that the worker decodes and decompresses.
 */
import EngineWorker from '../worker/engine.worker.ts?worker&inline';
import { EngineClient } from '../worker/client.ts';

/** The id of the element holding the compressed wasm (shared with the build plugin). */
export const EMBEDDED_WASM_ELEMENT_ID = 'loupe-duckdb-wasm';

export function startEngine(): EngineClient {
  // The worker starts now, while the page is still parsing the wasm text that follows this script.
  const client = new EngineClient(new EngineWorker({ name: 'loupe-engine' }));
  const sendWasm = () => {
    const holder = document.getElementById(EMBEDDED_WASM_ELEMENT_ID);
    const base64 = holder?.textContent?.trim() ?? '';
    // The text is no longer needed on the page; dropping it lets the browser free ~10 MB.
    holder?.remove();
    client.init({ kind: 'gzip-base64', base64 });
    performance.mark('loupe:wasm-sent'); // read by bench/startup.ts
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', sendWasm, { once: true });
  else sendWasm();
  return client;
}
