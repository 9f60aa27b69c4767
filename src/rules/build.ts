/**
 * Builds a ScheduledRule from a parsed YAML/JSON document, checking the type of every field Loupe
 * uses. Problems that make a replay impossible are errors; the rest are warnings. Field names are
 * the Azure-Sentinel template's (the ARM/API property names differ only in `displayName` and
 * `techniques`, read as aliases).
 */
import type { SourcePosition } from '../errors.ts';
import { parseDuration, MINUTE, HOUR } from './duration.ts';
import type {
  AggregationKind,
  AlertDetailsOverride,
  AlertDynamicProperty,
  CustomDetail,
  Duration,
  EntityMapping,
  FieldMapping,
  GroupingConfiguration,
  IncidentConfiguration,
  MatchingMethod,
  QueryOrigin,
  RuleDiagnostic,
  RuleFormat,
  ScheduledRule,
  Suppression,
  TriggerOperator,
} from './rule.ts';
import { joinPath, positionOf, type SourceDocument } from './yaml-source.ts';
import { nameMap } from './values.ts';

/** Fields read into the model; every other top-level field is kept in `otherFields`. */
const MODELLED_FIELDS = new Set([
  'id',
  'name',
  'displayName',
  'description',
  'kind',
  'version',
  'severity',
  'query',
  'queryFrequency',
  'queryPeriod',
  'triggerOperator',
  'triggerThreshold',
  'tactics',
  'relevantTechniques',
  'techniques',
  'entityMappings',
  'customDetails',
  'alertDetailsOverride',
  'eventGroupingSettings',
  'incidentConfiguration',
  'suppressionEnabled',
  'suppressionDuration',
  'startTimeUtc',
  'enabled',
]);

const TRIGGER_OPERATORS: Record<string, TriggerOperator> = {
  gt: 'GreaterThan',
  greaterthan: 'GreaterThan',
  lt: 'LessThan',
  lessthan: 'LessThan',
  eq: 'Equal',
  equal: 'Equal',
  ne: 'NotEqual',
  notequal: 'NotEqual',
};

const AGGREGATION_KINDS: Record<string, AggregationKind> = {
  singlealert: 'SingleAlert',
  alertperresult: 'AlertPerResult',
};
const MATCHING_METHODS: Record<string, MatchingMethod> = {
  anyalert: 'AnyAlert',
  allentities: 'AllEntities',
  selected: 'Selected',
};

/** Sentinel's portal defaults for a rule that does not say (incident grouping off, 5 h lookback). */
const DEFAULT_LOOKBACK: Duration = { ms: 5 * HOUR, text: 'PT5H' };
/** NRT rules run every minute over the last minute. */
const NRT_INTERVAL: Duration = { ms: MINUTE, text: 'PT1M' };

export interface BuildOptions {
  /** Rule kind when it is not in the rule's own fields (ARM: the resource's `kind`). */
  readonly kind?: unknown;
  readonly kindPath?: string;
  /** Rule id when the rule has none (file name, ARM resource name). */
  readonly fallbackId: string;
}

class FieldReader {
  readonly diagnostics: RuleDiagnostic[] = [];
  constructor(
    readonly src: SourceDocument,
    readonly base: string,
  ) {}

  path(key: string): string {
    return joinPath(this.base, key);
  }

  get(key: string): unknown {
    let v: unknown = this.src.value;
    for (const part of this.path(key).split('.')) {
      if (part === '') continue;
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[part];
    }
    return v;
  }

  pos(key: string): SourcePosition {
    return positionOf(this.src, this.path(key));
  }

  error(key: string, code: string, message: string): void {
    this.diagnostics.push({ severity: 'error', code, message, position: this.pos(key) });
  }

  warn(key: string, code: string, message: string): void {
    this.diagnostics.push({ severity: 'warning', code, message, position: this.pos(key) });
  }

