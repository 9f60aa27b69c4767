/**
 * Gives DuckDB its wasm inside the engine worker. Hosted, DuckDB fetches the URL itself and
 * compiles while downloading (`instantiateStreaming`). In the single file opened from file://,
 * nothing can be fetched, so the page hands the worker the gzip-compressed wasm (base64 text) and
 * the worker's `fetch` answers DuckDB's request for a private URL with a stream that decompresses
 * those bytes: DuckDB still uses `instantiateStreaming`, so decompression and compilation overlap.
 */
import type { WasmSource } from './protocol.ts';

/** The URL DuckDB is told to load in single-file mode; `fetch` answers it without any network. */
export const EMBEDDED_WASM_URL = 'https://loupe.invalid/duckdb-eh.wasm';

/** Returns the URL to give DuckDB, installing the in-worker answer for embedded wasm. */
export function prepareWasm(source: WasmSource, scope: { fetch: typeof fetch }): string {
  if (source.kind === 'url') return source.url;
  const original = scope.fetch.bind(scope);
  let base64: string | null = source.base64;
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== EMBEDDED_WASM_URL || base64 === null) return original(input, init);
    const gz = decodeBase64(base64);
    base64 = null; // answered once; let the text be collected
    const body = new Blob([gz as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/wasm' } }));
  };
  return EMBEDDED_WASM_URL;
}

/** Native base64 decoding where the browser has it (Uint8Array.fromBase64), else atob. */
function decodeBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
