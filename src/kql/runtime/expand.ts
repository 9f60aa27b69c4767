/**
 * mv-expand / mv-apply at run time: how many rows a dynamic value expands to, and its i-th item.
 * Kusto: an array gives one row per element; a property bag one row per property (as a one-key
 * bag `{"k": v}`, or `["k", v]` with bagexpansion=array); an empty array or bag gives no rows; a
 * null gives one row holding null; any other scalar one row holding itself.
 */
import { udf } from './udf.ts';
import { encodeDynamic, parseDynamic } from './dynamic.ts';
import { parseKeepingReals, unmarkReals } from './json-reals.ts';
import { stringifyJson } from '../../json/stringify.ts';

type Json = ReturnType<typeof parseDynamic>;

function isBag(v: Json): v is { [k: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function mvCount(text: string | null): number {
  if (text === null) return 1;
  const v = parseDynamic(text);
  if (Array.isArray(v)) return v.length;
  if (isBag(v)) return Object.keys(v).length;
  return 1;
}

/** The i-th item (0-based) of a value as mv-expand yields it; null past the end (parallel expansion). */
export function mvItem(
  text: string | null,
  i: number | null,
  bagAsArray: number | null,
): string | null {
  if (text === null || i === null) return null;
  const v = parseDynamic(text);
  if (Array.isArray(v)) return encodeDynamic(v[i]);
  if (isBag(v)) {
    const key = Object.keys(v)[i];
    if (key === undefined) return null;
    return JSON.stringify(bagAsArray ? [key, v[key]] : { [key]: v[key] });
  }
  return i === 0 ? text : null;
}

/** Separates the items mvItems returns: canonical JSON text escapes every control character. */
export const ITEM_SEPARATOR = '\u001f';

/**
 * All the items of a value as mv-expand yields them, in one call (one per row, not one per item:
 * a JavaScript UDF call costs microseconds): their JSON texts joined by ITEM_SEPARATOR; '' for an
 * empty array or bag (no item); null for null (one null item). Reals keep their decimal point.
 */
export function mvItems(text: string | null, bagAsArray: number | null): string | null {
  if (text === null) return null;
  const v = parseKeepingReals(text) as Json;
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else if (isBag(v)) items = Object.keys(v).map((k) => (bagAsArray ? [k, v[k]] : { [k]: v[k] }));
  else return text;
  return items
    .map((x) => {
      const json = x === null || x === undefined ? 'null' : stringifyJson(x);
      return unmarkReals(json);
    })
    .join(ITEM_SEPARATOR);
}

// The UDFs of this module (registered by ./index.ts, called by mv-expand and mv-apply).
export const MV_COUNT = udf('kql_mv_count', ['VARCHAR'], 'INTEGER', mvCount);
export const MV_ITEM = udf('kql_mv_item', ['VARCHAR', 'DOUBLE', 'INTEGER'], 'VARCHAR', mvItem);
export const MV_ITEMS = udf('kql_mv_items', ['VARCHAR', 'INTEGER'], 'VARCHAR', mvItems);
