/**
 * JSON record shapes and how each maps onto a Log Analytics table, as data: which table a record
 * belongs to and which column each of its fields fills. The Log Analytics tables are Microsoft's
 * own projections of these same records (docs/sentinel-semantics.md §11 d–e): `properties.X`
 * becomes the PascalCase column X, with the renames listed below.
 */
import { knownTable, type TableSchema } from '../schema/catalog.ts';

/** What a record is, decided from its fields and the envelope it came in. */
export type RecordKind =
  'diagnostic' | 'graph-signin' | 'graph-risky-user' | 'graph-risk-detection' | 'flat';

/** Diagnostic-settings categories → the Log Analytics table Sentinel fills from them. */
export const CATEGORY_TABLES: Readonly<Record<string, string>> = {
  SignInLogs: 'SigninLogs',
  NonInteractiveUserSignInLogs: 'AADNonInteractiveUserSignInLogs',
  ServicePrincipalSignInLogs: 'AADServicePrincipalSignInLogs',
  ManagedIdentitySignInLogs: 'AADManagedIdentitySignInLogs',
  RiskyUsers: 'AADRiskyUsers',
  UserRiskEvents: 'AADUserRiskEvents',
  AuditLogs: 'AuditLogs',
};

/**
 * Fields of a sign-in (Graph `signIn`, or `properties` of a diagnostic record) whose column is not
 * simply the PascalCase name. Several columns may come from one field.
 */
const SIGNIN_RENAMES: Readonly<Record<string, readonly FieldTarget[]>> = {
  // Graph and diagnostics have no ingestion time; the sign-in's own time is the closest thing (warned).
  createdDateTime: [
    { column: 'CreatedDateTime' },
    { column: 'TimeGenerated', note: 'copied from createdDateTime' },
  ],
  location: [{ column: 'LocationDetails' }, { column: 'Location', path: ['countryOrRegion'] }],
  status: [
    { column: 'Status' },
    // Graph has no resultType: Sentinel's ResultType is the status error code, as text.
    { column: 'ResultType', path: ['errorCode'] },
    { column: 'ResultDescription', path: ['failureReason'] },
  ],
  appliedConditionalAccessPolicies: [{ column: 'ConditionalAccessPolicies' }],
  resourceId: [{ column: 'ResourceIdentity' }],
  processingTimeInMilliseconds: [
    { column: 'ProcessingTimeInMilliseconds' },
    { column: 'ProcessingTimeInMs', onlyIfKnown: true },
  ],
};

/** Top-level fields of a diagnostic record (Azure Monitor common schema) and their columns. */
const DIAGNOSTIC_TOP: Readonly<Record<string, readonly FieldTarget[]>> = {
  time: [{ column: 'TimeGenerated' }],
  tenantId: [{ column: 'AADTenantId' }],
  callerIpAddress: [{ column: 'IPAddress' }],
  location: [{ column: 'Location' }],
};

const DIAGNOSTIC_FIRST = new Set([
  'time',
  'resultType',
  'resultSignature',
  'resultDescription',
  'durationMs',
  'operationName',
  'operationVersion',
  'category',
]);

export interface FieldTarget {
  readonly column: string;
  /** A path inside the field's value (e.g. status → errorCode). */
  readonly path?: readonly string[];
  /** Only when the table's catalog has this column (the two sign-in tables spell it differently). */
  readonly onlyIfKnown?: boolean;
  readonly note?: string;
}

