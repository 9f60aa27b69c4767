/**
 * The Log Analytics portal's "Export to CSV (all columns)", as real exports show it:
 * - datetime columns get " [UTC]" in the header and the text `6/15/2026, 9:56:49.975 AM`;
 * - dynamic and JSON columns are compact JSON; booleans `true`/`false`; empty values empty fields;
 * - a field is quoted when it holds a comma, a quote or a line break, quotes doubled; LF line ends,
 *   no byte-order mark.
 * The real AuditLogs export quotes its `[UTC]` header names while the sign-in exports do not;
 * `quoteUtcHeaders` reproduces that.
 */
import { isInstant, isJson, type Cell, type Row } from '../la-rows.ts';
import { portalTime } from '../time.ts';

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The text of one cell in the portal's form. */
export function portalCell(cell: Cell): string {
  if (cell === null) return '';
  if (isInstant(cell)) return portalTime(cell);
  if (isJson(cell)) return JSON.stringify(cell.json);
  return String(cell);
}

/** Columns holding datetimes in these rows (every row must agree). */
export function datetimeColumns(columns: readonly string[], rows: readonly Row[]): Set<string> {
  const set = new Set(columns.filter((c) => rows.length > 0 && isInstant(rows[0]![c]!)));
  for (const r of rows) {
    for (const c of columns) {
      if (set.has(c) !== isInstant(r[c]!))
        throw new Error(`column ${c} is a datetime in some rows only`);
    }
  }
  return set;
}

export function portalCsv(
  columns: readonly string[],
  rows: readonly Row[],
  options: { quoteUtcHeaders?: boolean } = {},
): string {
  const datetimes = datetimeColumns(columns, rows);
  const header = columns.map((c) => {
    if (!datetimes.has(c)) return csvField(c);
    const name = `${c} [UTC]`;
    return options.quoteUtcHeaders ? `"${name}"` : name;
  });
  const lines = [header.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(portalCell(r[c]!))).join(','));
  return `${lines.join('\n')}\n`;
}
