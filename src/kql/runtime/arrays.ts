/**
 * Run-time functions over dynamic arrays and bags (canonical JSON text, see ./dynamic.ts), for the
 * KQL functions SQL cannot express without a JSON extension: array_*, set_*, bag_*, gettype, split,
 * strcat_array. Elements are compared by their canonical JSON text (KQL compares dynamic values by
 * value). Every function returns null (SQL NULL) for a non-array/non-bag input, as KQL does.
 */
import { parseDynamic } from './dynamic.ts';
import { parseJsonPath } from './json-path.ts';
import { udf, variadicUdf } from './udf.ts';

type Json = ReturnType<typeof parseDynamic>;
type Bag = { [k: string]: Json };

function array(text: string | null): Json[] | undefined {
  if (text === null) return undefined;
  const v = parseDynamic(text);
  return Array.isArray(v) ? v : undefined;
}

function bag(text: string | null): Bag | undefined {
  if (text === null) return undefined;
  const v = parseDynamic(text);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

const key = (v: Json): string => JSON.stringify(v);

/**
 * Sets a bag property as an own data property: plain assignment of a key named `__proto__` (log
 * data can hold any key) would change the object's prototype instead of adding the key.
 */
function put(b: Bag, k: string, v: Json): void {
  Object.defineProperty(b, k, { value: v, enumerable: true, writable: true, configurable: true });
}
const out = (v: Json[] | Bag): string => JSON.stringify(v);

/** A JSON text given by the translator for a scalar argument (SQL NULL = KQL null). */
function scalar(text: string | null): Json {
  return text === null ? null : parseDynamic(text);
}

/** array_concat(a, b, …): null when any argument is not an array. */
export function arrConcat(...texts: (string | null)[]): string | null {
  const parts = texts.map(array);
  if (parts.some((p) => p === undefined)) return null;
  return out(parts.flatMap((p) => p!));
}

/** array_slice(a, start, end): end inclusive, negative indexes from the end, clamped. */
export function arrSlice(
  text: string | null,
  start: number | null,
  end: number | null,
): string | null {
  const a = array(text);
  if (!a || start === null || end === null) return null;
  const n = a.length;
  const s = Math.max(0, start < 0 ? n + start : start);
  const e = Math.min(n - 1, end < 0 ? n + end : end);
  return out(e >= s ? a.slice(s, e + 1) : []);
}

export function arrReverse(text: string | null): string | null {
  const a = array(text);
  return a ? out([...a].reverse()) : null;
}

/** Kusto's sort order of mixed elements: numbers, then strings, then the rest; nulls at the end (or start). */
function compareJson(x: Json, y: Json): number {
  const rank = (v: Json) =>
    typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'string' ? 2 : 3;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
}

/** array_sort_asc/desc(a[, nulls_last]): nulls last by default. */
export function arrSort(
  text: string | null,
  desc: number | null,
  nullsLast: number | null,
): string | null {
  const a = array(text);
  if (!a) return null;
  const values = a
    .filter((v) => v !== null)
    .sort((x, y) => (desc ? -compareJson(x, y) : compareJson(x, y)));
  const nulls = a.filter((v) => v === null);
  return out(nullsLast === 0 ? [...nulls, ...values] : [...values, ...nulls]);
}

/**
 * array_sort_asc/desc(a1, a2, …[, nulls_last]): `packed` is the JSON array [a1, a2, …]. a1 is
 * sorted (as arrSort does, stably) and every other array reordered by the same permutation; an
 * array whose length differs from a1's (or that is not an array) gives null (Kusto docs). Returns
 * the results packed the same way; null when a1 is not an array.
 */
export function arrSortMany(
  packed: string | null,
  desc: number | null,
  nullsLast: number | null,
): string | null {
  const all = packed === null ? undefined : parseDynamic(packed);
  if (!Array.isArray(all) || !Array.isArray(all[0])) return null;
  const first = all[0];
  const index = first.map((_, i) => i);
  const values = index
    .filter((i) => first[i] !== null)
    .sort(
      (x, y) =>
        (desc ? -compareJson(first[x]!, first[y]!) : compareJson(first[x]!, first[y]!)) || x - y,
    );
  const nulls = index.filter((i) => first[i] === null);
  const order = nullsLast === 0 ? [...nulls, ...values] : [...values, ...nulls];
  return out(
    all.map((a) =>
      Array.isArray(a) && a.length === first.length ? order.map((i) => a[i]!) : null,
    ) as Json[],
  );
}

/**
 * A real result as text: DuckDB-WASM 1.32 declares a Float64 UDF result as FLOAT (its type switch
 * matches Arrow's generic Float id first), which would round every real to 32 bits. Real results
 * therefore travel as text and are CAST to DOUBLE in SQL (NaN/Infinity spellings included).
 */
const realOut = (x: number): string => String(x);

/** array_sum: the sum of the numeric elements as a real; null when not an array. */
export function arrSum(text: string | null): string | null {
  const a = array(text);
  if (!a) return null;
  let s = 0;
  for (const v of a) if (typeof v === 'number') s += v;
  return realOut(s);
}

/**
 * array_index_of(a, value[, start[, length[, occurrence]]]): the index of the `occurrence`-th
 * match at or after `start` within `length` elements; -1 when absent, null when not an array.
 */
export function arrIndexOf(
  text: string | null,
  value: string | null,
  start: number | null,
  length: number | null,
  occurrence: number | null,
): number | null {
  // Returned as INTEGER (exact); see realOut for why not DOUBLE.
  const a = array(text);
  if (!a) return null;
  const want = key(scalar(value));
  const n = a.length;
  let s = start ?? 0;
  if (s < 0) s = Math.max(0, n + s);
  const end = length === null || length < 0 ? n : Math.min(n, s + length);
  let seen = 0;
  for (let i = s; i < end; i++) {
    if (key(a[i]!) === want && ++seen === (occurrence ?? 1)) return i;
  }
  return -1;
}

/** array_shift_left/right(a, n[, fill]): moves elements, filling with `fill` (null by default). */
export function arrShift(
  text: string | null,
  n: number | null,
  fill: string | null,
): string | null {
  const a = array(text);
  if (!a || n === null) return null;
  const f = scalar(fill);
  const len = a.length;
  return out(
    a.map((_, i) => {
      const j = i + n;
      return j >= 0 && j < len ? a[j]! : f;
    }),
  );
}

/** array_rotate_left(a, n) = rotate by n to the left; right uses -n. */
export function arrRotate(text: string | null, n: number | null): string | null {
  const a = array(text);
  if (!a || n === null) return null;
  const len = a.length;
  if (len === 0) return out([]);
  const k = ((n % len) + len) % len;
  return out([...a.slice(k), ...a.slice(0, k)]);
}

/** array_split(a, indices): the array cut before each index (a long or an array of longs). */
export function arrSplit(text: string | null, indices: string | null): string | null {
  const a = array(text);
  const idx = scalar(indices);
  if (!a) return null;
  const cuts = (Array.isArray(idx) ? idx : [idx])
    .filter((x): x is number => typeof x === 'number')
    .map((i) => Math.max(0, Math.min(a.length, i < 0 ? a.length + i : i)));
  const parts: Json[] = [];
  let prev = 0;
  for (const c of [...cuts, a.length]) {
    parts.push(a.slice(prev, Math.max(prev, c)));
    prev = Math.max(prev, c);
  }
  return out(parts);
}

/** array_iff(conditions, whenTrue, whenFalse): element-wise; scalars broadcast; non-bool conditions give null. */
export function arrIff(
  cond: string | null,
  whenTrue: string | null,
  whenFalse: string | null,
): string | null {
  const c = array(cond);
  if (!c) return null;
  const t = scalar(whenTrue);
  const f = scalar(whenFalse);
  const at = (v: Json, i: number): Json => (Array.isArray(v) ? (v[i] ?? null) : v);
  return out(
    c.map((x, i) =>
      typeof x === 'boolean' || typeof x === 'number' ? (x ? at(t, i) : at(f, i)) : null,
    ),
  );
}

/** strcat_array(a, delimiter): elements as text (strings without quotes), joined. */
export function strcatArray(text: string | null, delim: string | null): string {
  const a = array(text);
  if (!a) return '';
  return a
    .map((v) => (v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)))
    .join(delim ?? '');
}