  /** A scalar as text (YAML may read `version: 1` as a number), or undefined when absent. */
  text(key: string, what = 'a text value'): string | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    this.error(
      key,
      'field-type',
      `${key.split('.').pop()}: expected ${what}, found ${describe(v)}`,
    );
    return undefined;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    this.error(
      key,
      'field-type',
      `${key.split('.').pop()}: expected true or false, found ${describe(v)}`,
    );
    return fallback;
  }

  textList(key: string): string[] {
    const v = this.get(key);
    if (v === undefined || v === null) return [];
    if (typeof v === 'string')
      return v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (!Array.isArray(v)) {
      this.error(
        key,
        'field-type',
        `${key.split('.').pop()}: expected a list, found ${describe(v)}`,
      );
      return [];
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
      else
        this.error(
          `${key}.${i}`,
          'field-type',
          `${key.split('.').pop()}[${i}]: expected a text value, found ${describe(item)}`,
        );
    });
    return out;
  }

  duration(key: string): Duration | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.error(
        key,
        'duration',
        `${key.split('.').pop()}: expected a duration such as 1h, 5d, PT5H or P1D, found ${describe(v)}`,
      );
      return undefined;
    }
    let d = parseDuration(v);
    // `7d // why`: a KQL-style comment after the value. YAML has no `//` comments, so it is part
    // of the text; published templates carry such lines, and the duration before it is meant.
    const commented = d ? undefined : /^(\S+)\s+\/\/.*$/s.exec(v.trim());
    if (commented) {
      d = parseDuration(commented[1]!);
      if (d)
        this.warn(
          key,
          'duration-comment',
          `${key.split('.').pop()}: "${v}" is read as ${d.text}; the "//" text after it is not YAML comment syntax (use "#")`,
        );
    }
    if (!d)
      this.error(
        key,
        'duration',
        `${key.split('.').pop()}: "${v}" is not a duration (expected e.g. 1h, 30m, 5d, PT5H, P1D)`,
      );
    return d;
  }

  isMapping(key: string): boolean {
    const v = this.get(key);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return String(v);
}

/**
 * Where the query text starts in the file. A block scalar (`query: |`) starts on the line after
 * its header, indented by the block's indentation; a quoted scalar one column after its quote.
 */
export function queryOriginOf(src: SourceDocument, path: string): QueryOrigin {
  const pos = src.positions[path];
  if (!pos || pos.line === undefined || pos.column === undefined)
    return { line: 1, column: 1, indent: 0 };
  const type = src.scalarTypes[path];
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const lines = src.text.split('\n');
    const contentLine = pos.line + 1;
    const firstText = lines.slice(contentLine - 1).find((l) => l.trim() !== '') ?? '';
    const indent = firstText.length - firstText.trimStart().length;
    return { line: contentLine, column: indent + 1, indent };
  }
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE')
    return { line: pos.line, column: pos.column + 1, indent: 0 };
  return { line: pos.line, column: pos.column, indent: 0 };
}

