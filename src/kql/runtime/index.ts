/**
 * Registers the SQL functions translated queries call (all prefixed `kql_`) on an engine. Call it
 * once per connection before running a translation.
 */
import type { ScalarUdf, SqlEngine } from '../../db/engine.ts';
import { dynArrayLength, dynGet, dynIndex, dynParse, dynToString, jsonReal, jsonString } from './dynamic.ts';
import { realText, timespanText } from './format.ts';

export const KQL_UDFS: readonly ScalarUdf[] = [
  { name: 'kql_dyn_index', returns: 'VARCHAR', fn: dynIndex },
  { name: 'kql_dyn_get', returns: 'VARCHAR', fn: dynGet },
  { name: 'kql_dyn_tostring', returns: 'VARCHAR', fn: dynToString },
  { name: 'kql_dyn_parse', returns: 'VARCHAR', fn: dynParse },
  { name: 'kql_dyn_array_length', returns: 'INTEGER', fn: dynArrayLength },
  { name: 'kql_json_string', returns: 'VARCHAR', fn: jsonString },
  { name: 'kql_json_real', returns: 'VARCHAR', fn: jsonReal },
  { name: 'kql_real_tostring', returns: 'VARCHAR', fn: realText },
  { name: 'kql_timespan_text', returns: 'VARCHAR', fn: timespanText },
];

export function installKqlRuntime(engine: SqlEngine): void {
  for (const udf of KQL_UDFS) engine.registerUdf(udf);
}
