/**
 * The messages between the page and the engine worker. Each request type is paired with its
 * payload and its result in `RequestMap`, so that the client (client.ts) and the worker (host.ts)
 * are type-checked end to end: a request of type K always resolves to `RequestMap[K]['result']`.
 *
 * Everything here crosses `postMessage`, so it must be structured-clonable: plain data, Blobs and
 * Files (passed by reference, read inside the worker), never functions or class instances.
 */
import type { LoadedTable, LoadProgress } from '../ingest/api.ts';
import type { FilePreview, RejectedRow } from '../ingest/index.ts';
import type { Translation } from '../kql/api.ts';
import type { ReplayOptions, ReplayProgress, ReplayReport } from '../rules/api.ts';
import type { CatalogSearchResult } from '../schema/catalog-search.ts';
import type {
  FunctionLoadReport,
  FunctionSummary,
  RowsResult,
  RuleSummary,
  WatchlistInfo,
  GeoIpInfo,
} from '../session/api.ts';
import type { CheckReport } from '../rules/check.ts';
import type { LibraryReport, RuleFileText } from '../rules/library.ts';
import type { ErrorDetail, SourcePosition } from '../errors.ts';
import type { GridPage, GridQuery } from './grid/types.ts';
import type { ExportRequest } from './grid/service.ts';
import type { PivotHit } from './pivot.ts';
import type { Histogram } from './histogram.ts';

/** Where the worker gets DuckDB's wasm from (see src/worker/wasm-source.ts). */
export type WasmSource =
  /** Hosted build: an http(s) URL of `duckdb-eh.wasm`, compiled while it downloads. */
  | { readonly kind: 'url'; readonly url: string }
  /**
   * Single-file build: the gzip-compressed wasm, held in the page as base64 text in several parts
   * (file:// cannot fetch it). The parts follow as `wasm-part` messages while the page parses them.
   */
  | { readonly kind: 'gzip-parts' };

export interface EngineInfo {
  /** DuckDB's version string, e.g. "v1.4.3" (the answer to the first query). */
  readonly duckdbVersion: string;
  /** Milliseconds from the worker receiving `init` to the first query answered. */
  readonly startMs: number;
  /** Where start-up time went, in order (for the benchmark and the status tooltip). */
  readonly phases: readonly { readonly name: string; readonly ms: number }[];
  /** Wall-clock times (epoch ms) of `init` received and of the session ready, to relate to the page's clock. */
  readonly initAt: number;
  readonly readyAt: number;
}

export interface RequestMap {
  /** Resolves once the engine has answered its first query. */
  info: { payload: null; result: EngineInfo };
  tables: { payload: null; result: readonly LoadedTable[] };
  load: {
    payload: {
      readonly name: string;
      readonly file: Blob;
      readonly table?: string;
      readonly mode?: 'replace' | 'append';
      /** 'set-aside': load the readable rows and keep the others, counted and viewable (rejectedRows). */
      readonly badRows?: 'refuse' | 'set-aside';
      /** The analyst's renames: source field → table column. */
      readonly columns?: Readonly<Record<string, string>>;
    };
    result: LoadedTable;
  };
  /** What loading a file would do: format, table and why, the mapping, the first rows (reads its start only). */
  preview: {
    payload: {
      readonly name: string;
      readonly file: Blob;
      readonly table?: string;
      readonly columns?: Readonly<Record<string, string>>;
    };
    result: FilePreview;
  };
  /** The rows set aside while loading a table: file, line, column, what was wrong, the text. */
  rejectedRows: { payload: { readonly table: string }; result: readonly RejectedRow[] };
  dropTable: { payload: { readonly name: string }; result: null };
  readRule: { payload: { readonly text: string; readonly fileName: string }; result: RuleSummary };
  translate: { payload: { readonly kql: string }; result: Translation };
  replay: { payload: ReplayOptions; result: ReplayReport };
  /** Replays every rule of several rule files, ranked by alerts; a failing rule keeps its error. */
  replayLibrary: {
    payload: { readonly files: readonly RuleFileText[]; readonly options?: ReplayOptions };
    result: LibraryReport;
  };
  /** Loads a watchlist CSV under the alias rules call it by (`_GetWatchlist('alias')`, the Watchlist table). */
  loadWatchlist: {
    payload: {
      readonly name: string;
      readonly file: Blob;
      readonly alias: string;
      readonly searchKey?: string;
    };
    result: WatchlistInfo;
  };
  dropWatchlist: { payload: { readonly alias: string }; result: null };
  /** Loads a GeoIP database (.mmdb) that geo_info_from_ip_address reads, replacing the one before. */
  loadGeoIpDatabase: {
    payload: { readonly name: string; readonly file: Blob };
    result: GeoIpInfo;
  };
  dropGeoIpDatabase: { payload: null; result: null };
  /** Loads workspace functions and ASIM parsers from their YAML (or ARM JSON) files; a bad file is reported, the others load. */
  loadFunctions: {
    payload: { readonly files: readonly RuleFileText[] };
    result: FunctionLoadReport;
  };
  dropFunctionFile: { payload: { readonly file: string }; result: null };
  /** What is loaded beside the tables: the watchlists, the workspace functions, the GeoIP database. */
  workspaceContent: {
    payload: null;
    result: {
      readonly watchlists: readonly WatchlistInfo[];
      readonly functions: readonly FunctionSummary[];
      readonly geoIp: GeoIpInfo | null;
    };
  };
  /** Each rule's check status (ready, needs, refused, invalid), with nothing run: what `loupe check` says. */
  checkLibrary: { payload: { readonly files: readonly RuleFileText[] }; result: CheckReport };
  /** Reads a loaded table wherever a query's externaldata names `url` (the analyst supplied its file). */
  useExternalData: { payload: { readonly url: string; readonly table: string }; result: null };
  run: {
    payload: { readonly text: string; readonly language: 'kql' | 'sql'; readonly limit?: number };
    result: RowsResult;
  };
  /** A page of a table or query result, filtered and sorted in SQL (the result grid). */
  grid: { payload: GridQuery; result: GridPage };
  /** The whole filtered, sorted result as CSV or JSON text (for a download the analyst asked for). */
  exportRows: { payload: ExportRequest; result: string };
  /** Every loaded table's rows mentioning a value (an entity's identifier). */
  pivot: { payload: { readonly value: string }; result: readonly PivotHit[] };
  /** A table's events per time bucket (the timeline). */
  histogram: { payload: { readonly table: string; readonly buckets?: number }; result: Histogram };
  /** Every table name of the schema catalog (the engine worker holds the catalog, not the page). */
  catalogTableNames: { payload: null; result: readonly string[] };
  /** The catalog's tables matching a table or column name, with columns, types and source. */
  searchCatalog: {
    payload: { readonly query: string; readonly limit?: number };
    result: CatalogSearchResult;
  };
}

