/**
 * Starts the engine worker in the single-file build (dist/loupe.html), which must work from
 * file://, where browsers fetch neither workers nor wasm: the worker's code is inlined and started
 * from a Blob URL (as a classic script: Chromium refuses module workers from blob: under file://),
 * and the wasm travels in the page as gzip+base64 text split over several non-executed script
 * elements after this script (build/single-file.ts). Each part goes to the worker as soon as the
 * parser has finished it, so the worker decompresses and compiles while the page is still parsing.
 */
import EngineWorker from '../worker/engine.worker.ts?worker&inline';
import { EngineClient } from '../worker/client.ts';

/** The class of the elements holding the compressed wasm parts (shared with the build plugin). */
export const WASM_PART_CLASS = 'loupe-wasm-part';

export function startEngine(): EngineClient {
  const worker = new EngineWorker({ name: 'loupe-engine' });
  const client = new EngineClient(worker);
  client.init({ kind: 'gzip-parts' });

  const parts = document.getElementsByClassName(WASM_PART_CLASS); // live: grows as the page parses
  let sent = 0;
  /** Sends every finished part: all but the newest while parsing, all of them once parsed. */
  const send = (done: boolean) => {
    const ready = done ? parts.length : parts.length - 1;
    while (sent < ready) {
      const el = parts[sent++]!;
      const base64 = el.textContent ?? '';
      el.textContent = ''; // the page need not keep ~10 MB of text
      worker.postMessage({ kind: 'wasm-part', base64, last: done && sent === ready });
    }
    if (done && ready === 0) worker.postMessage({ kind: 'wasm-part', base64: '', last: true });
    if (done) performance.mark('loupe:wasm-sent'); // read by bench/startup.ts
  };
  if (document.readyState === 'loading') {
    const observer = new MutationObserver(() => send(false));
    observer.observe(document.body ?? document.documentElement, { childList: true });
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        observer.disconnect();
        send(true);
      },
      { once: true },
    );
  } else send(true);
  return client;
}
