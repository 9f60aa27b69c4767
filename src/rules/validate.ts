/**
 * Sentinel's own limits on a scheduled rule (Microsoft Learn "Create scheduled analytics rules",
 * "Map data fields to entities", "Surface custom details", "Customize alert details"; the
 * Azure-Sentinel template validator). Reported as warnings with line numbers: a rule Sentinel would
 * refuse is visible as such, but can still be replayed.
 */
import { DAY, HOUR, MINUTE, formatDuration } from './duration.ts';
import { ENTITY_TYPES } from './entity-types.ts';
import { placeholdersOf } from './placeholders.ts';
import type { Rule, RuleDiagnostic, ScheduledRule } from './rule.ts';
import { isScheduled } from './rule.ts';

export const LIMITS = {
  minSchedule: 5 * MINUTE,
  maxSchedule: 14 * DAY,
  /** Periods of 2 days or more need a frequency of at least one hour. */
  longPeriod: 2 * DAY,
  longPeriodMinFrequency: HOUR,
  maxPlaceholders: 3,
  maxDisplayNameLength: 256,
  maxDescriptionLength: 5000,
  maxCustomDetails: 20,
  maxCustomDetailKeyLength: 20,
  maxEntityMappings: 10,
  maxIdentifiersPerMapping: 3,
  maxThreshold: 10000,
  maxQueryLength: 10000,
  maxSuppression: 24 * HOUR,
  minLookback: 5 * MINUTE,
  maxLookback: 7 * DAY,
} as const;

const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];
const DYNAMIC_PROPERTIES = [
  'AlertLink',
  'ConfidenceLevel',
  'ConfidenceScore',
  'ExtendedLinks',
  'ProductName',
  'ProviderName',
  'ProductComponentName',
  'RemediationSteps',
  'Techniques',
];
const CUSTOM_DETAIL_KEY = /^[a-zA-Z]+\w*$/;
const CUSTOM_DETAIL_COLUMN = /^[a-zA-Z_]+\w*$/;

export function validateRule(rule: Rule): RuleDiagnostic[] {
  if (!isScheduled(rule)) return [];
  const out: RuleDiagnostic[] = [];
  const warn = (path: string, code: string, message: string): void => {
    out.push({ severity: 'warning', code, message, position: positionFor(rule, path) });
  };
  checkSchedule(rule, warn);
  checkQuery(rule, warn);
  checkOverrides(rule, warn);
  checkCustomDetails(rule, warn);
  checkEntityMappings(rule, warn);
  checkIncidents(rule, warn);
  if (!SEVERITIES.includes(rule.severity))
    warn(
      'severity',
      'severity',
      `severity "${rule.severity}" is not one of ${SEVERITIES.join(', ')}`,
    );
  return out;
}

type Warn = (path: string, code: string, message: string) => void;