export interface MappedField {
  readonly source: string;
  readonly column: string;
  readonly value: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function classifyRecord(rec: unknown, container: string): RecordKind {
  if (!isObject(rec)) return 'flat';
  if (container === 'records' || ('time' in rec && 'category' in rec && isObject(rec.properties)))
    return 'diagnostic';
  if ('riskEventType' in rec && 'detectedDateTime' in rec) return 'graph-risk-detection';
  if ('riskLastUpdatedDateTime' in rec && !('createdDateTime' in rec)) return 'graph-risky-user';
  if ('createdDateTime' in rec && 'status' in rec && ('userPrincipalName' in rec || 'appId' in rec))
    return 'graph-signin';
  return 'flat';
}

/** The table a record belongs to, when its shape says so. */
export function tableOfRecord(kind: RecordKind, rec: Record<string, unknown>): string | undefined {
  switch (kind) {
    case 'diagnostic':
      return typeof rec.category === 'string' ? ownValue(CATEGORY_TABLES, rec.category) : undefined;
    case 'graph-signin': {
      // Only strings: String() of a hostile object calls its own "toString" field.
      const types = Array.isArray(rec.signInEventTypes)
        ? rec.signInEventTypes.filter((t) => typeof t === 'string')
        : [];
      if (types.includes('servicePrincipal')) return 'AADServicePrincipalSignInLogs';
      if (types.includes('managedIdentity')) return 'AADManagedIdentitySignInLogs';
      if (types.includes('nonInteractiveUser') || rec.isInteractive === false)
        return 'AADNonInteractiveUserSignInLogs';
      return 'SigninLogs';
    }
    case 'graph-risky-user':
      return 'AADRiskyUsers';
    case 'graph-risk-detection':
      return 'AADUserRiskEvents';
    case 'flat': {
      const t = rec.Type;
      return typeof t === 'string' && t !== '' ? t : undefined;
    }
  }
}

/** A field name as the table spells it: the catalog's column matched case-insensitively, else PascalCase. */
export function columnFor(table: TableSchema | undefined, field: string): string {
  if (table) {
    let byLower = lowerNames.get(table);
    if (!byLower) {
      byLower = new Map(table.columns.map((c) => [c.name.toLowerCase(), c.name]));
      lowerNames.set(table, byLower);
    }
    const known = byLower.get(field.toLowerCase());
    if (known) return known;
  }
  return field.charAt(0).toUpperCase() + field.slice(1);
}

const lowerNames = new WeakMap<TableSchema, Map<string, string>>();

function hasColumn(table: TableSchema | undefined, name: string): boolean {
  return (
    table !== undefined &&
    columnFor(table, name) === name &&
    table.columns.some((c) => c.name === name)
  );
}

function at(v: unknown, path: readonly string[] | undefined): unknown {
  let x = v;
  for (const k of path ?? []) x = isObject(x) && Object.hasOwn(x, k) ? x[k] : undefined;
  return x;
}

/**
 * The value a data table holds under `key`, never one Object.prototype lends: keys are the log's
 * own field names, and `constructor` or `__proto__` there is a field like any other.
 */
function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function mapFields(
  out: MappedField[],
  filled: Set<string>,
  fields: readonly (readonly [string, unknown])[],
  prefix: string,
  table: TableSchema | undefined,
  renames: Readonly<Record<string, readonly FieldTarget[]>>,
): void {
  for (const [key, value] of fields) {
    const targets = ownValue(renames, key) ?? [{ column: columnFor(table, key) }];
    for (const t of targets) {
      if (t.onlyIfKnown && !hasColumn(table, t.column)) continue;
      // AADNonInteractiveUserSignInLogs spells it ProcessingTimeInMs, SigninLogs ProcessingTimeInMilliseconds.
      if (
        t.column === 'ProcessingTimeInMilliseconds' &&
        !hasColumn(table, t.column) &&
        hasColumn(table, 'ProcessingTimeInMs')
      )
        continue;
      // The first field to fill a column wins: properties come before the record's top level,
      // whose correlationId/location/… repeat or summarise them.
      if (filled.has(t.column.toLowerCase())) continue;
      const v = at(value, t.path);
      if (t.path && v === undefined) continue;
      filled.add(t.column.toLowerCase());
      out.push({
        source: prefix + key + (t.path ? '.' + t.path.join('.') : ''),
        column: t.column,
        value: v,
      });
    }
  }
}

/** The columns a record fills, with their source paths. */
export function mapRecord(
  kind: RecordKind,
  rec: Record<string, unknown>,
  tableName: string | undefined,
): MappedField[] {
  const table = tableName ? knownTable(tableName) : undefined;
  const out: MappedField[] = [];
  const filled = new Set<string>();
  switch (kind) {
    case 'diagnostic': {
      // The record's own time and result come first (they are what Log Analytics stores as
      // TimeGenerated and ResultType), then the properties, then the rest of the envelope. Lists of
      // entries, not objects: a field named `__proto__` must stay a field.
      const entries = Object.entries(rec).filter(([k]) => k !== 'properties');
      mapFields(
        out,
        filled,
        entries.filter(([k]) => DIAGNOSTIC_FIRST.has(k)),
        '',
        table,
        DIAGNOSTIC_TOP,
      );
      const props =
        Object.hasOwn(rec, 'properties') && isObject(rec.properties) ? rec.properties : {};
      mapFields(out, filled, Object.entries(props), 'properties.', table, SIGNIN_RENAMES);
      mapFields(
        out,
        filled,
        entries.filter(([k]) => !DIAGNOSTIC_FIRST.has(k)),
        '',
        table,
        DIAGNOSTIC_TOP,
      );
      break;
    }
    case 'graph-signin':
    case 'graph-risk-detection':
      mapFields(
        out,
        filled,
        Object.entries(rec),
        '',
        table,
        kind === 'graph-signin' ? SIGNIN_RENAMES : {},
      );
      break;
    case 'graph-risky-user':
    case 'flat':
      mapFields(out, filled, Object.entries(rec), '', table, {});
      break;
  }
  return out;
}
