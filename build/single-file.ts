/**
 * Vite plugin for Loupe's single-file build (`vite build --mode single` → dist/loupe.html), the
 * file analysts carry to an air-gapped machine and open from file://. vite-plugin-singlefile inlines
 * the app's JavaScript and CSS; this plugin adds what it cannot:
 * - the engine worker's code (7 MB, most of it the KQL front end), gzip-compressed and
 *   base64-encoded in a non-executed <script> element before the app's script, which
 *   src/ui/engine-single.ts decompresses and starts from a Blob URL — inlined as plain text in the
 *   app's script it made the file 4 MB larger and the page a second slower to first show;
 * - DuckDB's 34 MB wasm, likewise in parts after the app's script (src/ui/engine-single.ts streams
 *   them to the worker);
 * - a CSP allowing exactly the inline scripts by hash.
 * It then writes dist/loupe.html and prints its size and SHA-256 for verification.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { build, type Plugin, type PluginOption } from 'vite';
import { cspMeta, singleFileCsp } from './csp.ts';

/** Must match WASM_PART_CLASS and WORKER_CODE_CLASS in src/ui/engine-single.ts. */
const WASM_PART_CLASS = 'loupe-wasm-part';
const WORKER_CODE_CLASS = 'loupe-worker-code';
/** The engine worker's source, built on its own into one classic script (an IIFE). */
const WORKER_ENTRY = 'src/worker/engine.worker.ts';
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
  /** How the engine worker is built: the app's module aliases and the worker's own plugins. */
  readonly worker: {
    readonly alias: Record<string, string>;
    readonly plugins: () => PluginOption[];
    readonly target: string;
  };
}

export function loupeSingleFile(options: SingleFileOptions): Plugin {
  const require = createRequire(import.meta.url);
  let failed = false;
  let workerCode: string | undefined;
  return {
    name: 'loupe:single-file',
    apply: 'build',
    enforce: 'post',
    // The worker is built first, on its own, in memory (the app never imports it in this build).
    async buildStart() {
      const out = await build({
        configFile: false,
        logLevel: 'warn',
        plugins: options.worker.plugins(),
        resolve: { alias: options.worker.alias },
        build: {
          write: false,
          target: options.worker.target,
          minify: true,
          lib: {
            entry: WORKER_ENTRY,
            formats: ['iife'],
            name: 'LoupeEngineWorker',
            fileName: () => 'engine.worker.js',
          },
          // One classic script (see vite.config.ts's worker options for why strictExecutionOrder).
          rolldownOptions: { output: { codeSplitting: false, strictExecutionOrder: true } },
        },
      });
      const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) =>
        'output' in o ? o.output : [],
      );
      const chunk = outputs.find((o) => o.type === 'chunk' && o.fileName === 'engine.worker.js');
      if (!chunk || chunk.type !== 'chunk')
        throw new Error('loupe:single-file: building the engine worker gave no script');
      workerCode = chunk.code;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (workerCode === undefined)
          throw new Error('loupe:single-file: the engine worker was not built');
        const workerGz = gzipSync(Buffer.from(workerCode), {
          level: constants.Z_BEST_COMPRESSION,
          memLevel: 9,
        }).toString('base64');
        html = html.replace(
          '</head>',
          () =>
            `<script type="application/octet-stream" class="${WORKER_CODE_CLASS}">${workerGz}</script>\n</head>`,
        );
        const wasm = readFileSync(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
        const gz = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 });
        const parts: string[] = [];
        for (let at = 0; at < gz.length; at += PART_BYTES) {
          const b64 = gz.subarray(at, at + PART_BYTES).toString('base64');
          parts.push(
            `<script type="application/octet-stream" class="${WASM_PART_CLASS}">${b64}</script>`,
          );
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
      const html = moveAppScriptBeforeWasm(
        readFileSync(join(options.tempDir, 'index.html'), 'utf8'),
      );
      const hashes: string[] = [];
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/type="application\/octet-stream"/.test(m[1]!)) continue; // data, never executed
        hashes.push(createHash('sha256').update(m[2]!, 'utf8').digest('base64'));
      }
      // The policy goes first in <head>, before anything it must govern.
      const out = html.replace(
        /<meta charset="utf-8" \/>/i,
        (m) => `${m}\n    ${cspMeta(singleFileCsp(hashes))}`,
      );
      if (out === html)
        throw new Error('loupe:single-file: no <meta charset> to place the CSP after');
      writeFileSync(options.output, out);
      rmSync(options.tempDir, { recursive: true, force: true });
      const sha = createHash('sha256').update(out).digest('hex');
      console.error(
        `\nloupe: wrote ${options.output} (${(Buffer.byteLength(out) / 1024 / 1024).toFixed(2)} MB)\nloupe: SHA-256 ${sha}`,
      );
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
  if (scripts.length !== 1)
    throw new Error(
      `loupe:single-file: expected one inline module script, found ${scripts.length}`,
    );
  const tag = scripts[0]![0].trim().replace('<script type="module"', '<script type="module" async');
  const holder = `<script type="application/octet-stream" class="${WASM_PART_CLASS}">`;
  const without = html.replace(scripts[0]![0], () => '');
  if (!without.includes(holder)) throw new Error('loupe:single-file: the wasm parts are missing');
  // Function replacers throughout: the script holds `$&`-like text a replacement string would expand.
  return without.replace(holder, () => `${tag}\n${holder}`);
}
