/**
 * Gives DuckDB its wasm inside the engine worker. Hosted, DuckDB fetches the URL itself and
 * compiles while downloading (`instantiateStreaming`). In the single file opened from file://,
 * nothing can be fetched: the page sends the gzip-compressed wasm as base64 parts while it parses
 * them, and the worker's `fetch` answers DuckDB's request for a private URL with a stream fed by
 * those parts and decompressed on the fly. Parsing the page, decoding, decompressing and compiling
 * (DuckDB still uses `instantiateStreaming`) thus overlap instead of running one after another.
 */
import type { ToWorker, WasmSource } from './protocol.ts';

/** The URL DuckDB is told to load in single-file mode; `fetch` answers it without any network. */
export const EMBEDDED_WASM_URL = 'https://loupe.invalid/duckdb-eh.wasm';

export interface WorkerScope {
  fetch: typeof fetch;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void;
}

/** Returns the URL to give DuckDB, installing the in-worker answer for embedded wasm. */
export function prepareWasm(source: WasmSource, scope: WorkerScope): string {
  if (source.kind === 'url') return source.url;
  const gz = partsStream(scope);
  const original = scope.fetch.bind(scope);
  let answered = false;
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== EMBEDDED_WASM_URL || answered) return original(input, init);
    answered = true;
    const body = gz.pipeThrough(new DecompressionStream('gzip'));
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/wasm' } }));
  };
  return EMBEDDED_WASM_URL;
}

/** The gzip bytes as they arrive in `wasm-part` messages. */
function partsStream(scope: WorkerScope): ReadableStream<BufferSource> {
  let controller!: ReadableStreamDefaultController<BufferSource>;
  const stream = new ReadableStream<BufferSource>({ start: (c) => void (controller = c) });
  let closed = false;
  scope.addEventListener('message', (e) => {
    const m = e.data;
    if (m.kind !== 'wasm-part' || closed) return;
    if (m.base64) controller.enqueue(decodeBase64(m.base64));
    if (m.last) {
      closed = true;
      controller.close();
    }
  });
  return stream;
}

/** Native base64 decoding where the browser has it (Uint8Array.fromBase64), else atob. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> })
    .fromBase64;
  if (native) return native(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
