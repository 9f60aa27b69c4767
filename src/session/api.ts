/**
 * A Loupe session: the loaded tables, and the operations the UI and the CLI perform on them.
 * One implementation (src/session/session.ts) serves both: the CLI calls it directly under Node,
 * the browser calls it inside the engine worker (src/worker/) through a typed message protocol.
 */
import type { LoadedTable, LoadOptions, LoadSource } from '../ingest/api.ts';
import type { FilePreview, RejectedRow } from '../ingest/index.ts';
import type { Translation } from '../kql/api.ts';
import type { QueryControl } from '../db/engine.ts';
import type { ReplayControl, ReplayOptions, ReplayReport } from '../rules/api.ts';
import type { LibraryReport, RuleFileText } from '../rules/library.ts';
import type { ColumnSchema } from '../schema/catalog.ts';
import type { CatalogSearchResult } from '../schema/catalog-search.ts';
import type { WatchlistInfo } from '../workspace/watchlists.ts';
import type { GeoIpInfo } from '../kql/runtime/geoip.ts';
import type { CheckReport } from '../rules/check.ts';
import type { FunctionLoadReport, FunctionSummary } from './workspace-content.ts';

export type { FunctionLoadReport, FunctionSummary } from './workspace-content.ts';
export type { WatchlistInfo } from '../workspace/watchlists.ts';
export type { GeoIpInfo } from '../kql/runtime/geoip.ts';

/** A watchlist CSV to load: its alias, and optionally its SearchKey column and last update (epoch ms). */
export interface WatchlistLoad {
  readonly alias: string;
  readonly searchKey?: string;
  readonly lastUpdated?: number;
}

/** A rule file as read: the rule's display fields plus diagnostics (warnings keep their lines). */
export interface RuleSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: 'Scheduled' | 'NRT' | 'KQL';
  readonly query: string;
  readonly queryFrequency?: string;
  readonly queryPeriod?: string;
  readonly severity?: string;
  readonly diagnostics: readonly {
    severity: 'error' | 'warning';
    message: string;
    line?: number;
    column?: number;
  }[];
}

/** Rows of a query for display: values already decoded for JSON (dynamic parsed, datetimes ISO). */
export interface RowsResult {
  readonly columns: readonly ColumnSchema[];
  readonly rows: readonly (readonly unknown[])[];
  readonly sql: string;
}

export interface LoupeSession {
  tables(): readonly LoadedTable[];
  load(source: LoadSource, options?: LoadOptions): Promise<LoadedTable>;
  /**
   * Loads a file on this machine's disk, or every file a glob pattern matches (`logs/*.csv.gz`,
   * appended after the first), through the engine's own readers where they apply (the native
   * engine: CSV, gzipped CSV and Parquet read in place, src/ingest/native-files.ts) and Loupe's
   * JavaScript readers otherwise (JSON, Entra downloads, UTF-16). Present only on a session whose
   * engine reads local files (the CLI's --engine native); returns the table as each file left it.
   */
  loadLocal?(path: string, options?: LoadOptions): Promise<readonly LoadedTable[]>;
  /** What loading a file would do (format, table, mapping, first rows), reading only its start. */
  preview(
    source: LoadSource,
    options?: Pick<LoadOptions, 'table' | 'columns' | 'mode'>,
  ): Promise<FilePreview>;
  dropTable(name: string): void;
  /** The rows set aside while loading a table (LoadOptions.badRows = 'set-aside'), with their details. */
  rejectedRows(table: string): readonly RejectedRow[];
  /** Reads a loaded table wherever a query says `externaldata(…) [ "URL" ]` (Loupe never downloads:
   * the analyst supplies the file; CLI `--external URL=FILE`). Throws LoupeError if it is not loaded. */
  useExternalData(url: string, table: string): void;
  /**
   * Loads a watchlist CSV under its alias (`_GetWatchlist('alias')`, the Watchlist table), replacing
   * one of the same alias. Throws LoupeError if it cannot be read; the others stay.
   */
  loadWatchlist(source: LoadSource, options: WatchlistLoad): Promise<WatchlistInfo>;
  watchlists(): readonly WatchlistInfo[];
  dropWatchlist(alias: string): void;
  /**
   * Loads a GeoIP database, a MaxMind DB (.mmdb) file (GeoLite2-City, DB-IP City Lite), which
   * `geo_info_from_ip_address` reads, replacing the one loaded before. Throws LoupeError if the
   * file is not one.
   */
  loadGeoIpDatabase(source: LoadSource): Promise<GeoIpInfo>;
  /** The GeoIP database loaded, if any. */
  geoIpDatabase(): GeoIpInfo | undefined;
  dropGeoIpDatabase(): void;
  /**
   * Loads workspace functions (saved functions, ASIM parsers) from their YAML (or ARM JSON) files;
   * a file that cannot be read is reported with its line and the others still load.
   */
  loadFunctions(files: readonly RuleFileText[]): FunctionLoadReport;
  functions(): readonly FunctionSummary[];
  dropFunctionFile(file: string): void;
  /**
   * What Sentinel's validation says of each rule, with nothing run: ready (and what it reads),
   * needs something loadable, refused (the construct, file:line:column) or invalid.
   */
  checkLibrary(files: readonly RuleFileText[]): CheckReport;
  /** Reads a rule file (YAML, ARM JSON or bare KQL). Throws LoupeError with a position. */
  readRule(text: string, fileName: string): RuleSummary;
  /** Translates the rule's (or any) KQL against the loaded tables. Throws KqlError. */
  translate(kql: string): Translation;
  /**
   * Translates the query of the rule last read, as a replay runs it (tables restricted to the
   * run's window); a KQL error is reported at its line and column in the rule file.
   */
  translateRule(): Translation;
  /** Replays the rule last read by readRule. Cancellable (options.signal: rejects with an AbortError). */
  replay(options?: ReplayOptions & ReplayControl): Promise<ReplayReport>;
  /** Replays every rule of several rule files over the loaded tables, ranked by alerts; a rule that
   * fails keeps its positioned error in the report and the others still run. Cancellable as replay. */
  replayLibrary(
    files: readonly RuleFileText[],
    options?: ReplayOptions & ReplayControl,
  ): Promise<LibraryReport>;
  /**
   * Runs KQL (or SQL when `language` is 'sql') once, with now() = the latest TimeGenerated loaded.
   * Cancellable: aborting `control.signal` stops the query and rejects with an AbortError.
   */
  run(
    text: string,
    language: 'kql' | 'sql',
    limit?: number,
    control?: QueryControl,
  ): Promise<RowsResult>;
  /** Every table of the schema catalog (what a file can be loaded into, what a rule can read). */
  catalogTableNames(): readonly string[];
  /** Catalog tables whose name or a column's name contains `query`, best first, with their columns and source. */
  searchCatalog(query: string, limit?: number): CatalogSearchResult;
  /** Releases the engine. */
  close(): void;
}
