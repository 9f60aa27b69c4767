#!/usr/bin/env node
/**
 * Fixes a bug in @duckdb/duckdb-wasm 1.32.0: a JavaScript scalar function (UDF) that returns
 * VARCHAR hands DuckDB string offsets relative to a buffer whose address it never passes on, so
 * every returned string reads as NUL bytes. Loupe's KQL `dynamic` functions return JSON text, so
 * this must work. The fix adds the buffer's address to each offset in the bundled JavaScript.
 *
 * Idempotent; runs on `npm install` (postinstall) and before builds and tests. It fails loudly if
 * the expected code is missing, so a version bump cannot silently ship the bug back.
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
// let BUF=e._malloc(TOTAL),VIEW=e.HEAPU8.subarray(BUF,BUF+TOTAL),OFF=0;for(let I=0;I<u.rows;++I){PTRS[I]=OFF;
const BUG =
  /let (\w+)=e\._malloc\((\w+)\),(\w+)=e\.HEAPU8\.subarray\(\1,\1\+\2\),(\w+)=0;for\(let (\w+)=0;\5<u\.rows;\+\+\5\)\{(\w+)\[\5\]=\4;/g;
const FIXED = /let (\w+)=e\._malloc\((\w+)\),(\w+)=e\.HEAPU8\.subarray\(\1,\1\+\2\),(\w+)=0;for\(let (\w+)=0;\5<u\.rows;\+\+\5\)\{(\w+)\[\5\]=\1\+\4;/;

const targets = ['duckdb-node-blocking.cjs', 'duckdb-browser-blocking.mjs', 'duckdb-browser-blocking.cjs'];
let patched = 0;
for (const name of readdirSync(dist)) {
  if (!targets.includes(name)) continue;
  const file = join(dist, name);
  const src = readFileSync(file, 'utf8');
  if (FIXED.test(src)) continue;
  const out = src.replace(BUG, (_m, buf, total, view, off, i, ptrs) =>
    `let ${buf}=e._malloc(${total}),${view}=e.HEAPU8.subarray(${buf},${buf}+${total}),${off}=0;for(let ${i}=0;${i}<u.rows;++${i}){${ptrs}[${i}]=${buf}+${off};`);
  if (out === src) {
    console.error(`patch-duckdb-wasm: the UDF string-return code was not found in ${name}; re-check the fix for this duckdb-wasm version.`);
    process.exit(1);
  }
  writeFileSync(file, out);
  patched++;
}
if (patched && !process.argv.includes('--quiet')) console.error(`patch-duckdb-wasm: fixed UDF VARCHAR returns in ${patched} file(s)`);
