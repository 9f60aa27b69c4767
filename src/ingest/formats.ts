/**
 * The shapes of file ingest recognises, and the first look at a file's bytes that tells them apart.
 * Detection reads only the head of the file: the rest may be gigabytes.
 */
import { ingestError } from './errors.ts';

/** A recognised file shape (LoadedTable.format). */
export type IngestFormat =
  /** Log Analytics portal "Export to CSV": `Name [UTC]` datetime headers, `M/D/YYYY, h:mm:ss.fff AM/PM`. */
  | 'la-portal-csv'
  /** Any other CSV with a header row (plain column names, ISO-8601 datetimes). */
  | 'csv'
  /** Log Analytics query API response (`{"tables":[…]}`), or a Kusto v1/v2 response converted to it. */
  | 'la-api-json'
  /** Entra admin center sign-in download, CSV ("Date (UTC)", "Username", …). */
  | 'entra-csv'
  /** Entra admin center sign-in download, JSON (an array of Graph sign-in objects). */
  | 'entra-json'
  /** Microsoft Graph responses `{"value":[…]}` (signIns, riskyUsers, riskDetections), pages concatenated or not. */
  | 'graph-json'
  /** Diagnostic settings to a storage account: one record per line (`time`, `category`, `properties`…). */
  | 'diagnostic-ndjson'
  /** Diagnostic records in a JSON array. */
  | 'diagnostic-json'
  /** Event Hub batches of diagnostic records: `{"records":[…]}`. */
  | 'event-hub-json'
  /** NDJSON of flat records named like the Log Analytics columns. */
  | 'ndjson'
  /** A JSON array of flat records named like the Log Analytics columns. */
  | 'json-array'
  /** Parquet (a data lake's export), read by the native engine only (src/ingest/native-files.ts). */
  | 'parquet';

/** What the head of a file says about it before any parsing. */
export type Sniffed = { readonly family: 'csv' } | { readonly family: 'json' };

/** Bytes read to detect a file's shape and to find its CSV header. */
export const HEAD_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2];
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

export function sniff(file: string, head: Uint8Array): Sniffed {
  const start = hasUtf8Bom(head) ? 3 : 0;
  let i = start;
  while (i < head.length && isSpace(head[i]!)) i++;
  if (i >= head.length)
    throw ingestError(
      'empty-file',
      file,
      `${file} is empty: expected a CSV header row or a JSON document.`,
    );
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw ingestError(
      'binary-file',
      file,
      `${file} is not a text file (a NUL byte at offset ${nul}): expected CSV or JSON text (UTF-8 or UTF-16 with a byte-order mark), optionally gzip-compressed.`,
    );
  }
  const c = head[i]!;
  if (c === 0x7b /* { */ || c === 0x5b /* [ */) return { family: 'json' };
  return { family: 'csv' };
}
