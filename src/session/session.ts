/**
 * The one implementation of LoupeSession, over a SqlEngine: what the CLI calls directly and the
 * browser worker hosts. It holds no state of its own beyond the rule last read; tables and their
 * metadata live in the engine and ingest's registry.
 */
import type { QueryControl, SqlEngine } from '../db/engine.ts';
import { LoupeError } from '../errors.ts';
import {
  dropTable,
  listTables,
  loadedTable,
  loadFile,
  previewFile,
  rejectedRowsOf,
} from '../ingest/index.ts';
import type { LoadOptions, LoadSource } from '../ingest/api.ts';
import { decodeValue, hasGeoIpDatabase, installKqlRuntime, translate } from '../kql/index.ts';
import type { SuppliedExternalData, Translation } from '../kql/api.ts';
import {
  discoveryOverRuns,
  parseRuleFile,
  replay,
  replayLibrary,
  translateRule,
  isScheduled,
  type Rule,
  type RuleFileText,
} from '../rules/index.ts';
import type { ReplayControl, ReplayData, ReplayOptions } from '../rules/api.ts';
import { closestTables, knownTable, knownTableNames, type TableSchema } from '../schema/catalog.ts';
import { searchCatalog } from '../schema/catalog-search.ts';
import { createEmptyTableSql } from '../schema/ddl.ts';
import type { LoupeSession, RowsResult, RuleSummary, WatchlistLoad } from './api.ts';
import { latestTimeGenerated, setRunTime } from './run-time.ts';
import { WorkspaceContent } from './workspace-content.ts';
import { checkLibrary } from '../rules/check.ts';

export interface SessionOptions {
  /**
   * How the engine reads a file on this machine by path (native DuckDB, src/ingest/native-files.ts):
   * the session offers it as loadLocal. Given by the Node side only, so the browser build never
   * imports Node's file system.
   */
  readonly loadLocal?: LoupeSession['loadLocal'];
}

export async function createSession(
  engine: SqlEngine,
  options: SessionOptions = {},
): Promise<LoupeSession> {
  installKqlRuntime(engine);
  const session = new EngineSession(engine);
  if (options.loadLocal) session.loadLocal = options.loadLocal;
  return session;
}

class EngineSession implements LoupeSession {
  loadLocal?: LoupeSession['loadLocal'];
  private rule: Rule | undefined;
  private readonly data: ReplayData;
  /** externaldata URL → the loaded table holding the file the analyst supplied for it. */
  private readonly external = new Map<string, string>();
  /** Watchlists and workspace functions the analyst loaded. */
  private readonly content: WorkspaceContent;

  constructor(private readonly engine: SqlEngine) {
    this.content = new WorkspaceContent(engine);
    this.data = {
      engine,
      resolveTable: (name) => this.resolveTable(name),
      suggestTables: (name) => this.suggestTables(name),
      loadedTables: () => listTables(engine).map((t) => t.name),
      externalData: (url) => this.externalData(url),
      resolveFunction: (name) => this.content.resolveFunction(name),
      isWatchlistLoaded: (alias) => this.content.watchlists().some((w) => w.alias === alias),
    };
  }

  private externalData(url: string): SuppliedExternalData | undefined {
    const name = this.external.get(url);
    const table = name === undefined ? undefined : loadedTable(this.engine, name);
    if (!table) return undefined;
    // A delimited-text file's header row is Kusto's first record (read by position): kept with
    // the column each field went to, so externaldata can map and restore it.
    const text = table.format === 'csv' || table.format === 'la-portal-csv';
    const header =
      text && table.mapping
        ? [...table.mapping]
            .sort((a, b) => a.index - b.index)
            .map((m) => ({ text: m.source.replace(/^\uFEFF/, ''), column: m.column }))
        : undefined;
    return { name: table.name, schema: table.schema, ...(header && { header }) };
  }

  useExternalData(url: string, table: string) {
    if (!loadedTable(this.engine, table))
      throw new LoupeError(
        'replay',
        'unknown-table',
        `cannot use table "${table}" for ${url}: it is not loaded`,
      );
    this.external.set(url, table);
  }

