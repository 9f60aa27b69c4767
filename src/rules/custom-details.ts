/**
 * Custom details of one alert: `{ key: [values] }` (the shape of ExtendedProperties["Custom
 * Details"]), values as text, taken from the alert's rows in row order and de-duplicated
 * (sentinel-semantics.md, open question 6). Empty values are left out and a key with no value is
 * omitted, as Sentinel shows no detail for an empty field (choice documented in docs/replay.md).
 */
import type { CustomDetail } from './rule.ts';
import { cellOf, nameMap, valueText, type ReportRow } from './values.ts';

export function buildCustomDetails(
  rows: readonly ReportRow[],
  details: readonly CustomDetail[],
): Record<string, string[]> {
  const out = nameMap<string[]>();
  for (const d of details) {
    const values: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      const v = valueText(cellOf(row, d.columnName));
      if (v === '' || seen.has(v)) continue;
      seen.add(v);
      values.push(v);
    }
    if (values.length > 0) out[d.key] = values;
  }
  return out;
}
