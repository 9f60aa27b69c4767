/**
 * Gives DuckDB its wasm inside the engine worker. Hosted, DuckDB fetches the URL itself and
 * compiles while downloading (`instantiateStreaming`). In the single file opened from file://,
 * nothing can be fetched, so the page hands the worker the gzip-compressed wasm and the worker's
 * `fetch` answers DuckDB's request for a private URL with a stream that decompresses those bytes:
 * DuckDB still uses `instantiateStreaming`, so decompression and compilation overlap.
 */
import type { WasmSource } from './protocol.ts';

/** The URL DuckDB is told to load in single-file mode; it never reaches the network. */
export const EMBEDDED_WASM_URL = 'https://loupe.invalid/duckdb-eh.wasm';

/** Returns the URL to give DuckDB, installing the in-worker fetch answer when needed. */
export function prepareWasm(source: WasmSource, scope: { fetch: typeof fetch }): string {
  if (source.kind === 'url') return source.url;
  const original = scope.fetch.bind(scope);
  const bytes = source.bytes;
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== EMBEDDED_WASM_URL) return original(input, init);
    const body = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/wasm' } }));
  };
  return EMBEDDED_WASM_URL;
}