function positionFor(rule: Rule, path: string) {
  let p = path;
  for (;;) {
    const pos = rule.positions[p];
    if (pos) return pos;
    if (p === '') return { file: rule.file, line: 1, column: 1 };
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
}

function checkSchedule(rule: ScheduledRule, warn: Warn): void {
  if (rule.kind === 'NRT') return;
  const f = rule.queryFrequency.ms;
  const p = rule.queryPeriod.ms;
  const range = `${formatDuration(LIMITS.minSchedule)} to ${formatDuration(LIMITS.maxSchedule)}`;
  if (f < LIMITS.minSchedule || f > LIMITS.maxSchedule)
    warn(
      'queryFrequency',
      'limit-frequency',
      `queryFrequency ${rule.queryFrequency.text} is outside Sentinel's range (${range})`,
    );
  if (p < LIMITS.minSchedule || p > LIMITS.maxSchedule)
    warn(
      'queryPeriod',
      'limit-period',
      `queryPeriod ${rule.queryPeriod.text} is outside Sentinel's range (${range})`,
    );
  if (p < f)
    warn(
      'queryPeriod',
      'limit-period-frequency',
      `queryPeriod ${rule.queryPeriod.text} is shorter than queryFrequency ${rule.queryFrequency.text}: Sentinel requires period ≥ frequency (events between windows would never be seen)`,
    );
  if (p >= LIMITS.longPeriod && f < LIMITS.longPeriodMinFrequency)
    warn(
      'queryFrequency',
      'limit-long-period',
      `with a queryPeriod of 2 days or more, Sentinel requires a queryFrequency of at least 1 hour (found ${rule.queryFrequency.text})`,
    );
  if (rule.triggerThreshold < 0 || rule.triggerThreshold > LIMITS.maxThreshold)
    warn(
      'triggerThreshold',
      'limit-threshold',
      `triggerThreshold ${rule.triggerThreshold} is outside Sentinel's range (0 to ${LIMITS.maxThreshold})`,
    );
  if (rule.suppression.enabled && rule.suppression.duration.ms > LIMITS.maxSuppression)
    warn(
      'suppressionDuration',
      'limit-suppression',
      `suppressionDuration ${rule.suppression.duration.text} is longer than Sentinel's maximum of 24 hours`,
    );
}

function checkQuery(rule: ScheduledRule, warn: Warn): void {
  if (rule.query.length > LIMITS.maxQueryLength)
    warn(
      'query',
      'limit-query-length',
      `the query has ${rule.query.length} characters; Sentinel accepts at most ${LIMITS.maxQueryLength}`,
    );
  if (/\b(search|union)\s+\*/i.test(rule.query))
    warn(
      'query',
      'limit-query-star',
      'Sentinel refuses queries containing "search *" or "union *"',
    );
}

function checkOverrides(rule: ScheduledRule, warn: Warn): void {
  const o = rule.alertDetailsOverride;
  if (!o) return;
  const checks: [keyof typeof o & string, number][] = [
    ['alertDisplayNameFormat', LIMITS.maxDisplayNameLength],
    ['alertDescriptionFormat', LIMITS.maxDescriptionLength],
  ];
  for (const [field, maxLength] of checks) {
    const text = o[field];
    if (typeof text !== 'string') continue;
    const n = placeholdersOf(text).length;
    const path = `alertDetailsOverride.${field}`;
    if (n > LIMITS.maxPlaceholders)
      warn(
        path,
        'limit-placeholders',
        `${field} has ${n} {{column}} placeholders; Sentinel allows at most ${LIMITS.maxPlaceholders}`,
      );
    if (text.length > maxLength)
      warn(
        path,
        'limit-override-length',
        `${field} has ${text.length} characters; Sentinel allows at most ${maxLength}`,
      );
  }
  o.alertDynamicProperties.forEach((p, i) => {
    if (!DYNAMIC_PROPERTIES.includes(p.alertProperty))
      warn(
        `alertDetailsOverride.alertDynamicProperties.${i}.alertProperty`,
        'unknown-dynamic-property',
        `alertProperty "${p.alertProperty}" is not one of ${DYNAMIC_PROPERTIES.join(', ')}`,
      );
  });
}

function checkCustomDetails(rule: ScheduledRule, warn: Warn): void {
  if (rule.customDetails.length > LIMITS.maxCustomDetails)
    warn(
      'customDetails',
      'limit-custom-details',
      `${rule.customDetails.length} custom details; Sentinel allows at most ${LIMITS.maxCustomDetails}`,
    );
  for (const d of rule.customDetails) {
    const path = `customDetails.${d.key}`;
    if (!CUSTOM_DETAIL_KEY.test(d.key) || d.key.length > LIMITS.maxCustomDetailKeyLength)
      warn(
        path,
        'custom-detail-key',
        `custom detail key "${d.key}" must start with a letter, hold only letters, digits and _, and have at most ${LIMITS.maxCustomDetailKeyLength} characters`,
      );
    if (!CUSTOM_DETAIL_COLUMN.test(d.columnName))
      warn(
        path,
        'custom-detail-column',
        `custom detail "${d.key}" names "${d.columnName}", which is not a column name`,
      );
  }
}

function checkEntityMappings(rule: ScheduledRule, warn: Warn): void {
  // The docs allow 10 mappings; the Azure-Sentinel template validator still says 5. Loupe follows the docs.
  if (rule.entityMappings.length > LIMITS.maxEntityMappings)
    warn(
      'entityMappings',
      'limit-entity-mappings',
      `${rule.entityMappings.length} entity mappings; Sentinel allows at most ${LIMITS.maxEntityMappings}`,
    );
  rule.entityMappings.forEach((m, i) => {
    const at = `entityMappings.${i}`;
    const info = ENTITY_TYPES[m.entityType];
    if (!info) {
      warn(
        `${at}.entityType`,
        'unknown-entity-type',
        `entity type "${m.entityType}" is not a Sentinel entity type (${Object.keys(ENTITY_TYPES).join(', ')})`,
      );
      return;
    }
    if (m.fieldMappings.length > LIMITS.maxIdentifiersPerMapping)
      warn(
        `${at}.fieldMappings`,
        'limit-identifiers',
        `${m.entityType} mapping has ${m.fieldMappings.length} identifiers; Sentinel allows at most ${LIMITS.maxIdentifiersPerMapping}`,
      );
    m.fieldMappings.forEach((f, j) => {
      if (!info.identifiers.includes(f.identifier))
        warn(
          `${at}.fieldMappings.${j}.identifier`,
          'unknown-identifier',
          `"${f.identifier}" is not an identifier of ${m.entityType} (${info.identifiers.join(', ')})`,
        );
    });
    const mapped = new Set(m.fieldMappings.map((f) => f.identifier));
    if (!info.required.some((set) => set.every((id) => mapped.has(id)))) {
      warn(
        `${at}.entityType`,
        'missing-strong-identifier',
        `${m.entityType} mapping needs ${info.required.map((s) => s.join(' + ')).join(' or ')}`,
      );
    }
  });
}

function checkIncidents(rule: ScheduledRule, warn: Warn): void {
  const g = rule.incidentConfiguration.groupingConfiguration;
  if (!g.enabled) return;
  const at = 'incidentConfiguration.groupingConfiguration';
  if (g.lookbackDuration.ms < LIMITS.minLookback || g.lookbackDuration.ms > LIMITS.maxLookback)
    warn(
      `${at}.lookbackDuration`,
      'limit-lookback',
      `lookbackDuration ${g.lookbackDuration.text} is outside Sentinel's range (5m to 7d)`,
    );
  if (g.matchingMethod !== 'Selected') return;
  if (g.groupByEntities.length + g.groupByAlertDetails.length + g.groupByCustomDetails.length === 0)
    warn(
      `${at}.matchingMethod`,
      'selected-empty',
      'matchingMethod Selected needs at least one of groupByEntities, groupByAlertDetails, groupByCustomDetails',
    );
  const mappedTypes = new Set(rule.entityMappings.map((m) => m.entityType));
  g.groupByEntities.forEach((t, i) => {
    if (!mappedTypes.has(t))
      warn(
        `${at}.groupByEntities.${i}`,
        'group-by-unmapped',
        `groupByEntities names ${t}, which the rule does not map`,
      );
  });
  g.groupByAlertDetails.forEach((d, i) => {
    if (d !== 'DisplayName' && d !== 'Severity')
      warn(
        `${at}.groupByAlertDetails.${i}`,
        'group-by-detail',
        `groupByAlertDetails accepts DisplayName and Severity, not "${d}"`,
      );
  });
  const keys = new Set(rule.customDetails.map((c) => c.key));
  g.groupByCustomDetails.forEach((k, i) => {
    if (!keys.has(k))
      warn(
        `${at}.groupByCustomDetails.${i}`,
        'group-by-custom-detail',
        `groupByCustomDetails names "${k}", which is not a custom detail of the rule`,
      );
  });
}
