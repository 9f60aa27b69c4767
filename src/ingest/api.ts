/**
 * The contract between ingest and its callers (session, CLI, UI worker).
 * Implementation: src/ingest/load.ts (`loadFile`).
 */
import type { TableSchema } from '../schema/catalog.ts';
import type { ColumnMapping } from './column-mapping.ts';
import type { IngestLimits } from './limits.ts';

/** A file to load: bytes (Node, tests, small files) or a Blob/File (browser, read in place). */
export interface LoadSource {
  readonly name: string;
  readonly bytes?: Uint8Array;
  readonly blob?: Blob;
}

export interface LoadProgress {
  readonly file: string;
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly rows: number;
}

export interface LoadOptions {
  /** Table to load into, overriding detection (the analyst's choice in the UI). */
  readonly table?: string;
  /** What to do when the table already exists. Default: 'replace'. */
  readonly mode?: 'replace' | 'append';
  /**
   * Column renames chosen by the analyst: source field (ColumnMapping.source, e.g. `Username` or
   * `properties.userPrincipalName`) → table column. A renamed column takes the catalog type of its new name.
   */
  readonly columns?: Readonly<Record<string, string>>;
  /**
   * Rows that cannot be read or typed: 'refuse' (default) fails the file naming the first one;
   * 'set-aside' loads the others and keeps the bad ones, counted and viewable (rejectedRowsOf).
   */
  readonly badRows?: 'refuse' | 'set-aside';
  /**
   * The size, depth and inflation limits of this load (src/ingest/limits.ts), each defaulting to
   * DEFAULT_LIMITS: a record over `recordBytes`, a JSON value deeper than `jsonDepth` or a gzip
   * inflating past `gzipRatio` times its size is refused with a message naming the limit.
   */
  readonly limits?: Partial<IngestLimits>;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

/** A table as it stands after loading, for the table list and the translator. */
export interface LoadedTable {
  readonly name: string;
  /** The table's columns with KQL types, in table order. */
  readonly schema: TableSchema;
  readonly rowCount: number;
  /** min/max TimeGenerated as epoch ms, or null when the table has no TimeGenerated (a snapshot). */
  readonly timeRange: { readonly min: number; readonly max: number } | null;
  /** Files loaded into it. */
  readonly files: readonly string[];
  /** Detected shape, e.g. 'la-portal-csv', 'csv', 'la-api-json'. */
  readonly format: string;
  /** Rows that could not be read and were set aside (never silently dropped). */
  readonly rejectedRows: number;
  readonly warnings: readonly string[];
  /** Where each column came from in the last file loaded (source field → column → type, and why). */
  readonly mapping?: readonly ColumnMapping[];
}
