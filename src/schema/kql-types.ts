/**
 * KQL's scalar types and how Loupe stores each one in DuckDB.
 *
 * - datetime → TIMESTAMP (no zone): KQL datetimes are UTC, and the WASM build has no ICU.
 * - timespan → INTERVAL built from microseconds only (never months/days), so that comparisons and
 *   datetime arithmetic behave like KQL's 100-ns ticks (to microsecond precision).
 * - dynamic → VARCHAR holding canonical JSON text, handled by Loupe's own SQL functions
 *   (src/kql/runtime/), because DuckDB-WASM has no JSON extension offline.
 * - string → VARCHAR, never NULL: KQL strings are not nullable, a missing string is "".
 */
export type KqlType =
  | 'string'
  | 'long'
  | 'int'
  | 'real'
  | 'decimal'
  | 'bool'
  | 'datetime'
  | 'timespan'
  | 'dynamic'
  | 'guid';

export const KQL_TYPES: readonly KqlType[] = [
  'string',
  'long',
  'int',
  'real',
  'decimal',
  'bool',
  'datetime',
  'timespan',
  'dynamic',
  'guid',
];

export function isKqlType(s: string): s is KqlType {
  return (KQL_TYPES as readonly string[]).includes(s);
}

/** Normalises the aliases Kusto accepts in schemas and `typeof()` (e.g. `boolean`, `double`). */
export function parseKqlType(s: string): KqlType | undefined {
  const t = s.trim().toLowerCase();
  const alias: Record<string, KqlType> = {
    boolean: 'bool',
    double: 'real',
    int64: 'long',
    int32: 'int',
    date: 'datetime',
    time: 'timespan',
    uniqueid: 'guid',
    object: 'dynamic',
    'system.string': 'string',
    'system.int64': 'long',
    'system.int32': 'int',
    'system.double': 'real',
    'system.boolean': 'bool',
    'system.datetime': 'datetime',
    'system.timespan': 'timespan',
    'system.object': 'dynamic',
    'system.guid': 'guid',
    'system.sbyte': 'bool',
    'system.decimal': 'decimal',
    'system.data.sqltypes.sqldecimal': 'decimal',
  };
  if (isKqlType(t)) return t;
  // The name comes from the file (an API response's column type): never a property of Object.prototype.
  return Object.hasOwn(alias, t) ? alias[t] : undefined;
}

export function sqlStorageType(t: KqlType): string {
  switch (t) {
    case 'string':
    case 'guid':
    case 'dynamic':
      return 'VARCHAR';
    case 'long':
      return 'BIGINT';
    case 'int':
      return 'INTEGER';
    case 'real':
      return 'DOUBLE';
    case 'decimal':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'datetime':
      return 'TIMESTAMP';
    case 'timespan':
      return 'INTERVAL';
  }
}
