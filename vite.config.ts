import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// One config for the app build (dist/site) and both test projects.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  resolve: {
    alias: {
      // DuckDB-WASM's blocking browser build (run in Loupe's engine worker) is shipped in the
      // package but not listed in its `exports`; reach the file directly. Types: src/db/duckdb-browser-blocking.d.ts.
      '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs': require
        .resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')
        .replace(/duckdb-eh\.wasm$/, 'duckdb-browser-blocking.mjs'),
    },
  },
  build: {
    outDir: 'dist/site',
    emptyOutDir: true,
    target: 'es2022',
    // The DuckDB wasm is 34 MB; it is an asset, never inlined into JavaScript.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
  },
  worker: { format: 'es' },
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
});
