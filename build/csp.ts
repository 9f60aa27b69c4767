/**
 * The Content-Security-Policy each build carries as a <meta> tag: Loupe must never talk to another
 * origin (analysts open it on air-gapped machines with confidential logs), and the policy makes the
 * browser enforce that, whatever a dependency might try.
 */

/** Hosted build (dist/site): scripts, worker and wasm come from the site itself and nowhere else. */
export const HOSTED_CSP = [
  "default-src 'none'",
  // DuckDB compiles its wasm: 'wasm-unsafe-eval' allows WebAssembly compilation, not JS eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // Svelte's scoped styles are in a stylesheet; inline style attributes are allowed for layout.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Single file (dist/loupe.html): its scripts are inline, allowed by their hashes; the worker starts
 * from a Blob URL; nothing at all may be fetched (`connect-src 'none'`): the wasm is decoded from
 * the page's own text.
 */
export function singleFileCsp(scriptHashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    "connect-src 'none'",
    'img-src data:',
    "style-src 'unsafe-inline'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function cspMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}
