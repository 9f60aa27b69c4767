/**
 * The contract between the KQL translator and its callers (rule engine, session, CLI, UI).
 * Implementation: src/kql/translate.ts (`translate`), src/kql/runtime/ (`installKqlRuntime`),
 * src/kql/values.ts (`decodeValue`).
 */
import type { ColumnSchema, TableSchema } from '../schema/catalog.ts';
import type { SourcePosition } from '../errors.ts';

export interface TranslateOptions {
  /** The schema of a table the query names, or undefined when no such table exists. */
  resolveTable(name: string): TableSchema | undefined;
  /** The tables a pattern can match (`union Sign*`): the analyst's loaded tables. None by default. */
  tableNames?(): readonly string[];
  /**
   * The known tables a name that resolves to none probably meant, best first (the schema
   * catalog's `closestTables`): the unknown-table error names them. None by default.
   */
  suggestTables?(name: string): readonly string[];
  /**
   * SQL that reads a table, e.g. a time-windowed subquery supplied by the rule engine.
   * Default: the quoted table name.
   */
  tableSql?(name: string, schema: TableSchema): string;
  /**
   * SQL expression for KQL's now() (and so ago()). Default: `getvariable('loupe_now')`, which the
   * rule engine sets once per scheduled run (`SET VARIABLE loupe_now = TIMESTAMP '…'`), so one
   * translation serves every run.
   */
  nowSql?: string;
  /**
   * `externaldata(…) [ "URL" ]` cannot be fetched offline: the caller maps the URL to a table it has
   * loaded from a file the user supplied (CLI `--external URL=FILE`, UI prompt). Returns the
   * table's name and schema, or undefined when the user gave no file (the translation then fails
   * with an error naming the URL). The declared columns are read from that table by position when
   * the file was delimited text (`header`: Kusto reads CSV by position, and its first record is
   * data unless `ignoreFirstRecord=true`), else by name.
   */
  externalData?(url: string): SuppliedExternalData | undefined;
  /**
   * Runs a read-only SELECT over the data now and returns its rows (cells as `SqlEngine.query`
   * gives them). Kusto decides some output schemas from the data: `bag_unpack` makes a column per
   * property the bags hold, `pivot` a column per value. Translation is static SQL, so such a plugin
   * (without an output schema `: (…)`) asks the caller for those values while translating. The
   * caller runs the SQL under the same `now()` and windows as the translation will run — for a
   * rule replayed over many runs, over every run, the union of the rows (docs/kql.md, "Output
   * schemas that depend on the data"). `request.key` names the plugin call within the query text,
   * the same in every translation of that text, so a caller can answer a second translation of a
   * rule (batch, subset) from the first one's rows and all of them have one schema. Without this
   * hook such a plugin is refused with a message asking for an output schema.
   */
  discoverRows?(request: DiscoveryRequest): readonly (readonly unknown[])[];
  /**
   * A function the workspace defines, called by name as Kusto calls it (`_Im_WebSession(starttime=…)`,
   * `vimWebSessionEmpty`, `_GetWatchlist('VIP')`): saved functions and ASIM parsers the analyst
   * loaded, and the watchlist function the session provides. A query's own `let` shadows it.
   * Undefined: no such function (the call is refused with its name and detail `function-not-loaded`).
   */
  resolveFunction?(name: string): WorkspaceFunction | undefined;
  /**
   * Whether the session has a GeoIP database (.mmdb) loaded, which `geo_info_from_ip_address`
   * reads (src/kql/runtime/geoip.ts). False or absent: the call is refused with detail
   * `geoip-needs-database`.
   */
  hasGeoIpDatabase?(): boolean;
}

