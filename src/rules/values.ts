/**
 * Values of the query output as the report carries them (JSON: datetimes as ISO text, dynamic as
 * arrays/objects), and their text form where Sentinel needs text: placeholders, entity identifiers
 * and custom details are strings in the SecurityAlert record.
 */

/** One output row in report form: output columns in order. */
export type ReportRow = Record<string, unknown>;

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
  return JSON.stringify(v);
}
