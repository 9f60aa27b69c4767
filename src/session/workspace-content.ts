/**
 * What a Sentinel workspace provides beside its tables, as the analyst loaded it into this session:
 * watchlists (CSV files under their aliases), workspace functions (saved functions and ASIM
 * parsers, from their YAML files) and a GeoIP database (a MaxMind DB file that
 * geo_info_from_ip_address reads, kept with the engine: src/kql/runtime/geoip.ts). The session asks it for the functions and watchlist tables a
 * query names; both front ends load into it through the session.
 */
import type { SqlEngine } from '../db/engine.ts';
import { quoteIdent } from '../db/sql-text.ts';
import { LoupeError, isLoupeError, type SourcePosition } from '../errors.ts';
import type { WorkspaceFunction } from '../kql/api.ts';
import {
  GeoIpDatabase,
  geoIpDatabaseOf,
  useGeoIpDatabase,
  type GeoIpInfo,
} from '../kql/runtime/geoip.ts';
import type { TableSchema } from '../schema/catalog.ts';
import { readFunctionFile } from '../workspace/function-file.ts';
import { WATCHLIST_TABLE, watchlistTableSchema } from '../workspace/watchlist-table.ts';
import {
  emptyWatchlistSchema,
  GET_WATCHLIST,
  loadWatchlist,
  rebuildWatchlistTable,
  watchlistAliasOf,
  watchlistSchema,
  type WatchlistInfo,
  type WatchlistRequest,
} from '../workspace/watchlists.ts';

/** A workspace function as loaded: its name, the file and line it comes from, its parameters. */
export interface FunctionSummary {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly parameters: string;
}

/** The outcome of loading function files: what loaded, and each file that could not be read. */
export interface FunctionLoadReport {
  readonly loaded: readonly FunctionSummary[];
  readonly errors: readonly {
    readonly file: string;
    readonly code: string;
    readonly message: string;
    readonly position: SourcePosition;
  }[];
}

export class WorkspaceContent {
  private readonly watchlistsByAlias = new Map<string, WatchlistInfo>();
  /** Function files by file name, in load order (a later file's function replaces an earlier one of its name). */
  private readonly functionFiles = new Map<string, readonly WorkspaceFunction[]>();

  constructor(private readonly engine: SqlEngine) {}

  watchlists(): readonly WatchlistInfo[] {
    return [...this.watchlistsByAlias.values()];
  }

  loadWatchlist(fileName: string, bytes: Uint8Array, request: WatchlistRequest): WatchlistInfo {
    const info = loadWatchlist(this.engine, fileName, bytes, request);
    this.watchlistsByAlias.set(info.alias, info);
    rebuildWatchlistTable(this.engine, this.watchlists());
    return info;
  }

  dropWatchlist(alias: string): void {
    const info = this.watchlistsByAlias.get(alias);
    if (!info)
      throw new LoupeError('workspace', 'unknown-watchlist', `no watchlist "${alias}" is loaded`);
    this.watchlistsByAlias.delete(alias);
    this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(info.table)}`);
    rebuildWatchlistTable(this.engine, this.watchlists());
  }

  /** Opens a MaxMind DB (.mmdb) file and makes it the engine's GeoIP database (replacing one loaded before). */
  loadGeoIpDatabase(fileName: string, bytes: Uint8Array): GeoIpInfo {
    const db = GeoIpDatabase.open(fileName, bytes);
    useGeoIpDatabase(this.engine, db);
    return db.info;
  }

  geoIpDatabase(): GeoIpInfo | undefined {
    return geoIpDatabaseOf(this.engine)?.info;
  }

  dropGeoIpDatabase(): void {
    useGeoIpDatabase(this.engine, undefined);
  }

  /** Reads function files; a file that cannot be read is reported and the others still load. */
  loadFunctions(
    files: readonly { readonly name: string; readonly text: string }[],
  ): FunctionLoadReport {
    const loaded: FunctionSummary[] = [];
    const errors: FunctionLoadReport['errors'][number][] = [];
    for (const f of files) {
      try {
        const fns = readFunctionFile(f.text, f.name);
        this.functionFiles.delete(f.name);
        this.functionFiles.set(f.name, fns);
        loaded.push(...fns.map(summary));
      } catch (e) {
        if (!isLoupeError(e)) throw e;
        errors.push({
          file: f.name,
          code: e.code,
          message: e.message,
          position: { file: f.name, ...e.position },
        });
      }
    }
    return { loaded, errors };
  }

  functions(): readonly FunctionSummary[] {
    return [...this.functionFiles.values()].flat().map(summary);
  }

  dropFunctionFile(file: string): void {
    this.functionFiles.delete(file);
  }

  /** A function by the name a query calls it: the last loaded file defining it, else `_GetWatchlist`. */
  resolveFunction(name: string): WorkspaceFunction | undefined {
    let found: WorkspaceFunction | undefined;
    for (const fns of this.functionFiles.values())
      found = fns.find((f) => f.name === name) ?? found;
    return found ?? (name === GET_WATCHLIST.name ? GET_WATCHLIST : undefined);
  }

  /**
   * The schema of a watchlist table (`watchlist:<alias>`: the loaded CSV's, or the fixed columns
   * of an alias that is not loaded, read as empty) or of the Watchlist table when watchlists are
   * loaded; undefined for any other name.
   */
  resolveTable(name: string): TableSchema | undefined {
    const alias = watchlistAliasOf(name);
    if (alias !== undefined) {
      const w = this.watchlistsByAlias.get(alias);
      return w ? watchlistSchema(w) : emptyWatchlistSchema(alias);
    }
    if (name === WATCHLIST_TABLE) return watchlistTableSchema();
    return undefined;
  }

  /** Whether `name` is the table of a loaded watchlist (not one read as empty). */
  isLoadedWatchlist(name: string): boolean {
    const alias = watchlistAliasOf(name);
    return alias !== undefined && this.watchlistsByAlias.has(alias);
  }
}

function summary(f: WorkspaceFunction): FunctionSummary {
  return {
    name: f.name,
    file: f.source.file,
    line: f.source.line,
    parameters: f.parameters
      .map((p) => `${p.name}:${p.type}${p.default !== undefined ? ` = ${p.default}` : ''}`)
      .join(', '),
  };
}