export function bagKeys(text: string | null): string | null {
  const b = bag(text);
  return b ? out(Object.keys(b)) : null;
}

/** bag_merge(b1, b2, …): the first bag holding a key wins. */
export function bagMerge(...texts: (string | null)[]): string | null {
  const merged: Bag = {};
  for (const t of texts) {
    const b = bag(t);
    if (!b) return null;
    for (const [k, v] of Object.entries(b)) if (!Object.hasOwn(merged, k)) put(merged, k, v);
  }
  return out(merged);
}

/** make_set over dynamic values: arrays contribute their elements; distinct, capped at `max`. */
export function setOfElements(list: string | null, max: number | null): string | null {
  const values = list === null ? [] : (JSON.parse(list) as Json[]);
  return out(
    distinct(values.flatMap((v) => (Array.isArray(v) ? v : [v]))).slice(0, max ?? undefined),
  );
}

/** make_bag: merges a JSON array of values, skipping non-bags; the first value of a key wins. */
export function bagMergeAll(list: string | null): string | null {
  const merged: Bag = {};
  for (const v of list === null ? [] : (JSON.parse(list) as Json[])) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [k, x] of Object.entries(v)) if (!Object.hasOwn(merged, k)) put(merged, k, x);
  }
  return out(merged);
}

/**
 * A key of the bag_* functions: a first-level name, or a JSONPath (`$.a.b`, `$['a b']`) into
 * nested bags; undefined for a path with an array index, which these functions do not support.
 */