export type RequestType = keyof RequestMap;
export type PayloadOf<K extends RequestType> = RequestMap[K]['payload'];
export type ResultOf<K extends RequestType> = RequestMap[K]['result'];

/** What the requests that report progress report while they run (the others report none). */
export interface ProgressMap {
  /** Bytes read and rows so far of the file being loaded. */
  load: LoadProgress;
  /** Runs done of the rule's runs. */
  replay: ReplayProgress;
  /** The same, with which rule of the library is being replayed. */
  replayLibrary: ReplayProgress;
}
export type ProgressType = keyof ProgressMap;
/** The progress a request of type K reports (`never`: it reports none). */
export type ProgressOf<K extends RequestType> = K extends ProgressType ? ProgressMap[K] : never;

/** Page → worker. */
export type ToWorker =
  | { readonly kind: 'init'; readonly wasm: WasmSource }
  | {
      [K in RequestType]: {
        readonly kind: 'request';
        readonly id: number;
        readonly type: K;
        readonly payload: PayloadOf<K>;
      };
    }[RequestType]
  /**
   * Asks the worker to abort request `id`: a request still queued never starts; a running one
   * stops at its next check (loads between chunks, replays between runs, any long query within
   * one poll of its pending query) and answers an error named AbortError (ingest: 'cancelled').
   */
  | { readonly kind: 'cancel'; readonly id: number }
  /** The next part of the embedded wasm (base64 of a slice of its gzip bytes); `last` ends it. */
  | { readonly kind: 'wasm-part'; readonly base64: string; readonly last: boolean };

/** An error as it crosses the thread boundary: a LoupeError's fields, or a plain Error's message. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  /** Set for LoupeErrors: which stage failed, its code, and where in which source. */
  readonly stage?: string;
  readonly code?: string;
  readonly position?: SourcePosition;
  /** A LoupeError's typed detail (plain data, so it clones as it is). */
  readonly detail?: ErrorDetail;
}

export type EngineStatus =
  | {
      readonly state: 'starting';
      readonly step: 'waiting' | 'loading-wasm' | 'instantiating' | 'session';
    }
  | { readonly state: 'ready'; readonly info: EngineInfo }
  | { readonly state: 'failed'; readonly error: WireError };

/** Worker → page. */
export type FromWorker =
  | {
      [K in RequestType]: {
        readonly kind: 'result';
        readonly id: number;
        readonly type: K;
        readonly result: ResultOf<K>;
      };
    }[RequestType]
  | { readonly kind: 'error'; readonly id: number; readonly error: WireError }
  /** Progress of request `id`, discriminated by its request type. */
  | {
      [K in ProgressType]: {
        readonly kind: 'progress';
        readonly id: number;
        readonly type: K;
        readonly progress: ProgressMap[K];
      };
    }[ProgressType]
  | { readonly kind: 'status'; readonly status: EngineStatus };
