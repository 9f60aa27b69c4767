/**
 * Registers the SQL functions translated queries call (all prefixed `kql_`) on an engine. Call it
 * once per connection before running a translation.
 */
import type { ScalarUdf, SqlEngine } from '../../db/engine.ts';
import { dynArrayLength, dynGet, dynIndex, dynParse, dynToString, jsonReal, jsonString } from './dynamic.ts';
import { realText, timespanText } from './format.ts';
import { EXPAND_UDFS } from './expand.ts';
import { PLUGIN_UDFS } from './plugins.ts';
import { WINDOW_UDFS } from './window.ts';
import { SERIES_UDFS } from './series.ts';
import { SERIES_FILTER_UDFS } from './series-filters.ts';
import {
  arrConcat, arrIff, bagMergeAll, dynContains, hasTerms, setOfElements, tdigestPercentile, tdigestRank, bagSetKey, bagZip, replaceStrings, zipArrays, arrIndexOf, arrReverse, arrRotate, arrShift, arrSlice, arrSort, arrSortMany, arrSplit, arrSum, bagHasKey, bagKeys, bagMerge, bagRemoveKeys,
  dynTypeOf, jaccardIndex, setDifference, setHasElement, setIntersect, setUnion, splitText, strcatArray,
} from './arrays.ts';
import {
  base64Decode, base64DecodeToArray, base64Encode, codepointsFromString, codepointsToString, countOf, extractAll, indexOf, kqlHash, parsePath, parseUrl,
  base64FromArray, base64ToGuid, erf, numberRange, parseUrlQuery, regexQuote, toHex, toUtf8, urlDecode, urlEncode,
} from './text.ts';
import { formatDatetime, formatTimespan, parseDatetime, parseTimespan } from './datetime.ts';
import {
  dynamicToJson, extractJson, localToUtc, parseCommandLine, parseCsv, parseVersion, punycodeDecode, punycodeDomain, punycodeEncode, utcToLocal,
} from './misc.ts';
import {
  formatIpv4, hasAnyIpv4, ipv4Compare, ipv4InAnyRange, ipv4IsPrivate, ipv4NetmaskSuffix, ipv4RangeToCidrList, ipv6Compare, ipv6InAnyRange, parseIpv4, parseIpv4Mask, parseIpv6Mask,
} from './ip.ts';
import { buildSchema } from './buildschema.ts';
import { gzipCompressToBase64, gzipDecompressFromBase64 } from './gzip.ts';
import { parseKv } from './parse-kv.ts';
import { betaCdf, betaInv, welchTest } from './stats.ts';