function keyPath(k: string): string[] | undefined {
  if (!k.startsWith('$')) return [k];
  const steps = parseJsonPath(k);
  return steps && steps.length > 0 && steps.every((p) => typeof p === 'string')
    ? (steps as string[])
    : undefined;
}

/** `b` without the value at `path` (copied along the path: parsed values are shared by the cache). */
function withoutPath(b: Bag, path: readonly string[]): Bag {
  const [first, ...rest] = path;
  if (first === undefined || !Object.hasOwn(b, first)) return b;
  const copy: Bag = {};
  for (const [k, v] of Object.entries(b)) {
    if (k !== first) put(copy, k, v);
    else if (rest.length) {
      const inner = v;
      put(
        copy,
        k,
        inner !== null && typeof inner === 'object' && !Array.isArray(inner)
          ? withoutPath(inner, rest)
          : inner,
      );
    }
  }
  return copy;
}

/** bag_remove_keys(bag, keys): keys are first-level names or JSONPaths into nested bags (`$.key2.prop1`). */
export function bagRemoveKeys(text: string | null, keys: string | null): string | null {
  const b = bag(text);
  const ks = array(keys);
  if (!b || !ks) return null;
  let result = b;
  for (const k of ks) {
    const path = typeof k === 'string' ? keyPath(k) : undefined;
    if (path) result = withoutPath(result, path);
  }
  return out(result);
}

/** bag_has_key(bag, key): 1/0; a `$.a.b` or `a.b` path looks into nested bags. */
export function bagHasKey(text: string | null, k: string | null): number | null {
  if (text === null || k === null) return null;
  let v: Json = parseDynamic(text);
  const path = keyPath(k);
  if (!path) return 0;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, p)) return 0;
    v = v[p]!;
  }
  return 1;
}