export function buildScheduledRule(
  src: SourceDocument,
  base: string,
  format: RuleFormat,
  options: BuildOptions,
): { rule: ScheduledRule | undefined; diagnostics: RuleDiagnostic[] } {
  const r = new FieldReader(src, base);

  const kindText =
    options.kind !== undefined ? String(options.kind) : (r.text('kind') ?? 'Scheduled');
  const kindKey = options.kindPath ?? 'kind';
  let kind: 'Scheduled' | 'NRT' = 'Scheduled';
  if (/^nrt$/i.test(kindText)) kind = 'NRT';
  else if (!/^scheduled$/i.test(kindText)) {
    // Fusion, MicrosoftSecurityIncidentCreation, MLBehaviorAnalytics… are not query rules.
    const d: RuleDiagnostic = {
      severity: 'error',
      code: 'rule-kind',
      message: `kind: "${kindText}" rules are not replayed (only Scheduled and NRT rules run a query)`,
      position: options.kindPath ? positionOf(src, options.kindPath) : r.pos(kindKey),
    };
    r.diagnostics.push(d);
  }

  const id = r.text('id') ?? options.fallbackId;
  if (r.get('id') === undefined && format === 'yaml')
    r.warn('', 'missing-id', `no id: the rule is identified as "${id}"`);
  const name = r.text('name') ?? r.text('displayName') ?? id;
  if (r.get('name') === undefined && r.get('displayName') === undefined)
    r.warn('', 'missing-name', 'no name: the rule is shown by its id');
  const description = r.text('description') ?? '';

  const query = r.text('query');
  if (query === undefined || query.trim() === '')
    r.error(r.get('query') === undefined ? '' : 'query', 'missing-query', 'the rule has no query');

  let queryFrequency = r.duration('queryFrequency');
  let queryPeriod = r.duration('queryPeriod');
  if (kind === 'NRT') {
    // Sentinel NRT rules have no schedule fields: they run every minute over the last minute.
    if (queryFrequency || queryPeriod)
      r.warn(
        queryFrequency ? 'queryFrequency' : 'queryPeriod',
        'nrt-schedule',
        'NRT rules run every minute over the last minute; queryFrequency/queryPeriod are ignored',
      );
    queryFrequency = NRT_INTERVAL;
    queryPeriod = NRT_INTERVAL;
  } else if (
    r.get('queryFrequency') === undefined &&
    r.get('queryPeriod') === undefined &&
    options.kind === undefined &&
    r.get('kind') === undefined
  ) {
    // No schedule and no kind: a hunting query's YAML (Azure-Sentinel files some under Detections/).
    r.error(
      '',
      'missing-field',
      'queryFrequency and queryPeriod are missing, and so is kind: this is a hunting query, not a scheduled analytics rule (to run its query once over all the data, save it as a .kql file)',
    );
  } else {
    if (r.get('queryFrequency') === undefined)
      r.error('', 'missing-field', 'queryFrequency is missing (how often the rule runs, e.g. 1h)');
    if (r.get('queryPeriod') === undefined)
      r.error('', 'missing-field', 'queryPeriod is missing (how far back each run looks, e.g. 1h)');
    if (queryFrequency && queryFrequency.ms <= 0) {
      r.error('queryFrequency', 'duration', 'queryFrequency must be longer than zero');
      queryFrequency = undefined;
    }
  }

  let triggerOperator: TriggerOperator = 'GreaterThan';
  const opText = r.text('triggerOperator');
  if (opText === undefined) {
    if (kind === 'Scheduled')
      r.warn('', 'missing-field', 'triggerOperator is missing: using gt (GreaterThan)');
  } else {
    const op = TRIGGER_OPERATORS[opText.toLowerCase()];
    if (op) triggerOperator = op;
    else
      r.error(
        'triggerOperator',
        'trigger-operator',
        `triggerOperator: "${opText}" is not one of gt, lt, eq, ne (GreaterThan, LessThan, Equal, NotEqual)`,
      );
  }
  let triggerThreshold = 0;
  const th = r.get('triggerThreshold');
  if (th === undefined || th === null) {
    if (kind === 'Scheduled') r.warn('', 'missing-field', 'triggerThreshold is missing: using 0');
  } else if (typeof th === 'number' && Number.isInteger(th)) triggerThreshold = th;
  else if (typeof th === 'string' && /^\s*-?\d+\s*$/.test(th)) triggerThreshold = Number(th);
  else
    r.error(
      'triggerThreshold',
      'field-type',
      `triggerThreshold: expected a whole number, found ${describe(th)}`,
    );

  const severity = r.text('severity') ?? 'Medium';
  if (r.get('severity') === undefined)
    r.warn('', 'missing-field', 'severity is missing: using Medium');
  const tactics = r.textList('tactics');
  const relevantTechniques =
    r.get('relevantTechniques') !== undefined
      ? r.textList('relevantTechniques')
      : r.textList('techniques');

  const entityMappings = readEntityMappings(r);
  const customDetails = readCustomDetails(r);
  const alertDetailsOverride = readAlertDetailsOverride(r);

  let aggregationKind: AggregationKind = 'SingleAlert';
  if (r.get('eventGroupingSettings') !== undefined && r.get('eventGroupingSettings') !== null) {
    const kindValue = r.text('eventGroupingSettings.aggregationKind');
    if (kindValue !== undefined) {
      const k = AGGREGATION_KINDS[kindValue.toLowerCase()];
      if (k) aggregationKind = k;
      else
        r.error(
          'eventGroupingSettings.aggregationKind',
          'aggregation-kind',
          `aggregationKind: "${kindValue}" is not SingleAlert or AlertPerResult`,
        );
    }
  }

  const incidentConfiguration = readIncidentConfiguration(r);

  const suppressionEnabled = r.bool('suppressionEnabled', false);
  const suppressionDuration = r.duration('suppressionDuration') ?? { ms: 5 * HOUR, text: 'PT5H' };
  const suppression: Suppression = { enabled: suppressionEnabled, duration: suppressionDuration };

  let startTimeUtc: number | undefined;
  const start = r.text('startTimeUtc');
  if (start !== undefined && start !== '') {
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(start) ? start : `${start}Z`);
    if (Number.isNaN(t))
      r.error('startTimeUtc', 'field-type', `startTimeUtc: "${start}" is not an ISO-8601 time`);
    else startTimeUtc = t;
  }
  const enabledValue = r.get('enabled');
  const enabled = enabledValue === undefined ? undefined : r.bool('enabled', true);
  const version = r.text('version');

  const otherFields = nameMap<unknown>();
  const root = r.get('');
  if (root && typeof root === 'object') {
    for (const [k, v] of Object.entries(root as Record<string, unknown>))
      if (!MODELLED_FIELDS.has(k)) otherFields[k] = v;
  }

  const positions = nameMap<SourcePosition>();
  const prefix = base === '' ? '' : `${base}.`;
  for (const [p, pos] of Object.entries(src.positions)) {
    if (base === '' || p.startsWith(prefix)) positions[p.slice(prefix.length)] = pos;
  }

  const hasErrors = r.diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || query === undefined || !queryFrequency || !queryPeriod)
    return { rule: undefined, diagnostics: r.diagnostics };
  const rule: ScheduledRule = {
    kind,
    id,
    name,
    description,
    query,
    format,
    file: src.file,
    queryOrigin: queryOriginOf(src, r.path('query')),
    diagnostics: [],
    positions,
    ...(version !== undefined ? { version } : {}),
    queryFrequency,
    queryPeriod,
    triggerOperator,
    triggerThreshold,
    severity,
    tactics,
    relevantTechniques,
    entityMappings,
    customDetails,
    ...(alertDetailsOverride ? { alertDetailsOverride } : {}),
    eventGroupingSettings: { aggregationKind },
    incidentConfiguration,
    suppression,
    ...(startTimeUtc !== undefined ? { startTimeUtc } : {}),
    ...(enabled !== undefined ? { enabled } : {}),
    otherFields,
  };
  return { rule, diagnostics: r.diagnostics };
}

