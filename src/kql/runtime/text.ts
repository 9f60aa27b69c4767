/**
 * Run-time string functions SQL cannot express: hashing (Kusto's hash() is xxHash64 of the UTF-8
 * bytes), base64 and URL coding, regex extraction into dynamic arrays, indexof with ranges,
 * parse_url/parse_path, and Unicode code point conversions. Only browser-and-Node APIs are used
 * (TextEncoder/TextDecoder, btoa/atob, URL coding functions), so the same code runs in both.
 */

import { hasTerm } from './arrays.ts';
import { parseDynamic } from './dynamic.ts';
import { timespanText } from './format.ts';
import { kustoRegex } from './regex.ts';
import { udf, variadicUdf } from './udf.ts';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

// ---------- xxHash64 (seed 0), written from the published algorithm description ----------
const M64 = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const round = (acc: bigint, lane: bigint): bigint =>
  (rotl((acc + lane * P2) & M64, 31n) * P1) & M64;
const merge = (acc: bigint, v: bigint): bigint => ((((acc ^ round(0n, v)) * P1) & M64) + P4) & M64;

function lane64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}
function lane32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

/** xxHash64 of the bytes with seed 0, as an unsigned 64-bit BigInt. */
export function xxhash64(b: Uint8Array): bigint {
  const n = b.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & M64;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (M64 + 1n - P1) & M64;
    while (i <= n - 32) {
      v1 = round(v1, lane64(b, i));
      v2 = round(v2, lane64(b, i + 8));
      v3 = round(v3, lane64(b, i + 16));
      v4 = round(v4, lane64(b, i + 24));
      i += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M64;
  while (i <= n - 8) {
    h = (rotl(h ^ round(0n, lane64(b, i)), 27n) * P1 + P4) & M64;
    i += 8;
  }
  if (i <= n - 4) {
    h = (rotl(h ^ ((lane32(b, i) * P1) & M64), 23n) * P2 + P3) & M64;
    i += 4;
  }
  while (i < n) {
    h = (rotl(h ^ ((BigInt(b[i]!) * P5) & M64), 11n) * P1) & M64;
    i++;
  }
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return h;
}

/**
 * hash(s[, mod]) as decimal text (SQL casts it to BIGINT: a JavaScript number would lose the low
 * digits): the signed 64-bit reading of xxHash64, or the unsigned hash modulo `mod`.
 */
export function kqlHash(s: string | null, mod: number | null): string | null {
  if (s === null) return null;
  const h = xxhash64(utf8.encode(s));
  if (mod !== null) return mod > 0 ? String(h % BigInt(Math.trunc(mod))) : null;
  return String(h >= 1n << 63n ? h - (1n << 64n) : h);
}

/**
 * hash() of a datetime: xxHash64 of the 8 little-endian bytes of its .NET ticks (100-ns units since
 * 0001-01-01), given as decimal text. Checked against the hash page: hash(datetime("2015-01-01")) =
 * 1380966698541616202, which neither the ISO text nor Unix units give.
 */
export function kqlHashTicks(ticks: string | null, mod: number | null): string | null {
  if (ticks === null) return null;
  const v = BigInt.asUintN(64, BigInt(ticks));
  const bytes = new Uint8Array(8);
  for (let i = 0; i < 8; i++) bytes[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  const h = xxhash64(bytes);
  if (mod !== null) return mod > 0 ? String(h % BigInt(Math.trunc(mod))) : null;
  return String(h >= 1n << 63n ? h - (1n << 64n) : h);
}

// ---------- base64 and URLs ----------
export function base64Encode(s: string | null): string {
  if (s === null) return '';
  let bin = '';
  for (const byte of utf8.encode(s)) bin += String.fromCharCode(byte);
  return btoa(bin);
}

/** Strict base64 (padded to a multiple of 4, as .NET requires); undefined otherwise. */
function strictAtob(s: string): string | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  try {
    return atob(s);
  } catch {
    return undefined;
  }
}

/** base64_decode_tostring: "" for input that is not base64 or not UTF-8 (Kusto returns empty then). */
export function base64Decode(s: string | null): string {
  if (!s) return '';
  try {
    const bin = strictAtob(s);
    if (bin === undefined) return '';
    return fromUtf8.decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}

/** base64_decode_toarray: the bytes as a JSON array of numbers; null when not base64. */
export function base64DecodeToArray(s: string | null): string | null {
  if (s === null) return null;
  const bin = strictAtob(s);
  return bin === undefined ? null : JSON.stringify([...bin].map((c) => c.charCodeAt(0)));
}

/** url_encode: spaces as '+', as the Kusto docs examples show; url_encode_component: %20. */
export function urlEncode(s: string | null, component: number | null): string {
  // Kusto writes the escapes with lower-case hex digits (`https%3a%2f%2f`).
  const e = encodeURIComponent(s ?? '').replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase());
  return component ? e : e.replace(/%20/g, '+');
}

export function urlDecode(s: string | null): string {
  try {
    return decodeURIComponent((s ?? '').replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

/** parse_url: Kusto's bag of URL parts; every part a string ("" when absent). */
export function parseUrl(s: string | null): string | null {
  const m =
    /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(
      s ?? '',
    );
  if (!m) return JSON.stringify({});
  const query: Record<string, string> = {};
  if (m[7]) {
    for (const part of m[7].split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = eq < 0 ? part : part.slice(0, eq);
      query[urlDecode(k)] = eq < 0 ? '' : urlDecode(part.slice(eq + 1));
    }
  }
  return JSON.stringify({
    Scheme: m[1],
    Host: m[4] ?? '',
    Port: m[5] ?? '',
    Path: m[6] ?? '',
    Username: m[2] ?? '',
    Password: m[3] ?? '',
    'Query Parameters': query,
    Fragment: m[8] ?? '',
  });
}

/** parse_urlquery: `{"Query Parameters": {…}}`. */
export function parseUrlQuery(s: string | null): string {
  const q = (JSON.parse(parseUrl(`x://h?${s ?? ''}`)!) as Record<string, unknown>)[
    'Query Parameters'
  ];
  return JSON.stringify({ 'Query Parameters': q ?? {} });
}

/** parse_path: Kusto's bag of path parts, for Windows, UNC, URL-style and POSIX paths. */
export function parsePath(s: string | null): string {
  let p = s ?? '';
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(p);
  if (sm) {
    scheme = sm[1]!;
    p = p.slice(sm[0].length);
  }
  // Only a drive (`C:\`, `C:/`) is a RootPath for Kusto; UNC and POSIX roots give "".
  const rm = /^[A-Za-z]:[\\/]/.exec(p);
  const root = rm ? rm[0] : '';
  const sep = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  let file = p.slice(sep + 1);
  let stream = '';
  const colon = file.indexOf(':');
  if (colon >= 0) {
    stream = file.slice(colon + 1);
    file = file.slice(0, colon);
  }
  const dirPath = sep >= 0 ? p.slice(0, sep < root.length ? sep + 1 : sep) : '';
  const dirName = dirPath.slice(Math.max(dirPath.lastIndexOf('\\'), dirPath.lastIndexOf('/')) + 1);
  const dot = file.lastIndexOf('.');
  return JSON.stringify({
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: dirPath,
    DirectoryName: dirName,
    Filename: file,
    Extension: dot >= 0 ? file.slice(dot + 1) : '',
    AlternateDataStreamName: stream,
  });
}

// ---------- regular expressions (RE2 semantics, linear time: ./regex.ts) ----------
/**
 * extract_all(regex, [groups,] text): null when nothing matches; with one group (or none) an array
 * of strings, with several an array of arrays. `groups` is a JSON array of group numbers or names.
 */
export function extractAll(
  pattern: string | null,
  groups: string | null,
  text: string | null,
): string | null {
  const re = kustoRegex(pattern ?? '');
  const wanted = groups === null ? undefined : (JSON.parse(groups) as (number | string)[]);
  const rows: (string | string[])[] = [];
  for (const m of re.matches(text ?? '')) {
    const pick = (g: number | string) =>
      (typeof g === 'number' ? m.groups[g] : m.groups[re.names.get(g) ?? -1]) ?? '';
    const all =
      wanted ?? (re.groupCount > 0 ? Array.from({ length: re.groupCount }, (_, i) => i + 1) : [0]);
    rows.push(all.length === 1 ? pick(all[0]!) : all.map(pick));
  }
  return rows.length ? JSON.stringify(rows) : null;
}

/** countof(text, search[, "regex"]): plain search counts overlapping matches, regex ones do not. */
export function countOf(text: string | null, search: string | null, regex: number | null): number {
  const t = text ?? '';
  const s = search ?? '';
  if (!s) return 0;
  if (regex) {
    let n = 0;
    for (const _ of kustoRegex(s).matches(t)) n++;
    return n;
  }
  let n = 0;
  for (let i = t.indexOf(s); i >= 0; i = t.indexOf(s, i + 1)) n++;
  return n;
}

/**
 * indexof_regex(source, regex[, start[, length[, occurrence]]]): the 0-based index (in code
 * points) of the occurrence-th non-overlapping match inside the `length` characters from `start`
 * (-1: unlimited); -1 when there is none; null for a negative start or occurrence or a length
 * below -1 (indexof-regex-function.md). The pattern runs on RE2 (./regex.ts), like every KQL regex.
 */
export function indexOfRegex(
  source: string | null,
  pattern: string | null,
  start: number | null,
  length: number | null,
  occurrence: number | null,
): number | null {
  const s = start ?? 0;
  const len = length ?? -1;
  const occ = occurrence ?? 1;
  if (s < 0 || occ < 0 || len < -1) return null;
  const re = kustoRegex(pattern ?? '');
  const points = [...(source ?? '')];
  if (s > points.length) return -1;
  const window = points.slice(s, len === -1 ? undefined : s + len).join('');
  let seen = 0;
  for (const m of re.matches(window)) {
    if (++seen === occ) return s + [...window.slice(0, m.start)].length;
  }
  return -1;
}

/**
 * indexof(source, lookup[, start[, length[, occurrence]]]): the 0-based index (in code points) of
 * the occurrence-th match that lies within [start, start + length); -1 otherwise.
 */
export function indexOf(
  source: string | null,
  lookup: string | null,
  start: number | null,
  length: number | null,
  occurrence: number | null,
): number | null {
  const src = [...(source ?? '')];
  const look = [...(lookup ?? '')];
  const n = src.length;
  let s = start ?? 0;
  if (s < 0) s = Math.max(0, n + s);
  if (s > n) return -1;
  const end = length === null || length < 0 ? n : Math.min(n, s + length);
  const occ = occurrence ?? 1;
  if (occ <= 0) return null;
  let seen = 0;
  // Kusto's length bounds where a match may start, not where it ends (indexof docs, idx3 and idx8).
  for (let i = s; i < end && i + look.length <= n; i++) {
    let ok = true;
    for (let k = 0; k < look.length && ok; k++) ok = src[i + k] === look[k];
    if (ok && ++seen === occ) return i;
  }
  return -1;
}

// ---------- Unicode ----------
export function codepointsFromString(s: string | null): string {
  return JSON.stringify([...(s ?? '')].map((c) => c.codePointAt(0)!));
}

/** unicode_codepoints_to_string(a, b, …): each argument a code point or an array of them (JSON). */
export function codepointsToString(...jsons: (string | null)[]): string {
  const points: number[] = [];
  for (const j of jsons) {
    if (j === null) continue;
    const v = JSON.parse(j) as unknown;
    for (const x of Array.isArray(v) ? v : [v]) points.push(Number(x));
  }
  try {
    return String.fromCodePoint(...points);
  } catch {
    return '';
  }
}

export function toUtf8(s: string | null): string {
  return JSON.stringify([...utf8.encode(s ?? '')]);
}

const BYTE_UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** .NET's Math.Round(x, digits): halves to even (MidpointRounding.ToEven, the default). */
function roundHalfEven(x: number, digits: number): number {
  const f = 10 ** digits;
  const y = x * f;
  const r = Math.round(y);
  return (Math.abs(y % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r) / f;
}

/**
 * format_bytes(size[, precision[, unit]]): "564 Bytes", "10.1 KB", "19 MB" (format-bytes-function.md);
 * the unit is the largest of Bytes…EB (powers of 1024) the size reaches unless one is given.
 */
export function formatBytes(
  size: number | null,
  precision: number | null,
  unit: string | null,
): string {
  if (size === null || Number.isNaN(size)) return '';
  let i = unit ? BYTE_UNITS.findIndex((u) => u.toLowerCase() === unit.toLowerCase()) : -1;
  if (i < 0) {
    i = 0;
    while (i < BYTE_UNITS.length - 1 && Math.abs(size) >= 1024 ** (i + 1)) i++;
  }
  return `${roundHalfEven(size / 1024 ** i, Math.max(0, Math.trunc(precision ?? 0)))} ${BYTE_UNITS[i]}`;
}

/**
 * has_any_index(source, values): the index of the first element of `values` found in `source` as a
 * term (as `has` matches), -1 when none is (has-any-index-function.md); elements other than
 * strings are looked up by their text (`range(1, 3)` finds "2").
 */
export function hasAnyIndex(text: string | null, values: string | null): number {
  if (values === null) return -1;
  const v = parseDynamic(values);
  if (!Array.isArray(v)) return -1;
  return v.findIndex(
    (x) => x !== null && hasTerm(text ?? '', typeof x === 'string' ? x : JSON.stringify(x)),
  );
}

/** The most elements range() returns. */
const RANGE_LIMIT = 1_048_576;

/**
 * range(start, stop[, step]) as a scalar: a JSON array from start to stop inclusive. `kind` says
 * what the numbers are: 0 numbers, 1 datetimes and 2 timespans (both in µs, elements written as
 * Kusto writes them inside dynamic values).
 */
export function numberRange(
  start: number | null,
  stop: number | null,
  step: number | null,
  kind: number | null,
): string | null {
  if (start === null || stop === null) return null;
  const st = step ?? (kind ? 3_600e6 : 1);
  if (st === 0 || !Number.isFinite(st)) return null;
  const out: (number | string)[] = [];
  // Kusto truncates the array at 2^20 elements (range-function.md: range(1, 1000000000) has 1,048,576).
  for (
    let i = 0, x = start;
    (st > 0 ? x <= stop : x >= stop) && i < RANGE_LIMIT;
    i++, x = start + i * st
  ) {
    if (kind === 1)
      out.push(
        `${new Date(Math.floor(x / 1000)).toISOString().slice(0, 19)}.${String(((x % 1e6) + 1e6) % 1e6).padStart(6, '0')}0Z`,
      );
    else if (kind === 2) out.push(timespanText(x)!);
    else out.push(x);
  }
  return JSON.stringify(out);
}

/** tohex(x[, minLength]): lower-case hex, negatives as two's complement of the given bit width. */
export function toHex(
  x: string | null,
  bits: number | null,
  minLength: number | null,
): string | null {
  if (x === null) return null;
  let v = BigInt(x);
  const width = BigInt(bits ?? 64);
  if (v < 0n) v += 1n << width;
  return v.toString(16).padStart(minLength ?? 0, '0');
}

/** base64_encode_fromarray(bytes): the bytes of a JSON array as base64; "" for anything else. */
export function base64FromArray(json: string | null): string {
  if (json === null) return '';
  const v = JSON.parse(json) as unknown;
  if (!Array.isArray(v) || v.some((b) => typeof b !== 'number' || b < 0 || b > 255)) return '';
  return btoa(String.fromCharCode(...(v as number[])));
}

/** base64_decode_toguid: 16 bytes read as a .NET Guid (first three groups little-endian); null otherwise. */
export function base64ToGuid(s: string | null): string | null {
  if (!s) return null;
  const bin = strictAtob(s);
  if (bin === undefined) return null;
  const bytes = [...bin].map((c) => c.charCodeAt(0));
  if (bytes.length !== 16) return null;
  const h = (i: number) => bytes[i]!.toString(16).padStart(2, '0');
  const group = (idx: number[]) => idx.map(h).join('');
  return `${group([3, 2, 1, 0])}-${group([5, 4])}-${group([7, 6])}-${group([8, 9])}-${group([10, 11, 12, 13, 14, 15])}`;
}

/** regex_quote: the text with every regex metacharacter escaped. */
export function regexQuote(s: string | null): string {
  return (s ?? '').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const HASH = udf('kql_hash', ['VARCHAR', 'DOUBLE'], 'VARCHAR', kqlHash);
export const HASH_TICKS = udf('kql_hash_ticks', ['VARCHAR', 'DOUBLE'], 'VARCHAR', kqlHashTicks);
export const BASE64_ENCODE = udf('kql_base64_encode', ['VARCHAR'], 'VARCHAR', base64Encode);
export const BASE64_DECODE = udf('kql_base64_decode', ['VARCHAR'], 'VARCHAR', base64Decode);
export const BASE64_DECODE_TOARRAY = udf(
  'kql_base64_decode_toarray',
  ['VARCHAR'],
  'VARCHAR',
  base64DecodeToArray,
);
export const URL_ENCODE = udf('kql_url_encode', ['VARCHAR', 'INTEGER'], 'VARCHAR', urlEncode);
export const URL_DECODE = udf('kql_url_decode', ['VARCHAR'], 'VARCHAR', urlDecode);
export const PARSE_URL = udf('kql_parse_url', ['VARCHAR'], 'VARCHAR', parseUrl);
export const PARSE_URLQUERY = udf('kql_parse_urlquery', ['VARCHAR'], 'VARCHAR', parseUrlQuery);
export const PARSE_PATH = udf('kql_parse_path', ['VARCHAR'], 'VARCHAR', parsePath);
export const EXTRACT_ALL = udf(
  'kql_extract_all',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  extractAll,
);
export const COUNTOF = udf('kql_countof', ['VARCHAR', 'VARCHAR', 'INTEGER'], 'INTEGER', countOf);
export const INDEXOF = udf(
  'kql_indexof',
  ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'INTEGER',
  indexOf,
);
export const CODEPOINTS_FROM_STRING = udf(
  'kql_codepoints_from_string',
  ['VARCHAR'],
  'VARCHAR',
  codepointsFromString,
);
export const CODEPOINTS_TO_STRING = variadicUdf(
  'kql_codepoints_to_string',
  [],
  'VARCHAR',
  'VARCHAR',
  codepointsToString,
);
export const TO_UTF8 = udf('kql_to_utf8', ['VARCHAR'], 'VARCHAR', toUtf8);
export const RANGE = udf(
  'kql_range',
  ['DOUBLE', 'DOUBLE', 'DOUBLE', 'INTEGER'],
  'VARCHAR',
  numberRange,
);
export const TOHEX = udf('kql_tohex', ['VARCHAR', 'DOUBLE', 'DOUBLE'], 'VARCHAR', toHex);
export const BASE64_FROM_ARRAY = udf(
  'kql_base64_from_array',
  ['VARCHAR'],
  'VARCHAR',
  base64FromArray,
);
export const BASE64_TO_GUID = udf('kql_base64_to_guid', ['VARCHAR'], 'VARCHAR', base64ToGuid);
export const REGEX_QUOTE = udf('kql_regex_quote', ['VARCHAR'], 'VARCHAR', regexQuote);
export const INDEXOF_REGEX = udf(
  'kql_indexof_regex',
  ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'INTEGER',
  indexOfRegex,
);
export const FORMAT_BYTES = udf(
  'kql_format_bytes',
  ['DOUBLE', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  formatBytes,
);
export const HAS_ANY_INDEX = udf(
  'kql_has_any_index',
  ['VARCHAR', 'VARCHAR'],
  'INTEGER',
  hasAnyIndex,
);
