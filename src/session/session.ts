/**
 * The one implementation of LoupeSession, over a SqlEngine: what the CLI calls directly and the
 * browser worker hosts. It holds no state of its own beyond the rule last read; tables and their
 * metadata live in the engine and ingest's registry.
 */
import type { QueryControl, SqlEngine } from '../db/engine.ts';
import { LoupeError } from '../errors.ts';
import { dropTable, listTables, loadedTable, loadFile, previewFile, rejectedRowsOf } from '../ingest/index.ts';
import type { LoadOptions, LoadSource } from '../ingest/api.ts';
import { decodeValue, installKqlRuntime, translate } from '../kql/index.ts';
import type { Translation } from '../kql/api.ts';
import { parseRuleFile, replay, replayLibrary, translateRule, isScheduled, type Rule, type RuleFileText } from '../rules/index.ts';
import type { ReplayControl, ReplayData, ReplayOptions } from '../rules/api.ts';
import { knownTable, type TableSchema } from '../schema/catalog.ts';
import { createEmptyTableSql } from '../schema/ddl.ts';
import type { LoupeSession, RowsResult, RuleSummary } from './api.ts';
import { latestTimeGenerated, setRunTime } from './run-time.ts';

export interface SessionOptions {
  /**
   * How the engine reads a file on this machine by path (native DuckDB, src/ingest/native-files.ts):
   * the session offers it as loadLocal. Given by the Node side only, so the browser build never
   * imports Node's file system.
   */
  readonly loadLocal?: LoupeSession['loadLocal'];
}

export async function createSession(engine: SqlEngine, options: SessionOptions = {}): Promise<LoupeSession> {
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

  constructor(private readonly engine: SqlEngine) {
    this.data = {
      engine,
      resolveTable: (name) => this.resolveTable(name),
      loadedTables: () => listTables(engine).map((t) => t.name),
      externalData: (url) => this.externalData(url),
    };
  }

  private externalData(url: string): { name: string; schema: TableSchema } | undefined {
    const name = this.external.get(url);
    const table = name === undefined ? undefined : loadedTable(this.engine, name);
    return table ? { name: table.name, schema: table.schema } : undefined;
  }

  useExternalData(url: string, table: string) {
    if (!loadedTable(this.engine, table)) throw new LoupeError('replay', 'unknown-table', `cannot use table "${table}" for ${url}: it is not loaded`);
    this.external.set(url, table);
  }

  /** Loaded tables first (their real columns), then the catalog (for tables a query names but no file provided). */
  private resolveTable(name: string): TableSchema | undefined {
    return loadedTable(this.engine, name)?.schema ?? knownTable(name);
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
    return translate(kql, { resolveTable: (n) => this.resolveTable(n), externalData: (url) => this.externalData(url) });
  }

  translateRule(): Translation {
    return translateRule(this.data, this.currentRule());
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

  async run(text: string, language: 'kql' | 'sql', limit = 10_000, control: QueryControl = {}): Promise<RowsResult> {
    if (language === 'sql') {
      const r = await this.engine.queryAsync(text, control);
      return {
        columns: r.columns.map((c) => ({ name: c.name, type: sqlColumnKqlType(c.sqlType) })),
        rows: r.rows.slice(0, limit).map((row) => row.map((v, i) => decodeValue(v, sqlColumnKqlType(r.columns[i]!.sqlType)))),
        sql: text,
      };
    }
    const t = this.translate(text);
    for (const name of t.tables) this.ensureTable(name);
    // A one-off query runs "now" = the latest event loaded, so ago() windows land on the data.
    setRunTime(this.engine, latestTimeGenerated(listTables(this.engine)) ?? Date.now());
    const r = await this.engine.queryAsync(`SELECT * FROM (${t.sql}) AS loupe_result LIMIT ${Math.max(0, Math.floor(limit))}`, control);
    return {
      columns: t.columns,
      rows: r.rows.map((row) => row.map((v, i) => decodeValue(v, t.columns[i]!.type))),
      sql: t.sql,
    };
  }

  /** A table the query reads but no file provided exists empty, with the catalog's columns. */
  private ensureTable(name: string) {
    if (loadedTable(this.engine, name)) return;
    const schema = knownTable(name);
    if (schema) this.engine.exec(createEmptyTableSql(schema));
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