function distinct(values: Json[]): Json[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** set_union(a, b, …): distinct elements of all arrays, first occurrence order. */
export function setUnion(...texts: (string | null)[]): string | null {
  const parts = texts.map(array);
  if (parts.some((p) => p === undefined)) return null;
  return out(distinct(parts.flatMap((p) => p!)));
}

export function setIntersect(...texts: (string | null)[]): string | null {
  const parts = texts.map(array);
  if (parts.some((p) => p === undefined)) return null;
  const rest = parts.slice(1).map((p) => new Set(p!.map(key)));
  return out(distinct(parts[0]!.filter((v) => rest.every((s) => s.has(key(v))))));
}

/** set_difference(a, b, …): distinct elements of a found in none of the others. */
export function setDifference(...texts: (string | null)[]): string | null {
  const parts = texts.map(array);
  if (parts.some((p) => p === undefined)) return null;
  const other = new Set(parts.slice(1).flatMap((p) => p!.map(key)));
  return out(distinct(parts[0]!.filter((v) => !other.has(key(v)))));
}

export function setHasElement(text: string | null, value: string | null): number | null {
  const a = array(text);
  if (!a) return null;
  const want = key(scalar(value));
  return a.some((v) => key(v) === want) ? 1 : 0;
}

/** jaccard_index(a, b): |a ∩ b| / |a ∪ b| over distinct elements; NaN for two empty sets (as Kusto). */
export function jaccardIndex(x: string | null, y: string | null): string | null {
  const a = array(x);
  const b = array(y);
  if (!a || !b) return null;
  const sa = new Set(a.map(key));
  const sb = new Set(b.map(key));
  const union = new Set([...sa, ...sb]);
  let inter = 0;
  for (const k of sa) if (sb.has(k)) inter++;
  return realOut(union.size === 0 ? Number.NaN : inter / union.size);
}

/** gettype() of a dynamic value: Kusto's names (`array`, `dictionary`, `long`, `real`, `string`, `bool`, `null`). */
export function dynTypeOf(text: string | null): string {
  if (text === null) return 'null';
  const v = parseDynamic(text);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'dictionary';
  if (typeof v === 'number') return Number.isInteger(v) && !/[.eE]/.test(text) ? 'long' : 'real';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** split(text, delimiter): KQL splits "" into [""]; an empty delimiter keeps the whole text. */
export function splitText(text: string | null, delim: string | null): string {
  const s = text ?? '';
  if (!delim) return out([s]);
  return out(s.split(delim));
}

/** bag_set_key(bag, key, value): sets a key (a `$.a.b` path creates the inner bags); the value is JSON. */
export function bagSetKey(
  text: string | null,
  k: string | null,
  value: string | null,
): string | null {
  const b = bag(text);
  if (!b || k === null) return null;
  const path = keyPath(k);
  if (!path) return null;
  const root: Bag = JSON.parse(JSON.stringify(b)) as Bag;
  let cur = root;
  for (const p of path.slice(0, -1)) {
    const next = Object.hasOwn(cur, p) ? cur[p] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next) || next === undefined)
      put(cur, p, {});
    cur = cur[p] as Bag;
  }
  const last = path[path.length - 1]!;
  delete cur[last];
  put(cur, last, scalar(value));
  return out(root);
}

/**
 * bag_zip(keys, values): a bag pairing them; missing values are null, non-string keys skipped;
 * values that are not an array give every key null, keys that are not an array give null (docs).
 */
export function bagZip(keys: string | null, values: string | null): string | null {
  const ks = array(keys);
  if (!ks) return null;
  const vs = array(values) ?? [];
  const b: Bag = {};
  ks.forEach((k, i) => {
    if (typeof k === 'string') put(b, k, vs[i] ?? null);
  });
  return out(b);
}

/** zip(a, b, …): arrays of the i-th elements, as long as the longest input, padded with null. */
export function zipArrays(...texts: (string | null)[]): string | null {
  const parts = texts.map(array);
  if (parts.some((p) => p === undefined)) return null;
  const n = Math.max(0, ...parts.map((p) => p!.length));
  return out(Array.from({ length: n }, (_, i) => parts.map((p) => p![i] ?? null)));
}

/**
 * replace_strings(text, lookups, rewrites): the lookups claim their occurrences in the order
 * given, each occurrence only where no earlier lookup already matched (docs, "Replacement order":
 * with ['is', 'This'], "This" becomes "Thwas" because 'is' claims its match inside it first); then
 * every claimed range is replaced in one pass.
 */
export function replaceStrings(
  text: string | null,
  lookups: string | null,
  rewrites: string | null,
): string {
  const t = text ?? '';
  const ls = array(lookups);
  const rs = array(rewrites);
  if (!ls || !rs) return t;
  // A rewrite that is not a string leaves its lookup's matches as they are (Kusto docs: replacing
  // "This" with 12345 keeps "This", and the match still stops "is" from rewriting inside it).
  const pairs = ls
    .map(
      (l, i) =>
        [
          typeof l === 'string' ? l : '',
          typeof rs[i] === 'string' ? (rs[i] as string) : undefined,
        ] as const,
    )
    .filter(([l]) => l !== '');
  const claims: { at: number; end: number; rewrite: string }[] = [];
  // Positions already claimed by an earlier lookup (a flag per UTF-16 unit keeps this linear in the text).
  const taken = new Uint8Array(t.length);
  const free = (at: number, end: number) => {
    for (let i = at; i < end; i++) if (taken[i]) return false;
    return true;
  };
  for (const [lookup, rewrite] of pairs) {
    for (let at = t.indexOf(lookup); at >= 0;) {
      const end = at + lookup.length;
      if (free(at, end)) {
        claims.push({ at, end, rewrite: rewrite ?? lookup });
        taken.fill(1, at, end);
        at = t.indexOf(lookup, end);
      } else at = t.indexOf(lookup, at + 1);
    }
  }
  claims.sort((x, y) => x.at - y.at);
  let result = '';
  let pos = 0;
  for (const c of claims) {
    result += t.slice(pos, c.at) + c.rewrite;
    pos = c.end;
  }
  return result + t.slice(pos);
}

