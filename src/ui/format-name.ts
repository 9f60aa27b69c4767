/**
 * What a file is, in the analyst's words: the name of the export an ingest format code stands for
 * (src/ingest/formats.ts), "gzipped" when the file was (`…+gzip`).
 */
import type { IngestFormat } from '../ingest/formats.ts';

const NAMES: Record<IngestFormat, string> = {
  'la-portal-csv': 'Log Analytics portal CSV',
  csv: 'CSV',
  'la-api-json': 'Log Analytics query API JSON',
  'entra-csv': 'Entra admin center download (CSV)',
  'entra-json': 'Entra admin center download (JSON)',
  'graph-json': 'Microsoft Graph JSON',
  'diagnostic-ndjson': 'diagnostic-settings export (one record per line)',
  'diagnostic-json': 'diagnostic records (JSON array)',
  'event-hub-json': 'Event Hub batch',
  ndjson: 'NDJSON',
  'json-array': 'JSON array',
  parquet: 'Parquet',
};

export function formatName(format: string): string {
  const [base, ...wrappings] = format.split('+');
  const name = NAMES[base as IngestFormat] ?? base ?? format;
  return wrappings.includes('gzip') ? `${name}, gzipped` : name;
}