function readEntityMappings(r: FieldReader): EntityMapping[] {
  const v = r.get('entityMappings');
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.error(
      'entityMappings',
      'field-type',
      `entityMappings: expected a list of {entityType, fieldMappings}, found ${describe(v)}`,
    );
    return [];
  }
  const out: EntityMapping[] = [];
  v.forEach((_, i) => {
    const at = `entityMappings.${i}`;
    if (!r.isMapping(at)) {
      r.error(at, 'field-type', `entityMappings[${i}]: expected {entityType, fieldMappings}`);
      return;
    }
    const entityType = r.text(`${at}.entityType`);
    if (entityType === undefined)
      r.error(at, 'missing-field', `entityMappings[${i}]: entityType is missing`);
    const fm = r.get(`${at}.fieldMappings`);
    const fieldMappings: FieldMapping[] = [];
    if (!Array.isArray(fm)) {
      r.error(
        fm === undefined ? at : `${at}.fieldMappings`,
        'field-type',
        `entityMappings[${i}]: fieldMappings must be a list of {identifier, columnName}`,
      );
    } else {
      fm.forEach((_, j) => {
        const f = `${at}.fieldMappings.${j}`;
        const identifier = r.text(`${f}.identifier`);
        const columnName = r.text(`${f}.columnName`);
        if (identifier === undefined || columnName === undefined) {
          r.error(
            f,
            'missing-field',
            `entityMappings[${i}].fieldMappings[${j}]: needs both identifier and columnName`,
          );
          return;
        }
        fieldMappings.push({ identifier, columnName });
      });
    }
    if (entityType !== undefined) out.push({ entityType, fieldMappings });
  });
  return out;
}

