/**
 * Alerts of one triggered run (Sentinel "Event grouping" and "Customize alert details"):
 * - SingleAlert: one alert carrying every result row;
 * - AlertPerResult: one alert per row; with more than 150 rows, the first 149 rows (in the query's
 *   output order) get an alert each and the 150th alert summarises all rows;
 * - a run that triggers with no rows (lt/eq/ne) raises one alert with no events.
 * Name, description, severity, tactics and dynamic properties come from the alert's first row;
 * a placeholder with an empty or missing value reverts the whole field to the rule's own.
 */
import type { ReportAlert } from './api.ts';
import { buildCustomDetails } from './custom-details.ts';
import { extractEntities } from './entities.ts';
import { fillPlaceholders, placeholdersOf } from './placeholders.ts';
import type { ScheduledRule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { cellOf, isoTime, valueText, type ReportRow } from './values.ts';

/** Sentinel's per-run alert cap under AlertPerResult. */
export const MAX_ALERTS_PER_RUN = 150;

export type AlertDraft = Omit<ReportAlert, 'id'>;

export interface AlertInput {
  readonly rule: ScheduledRule;
  readonly run: ScheduledRun;
  /** The query's output rows of the run, in output order, in report form. */
  readonly rows: readonly ReportRow[];
  /** Output column names in order (to know whether TimeGenerated is an output column). */
  readonly columns: readonly string[];
  /** Why the run fired (e.g. "3 results > 0 (GreaterThan)"). */
  readonly trigger: string;
}

const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
/** The tactics Sentinel's API accepts (AttackTactic enum). */
const TACTICS = [
  'Reconnaissance',
  'ResourceDevelopment',
  'InitialAccess',
  'Execution',
  'Persistence',
  'PrivilegeEscalation',
  'DefenseEvasion',
  'CredentialAccess',
  'Discovery',
  'LateralMovement',
  'Collection',
  'Exfiltration',
  'CommandAndControl',
  'Impact',
  'PreAttack',
  'ImpairProcessControl',
  'InhibitResponseFunction',
];

/** Which rows each alert of a triggered run carries, and why. */
export function groupRows(
  rows: readonly ReportRow[],
  kind: 'SingleAlert' | 'AlertPerResult',
): { rows: readonly ReportRow[]; why: string }[] {
  if (kind === 'SingleAlert' || rows.length === 0) {
    return [
      {
        rows,
        why:
          rows.length === 0
            ? 'no events (the zero-row run meets the threshold)'
            : `all ${rows.length} row${rows.length === 1 ? '' : 's'}`,
      },
    ];
  }
  if (rows.length <= MAX_ALERTS_PER_RUN) {
    return rows.map((r, i) => ({ rows: [r], why: `row ${i + 1} of ${rows.length}` }));
  }
  const out = rows
    .slice(0, MAX_ALERTS_PER_RUN - 1)
    .map((r, i) => ({ rows: [r] as readonly ReportRow[], why: `row ${i + 1} of ${rows.length}` }));
  out.push({
    rows,
    why: `all ${rows.length} rows: more than ${MAX_ALERTS_PER_RUN} results, so the ${MAX_ALERTS_PER_RUN}th alert summarises the whole set`,
  });
  return out;
}

export function buildAlerts(input: AlertInput): AlertDraft[] {
  const kind = input.rule.eventGroupingSettings.aggregationKind;
  return groupRows(input.rows, kind).map((g) =>
    buildAlert(input, g.rows, `${input.trigger}; ${kind}: ${g.why}`),
  );
}

function buildAlert(input: AlertInput, rows: readonly ReportRow[], reason: string): AlertDraft {
  const { rule, run } = input;
  const first = rows[0];
  const valueOf = (column: string): string | undefined =>
    first && Object.hasOwn(first, column) ? valueText(first[column]) : undefined;
  const o = rule.alertDetailsOverride;
  const notes: string[] = [];

  const filledName = o?.alertDisplayNameFormat
    ? fillPlaceholders(o.alertDisplayNameFormat, valueOf)
    : undefined;
  const filledDescription = o?.alertDescriptionFormat
    ? fillPlaceholders(o.alertDescriptionFormat, valueOf)
    : undefined;
  const displayName = filledName || rule.name;
  const description = filledDescription || rule.description;
  if (o?.alertDisplayNameFormat && !filledName)
    notes.push(
      'alertDisplayNameFormat has an empty or missing {{column}} value: the rule name is used',
    );
  if (o?.alertDescriptionFormat && !filledDescription)
    notes.push(
      'alertDescriptionFormat has an empty or missing {{column}} value: the rule description is used',
    );

  let severity = rule.severity;
  if (o?.alertSeverityColumnName) {
    const v = valueOf(o.alertSeverityColumnName) ?? '';
    const match = SEVERITIES.find((s) => s.toLowerCase() === v.trim().toLowerCase());
    if (match) severity = match;
    else if (first)
      notes.push(
        `severity column ${o.alertSeverityColumnName} holds "${v}", not a severity: the rule severity is used`,
      );
  }

  let tactics = [...rule.tactics];
  if (o?.alertTacticsColumnName && first) {
    const found = tacticsFrom(first[o.alertTacticsColumnName]);
    if (found.length > 0) tactics = found;
    else
      notes.push(
        `tactics column ${o.alertTacticsColumnName} holds no valid tactic: the rule tactics are used`,
      );
  }

  const dynamicProperties: Record<string, string> = {};
  for (const p of o?.alertDynamicProperties ?? []) {
    const v = valueOf(p.value);
    if (v !== undefined && v !== '') dynamicProperties[p.alertProperty] = v;
  }

  // Which row fills a placeholder under SingleAlert is undocumented: Loupe uses the first row and
  // says so when the rows disagree (sentinel-semantics.md, open question 4).
  if (rows.length > 1 && o) {
    const columns = new Set<string>([
      ...placeholdersOf(o.alertDisplayNameFormat ?? ''),
      ...placeholdersOf(o.alertDescriptionFormat ?? ''),
      ...(o.alertSeverityColumnName ? [o.alertSeverityColumnName] : []),
      ...(o.alertTacticsColumnName ? [o.alertTacticsColumnName] : []),
    ]);
    for (const c of columns) {
      const distinct = new Set(rows.map((r) => valueText(cellOf(r, c))));
      if (distinct.size > 1)
        notes.push(
          `{{${c}}} differs across the alert's ${rows.length} rows (${distinct.size} values): the first row's value is used`,
        );
    }
  }

  const { entities, dropped } = extractEntities(rows, rule.entityMappings);
  if (dropped.builtInAccounts > 0)
    notes.push(
      `${dropped.builtInAccounts} built-in account name${dropped.builtInAccounts === 1 ? '' : 's'} (ADMIN, SYSTEM, …) not mapped to entities`,
    );
  if (dropped.overCap > 0)
    notes.push(`${dropped.overCap} entities beyond Sentinel's 500-per-alert cap were dropped`);
  if (dropped.mappingIssues > 0)
    notes.push(
      `${dropped.mappingIssues} entity mapping${dropped.mappingIssues === 1 ? '' : 's'} gave no entity (empty or missing identifier values)`,
    );

  const { startTime, endTime } = alertTimes(rows, input.columns, run);
  return {
    runAt: isoTime(run.at),
    displayName,
    description,
    severity,
    tactics,
    startTime,
    endTime,
    entities,
    customDetails: buildCustomDetails(rows, rule.customDetails),
    rows: rows.map((r) => ({ ...r })),
    eventGrouping: rule.eventGroupingSettings.aggregationKind,
    reason,
    dynamicProperties,
    notes,
  };
}

/** Tactics from a column: a dynamic array or comma-separated text; unknown names are ignored. */
function tacticsFrom(v: unknown): string[] {
  const items = Array.isArray(v) ? v.map(valueText) : valueText(v).split(',');
  const out: string[] = [];
  for (const item of items) {
    const t = TACTICS.find((x) => x.toLowerCase() === item.trim().toLowerCase());
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * StartTime/EndTime: TimeGenerated of the first and last event (the earliest and latest of the
 * alert's rows); when the output has no TimeGenerated (e.g. after summarize), the query window
 * (sentinel-semantics.md, open question 10).
 */
export function alertTimes(
  rows: readonly ReportRow[],
  columns: readonly string[],
  run: ScheduledRun,
): { startTime: string; endTime: string } {
  let min = Infinity;
  let max = -Infinity;
  if (columns.includes('TimeGenerated')) {
    for (const r of rows) {
      const v = r['TimeGenerated'];
      const t = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : NaN;
      if (Number.isNaN(t)) continue;
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  if (min === Infinity)
    return { startTime: isoTime(run.windowStart), endTime: isoTime(run.windowEnd) };
  return { startTime: isoTime(min), endTime: isoTime(max) };
}
