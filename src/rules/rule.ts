/**
 * The rule model: a Sentinel analytics rule as Loupe replays it. Field names follow the
 * Azure-Sentinel YAML templates (and the `Microsoft.SecurityInsights/alertRules` API properties they
 * mirror); durations are parsed to milliseconds but keep their source text for display and for the
 * report. Fields Loupe does not use are kept in `otherFields` so the UI can show them as they are.
 */
import type { SourcePosition } from '../errors.ts';

/** A duration from the rule file: `1h`, `PT5H`, `P1D`… */
export interface Duration {
  readonly ms: number;
  /** The text as written in the rule (e.g. `PT5H`). */
  readonly text: string;
}

/** The API's names; YAML templates may also write `gt`, `lt`, `eq`, `ne`. */
export type TriggerOperator = 'GreaterThan' | 'LessThan' | 'Equal' | 'NotEqual';

/** `eventGroupingSettings.aggregationKind`. SingleAlert is Sentinel's default. */
export type AggregationKind = 'SingleAlert' | 'AlertPerResult';

export type MatchingMethod = 'AnyAlert' | 'AllEntities' | 'Selected';

export type Severity = 'Informational' | 'Low' | 'Medium' | 'High';

export interface FieldMapping {
  readonly identifier: string;
  readonly columnName: string;
}

export interface EntityMapping {
  readonly entityType: string;
  readonly fieldMappings: readonly FieldMapping[];
}

/** One `customDetails` pair: the key shown on the alert and the output column it reads. */
export interface CustomDetail {
  readonly key: string;
  readonly columnName: string;
}

export interface AlertDynamicProperty {
  /** AlertLink, ConfidenceLevel, ConfidenceScore, ExtendedLinks, ProductName, ProviderName, … */
  readonly alertProperty: string;
  /** The output column holding the value. */
  readonly value: string;
}

export interface AlertDetailsOverride {
  readonly alertDisplayNameFormat?: string;
  readonly alertDescriptionFormat?: string;
  readonly alertSeverityColumnName?: string;
  readonly alertTacticsColumnName?: string;
  readonly alertDynamicProperties: readonly AlertDynamicProperty[];
}

export interface GroupingConfiguration {
  readonly enabled: boolean;
  readonly reopenClosedIncident: boolean;
  readonly lookbackDuration: Duration;
  readonly matchingMethod: MatchingMethod;
  /** Entity types; used only when matchingMethod is Selected. */
  readonly groupByEntities: readonly string[];
  /** `DisplayName` and/or `Severity`; used only when matchingMethod is Selected. */
  readonly groupByAlertDetails: readonly string[];
  /** Custom detail keys; used only when matchingMethod is Selected. */
  readonly groupByCustomDetails: readonly string[];
}

export interface IncidentConfiguration {
  readonly createIncident: boolean;
  readonly groupingConfiguration: GroupingConfiguration;
}

export interface Suppression {
  readonly enabled: boolean;
  readonly duration: Duration;
}

/** A problem found in a rule file, with its place. Errors stop a replay; warnings do not. */
export interface RuleDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly position: SourcePosition;
}

/**
 * Where the query text starts in the rule file, so that a KQL position (line/column within the
 * query) can be shown at its place in the file. For a YAML block scalar (`query: |`) every query
 * line is indented by `indent` columns; for a bare KQL file the origin is line 1, column 1.
 */
export interface QueryOrigin {
  readonly line: number;
  readonly column: number;
  /** Columns to add to every query line after the first (block scalars: the block indent). */
  readonly indent: number;
}

export type RuleFormat = 'yaml' | 'arm' | 'kql';

interface RuleBase {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly format: RuleFormat;
  readonly file: string;
  readonly queryOrigin: QueryOrigin;
  /** Warnings found while reading the rule (Sentinel limits, unknown values), with positions. */
  readonly diagnostics: readonly RuleDiagnostic[];
  /** Positions of the fields read, by path (`queryFrequency`, `entityMappings.0.entityType`…). */
  readonly positions: Readonly<Record<string, SourcePosition>>;
}

/** A scheduled (or NRT) analytics rule. */
export interface ScheduledRule extends RuleBase {
  /** NRT rules run every minute over the last minute (Sentinel's near-real-time rules). */
  readonly kind: 'Scheduled' | 'NRT';
  readonly version?: string;
  readonly queryFrequency: Duration;
  readonly queryPeriod: Duration;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly severity: string;
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  readonly entityMappings: readonly EntityMapping[];
  readonly customDetails: readonly CustomDetail[];
  readonly alertDetailsOverride?: AlertDetailsOverride;
  readonly eventGroupingSettings: { readonly aggregationKind: AggregationKind };
  readonly incidentConfiguration: IncidentConfiguration;
  readonly suppression: Suppression;
  /** `startTimeUtc` of the API (first run "at specific time"), epoch ms, when set. */
  readonly startTimeUtc?: number;
  readonly enabled?: boolean;
  /** Every other top-level field of the file, kept as read (requiredDataConnectors, status…). */
  readonly otherFields: Readonly<Record<string, unknown>>;
}

/** Bare KQL: run once at a time the analyst chooses, no alerts, just results. */
export interface KqlOnlyRule extends RuleBase {
  readonly kind: 'KQL';
}

export type Rule = ScheduledRule | KqlOnlyRule;

export function isScheduled(rule: Rule): rule is ScheduledRule {
  return rule.kind === 'Scheduled' || rule.kind === 'NRT';
}

/**
 * Maps a position inside the rule's query (1-based line/column, as the KQL translator reports)
 * to the rule file.
 */
export function queryPositionInFile(rule: Rule, pos: SourcePosition): SourcePosition {
  const { line, column } = pos;
  if (line === undefined) return { ...pos, file: rule.file };
  const o = rule.queryOrigin;
  const fileLine = o.line + line - 1;
  const fileColumn =
    column === undefined ? undefined : line === 1 ? o.column + column - 1 : o.indent + column;
  return { ...pos, file: rule.file, line: fileLine, column: fileColumn };
}