/** A translation's question about the data (TranslateOptions.discoverRows). */
export interface DiscoveryRequest {
  /** One read-only SQL SELECT (`WITH … SELECT …`), with the run variables the translation reads. */
  readonly sql: string;
  /** `plugin@offset#n`: the plugin, where its call starts in the KQL text, and its n-th translation there. */
  readonly key: string;
  /** The tables the SQL reads (as `Translation.tables`): a caller creates those not loaded, empty, first. */
  readonly tables: readonly string[];
}

/**
 * A workspace function (Azure-Sentinel `Parsers/*.yaml`: FunctionName/FunctionAlias, FunctionParams,
 * FunctionQuery; ASIM: ParserName/EquivalentBuiltInParser, ParserParams, ParserQuery). It is bound
 * as a `let` function of the query: its body is translated again for each call, with its
 * parameters bound to the call's arguments or their defaults, seeing only its parameters, the
 * tables and the other workspace functions (not the calling query's lets).
 */
export interface WorkspaceFunction {
  readonly name: string;
  /** In call order; `default` is KQL text (`dynamic([])`, `datetime(null)`), absent when required. */
  readonly parameters: readonly {
    readonly name: string;
    readonly type: string;
    readonly default?: string;
  }[];
  /** The KQL of the body: `let` statements, then a tabular (or scalar) expression. */
  readonly body: string;
  /** Where the body's first line is, so that an error inside it names its file and line. */
  readonly source: { readonly file: string; readonly line: number };
}

/** One KQL pipeline step and the SQL that implements it, for the side-by-side view. */
export interface TranslationStep {
  /** Where the step is in the KQL text. */
  readonly span: { readonly start: number; readonly end: number };
  /** The KQL text of the step (e.g. `where ResultType == 0`). */
  readonly kql: string;
  /** The SQL CTE name in `sql` holding this step's result, when it has one. */
  readonly cte?: string;
  /** That CTE's body as it stands in `sql` (the SELECT inside `"cte" AS ( … )`), set with `cte`. */
  readonly sql?: string;
}

export interface Translation {
  readonly kql: string;
  /** A single SQL statement (a SELECT, usually WITH … SELECT) for DuckDB-WASM. */
  readonly sql: string;
  /**
   * The output columns in order, with their KQL types. In the result, dynamic columns are JSON
   * text and timespan columns are microseconds (BIGINT); decodeValue turns cells into report values.
   */
  readonly columns: readonly ColumnSchema[];
  /** Tables the query reads, in order of first use. */
  readonly tables: readonly string[];
  readonly steps: readonly TranslationStep[];
  /** Whether the query's output order is defined (sort/order/top/serialize last). */
  readonly ordered: boolean;
  /**
   * What Kusto reports as warnings beside the result: a `union isfuzzy=true` leg left out because
   * its table or function does not resolve, a fuzzy union none of whose legs resolves.
   */
  readonly warnings: readonly TranslationWarning[];
}

/**
 * A warning at a place of the query (1-based). One about the body of a workspace function is placed
 * at the function's call, its message naming the function's file and line.
 */
export interface TranslationWarning {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** Error codes of the translator; the message says what was expected and what was found. */
export type KqlErrorCode =
  | 'syntax' // Kusto.Language could not parse the text (its message and position)
  | 'limit' // the query is longer or deeper than Loupe translates (the message names the limit)
  | 'unsupported' // valid KQL that Loupe does not translate (names the construct)
  | 'unknown-table'
  | 'unknown-column'
  | 'unknown-function'
  | 'type'; // an operand of the wrong type

export interface KqlErrorInfo {
  readonly code: KqlErrorCode;
  readonly message: string;
  /** line/column (1-based) and length within the KQL text. */
  readonly position: SourcePosition;
}

/** The table loaded for an externaldata URL (TranslateOptions.externalData). */
export interface SuppliedExternalData {
  readonly name: string;
  readonly schema: TableSchema;
  /**
   * For a delimited-text file: its first record, which the loader read as a header, field by field
   * in file order, each with the table column holding that field's values.
   */
  readonly header?: readonly { readonly text: string; readonly column: string }[];
}