  /**
   * Loaded tables first (their real columns), then the catalog (for tables a query names but no
   * file provided), then watchlists (`watchlist:<alias>`, the Watchlist table).
   */
  private resolveTable(name: string): TableSchema | undefined {
    return (
      loadedTable(this.engine, name)?.schema ?? knownTable(name) ?? this.content.resolveTable(name)
    );
  }

  async loadWatchlist(source: LoadSource, options: WatchlistLoad) {
    const bytes =
      source.bytes ?? (source.blob ? new Uint8Array(await source.blob.arrayBuffer()) : undefined);
    if (!bytes)
      throw new LoupeError('workspace', 'watchlist-file', `no content given for ${source.name}`, {
        file: source.name,
      });
    const lastUpdated =
      options.lastUpdated ?? (source.blob instanceof File ? source.blob.lastModified : Date.now());
    return this.content.loadWatchlist(source.name, bytes, {
      alias: options.alias,
      lastUpdated,
      ...(options.searchKey !== undefined && { searchKey: options.searchKey }),
    });
  }

  watchlists() {
    return this.content.watchlists();
  }

  dropWatchlist(alias: string) {
    this.content.dropWatchlist(alias);
  }

  async loadGeoIpDatabase(source: LoadSource) {
    const bytes =
      source.bytes ?? (source.blob ? new Uint8Array(await source.blob.arrayBuffer()) : undefined);
    if (!bytes)
      throw new LoupeError('workspace', 'geoip-file', `no content given for ${source.name}`, {
        file: source.name,
      });
    return this.content.loadGeoIpDatabase(source.name, bytes);
  }

  geoIpDatabase() {
    return this.content.geoIpDatabase();
  }

  dropGeoIpDatabase() {
    this.content.dropGeoIpDatabase();
  }

  loadFunctions(files: readonly RuleFileText[]) {
    return this.content.loadFunctions(files);
  }

  functions() {
    return this.content.functions();
  }

  dropFunctionFile(file: string) {
    this.content.dropFunctionFile(file);
  }

  checkLibrary(files: readonly RuleFileText[]) {
    return checkLibrary(this.data, files);
  }

  /** What an unknown table name probably meant: the loaded tables (custom names too) and the catalog. */
  private suggestTables(name: string): string[] {
    return closestTables(
      name,
      listTables(this.engine).map((t) => t.name),
    );
  }

  tables() {
    return listTables(this.engine);
  }

  load(source: LoadSource, options?: LoadOptions) {
    return loadFile(this.engine, source, options);
  }

  preview(source: LoadSource, options?: Pick<LoadOptions, 'table' | 'columns' | 'mode'>) {
    return previewFile(this.engine, source, options);
  }

  dropTable(name: string) {
    dropTable(this.engine, name);
  }

  rejectedRows(table: string) {
    return rejectedRowsOf(this.engine, table);
  }

  readRule(text: string, fileName: string): RuleSummary {
    const rule = parseRuleFile(text, fileName);
    this.rule = rule;
    return {
      id: rule.id,
      name: rule.name,
      kind: rule.kind,
      query: rule.query,
      ...(isScheduled(rule) && {
        queryFrequency: rule.queryFrequency.text,
        queryPeriod: rule.queryPeriod.text,
        severity: rule.severity,
      }),
      diagnostics: rule.diagnostics.map((d) => ({
        severity: d.severity,
        message: d.message,
        ...(d.position.line !== undefined && { line: d.position.line }),
        ...(d.position.column !== undefined && { column: d.position.column }),
      })),
    };
  }