/**
 * Loupe's stand-in for Kusto's t-digest: the exact `[[value, weight], …]` pairs (an estimate in
 * Kusto, exact here). percentile_tdigest is the nearest-rank value; rank_tdigest the total weight
 * of values at or below v. Results are text (see realOut).
 */
function digest(text: string | null): [number, number][] {
  const a = array(text);
  if (!a) return [];
  return a
    .filter(
      (p): p is [number, number] =>
        Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number',
    )
    .sort((x, y) => x[0] - y[0]);
}

export function tdigestPercentile(text: string | null, p: number | null): string | null {
  const d = digest(text);
  if (!d.length || p === null) return null;
  const total = d.reduce((s, [, w]) => s + w, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [v, w] of d) {
    seen += w;
    if (seen >= rank) return realOut(v);
  }
  return realOut(d[d.length - 1]![0]);
}

export function tdigestRank(text: string | null, v: number | null): string | null {
  const d = digest(text);
  if (!d.length || v === null) return null;
  return realOut(d.filter(([x]) => x <= v).reduce((s, [, w]) => s + w, 0));
}

/**
 * `x in (d)` for a dynamic `d` computed per query (toscalar(… make_set(…)), a dynamic column): 1
 * when an element of the array — or the value itself when it is not an array — has x's text;
 * `insensitive` for in~. Elements compare by their tostring (strings without quotes).
 */
export function dynContains(
  text: string | null,
  value: string | null,
  insensitive: number | null,
): number {
  if (text === null || value === null) return 0;
  return textSet(text, Boolean(insensitive)).has(insensitive ? value.toLowerCase() : value) ? 1 : 0;
}

/** The elements' texts of a dynamic value as a Set, built once per distinct value (the same list arrives on every row). */
const setCache = new Map<string, Set<string>>();
function textSet(text: string, insensitive: boolean): Set<string> {
  const k = (insensitive ? 'i' : 's') + text;
  let hit = setCache.get(k);
  if (!hit) {
    const v = parseDynamic(text);
    hit = new Set(
      (Array.isArray(v) ? v : [v])
        .filter((e) => e !== null)
        .map((e) => {
          const s = typeof e === 'string' ? e : JSON.stringify(e);
          return insensitive ? s.toLowerCase() : s;
        }),
    );
    if (setCache.size > 256) setCache.clear();
    setCache.set(k, hit);
  }
  return hit;
}

// The same boundary as the SQL `has` (RE2's [[:alnum:]], ASCII letters and digits).
const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** Whether `term` occurs in `text` as a whole term (`has`): case-insensitive, non-alphanumeric boundaries. */
export function hasTerm(text: string, term: string): boolean {
  if (term === '') return false;
  const t = text.toLowerCase();
  const w = term.toLowerCase();
  for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) {
    if (!alnum(t[i - 1]) && !alnum(t[i + w.length])) return true;
  }
  return false;
}