function readCustomDetails(r: FieldReader): CustomDetail[] {
  const v = r.get('customDetails');
  if (v === undefined || v === null) return [];
  if (typeof v !== 'object' || Array.isArray(v)) {
    r.error(
      'customDetails',
      'field-type',
      `customDetails: expected a mapping of key: ColumnName, found ${describe(v)}`,
    );
    return [];
  }
  const out: CustomDetail[] = [];
  for (const key of Object.keys(v)) {
    const columnName = r.text(`customDetails.${key}`, 'a column name');
    if (columnName === undefined) {
      if (r.get(`customDetails.${key}`) == null)
        r.error(`customDetails.${key}`, 'missing-field', `customDetails.${key}: no column name`);
      continue;
    }
    out.push({ key, columnName });
  }
  return out;
}

function readAlertDetailsOverride(r: FieldReader): AlertDetailsOverride | undefined {
  const v = r.get('alertDetailsOverride');
  if (v === undefined || v === null) return undefined;
  if (!r.isMapping('alertDetailsOverride')) {
    r.error(
      'alertDetailsOverride',
      'field-type',
      `alertDetailsOverride: expected a mapping, found ${describe(v)}`,
    );
    return undefined;
  }
  const at = 'alertDetailsOverride';
  const dyn = r.get(`${at}.alertDynamicProperties`);
  const alertDynamicProperties: AlertDynamicProperty[] = [];
  if (dyn !== undefined && dyn !== null) {
    if (!Array.isArray(dyn))
      r.error(
        `${at}.alertDynamicProperties`,
        'field-type',
        'alertDynamicProperties: expected a list of {alertProperty, value}',
      );
    else
      dyn.forEach((_, i) => {
        const p = `${at}.alertDynamicProperties.${i}`;
        const alertProperty = r.text(`${p}.alertProperty`);
        const value = r.text(`${p}.value`);
        if (alertProperty === undefined || value === undefined)
          r.error(
            p,
            'missing-field',
            `alertDynamicProperties[${i}]: needs alertProperty and value`,
          );
        else alertDynamicProperties.push({ alertProperty, value });
      });
  }
  const opt = (k: string): Record<string, string> => {
    const t = r.text(`${at}.${k}`);
    return t === undefined || t === '' ? {} : { [k]: t };
  };
  return {
    ...opt('alertDisplayNameFormat'),
    ...opt('alertDescriptionFormat'),
    ...opt('alertSeverityColumnName'),
    ...opt('alertTacticsColumnName'),
    alertDynamicProperties,
  };
}

function readIncidentConfiguration(r: FieldReader): IncidentConfiguration {
  const at = 'incidentConfiguration';
  const g = `${at}.groupingConfiguration`;
  const present = r.get(at) !== undefined && r.get(at) !== null;
  if (present && !r.isMapping(at))
    r.error(at, 'field-type', 'incidentConfiguration: expected a mapping');
  // Sentinel's default: create an incident per alert, no grouping (API: createIncident defaults to true).
  const createIncident = present ? r.bool(`${at}.createIncident`, true) : true;
  const groupingPresent = r.get(g) !== undefined && r.get(g) !== null;
  let matchingMethod: MatchingMethod = 'AllEntities';
  const mm = groupingPresent ? r.text(`${g}.matchingMethod`) : undefined;
  if (mm !== undefined) {
    const m = MATCHING_METHODS[mm.toLowerCase()];
    if (m) matchingMethod = m;
    else
      r.error(
        `${g}.matchingMethod`,
        'matching-method',
        `matchingMethod: "${mm}" is not AnyAlert, AllEntities or Selected`,
      );
  }
  const grouping: GroupingConfiguration = {
    enabled: groupingPresent ? r.bool(`${g}.enabled`, false) : false,
    reopenClosedIncident: groupingPresent ? r.bool(`${g}.reopenClosedIncident`, false) : false,
    lookbackDuration:
      (groupingPresent ? r.duration(`${g}.lookbackDuration`) : undefined) ?? DEFAULT_LOOKBACK,
    matchingMethod,
    groupByEntities: groupingPresent ? r.textList(`${g}.groupByEntities`) : [],
    groupByAlertDetails: groupingPresent ? r.textList(`${g}.groupByAlertDetails`) : [],
    groupByCustomDetails: groupingPresent ? r.textList(`${g}.groupByCustomDetails`) : [],
  };
  return { createIncident, groupingConfiguration: grouping };
}
