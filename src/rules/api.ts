/**
 * The contract between the rule engine and its callers. The `--json` replay report is a contract
 * other tools read: its fields keep their meaning (see README, "Replay report").
 * Implementation: src/rules/parse.ts (`parseRuleFile`), src/rules/replay.ts (`replay`).
 */
import type { SqlEngine } from '../db/engine.ts';
import type { TableSchema } from '../schema/catalog.ts';

/** ISO-8601 UTC timestamp ending in Z. */
export type IsoTime = string;

export interface ReplayReport {
  rule: { id: string; name: string; queryFrequency: string; queryPeriod: string };
  runs: ReportRun[];
  alerts: ReportAlert[];
  incidents: ReportIncident[];
}

export interface ReportRun {
  at: IsoTime;
  windowStart: IsoTime;
  windowEnd: IsoTime;
  resultCount: number;
  triggered: boolean;
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
}

export interface ReportIncident {
  id: string;
  title: string;
  severity: string;
  alertIds: string[];
}

/** What the rule engine needs from the loaded data. */
export interface ReplayData {
  readonly engine: SqlEngine;
  /** Loaded tables and, for tables a rule reads that were not loaded, the catalog's schema. */
  resolveTable(name: string): TableSchema | undefined;
  /** Names of the tables loaded by the analyst (the others are created empty when read). */
  loadedTables(): readonly string[];
}

export interface ReplayOptions {
  /** Overrides of the replay range (first and last run considered), epoch ms. */
  readonly from?: number;
  readonly to?: number;
}