/** has_any/has_all with terms from a dynamic computed per query: `all` 1 for has_all. */
export function hasTerms(text: string | null, terms: string | null, all: number | null): number {
  if (terms === null) return all ? 1 : 0;
  const v = parseDynamic(terms);
  const list = (Array.isArray(v) ? v : [v])
    .filter((x) => x !== null)
    .map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  const test = (term: string) => hasTerm(text ?? '', term);
  return (all ? list.every(test) : list.some(test)) ? 1 : 0;
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const ARR_CONCAT = variadicUdf('kql_arr_concat', [], 'VARCHAR', 'VARCHAR', arrConcat);
export const ARR_SLICE = udf('kql_arr_slice', ['VARCHAR', 'DOUBLE', 'DOUBLE'], 'VARCHAR', arrSlice);
export const ARR_REVERSE = udf('kql_arr_reverse', ['VARCHAR'], 'VARCHAR', arrReverse);
export const ARR_SORT = udf('kql_arr_sort', ['VARCHAR', 'INTEGER', 'INTEGER'], 'VARCHAR', arrSort);
export const ARR_SORT_MANY = udf(
  'kql_arr_sort_many',
  ['VARCHAR', 'INTEGER', 'INTEGER'],
  'VARCHAR',
  arrSortMany,
);
export const ARR_SUM = udf('kql_arr_sum', ['VARCHAR'], 'VARCHAR', arrSum);
export const ARR_INDEX_OF = udf(
  'kql_arr_index_of',
  ['VARCHAR', 'VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'INTEGER',
  arrIndexOf,
);
export const ARR_SHIFT = udf(
  'kql_arr_shift',
  ['VARCHAR', 'DOUBLE', 'VARCHAR'],
  'VARCHAR',
  arrShift,
);
export const ARR_ROTATE = udf('kql_arr_rotate', ['VARCHAR', 'DOUBLE'], 'VARCHAR', arrRotate);
export const ARR_SPLIT = udf('kql_arr_split', ['VARCHAR', 'VARCHAR'], 'VARCHAR', arrSplit);
export const ARR_IFF = udf('kql_arr_iff', ['VARCHAR', 'VARCHAR', 'VARCHAR'], 'VARCHAR', arrIff);
export const STRCAT_ARRAY = udf('kql_strcat_array', ['VARCHAR', 'VARCHAR'], 'VARCHAR', strcatArray);
export const BAG_KEYS = udf('kql_bag_keys', ['VARCHAR'], 'VARCHAR', bagKeys);
export const BAG_MERGE = variadicUdf('kql_bag_merge', [], 'VARCHAR', 'VARCHAR', bagMerge);
export const BAG_MERGE_ALL = udf('kql_bag_merge_all', ['VARCHAR'], 'VARCHAR', bagMergeAll);
export const SET_OF_ELEMENTS = udf(
  'kql_set_of_elements',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  setOfElements,
);
export const DYN_CONTAINS = udf(
  'kql_dyn_contains',
  ['VARCHAR', 'VARCHAR', 'INTEGER'],
  'INTEGER',
  dynContains,
);
export const HAS_TERMS = udf(
  'kql_has_terms',
  ['VARCHAR', 'VARCHAR', 'INTEGER'],
  'INTEGER',
  hasTerms,
);
export const TDIGEST_PERCENTILE = udf(
  'kql_tdigest_percentile',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  tdigestPercentile,
);
export const TDIGEST_RANK = udf('kql_tdigest_rank', ['VARCHAR', 'DOUBLE'], 'VARCHAR', tdigestRank);
export const BAG_REMOVE_KEYS = udf(
  'kql_bag_remove_keys',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  bagRemoveKeys,
);
export const BAG_HAS_KEY = udf('kql_bag_has_key', ['VARCHAR', 'VARCHAR'], 'INTEGER', bagHasKey);
export const SET_UNION = variadicUdf('kql_set_union', [], 'VARCHAR', 'VARCHAR', setUnion);
export const SET_INTERSECT = variadicUdf(
  'kql_set_intersect',
  [],
  'VARCHAR',
  'VARCHAR',
  setIntersect,
);
export const SET_DIFFERENCE = variadicUdf(
  'kql_set_difference',
  [],
  'VARCHAR',
  'VARCHAR',
  setDifference,
);
export const SET_HAS_ELEMENT = udf(
  'kql_set_has_element',
  ['VARCHAR', 'VARCHAR'],
  'INTEGER',
  setHasElement,
);
export const JACCARD_INDEX = udf(
  'kql_jaccard_index',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  jaccardIndex,
);
export const DYN_TYPEOF = udf('kql_dyn_typeof', ['VARCHAR'], 'VARCHAR', dynTypeOf);
export const SPLIT = udf('kql_split', ['VARCHAR', 'VARCHAR'], 'VARCHAR', splitText);
export const BAG_SET_KEY = udf(
  'kql_bag_set_key',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  bagSetKey,
);
export const BAG_ZIP = udf('kql_bag_zip', ['VARCHAR', 'VARCHAR'], 'VARCHAR', bagZip);
export const ZIP = variadicUdf('kql_zip', [], 'VARCHAR', 'VARCHAR', zipArrays);
export const REPLACE_STRINGS = udf(
  'kql_replace_strings',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  replaceStrings,
);
