/**
 * The contract between the rule engine and its callers. The `--json` replay report is a contract
 * other tools read: its fields keep their meaning (see README, "Replay report").
 * Implementation: src/rules/parse.ts (`parseRuleFile`), src/rules/replay.ts (`replay`).
 */
import type { SqlEngine } from '../db/engine.ts';
import type { TableSchema } from '../schema/catalog.ts';
import type { DiscoveryRequest, SuppliedExternalData, WorkspaceFunction } from '../kql/api.ts';

/** ISO-8601 UTC timestamp ending in Z. */
export type IsoTime = string;

export interface ReplayReport {
  rule: ReportRule;
  runs: ReportRun[];
  alerts: ReportAlert[];
  incidents: ReportIncident[];
  /** Tables the rule read without a time window: they have no TimeGenerated column (snapshots
   * such as a Graph risky-users export), so every run saw all their rows. */
  snapshotTables?: string[];
  /** Tables the rule read that were not loaded: created empty from the catalog schema. */
  emptyTables?: string[];
  /**
   * Rule diagnostics (Sentinel limits, unknown values), the query's warnings (a fuzzy union leg
   * left out) and watchlists read without being loaded, as "file:line:column: message".
   */
  warnings?: string[];
  execution?: ReportExecution;
}

export interface ReportRule {
  id: string;
  name: string;
  queryFrequency: string;
  queryPeriod: string;
  /** Scheduled, NRT (every minute over the last minute) or KQL (bare query: one run, no alerts). */
  kind?: 'Scheduled' | 'NRT' | 'KQL';
  triggerOperator?: string;
  triggerThreshold?: number;
  eventGrouping?: 'SingleAlert' | 'AlertPerResult';
  severity?: string;
  /** How the replay reads the rule when it differs from its fields (NRT, bare KQL). */
  note?: string;
}

/** A table as one run read it: windowStart/windowEnd null for a snapshot table (not restricted). */
export interface ReportRunTable {
  name: string;
  windowStart: IsoTime | null;
  windowEnd: IsoTime | null;
}

export interface ReportRun {
  at: IsoTime;
  windowStart: IsoTime;
  windowEnd: IsoTime;
  resultCount: number;
  triggered: boolean;
  /** The tables the run read and the window applied to each. */
  tables?: ReportRunTable[];
  /** True when the run was skipped by suppression (suppressionEnabled after an alert). */
  suppressed?: boolean;
  /** Ids of the alerts this run raised. */
  alertIds?: string[];
  /** Bare KQL only: the result rows of the run (rules carry their rows on alerts). */
  rows?: Record<string, unknown>[];
}

export interface ReportEntity {
  type: string;
  [identifier: string]: string;
}

export interface ReportAlert {
  id: string;
  runAt: IsoTime;
  displayName: string;
  description: string;
  severity: string;
  tactics: string[];
  startTime: IsoTime | null;
  endTime: IsoTime | null;
  entities: ReportEntity[];
  customDetails: Record<string, unknown[]>;
  /** The query's output rows for this alert: output columns in order, dynamic values as JSON. */
  rows: Record<string, unknown>[];
  /** SingleAlert or AlertPerResult (the 150th alert of a larger run summarises every row). */
  eventGrouping?: 'SingleAlert' | 'AlertPerResult';
  /** Why the alert was raised: the trigger comparison and which rows it carries. */
  reason?: string;
  /** alertDynamicProperties filled from the first row (AlertLink, ProductName, …). */
  dynamicProperties?: Record<string, string>;
  /** Things an analyst should know (override values differing across rows, entities dropped…). */
  notes?: string[];
}

export interface ReportIncident {
  id: string;
  title: string;
  severity: string;
  alertIds: string[];
  description?: string;
  /** 'AnyAlert' | 'AllEntities' | 'Selected', or 'None' when grouping is off (one per alert). */
  matchingMethod?: string;
  /** What the alerts of the incident share under its matching method (readable), or null. */
  matchingKey?: string | null;
  /** Run time of the incident's first alert: the start of its lookback. */
  firstAlertAt?: IsoTime;
}

/** What the rule engine needs from the loaded data. */
export interface ReplayData {
  readonly engine: SqlEngine;
  /** Loaded tables and, for tables a rule reads that were not loaded, the catalog's schema. */
  resolveTable(name: string): TableSchema | undefined;
  /** The tables an unknown name probably meant (loaded and catalog), for the error naming it. */
  suggestTables?(name: string): readonly string[];
  /** Names of the tables loaded by the analyst (the others are created empty when read). */
  loadedTables(): readonly string[];
  /** The loaded table holding the data of an `externaldata` URL (a file the analyst supplied:
   * CLI `--external URL=FILE`), or undefined: the rule then fails with an error naming the URL. */
  externalData?(url: string): SuppliedExternalData | undefined;
  /** Answers plugins whose columns depend on the data (set per replay over its runs: discovery.ts). */
  discoverRows?(request: DiscoveryRequest): readonly (readonly unknown[])[];
  /** A function the workspace defines (loaded saved functions and ASIM parsers, `_GetWatchlist`). */
  resolveFunction?(name: string): WorkspaceFunction | undefined;
  /** Whether a watchlist CSV was loaded under this alias (else `_GetWatchlist` reads it as empty). */
  isWatchlistLoaded?(alias: string): boolean;
}

export interface ReplayOptions {
  /** Overrides of the replay range (first and last run considered), epoch ms. */
  readonly from?: number;
  readonly to?: number;
  /** A workspace's real first run, epoch ms: runs are firstRun + k·queryFrequency (--first-run). */
  readonly firstRun?: number;
  /** Bare KQL: the time of its single run (default: the latest TimeGenerated loaded). */
  readonly at?: number;
  /** Compare Account and Host identifier values case-insensitively when matching incidents. */
  readonly caseInsensitiveEntities?: boolean;
  /**
   * How runs are executed. 'auto' (default): one query counts the results of many runs at once
   * (rows assigned to every window containing them) and only triggered runs are re-run one by one
   * for their rows; falls back to 'per-run' when the query cannot be batched. 'per-run': one query
   * per run (the reference behaviour, for tests and benchmarks).
   */
  readonly strategy?: 'auto' | 'per-run';
}

/**
 * How a caller follows and stops a replay while it runs. Kept apart from ReplayOptions, which is
 * plain data (it crosses postMessage to the engine worker); these are live handles of the caller.
 */
export interface ReplayControl {
  /** Aborting stops the replay between runs or inside a long query; it then rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** Called as runs complete (at most once per run or batch of runs counted). */
  readonly onProgress?: (p: ReplayProgress) => void;
}

export interface ReplayProgress {
  /**
   * 'count': the batch strategy is counting the results of many runs per query (runsDone: runs
   * counted); 'run': runs are walked in time order, triggered ones re-run for their rows (runsDone:
   * runs done). A per-run replay only walks. Bare KQL: one run.
   */
  readonly step: 'count' | 'run';
  readonly runsDone: number;
  readonly runsTotal: number;
  /** In a library replay: the rule being replayed, 1-based, of how many. */
  readonly rule?: { readonly index: number; readonly total: number; readonly name: string };
}

/** How a replay executed its runs (for the analyst's curiosity and the benchmark). */
export interface ReportExecution {
  strategy: 'batch' | 'per-run';
  /** SQL queries run for the rule's runs (batch counts plus per-run queries). */
  queries: number;
  /** Why the batch strategy was not used, when it was not. */
  fallbackReason?: string;
}