  translate(kql: string): Translation {
    // A one-off query runs "now" = the latest event loaded, so ago() windows land on the data; a
    // plugin whose columns depend on the data (bag_unpack, pivot) reads it under that same now().
    setRunTime(this.engine, latestTimeGenerated(listTables(this.engine)) ?? Date.now());
    return translate(kql, {
      resolveTable: (n) => this.resolveTable(n),
      suggestTables: (n) => this.suggestTables(n),
      externalData: (url) => this.externalData(url),
      resolveFunction: (n) => this.content.resolveFunction(n),
      hasGeoIpDatabase: () => hasGeoIpDatabase(this.engine),
      discoverRows: (request) => {
        for (const name of request.tables) this.ensureTable(name);
        return this.engine.query(request.sql).rows;
      },
    });
  }

  /**
   * The current rule's translation, for display (CLI `translate`, the UI's SQL view). A plugin whose
   * columns depend on the data reads it as the rule's latest run would: now() = the latest event
   * loaded, its window ending there (a replay reads every run's: rules/discovery.ts).
   */
  translateRule(): Translation {
    const rule = this.currentRule();
    const at = latestTimeGenerated(listTables(this.engine)) ?? Date.now();
    const run = {
      at,
      windowStart: isScheduled(rule) ? at - rule.queryPeriod.ms : 0,
      windowEnd: at,
    };
    const data: ReplayData = {
      ...this.data,
      discoverRows: discoveryOverRuns(
        this.data,
        () => [run],
        (name) => this.ensureTable(name),
      ),
    };
    return translateRule(data, rule);
  }

  private currentRule(): Rule {
    if (!this.rule) throw new LoupeError('replay', 'no-rule', 'Choose a rule first.');
    return this.rule;
  }

  async replay(options: ReplayOptions & ReplayControl = {}) {
    // The rule is taken before the first await, so a rule read meanwhile does not change this replay.
    return replay(this.data, this.currentRule(), options);
  }

  async replayLibrary(files: readonly RuleFileText[], options: ReplayOptions & ReplayControl = {}) {
    return replayLibrary(this.data, files, options);
  }

  async run(
    text: string,
    language: 'kql' | 'sql',
    limit = 10_000,
    control: QueryControl = {},
  ): Promise<RowsResult> {
    if (language === 'sql') {
      const r = await this.engine.queryAsync(text, control);
      return {
        columns: r.columns.map((c) => ({ name: c.name, type: sqlColumnKqlType(c.sqlType) })),
        rows: r.rows
          .slice(0, limit)
          .map((row) => row.map((v, i) => decodeValue(v, sqlColumnKqlType(r.columns[i]!.sqlType)))),
        sql: text,
      };
    }
    const t = this.translate(text);
    for (const name of t.tables) this.ensureTable(name);
    const r = await this.engine.queryAsync(
      `SELECT * FROM (${t.sql}) AS loupe_result LIMIT ${Math.max(0, Math.floor(limit))}`,
      control,
    );
    return {
      columns: t.columns,
      rows: r.rows.map((row) => row.map((v, i) => decodeValue(v, t.columns[i]!.type))),
      sql: t.sql,
    };
  }

  /** A table the query reads but no file provided exists empty, with the catalog's columns (or a watchlist's fixed ones). */
  private ensureTable(name: string) {
    if (loadedTable(this.engine, name)) return;
    const schema = this.resolveTable(name);
    if (schema) this.engine.exec(createEmptyTableSql(schema));
  }

  catalogTableNames() {
    return knownTableNames();
  }

  searchCatalog(query: string, limit?: number) {
    return searchCatalog(query, limit);
  }

  close() {
    this.engine.close();
  }
}

/** The KQL type shown for a column of a raw SQL result (the console's SQL mode). */
function sqlColumnKqlType(sqlType: string) {
  switch (sqlType) {
    case 'BIGINT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT':
      return 'long' as const;
    case 'DOUBLE':
    case 'DECIMAL':
      return 'real' as const;
    case 'BOOLEAN':
      return 'bool' as const;
    case 'TIMESTAMP':
      return 'datetime' as const;
    case 'INTERVAL':
      return 'timespan' as const;
    case 'LIST':
    case 'STRUCT':
    case 'MAP':
      return 'dynamic' as const;
    default:
      return 'string' as const;
  }
}
