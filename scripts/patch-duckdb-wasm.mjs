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
const FIXED =
  /let (\w+)=e\._malloc\((\w+)\),(\w+)=e\.HEAPU8\.subarray\(\1,\1\+\2\),(\w+)=0;for\(let (\w+)=0;\5<u\.rows;\+\+\5\)\{(\w+)\[\5\]=\1\+\4;/;

/**
 * Second bug: the UDF glue makes a typed-array view of the result buffer, then calls _malloc again
 * (validity mask, string lengths, string bytes). When one of those calls grows the wasm memory the
 * view is detached and later writes to it are silently dropped: for large inputs (measured: a
 * 400,000-row query) one 2048-row chunk of a VARCHAR UDF's results read as NUL bytes, and DOUBLE/
 * INTEGER results can be lost the same way. The fix re-creates the view after each such _malloc.
 */
const VIEWS =
  /(\w+)=e\._malloc\((\w+)\),(\w+)=(\w+)\(e,\1,u\.ret\.physicalType,u\.rows\),(\w+)=e\._malloc\(u\.rows\),(\w+)=(\w+)\(e,\5,u\.rows\);/;
const VIEWS_MARK = '/*loupe:views*/';
function fixDetachedViews(src, name) {
  if (src.includes(VIEWS_MARK)) return src;
  const m = VIEWS.exec(src);
  if (!m) {
    console.error(
      `patch-duckdb-wasm: the UDF result-view code was not found in ${name}; re-check the fix for this duckdb-wasm version.`,
    );
    process.exit(1);
  }
  const [whole, addr, , view, makeView] = m;
  const remake = `${view}=${makeView}(e,${addr},u.ret.physicalType,u.rows);${VIEWS_MARK}`;
  let out = src.replace(whole, `${whole}${remake}`);
  // Before writing the string pointers, after the _malloc of the string bytes.
  const before = out;
  out = out.replace(FIXED, (m0) => m0.replace(/;for\(let /, `;${remake}for(let `));
  if (out === before) {
    console.error(`patch-duckdb-wasm: the UDF string-pointer loop was not found in ${name}.`);
    process.exit(1);
  }
  // Numeric arguments and their validity masks are read lazily through views made before the
  // result _mallocs: copy them while they are valid.
  const ARGS =
    /let (\w+)=(\w+)\(e,d\[(\w+)\.dataBuffer\],\3\.physicalType,u\.rows\);return (\w+)!=null\?(\w+)=>\4\[\5\]\?\1\[\5\]:null:\5=>\1\[\5\]/;
  const a = ARGS.exec(out);
  if (!a) {
    console.error(`patch-duckdb-wasm: the UDF argument-view code was not found in ${name}.`);
    process.exit(1);
  }
  const [argWhole, data, mk, desc, valid, row] = a;
  out = out.replace(
    argWhole,
    `let ${data}=Array.from(${mk}(e,d[${desc}.dataBuffer],${desc}.physicalType,u.rows));${valid}=${valid}&&Array.from(${valid});` +
      `return ${valid}!=null?${row}=>${valid}[${row}]?${data}[${row}]:null:${row}=>${data}[${row}]`,
  );
  return out;
}

/**
 * Third bug: the wasm heap may grow to 4 GiB, and the Emscripten glue handles addresses above
 * 2 GiB (it converts them with `>>> 0`), but DuckDB-WASM's own runtime code does not: `_malloc`
 * hands back the wasm's signed i32, so an address past 2 GiB arrives negative, and the runtime
 * indexes its heap views with signed shifts (`HEAPF64[(p>>3)+0]`). Past 2 GiB a UDF's results are
 * then written outside its buffers and DuckDB reads stale memory: measured, 1.4 M of 12 M rows of
 * a VARCHAR/DOUBLE UDF read back as NUL bytes and zeros, silently. The same goes for a VARCHAR
 * argument: the C++ side passes each string's address through a *signed* ptrdiff_t, so a string
 * stored past 2 GiB arrives as a negative number. The fix makes `_malloc` return the unsigned
 * address, the runtime's shifts unsigned, and string-argument addresses unsigned.
 */
const MALLOC = 'e=>(_malloc=Module._malloc=wasmExports.malloc)(e)';
const MALLOC_FIXED = 'e=>wasmExports.malloc(e)>>>0/*loupe:u32*/';
function fixHighAddresses(src, name) {
  if (src.includes('/*loupe:u32*/')) return src;
  if (!src.includes(MALLOC)) {
    console.error(
      `patch-duckdb-wasm: the _malloc export was not found in ${name}; re-check the 2 GiB fix for this duckdb-wasm version.`,
    );
    process.exit(1);
  }
  const STRING_ARG = /(\w+)\.HEAPU8\.subarray\((\w+)\[(\w+)\],\2\[\3\]\+(\w+)\[\3\]\)/g;
  if ((src.match(STRING_ARG) ?? []).length !== 1) {
    console.error(
      `patch-duckdb-wasm: the UDF string-argument read was not found once in ${name}; re-check the 2 GiB fix.`,
    );
    process.exit(1);
  }
  return src
    .replace(
      STRING_ARG,
      (_m, mod, ptrs, row, lens) =>
        `${mod}.HEAPU8.subarray(${ptrs}[${row}]>>>0,(${ptrs}[${row}]>>>0)+${lens}[${row}])`,
    )
    .split(MALLOC)
    .join(MALLOC_FIXED)
    .replace(/HEAPF64\[\((\w+)>>3\)/g, 'HEAPF64[($1>>>3)')
    .replace(/HEAP32\[\((\w+)>>2\)/g, 'HEAP32[($1>>>2)');
}

const targets = [
  'duckdb-node-blocking.cjs',
  'duckdb-browser-blocking.mjs',
  'duckdb-browser-blocking.cjs',
];
let patched = 0;
for (const name of readdirSync(dist)) {
  if (!targets.includes(name)) continue;
  const file = join(dist, name);
  const src = readFileSync(file, 'utf8');
  // The views fix (VIEWS_MARK) is applied after the offsets fix, so its mark implies both.
  const offsetsFixed = src.includes(VIEWS_MARK) || FIXED.test(src);
  let out = offsetsFixed
    ? src
    : src.replace(
        BUG,
        (_m, buf, total, view, off, i, ptrs) =>
          `let ${buf}=e._malloc(${total}),${view}=e.HEAPU8.subarray(${buf},${buf}+${total}),${off}=0;for(let ${i}=0;${i}<u.rows;++${i}){${ptrs}[${i}]=${buf}+${off};`,
      );
  if (!offsetsFixed && out === src) {
    console.error(
      `patch-duckdb-wasm: the UDF string-return code was not found in ${name}; re-check the fix for this duckdb-wasm version.`,
    );
    process.exit(1);
  }
  out = fixDetachedViews(out, name);
  out = fixHighAddresses(out, name);
  if (out === src) continue;
  writeFileSync(file, out);
  patched++;
}
if (patched && !process.argv.includes('--quiet'))
  console.error(
    `patch-duckdb-wasm: fixed UDF results and addresses past 2 GiB in ${patched} file(s)`,
  );
