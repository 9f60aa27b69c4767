import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { cspMeta, HOSTED_CSP } from './build/csp.ts';
import { loupeSingleFile } from './build/single-file.ts';
import { kustoLanguageScripts } from './build/kusto-language.ts';
import { catalogGzip } from './build/catalog-gzip.ts';
import { thirdPartyLicences } from './build/licences.ts';

const require = createRequire(import.meta.url);

/** The hosted build's Content-Security-Policy, as the first thing in <head> (build/csp.ts). */
const hostedCsp: Plugin = {
  name: 'loupe:csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(/<meta charset="utf-8" \/>/i, (m) => `${m}\n    ${cspMeta(HOSTED_CSP)}`),
};

// One config for the app builds and both test projects.
//   vite build                → dist/site: the static site (relative paths, hashed long-cache assets)
//   vite build --mode single  → dist/loupe.html: one self-contained file that works from file://
// DuckDB-WASM's blocking browser build (run in Loupe's engine worker) is shipped in the package but
// not listed in its `exports`; reach the file directly. Types: src/db/duckdb-browser-blocking.d.ts.
const alias = {
  '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': require
    .resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')
    .replace(/duckdb-eh\.wasm$/, 'duckdb-browser-blocking.mjs'),
};

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  // The notices of every package bundled into the page and into the engine worker (build/licences.ts).
  const licences = thirdPartyLicences();
  // The engine worker's plugins: Kusto.Language's scripts run on first use (build/kusto-language.ts),
  // the schema catalog travels gzipped and is inflated on first use (build/catalog-gzip.ts), and
  // the worker's packages join the page's in the licence notices.
  const workerPlugins = () => [kustoLanguageScripts(), catalogGzip(), licences.collect()];
  return {
    plugins: single
      ? [
          svelte(),
          licences.collect(),
          licences.embed,
          viteSingleFile({ removeViteModuleLoader: true }),
          loupeSingleFile({
            tempDir: 'dist/.single',
            output: 'dist/loupe.html',
            worker: { alias, plugins: workerPlugins, target: 'es2024' },
          }),
        ]
      : [svelte(), hostedCsp, licences.collect(), licences.embed],
    base: './',
    // The demo's large exports are gzipped (static/demo/*.csv.gz), imported `?inline` as data URLs (src/ui/demo.ts).
    assetsInclude: ['**/*.csv.gz'],
    resolve: { alias },
    build: single
      ? { outDir: 'dist/.single', emptyOutDir: true, target: 'es2024' }
      : {
          outDir: 'dist/site',
          emptyOutDir: true,
          // es2024, not es2022: lowering to es2022 in Vite 8.3 / Rolldown 1.2 rewrites the template
          // literal `'[\\x00-\\x1f]'` (src/kql/convert.ts) into one holding a real NUL, which
          // breaks the generated SQL. Current Chromium, Firefox and Safari run ES2024 as is.
          target: 'es2024',
          // The DuckDB wasm is 34 MB; it is an asset, never inlined into JavaScript.
          assetsInlineLimit: 0,
          chunkSizeWarningLimit: 4096,
        },
    worker: {
      // From file://, Chromium refuses a *module* worker from a Blob URL (the page's origin is
      // opaque) but runs a classic one: the single file's worker is an IIFE.
      format: single ? ('iife' as const) : ('es' as const),
      // The engine worker is one file: the single-file build starts it from a Blob URL, where
      // relative imports of further chunks cannot resolve. Without strictExecutionOrder, Rolldown
      // 1.2 still splits apache-arrow's re-export barrel (imported as a namespace by DuckDB) into
      // a second chunk, which an IIFE cannot have.
      rolldownOptions: { output: { codeSplitting: false, strictExecutionOrder: true } },
      plugins: workerPlugins,
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['tests/unit/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'browser',
            include: ['tests/browser/**/*.test.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 180_000,
            // One Chromium at a time: CI has 2 cores.
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
