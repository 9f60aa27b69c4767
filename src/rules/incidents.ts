/**
 * Incidents from a rule's alerts (Sentinel "Alert grouping" in scheduled rules):
 * - createIncident false → no incidents;
 * - grouping disabled → one incident per alert;
 * - grouping enabled → an alert joins the newest incident of the rule whose first alert is at most
 *   lookbackDuration before it (the lookback is anchored on the incident's *first* alert, not a
 *   sliding window) and whose matching key equals the alert's: AnyAlert (every alert matches),
 *   AllEntities (the same set of entities), Selected (the same values of the chosen entity types,
 *   alert details and custom details); else it opens a new incident;
 * - an incident holds at most 150 alerts: a further matching alert opens a new incident with the
 *   same details as the original.
 * Title, description and severity come from the incident's first alert and never change later
 * (Azure-Sentinel issue #5985; sentinel-semantics.md, open question 9). Entities compare exactly
 * unless `caseInsensitiveEntities` (Account and Host values, whose casing varies between tables).
 * Replay has no analyst closing incidents, so reopenClosedIncident never applies.
 */
import type { ReportEntity, ReportIncident } from './api.ts';
import { entityKey } from './entities.ts';
import type { IncidentConfiguration } from './rule.ts';
import { isoTime } from './values.ts';

export const MAX_ALERTS_PER_INCIDENT = 150;

/** The alert fields grouping reads. */
export interface GroupableAlert {
  readonly id: string;
  /** The run time of the alert, epoch ms. */
  readonly at: number;
  readonly displayName: string;
  readonly description: string;
  readonly severity: string;
  readonly entities: readonly ReportEntity[];
  readonly customDetails: Readonly<Record<string, readonly unknown[]>>;
}

export interface IncidentOptions {
  readonly caseInsensitiveEntities?: boolean;
  /** Prefix of incident ids (a rule library replay keeps ids unique across rules). */
  readonly idPrefix?: string;
}

/** Entity types whose identifier values may differ only in case across tables (UPNs, host names). */
const CASE_FOLDABLE_TYPES = new Set(['Account', 'Host']);

function entitySetKey(entities: readonly ReportEntity[], foldCase: boolean): string[] {
  return [
    ...new Set(entities.map((e) => entityKey(e, foldCase && CASE_FOLDABLE_TYPES.has(e.type)))),
  ].sort();
}

/** The key alerts must share to join one incident, readable, or '' under AnyAlert. */
export function matchingKey(
  alert: GroupableAlert,
  config: IncidentConfiguration,
  options: IncidentOptions = {},
): string {
  const g = config.groupingConfiguration;
  const fold = options.caseInsensitiveEntities ?? false;
  switch (g.matchingMethod) {
    case 'AnyAlert':
      return '';
    case 'AllEntities': {
      // Alerts without entities match each other (empty = empty, open question 8).
      const keys = entitySetKey(alert.entities, fold);
      return keys.length === 0 ? 'no entities' : keys.join(', ');
    }
    case 'Selected': {
      const parts: string[] = [];
      for (const type of g.groupByEntities) {
        const keys = entitySetKey(
          alert.entities.filter((e) => e.type === type),
          fold,
        );
        parts.push(`${type}: [${keys.join(', ')}]`);
      }
      for (const detail of g.groupByAlertDetails) {
        const v =
          detail === 'DisplayName'
            ? alert.displayName
            : detail === 'Severity'
              ? alert.severity
              : '';
        parts.push(`${detail}: ${JSON.stringify(v)}`);
      }
      for (const key of g.groupByCustomDetails)
        parts.push(
          `${key}: ${JSON.stringify((Object.hasOwn(alert.customDetails, key) ? alert.customDetails[key] : undefined) ?? [])}`,
        );
      return parts.join('; ');
    }
  }
}

interface OpenIncident {
  readonly report: ReportIncident;
  readonly key: string;
  readonly firstAt: number;
}

export function groupIncidents(
  alerts: readonly GroupableAlert[],
  config: IncidentConfiguration,
  options: IncidentOptions = {},
): ReportIncident[] {
  if (!config.createIncident) return [];
  const g = config.groupingConfiguration;
  const prefix = options.idPrefix ?? 'incident-';
  const incidents: OpenIncident[] = [];
  const open = (alert: GroupableAlert, key: string | null, from?: OpenIncident): OpenIncident => {
    // An overflow incident copies the original's details; otherwise the first alert's.
    const origin = from?.report;
    const inc: OpenIncident = {
      key: key ?? '',
      firstAt: alert.at,
      report: {
        id: `${prefix}${incidents.length + 1}`,
        title: origin?.title ?? alert.displayName,
        severity: origin?.severity ?? alert.severity,
        alertIds: [alert.id],
        description: origin?.description ?? alert.description,
        matchingMethod: g.enabled ? g.matchingMethod : 'None',
        matchingKey: g.enabled && g.matchingMethod !== 'AnyAlert' ? key : null,
        firstAlertAt: isoTime(alert.at),
      },
    };
    incidents.push(inc);
    return inc;
  };
  for (const alert of alerts) {
    if (!g.enabled) {
      open(alert, null);
      continue;
    }
    const key = matchingKey(alert, config, options);
    let target: OpenIncident | undefined;
    for (let i = incidents.length - 1; i >= 0; i--) {
      const inc = incidents[i]!;
      // "Alerts created up to <lookback> after the first alert in an incident are added to it."
      if (inc.key === key && alert.at - inc.firstAt <= g.lookbackDuration.ms) {
        target = inc;
        break;
      }
    }
    if (!target) open(alert, key);
    else if (target.report.alertIds.length >= MAX_ALERTS_PER_INCIDENT) open(alert, key, target);
    else target.report.alertIds.push(alert.id);
  }
  return incidents.map((i) => i.report);
}
