/**
 * The column types the catalog's sources write, mapped to Loupe's KQL types.
 *
 * Microsoft's table reference writes KQL's own names (`string`, `datetime`, `real`…) and, on the
 * AzureDiagnostics page, .NET-style ones (`Guid`, `BigInt`, `Double`). Azure-Sentinel's KQL
 * validation schemas (`.script/tests/KqlvalidationsTests/CustomTables/*.json`) are hand-written by
 * many contributors: `String`, `string`, `DateTime`, `Datetime`, `Int`, `Long`, `BigInt`,
 * `Float`, `Real`, `Object`… Every spelling the sources use is listed here, with the aliases Kusto
 * itself accepts (`boolean`, `date`, `time`, `uniqueid`, .NET's `System.*` names); any other one
 * stops the generator, so a new spelling is a decision and never a silent `string`.
 */
import type { KqlType } from '../../src/schema/kql-types.ts';

/** Spellings by their lower-case form (the sources disagree on case, never on meaning). */
const SPELLINGS: Readonly<Record<string, KqlType>> = {
  string: 'string',
  'system.string': 'string',
  datetime: 'datetime',
  date: 'datetime',
  // darktrace_model_alerts_CL.json writes `Date/time`.
  'date/time': 'datetime',
  'system.datetime': 'datetime',
  dynamic: 'dynamic',
  object: 'dynamic',
  'system.object': 'dynamic',
  bool: 'bool',
  boolean: 'bool',
  'system.boolean': 'bool',
  // Kusto stores bool as a signed byte and names it so in .NET schemas (GoogleWorkspaceReports.json).
  sbyte: 'bool',
  'system.sbyte': 'bool',
  // Kusto's `int` is 32 bits, `long` 64 (SQL Server's `bigint`, .NET's Int64).
  int: 'int',
  int32: 'int',
  'system.int32': 'int',
  long: 'long',
  int64: 'long',
  bigint: 'long',
  'system.int64': 'long',
  // Kusto's `real` is a 64-bit float; contributors write it as .NET `Double` or `Float`.
  real: 'real',
  double: 'real',
  float: 'real',
  'system.double': 'real',
  decimal: 'decimal',
  'system.decimal': 'decimal',
  guid: 'guid',
  uniqueid: 'guid',
  'system.guid': 'guid',
  timespan: 'timespan',
  time: 'timespan',
  'system.timespan': 'timespan',
};

/** Every spelling the generator accepts (for its tests and docs). */
export const KNOWN_SOURCE_TYPE_SPELLINGS: readonly string[] = Object.keys(SPELLINGS);

export class UnknownSourceTypeError extends Error {
  constructor(
    readonly spelling: string,
    readonly where: string,
  ) {
    super(
      `${where}: unknown column type "${spelling}"; add its meaning to scripts/catalog/source-types.ts`,
    );
    this.name = 'UnknownSourceTypeError';
  }
}

/** The KQL type of a source's spelling; throws on a spelling no source has been seen to use. */
export function kqlTypeOfSource(spelling: string, where: string): KqlType {
  const t = SPELLINGS[spelling.trim().toLowerCase()];
  if (!t) throw new UnknownSourceTypeError(spelling, where);
  return t;
}