export const KQL_UDFS: readonly ScalarUdf[] = [
  ...PLUGIN_UDFS,
  ...EXPAND_UDFS,
  ...WINDOW_UDFS,
  ...SERIES_UDFS,
  ...SERIES_FILTER_UDFS,
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
  { name: 'kql_arr_sort_many', returns: 'VARCHAR', fn: arrSortMany },
  { name: 'kql_arr_sum', returns: 'VARCHAR', fn: arrSum },
  { name: 'kql_arr_index_of', returns: 'INTEGER', fn: arrIndexOf },
  { name: 'kql_arr_shift', returns: 'VARCHAR', fn: arrShift },
  { name: 'kql_arr_rotate', returns: 'VARCHAR', fn: arrRotate },
  { name: 'kql_arr_split', returns: 'VARCHAR', fn: arrSplit },
  { name: 'kql_arr_iff', returns: 'VARCHAR', fn: arrIff },
  { name: 'kql_strcat_array', returns: 'VARCHAR', fn: strcatArray },
  { name: 'kql_bag_keys', returns: 'VARCHAR', fn: bagKeys },
  { name: 'kql_bag_merge', returns: 'VARCHAR', fn: bagMerge },
  { name: 'kql_bag_merge_all', returns: 'VARCHAR', fn: bagMergeAll },
  { name: 'kql_set_of_elements', returns: 'VARCHAR', fn: setOfElements },
  { name: 'kql_dyn_contains', returns: 'INTEGER', fn: dynContains },
  { name: 'kql_has_terms', returns: 'INTEGER', fn: hasTerms },
  { name: 'kql_tdigest_percentile', returns: 'VARCHAR', fn: tdigestPercentile },
  { name: 'kql_tdigest_rank', returns: 'VARCHAR', fn: tdigestRank },
  { name: 'kql_buildschema', returns: 'VARCHAR', fn: buildSchema },
  { name: 'kql_gzip_compress', returns: 'VARCHAR', fn: gzipCompressToBase64 },
  { name: 'kql_gzip_decompress', returns: 'VARCHAR', fn: gzipDecompressFromBase64 },
  { name: 'kql_parse_kv', returns: 'VARCHAR', fn: parseKv },
  { name: 'kql_bag_remove_keys', returns: 'VARCHAR', fn: bagRemoveKeys },
  { name: 'kql_bag_has_key', returns: 'INTEGER', fn: bagHasKey },
  { name: 'kql_set_union', returns: 'VARCHAR', fn: setUnion },
  { name: 'kql_set_intersect', returns: 'VARCHAR', fn: setIntersect },
  { name: 'kql_set_difference', returns: 'VARCHAR', fn: setDifference },
  { name: 'kql_set_has_element', returns: 'INTEGER', fn: setHasElement },
  { name: 'kql_jaccard_index', returns: 'VARCHAR', fn: jaccardIndex },
  { name: 'kql_dyn_typeof', returns: 'VARCHAR', fn: dynTypeOf },
  { name: 'kql_split', returns: 'VARCHAR', fn: splitText },
  // Text (./text.ts).
  { name: 'kql_hash', returns: 'VARCHAR', fn: kqlHash },
  { name: 'kql_base64_encode', returns: 'VARCHAR', fn: base64Encode },
  { name: 'kql_base64_decode', returns: 'VARCHAR', fn: base64Decode },
  { name: 'kql_base64_decode_toarray', returns: 'VARCHAR', fn: base64DecodeToArray },
  { name: 'kql_url_encode', returns: 'VARCHAR', fn: urlEncode },
  { name: 'kql_url_decode', returns: 'VARCHAR', fn: urlDecode },
  { name: 'kql_parse_url', returns: 'VARCHAR', fn: parseUrl },
  { name: 'kql_parse_urlquery', returns: 'VARCHAR', fn: parseUrlQuery },
  { name: 'kql_parse_path', returns: 'VARCHAR', fn: parsePath },
  { name: 'kql_extract_all', returns: 'VARCHAR', fn: extractAll },
  { name: 'kql_countof', returns: 'INTEGER', fn: countOf },
  { name: 'kql_indexof', returns: 'INTEGER', fn: indexOf },
  { name: 'kql_codepoints_from_string', returns: 'VARCHAR', fn: codepointsFromString },
  { name: 'kql_codepoints_to_string', returns: 'VARCHAR', fn: codepointsToString },
  { name: 'kql_to_utf8', returns: 'VARCHAR', fn: toUtf8 },
  { name: 'kql_range', returns: 'VARCHAR', fn: numberRange },
  { name: 'kql_tohex', returns: 'VARCHAR', fn: toHex },
  { name: 'kql_base64_from_array', returns: 'VARCHAR', fn: base64FromArray },
  { name: 'kql_base64_to_guid', returns: 'VARCHAR', fn: base64ToGuid },
  { name: 'kql_regex_quote', returns: 'VARCHAR', fn: regexQuote },
  { name: 'kql_erf', returns: 'VARCHAR', fn: erf },
  { name: 'kql_bag_set_key', returns: 'VARCHAR', fn: bagSetKey },
  { name: 'kql_bag_zip', returns: 'VARCHAR', fn: bagZip },
  { name: 'kql_zip', returns: 'VARCHAR', fn: zipArrays },
  { name: 'kql_replace_strings', returns: 'VARCHAR', fn: replaceStrings },
  // Less common functions (./misc.ts).
  { name: 'kql_utc_to_local', returns: 'VARCHAR', fn: utcToLocal },
  { name: 'kql_local_to_utc', returns: 'VARCHAR', fn: localToUtc },
  { name: 'kql_dynamic_to_json', returns: 'VARCHAR', fn: dynamicToJson },
  { name: 'kql_extract_json', returns: 'VARCHAR', fn: extractJson },
  { name: 'kql_parse_version', returns: 'VARCHAR', fn: parseVersion },
  { name: 'kql_punycode_encode', returns: 'VARCHAR', fn: punycodeEncode },
  { name: 'kql_punycode_decode', returns: 'VARCHAR', fn: punycodeDecode },
  { name: 'kql_punycode_domain', returns: 'VARCHAR', fn: punycodeDomain },
  { name: 'kql_parse_command_line', returns: 'VARCHAR', fn: parseCommandLine },
  { name: 'kql_parse_csv', returns: 'VARCHAR', fn: parseCsv },
  { name: 'kql_beta_cdf', returns: 'VARCHAR', fn: betaCdf },
  { name: 'kql_beta_inv', returns: 'VARCHAR', fn: betaInv },
  { name: 'kql_welch_test', returns: 'VARCHAR', fn: welchTest },
  { name: 'kql_ipv4_range_to_cidr_list', returns: 'VARCHAR', fn: ipv4RangeToCidrList },
  // IP addresses (./ip.ts).
  { name: 'kql_parse_ipv4', returns: 'VARCHAR', fn: parseIpv4 },
  { name: 'kql_parse_ipv4_mask', returns: 'VARCHAR', fn: parseIpv4Mask },
  { name: 'kql_ipv4_compare', returns: 'INTEGER', fn: ipv4Compare },
  { name: 'kql_ipv4_in_any_range', returns: 'INTEGER', fn: ipv4InAnyRange },
  { name: 'kql_ipv4_is_private', returns: 'INTEGER', fn: ipv4IsPrivate },
  { name: 'kql_ipv4_netmask_suffix', returns: 'INTEGER', fn: ipv4NetmaskSuffix },
  { name: 'kql_format_ipv4', returns: 'VARCHAR', fn: formatIpv4 },
  { name: 'kql_has_any_ipv4', returns: 'INTEGER', fn: hasAnyIpv4 },
  { name: 'kql_ipv6_compare', returns: 'INTEGER', fn: ipv6Compare },
  { name: 'kql_ipv6_in_any_range', returns: 'INTEGER', fn: ipv6InAnyRange },
  { name: 'kql_parse_ipv6_mask', returns: 'VARCHAR', fn: parseIpv6Mask },
  // Datetimes (./datetime.ts).
  { name: 'kql_format_datetime', returns: 'VARCHAR', fn: formatDatetime },
  { name: 'kql_format_timespan', returns: 'VARCHAR', fn: formatTimespan },
  { name: 'kql_parse_datetime', returns: 'VARCHAR', fn: parseDatetime },
  { name: 'kql_parse_timespan', returns: 'VARCHAR', fn: parseTimespan },
];

export function installKqlRuntime(engine: SqlEngine): void {
  for (const udf of KQL_UDFS) engine.registerUdf(udf);
}
