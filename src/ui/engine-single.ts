/**
 * Starts the engine worker in the single-file build (dist/loupe.html), which must work from
 * file://, where browsers fetch neither workers nor wasm. The worker's code travels in the page as
 * gzip+base64 text in a non-executed script element in <head> (build/single-file.ts); it is
 * decompressed and started from a Blob URL (as a classic script: Chromium refuses module workers
 * from blob: under file://), and messages sent meanwhile wait (QueuedWorker). The wasm travels as
 * gzip+base64 text split over several elements after this script: each part goes to the worker as
 * soon as the parser has finished it, so the worker decompresses and compiles while the page is
 * still parsing.
 */
import { EngineClient } from '../worker/client.ts';
import { QueuedWorker } from './queued-worker.ts';

/** The class of the elements holding the compressed wasm parts (shared with the build plugin). */
export const WASM_PART_CLASS = 'loupe-wasm-part';
/** The class of the element holding the worker's compressed code (shared with the build plugin). */
export const WORKER_CODE_CLASS = 'loupe-worker-code';

async function workerFromPage(): Promise<Worker> {
  const el = document.getElementsByClassName(WORKER_CODE_CLASS)[0];
  if (!el?.textContent) throw new Error("the engine worker's code is missing from this file");
  const gz = Uint8Array.from(atob(el.textContent), (c) => c.charCodeAt(0));
  el.textContent = '';
  const code = await new Response(
    new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip')),
  ).blob();
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  return new Worker(url, { name: 'loupe-engine' });
}

export function startEngine(): EngineClient {
  const worker = new QueuedWorker(workerFromPage());
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
