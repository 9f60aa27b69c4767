/**
 * A portal CSV after Excel: "Save As → Unicode Text" (UTF-16 LE with a BOM, tab-separated, CRLF,
 * cells written as displayed) and a plain re-save as CSV (BOM, CRLF, datetimes shown as
 * `6/15/2026 9:56` — Excel drops the seconds — and booleans TRUE/FALSE).
 */
import { isInstant, type Row } from '../la-rows.ts';
import { excelTime } from '../time.ts';
import { csvField, datetimeColumns, portalCell } from './portal-csv.ts';

function tabField(text: string): string {
  return /[\t"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function excelUnicodeText(columns: readonly string[], rows: readonly Row[]): Uint8Array {
  const datetimes = datetimeColumns(columns, rows);
  const header = columns.map((c) => (datetimes.has(c) ? `${c} [UTC]` : c));
  const lines = [
    header.map(tabField).join('\t'),
    ...rows.map((r) => columns.map((c) => tabField(portalCell(r[c]!))).join('\t')),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i] = code & 0xff;
    out[3 + 2 * i] = code >> 8;
  }
  return out;
}

export function excelResavedCsv(columns: readonly string[], rows: readonly Row[]): string {
  const datetimes = datetimeColumns(columns, rows);
  const header = columns.map((c) => (datetimes.has(c) ? `${c} [UTC]` : c));
  const cell = (v: Row[string]) =>
    isInstant(v!) ? excelTime(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : portalCell(v!);
  const lines = [
    header.map(csvField).join(','),
    ...rows.map((r) => columns.map((c) => csvField(cell(r[c]!))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
