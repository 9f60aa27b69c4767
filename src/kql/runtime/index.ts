/**
 * Registers the SQL functions translated queries call (all prefixed `kql_`) on an engine. Call it
 * once per connection before running a translation.
 */
import type { ScalarUdf, SqlEngine } from '../../db/engine.ts';
import { dynArrayLength, dynGet, dynIndex, dynParse, dynToString, jsonReal, jsonString } from './dynamic.ts';
import { realText, timespanText } from './format.ts';
import {
  arrConcat, arrIff, arrIndexOf, arrReverse, arrRotate, arrShift, arrSlice, arrSort, arrSplit, arrSum, bagHasKey, bagKeys, bagMerge, bagRemoveKeys,
  dynTypeOf, jaccardIndex, setDifference, setHasElement, setIntersect, setUnion, splitText, strcatArray,
} from './arrays.ts';

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
  // Arrays, bags and sets (./arrays.ts).
  { name: 'kql_arr_concat', returns: 'VARCHAR', fn: arrConcat },
  { name: 'kql_arr_slice', returns: 'VARCHAR', fn: arrSlice },
  { name: 'kql_arr_reverse', returns: 'VARCHAR', fn: arrReverse },
  { name: 'kql_arr_sort', returns: 'VARCHAR', fn: arrSort },
  { name: 'kql_arr_sum', returns: 'VARCHAR', fn: arrSum },
  { name: 'kql_arr_index_of', returns: 'INTEGER', fn: arrIndexOf },
  { name: 'kql_arr_shift', returns: 'VARCHAR', fn: arrShift },
  { name: 'kql_arr_rotate', returns: 'VARCHAR', fn: arrRotate },
  { name: 'kql_arr_split', returns: 'VARCHAR', fn: arrSplit },
  { name: 'kql_arr_iff', returns: 'VARCHAR', fn: arrIff },
  { name: 'kql_strcat_array', returns: 'VARCHAR', fn: strcatArray },
  { name: 'kql_bag_keys', returns: 'VARCHAR', fn: bagKeys },
  { name: 'kql_bag_merge', returns: 'VARCHAR', fn: bagMerge },
  { name: 'kql_bag_remove_keys', returns: 'VARCHAR', fn: bagRemoveKeys },
  { name: 'kql_bag_has_key', returns: 'INTEGER', fn: bagHasKey },
  { name: 'kql_set_union', returns: 'VARCHAR', fn: setUnion },
  { name: 'kql_set_intersect', returns: 'VARCHAR', fn: setIntersect },
  { name: 'kql_set_difference', returns: 'VARCHAR', fn: setDifference },
  { name: 'kql_set_has_element', returns: 'INTEGER', fn: setHasElement },
  { name: 'kql_jaccard_index', returns: 'VARCHAR', fn: jaccardIndex },
  { name: 'kql_dyn_typeof', returns: 'VARCHAR', fn: dynTypeOf },
  { name: 'kql_split', returns: 'VARCHAR', fn: splitText },
];

export function installKqlRuntime(engine: SqlEngine): void {
  for (const udf of KQL_UDFS) engine.registerUdf(udf);
}
