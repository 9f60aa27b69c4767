/**
 * mv-expand / mv-apply at run time: how many rows a dynamic value expands to, and its i-th item.
 * Kusto: an array gives one row per element; a property bag one row per property (as a one-key
 * bag `{"k": v}`, or `["k", v]` with bagexpansion=array); an empty array or bag gives no rows; a
 * null gives one row holding null; any other scalar one row holding itself.
 */
import { udf } from './udf.ts';
import { encodeDynamic, parseDynamic } from './dynamic.ts';

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

// The UDFs of this module (registered by ./index.ts, called by mv-expand and mv-apply).
export const MV_COUNT = udf('kql_mv_count', ['VARCHAR'], 'INTEGER', mvCount);
export const MV_ITEM = udf('kql_mv_item', ['VARCHAR', 'DOUBLE', 'INTEGER'], 'VARCHAR', mvItem);
