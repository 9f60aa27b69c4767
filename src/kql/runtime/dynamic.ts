/**
 * `dynamic` values at run time. A dynamic value is stored as its canonical JSON text in a VARCHAR
 * (SQL NULL for KQL's null): `JSON.stringify` of the parsed value — no whitespace, keys in their
 * original order — so that equal values have equal text, which is what DISTINCT (make_set), GROUP
 * BY and `==` in SQL compare. These functions are registered as DuckDB UDFs by ./index.ts; they
 * take and return only VARCHAR/DOUBLE/INTEGER (what DuckDB-WASM's UDFs accept).
 */
import { udf } from './udf.ts';
import { parseKeepingReals, realText, unmarkReals } from './json-reals.ts';

import { stringifyJson } from '../../json/stringify.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Parses canonical JSON text; a small cache helps rows that repeat the same value. */
const cache = new Map<string, Json>();
export function parseDynamic(text: string): Json {
  const hit = cache.get(text);
  if (hit !== undefined || cache.has(text)) return hit!;
  const v = JSON.parse(text) as Json;
  if (cache.size > 1000) cache.clear();
  cache.set(text, v);
  return v;
}

/**
 * KQL null (JSON null or missing) is SQL NULL; everything else its JSON text, at any depth (a value
 * from the logs can be nested deeper than JSON.stringify writes: src/json/stringify.ts).
 */
export function encodeDynamic(v: Json | undefined): string | null {
  return v === undefined || v === null ? null : stringifyJson(v);
}

/** `d[i]`: an array element, negative indexes counting from the end; null otherwise. */
export function dynIndex(text: string | null, i: number | null): string | null {
  if (text === null || i === null || !Number.isInteger(i)) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  const k = i < 0 ? v.length + i : i;
  return encodeDynamic(v[k]);
}

/** `d.name` / `d["name"]`: a property of a bag; null otherwise. */
export function dynGet(text: string | null, key: string | null): string | null {
  if (text === null || key === null) return null;
  const v = parseDynamic(text);
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, key))
    return null;
  return encodeDynamic(v[key]);
}

/** `tostring(d)`: "" for null, a string's own text, JSON text for anything else. */
export function dynToString(text: string | null): string {
  if (text === null) return '';
  const v = parseDynamic(text);
  if (v === null) return '';
  // The canonical text itself: written again from the parsed value, a real 1.0 would lose its
  // decimal point (./json-reals.ts).
  return typeof v === 'string' ? v : text;
}

/** `parse_json(s)`: the JSON value of s; text that is not JSON is a dynamic string. */
export function dynParse(text: string | null): string | null {
  if (text === null || text === '') return null;
  let v: Json;
  try {
    // Reals stay reals: parse_json("[1.0]") is [1.0], not [1] (./json-reals.ts).
    v = parseKeepingReals(text) as Json;
  } catch {
    return JSON.stringify(text);
  }
  const json = encodeDynamic(v);
  return json === null ? null : unmarkReals(json);
}

export function dynArrayLength(text: string | null): number | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  return Array.isArray(v) ? v.length : null;
}

/** A string as a JSON string element (quotes, backslashes, control characters escaped). */
export function jsonString(s: string | null): string | null {
  return s === null ? null : JSON.stringify(s);
}

/** A real as a JSON number (a whole one as `1.0`, so that it stays a real); NaN and infinities have no JSON form and become strings as in Kusto. */
export function jsonReal(x: number | null): string | null {
  if (x === null) return null;
  if (Number.isNaN(x)) return '"NaN"';
  if (!Number.isFinite(x)) return x > 0 ? '"Infinity"' : '"-Infinity"';
  return realText(x);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const DYN_INDEX = udf('kql_dyn_index', ['VARCHAR', 'DOUBLE'], 'VARCHAR', dynIndex);
export const DYN_GET = udf('kql_dyn_get', ['VARCHAR', 'VARCHAR'], 'VARCHAR', dynGet);
export const DYN_TOSTRING = udf('kql_dyn_tostring', ['VARCHAR'], 'VARCHAR', dynToString);
export const DYN_PARSE = udf('kql_dyn_parse', ['VARCHAR'], 'VARCHAR', dynParse);
export const DYN_ARRAY_LENGTH = udf('kql_dyn_array_length', ['VARCHAR'], 'INTEGER', dynArrayLength);
export const JSON_STRING = udf('kql_json_string', ['VARCHAR'], 'VARCHAR', jsonString);
export const JSON_REAL = udf('kql_json_real', ['DOUBLE'], 'VARCHAR', jsonReal);
