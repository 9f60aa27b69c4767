/**
 * Vite plugin for Loupe's single-file build (`vite build --mode single` → dist/loupe.html), the
 * file analysts carry to an air-gapped machine and open from file://. vite-plugin-singlefile inlines
 * the JavaScript and CSS (the engine worker is inlined by `?worker&inline`); this plugin adds what
 * it cannot: DuckDB's 34 MB wasm, gzip-compressed and base64-encoded in non-executed <script>
 * elements (src/ui/engine-single.ts streams them to the worker), and a CSP allowing exactly the inline
 * scripts by hash. It then writes dist/loupe.html and prints its size and SHA-256 for verification.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';
import { cspMeta, singleFileCsp } from './csp.ts';

/** Must match WASM_PART_CLASS in src/ui/engine-single.ts. */
const WASM_PART_CLASS = 'loupe-wasm-part';
/**
 * Bytes of gzip per part: a multiple of 3, so each part is base64 on its own. Parts let the page
 * send the wasm to the worker while it is still parsing the rest (about 8 parts of 1.4 MB text).
 */
const PART_BYTES = 3 * 349_525; // 1 MiB - 1

export interface SingleFileOptions {
  /** Where the intermediate build lands (deleted afterwards). */
  readonly tempDir: string;
  /** The file to write, e.g. dist/loupe.html. */
  readonly output: string;
}

export function loupeSingleFile(options: SingleFileOptions): Plugin {
  const require = createRequire(import.meta.url);
  let failed = false;
  return {
    name: 'loupe:single-file',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const wasm = readFileSync(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
        const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
        const parts: string[] = [];
        for (let at = 0; at < gz.length; at += PART_BYTES) {
          const b64 = gz.subarray(at, at + PART_BYTES).toString('base64');
          parts.push(`<script type="application/octet-stream" class="${WASM_PART_CLASS}">${b64}</script>`);
        }
        return html.replace('</body>', () => `${parts.join('\n')}\n</body>`);
      },
    },
    // closeBundle also runs after a failed build; let that failure be the one reported.
    buildEnd(error) {
      failed = error !== undefined;
    },
    renderError() {
      failed = true;
    },
    closeBundle() {
      if (failed) return;
      const html = moveAppScriptBeforeWasm(readFileSync(join(options.tempDir, 'index.html'), 'utf8'));
      const hashes: string[] = [];
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/type="application\/octet-stream"/.test(m[1]!)) continue; // data, never executed
        hashes.push(createHash('sha256').update(m[2]!, 'utf8').digest('base64'));
      }
      // The policy goes first in <head>, before anything it must govern.
      const out = html.replace(/<meta charset="utf-8" \/>/i, (m) => `${m}\n    ${cspMeta(singleFileCsp(hashes))}`);
      if (out === html) throw new Error('loupe:single-file: no <meta charset> to place the CSP after');
      writeFileSync(options.output, out);
      rmSync(options.tempDir, { recursive: true, force: true });
      const sha = createHash('sha256').update(out).digest('hex');
      console.error(`\nloupe: wrote ${options.output} (${(Buffer.byteLength(out) / 1024 / 1024).toFixed(2)} MB)\nloupe: SHA-256 ${sha}`);
    },
  };
}

/**
 * The page must be usable at once, but module scripts wait for the whole document to be parsed,
 * and this document ends with ~10 MB of base64. So the app's (inline) script moves to the end of
 * <body>, just before the wasm text, and becomes `async`: it runs as soon as it is parsed, renders
 * the UI and starts the worker while the parser is still reading the wasm text
 * (src/ui/engine-single.ts waits for DOMContentLoaded before reading it).
 */
function moveAppScriptBeforeWasm(html: string): string {
  const scripts = [...html.matchAll(/<script type="module"([^>]*)>[\s\S]*?<\/script>\n?/g)];
  if (scripts.length !== 1) throw new Error(`loupe:single-file: expected one inline module script, found ${scripts.length}`);
  const tag = scripts[0]![0].trim().replace('<script type="module"', '<script type="module" async');
  const holder = `<script type="application/octet-stream" class="${WASM_PART_CLASS}">`;
  const without = html.replace(scripts[0]![0], () => '');
  if (!without.includes(holder)) throw new Error('loupe:single-file: the wasm parts are missing');
  // Function replacers throughout: the script holds `$&`-like text a replacement string would expand.
  return without.replace(holder, () => `${tag}\n${holder}`);
}
