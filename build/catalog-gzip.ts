/**
 * Vite plugin for the engine worker: ships the generated schema catalog
 * (src/schema/catalog/sentinel-tables.json, ~0.6 MB of JSON) gzip-compressed and base64-encoded
 * (~0.1 MB), inflated by src/schema/catalog-data.ts the first time a table is looked up. The
 * single-file build embeds the worker's JavaScript as it is, so this is what keeps both builds small;
 * it also spares the worker parsing the catalog at start-up. Node (the CLI, the unit tests) reads
 * the JSON as it is.
 */
import { readFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

const CATALOG = /[\\/]src[\\/]schema[\\/]catalog[\\/]sentinel-tables\.json$/;

export function catalogGzip(): Plugin {
  return {
    name: 'loupe:catalog-gzip',
    enforce: 'pre',
    load(id) {
      if (!CATALOG.test(id)) return null;
      const gz = gzipSync(readFileSync(id), { level: constants.Z_BEST_COMPRESSION });
      // Still JSON, so the JSON module handling that follows turns it into a module as usual.
      return JSON.stringify({ gzipBase64: gz.toString('base64') });
    },
  };
}
