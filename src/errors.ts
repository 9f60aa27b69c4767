/**
 * Errors as values with a code and a position, shown to the analyst as they are. Every stage of
 * Loupe throws (or returns) a LoupeError subclass so that the UI and CLI can say *where*: the file,
 * the line and column in it, and what was expected there.
 */
import type { BuiltinKind } from './kql/catalog/builtins.ts';
import type { RefusalReason } from './kql/catalog/refusals.ts';
import type { ColumnSchema } from './schema/catalog.ts';

/** A place in a source: a log file, a rule file or a KQL query. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Length of the offending text, when known (for underlining). */
  readonly length?: number;
}

/** `workspace`: what a Sentinel workspace provides beside its tables (watchlists, saved functions, ASIM parsers). */
export type ErrorStage = 'ingest' | 'kql' | 'rule' | 'replay' | 'engine' | 'cli' | 'workspace';

/**
 * What a front end acts on, beside the message it shows: the message is worded for the analyst
 * and may change, a detail is typed data (one variant per remedy Loupe offers), so the UI and CLI
 * never parse message text.
 */
export type ErrorDetail =
  | ExternalDataNeeded
  | BuiltinRefused
  | TableUnknown
  | FunctionNotLoaded
  | WatchlistNeeded
  | GeoIpNeeded;

/**
 * A call of a Kusto built-in (function, aggregate, plugin, operator) that Loupe refuses by
 * design, for a documented reason (src/kql/catalog/refusals.ts, docs/kql.md "Refused built-ins").
 */
export interface BuiltinRefused {
  readonly kind: 'builtin-refused';
  readonly builtin: { readonly kind: BuiltinKind; readonly name: string };
  readonly reason: RefusalReason;
}

/** A table the query names that is neither loaded nor in the schema catalog (its data can be loaded). */
export interface TableUnknown {
  readonly kind: 'table-unknown';
  readonly name: string;
}

/**
 * A function the query calls that neither the query defines nor the workspace has loaded: a saved
 * function or an ASIM parser, whose YAML the analyst loads (CLI `--functions DIR`, UI).
 */
export interface FunctionNotLoaded {
  readonly kind: 'function-not-loaded';
  readonly name: string;
}

/**
 * The query reads columns of a watchlist that is not loaded: only its CSV says what they are
 * (CLI `--watchlist ALIAS=FILE`, UI). A watchlist read for its fixed columns alone reads as empty.
 */
export interface WatchlistNeeded {
  readonly kind: 'watchlist-needs-file';
  readonly alias: string;
}

/**
 * The query calls `geo_info_from_ip_address` and no GeoIP database is loaded: the analyst loads a
 * MaxMind DB (.mmdb) file, GeoLite2-City or DB-IP City Lite (CLI `--geoip FILE`, UI).
 */
export interface GeoIpNeeded {
  readonly kind: 'geoip-needs-database';
  /** The function that reads it. */
  readonly function: string;
}

/**
 * `externaldata(…) ["URL"]` with no file supplied for the URL: Kusto downloads it, Loupe works
 * offline, so the analyst supplies the file (UI prompt, CLI `--external URL=FILE`).
 */
export interface ExternalDataNeeded {
  readonly kind: 'externaldata-needs-file';
  readonly url: string;
  /** The columns the query declares, which it reads from the supplied file by name. */
  readonly columns: readonly ColumnSchema[];
  /** The `with (format=…)` the query names, when it does. */
  readonly format?: string;
}

export class LoupeError extends Error {
  constructor(
    readonly stage: ErrorStage,
    readonly code: string,
    message: string,
    readonly position: SourcePosition = {},
    readonly detail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'LoupeError';
  }

  /**
   * "file:line:column: message", the form compilers use, for the CLI and logs. A message that
   * already starts with the file's name ("f.csv is empty: …") is not prefixed with it again.
   */
  describe(): string {
    const { file, line, column } = this.position;
    if (file !== undefined && line === undefined && this.message.startsWith(file))
      return this.message;
    const where = [file, line, line !== undefined ? column : undefined]
      .filter((x) => x !== undefined)
      .join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function isLoupeError(e: unknown): e is LoupeError {
  return e instanceof LoupeError;
}
