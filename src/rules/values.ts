/**
 * Values of the query output as the report carries them (JSON: datetimes as ISO text, dynamic as
 * arrays/objects), and their text form where Sentinel needs text: placeholders, entity identifiers
 * and custom details are strings in the SecurityAlert record.
 */

import { stringifyJson } from '../json/stringify.ts';

/** One output row in report form: output columns in order. */
export type ReportRow = Record<string, unknown>;

/**
 * The value of a row's column, undefined when the row has no such column. Column names are the
 * query's (and a rule's) text: `constructor` or `__proto__` is a column like any other, never a
 * property Object.prototype lends.
 */
export function cellOf(row: ReportRow | undefined, column: string): unknown {
  return row !== undefined && Object.hasOwn(row, column) ? row[column] : undefined;
}

/**
 * A map from untrusted names (custom detail keys, entity identifiers, paths of a rule file) with
 * no prototype: `m["__proto__"] = v` stores a value like any other key. It serialises (JSON, the
 * worker's structured clone) like a plain object.
 */
export function nameMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Epoch ms → ISO-8601 UTC ending in Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The text of a value as KQL's tostring() gives it: strings as they are, null as "" (KQL strings
 * are never null), booleans as true/false, dynamic values as compact JSON.
 */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  return stringifyJson(v);
}
