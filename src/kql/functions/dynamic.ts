/** Functions over `dynamic` values (canonical JSON text; see ../runtime/dynamic.ts). */
import { toJsonSql, toStringSql } from '../convert.ts';
import { sqlString } from '../sql.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';

export const DYNAMIC_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // parse_json of a string reads its JSON (invalid JSON stays a string value); of any other
    // type it is the value itself as dynamic.
    name: 'parse_json', aliases: ['todynamic', 'toobject'], minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'dynamic') return x;
      if (x.type === 'null') return { sql: 'NULL', type: 'dynamic' };
      if (x.type === 'string') return { sql: `kql_dyn_parse(${x.sql})`, type: 'dynamic' };
      return { sql: `kql_dyn_parse(${toStringSql(x)})`, type: 'dynamic' };
    },
  },
  {
    // array_length: null when the value is not an array.
    name: 'array_length', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(kql_dyn_array_length(${expectType(a, 0, s, 'dynamic').sql}) AS BIGINT)`, type: 'long' }),
  },
];

/** Argument helpers for runtime UDF calls: UDFs take only VARCHAR/DOUBLE/INTEGER, and a bare NULL has no type. */
const varchar = (sql: string) => `CAST(${sql} AS VARCHAR)`;
const double = (sql: string) => `CAST(${sql} AS DOUBLE)`;

/** A `dynamic` argument (an array or bag) as VARCHAR JSON. */
function dyn(a: readonly Typed[], i: number, s: CallSite): string {
  return varchar(expectType(a, i, s, 'dynamic').sql);
}

/** A variadic function over dynamic arrays/bags, computed by the UDF `udf`. */
function variadicDynamic(name: string, udf: string, minArgs = 2): ScalarFunction {
  return { name, minArgs, maxArgs: 64, translate: (a, s) => ({ sql: `${udf}(${a.map((_, i) => dyn(a, i, s)).join(', ')})`, type: 'dynamic' }) };
}

/** KQL's gettype() names of the static types. */
const TYPE_NAMES: Partial<Record<Typed['type'], string>> = {
  string: 'string', guid: 'guid', long: 'long', int: 'int', real: 'real', decimal: 'decimal', bool: 'bool', datetime: 'datetime', timespan: 'timespan', null: 'null',
};

export const ARRAY_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // pack_array(x, …): a JSON array built in SQL; a null element stays null in the array.
    name: 'pack_array', minArgs: 1, maxArgs: 64,
    translate: (a) => ({ sql: `('[' || ${a.map((x) => `coalesce(${toJsonSql(x)}, 'null')`).join(` || ',' || `)} || ']')`, type: 'dynamic' }),
  },
  {
    // bag_pack("k1", v1, "k2", v2, …): keys are strings (tostring of the key), values keep their type.
    name: 'bag_pack', aliases: ['pack', 'pack_dictionary'], minArgs: 0, maxArgs: 128,
    translate: (a, s) => {
      if (a.length % 2 !== 0) return s.fail(`${s.name}() needs key/value pairs, got ${a.length} arguments`);
      const pairs: string[] = [];
      for (let i = 0; i < a.length; i += 2) {
        const k = toJsonSql({ sql: toStringSql(a[i]!), type: 'string' });
        pairs.push(`${k} || ':' || coalesce(${toJsonSql(a[i + 1]!)}, 'null')`);
      }
      return { sql: pairs.length ? `('{' || ${pairs.join(` || ',' || `)} || '}')` : `'{}'`, type: 'dynamic' };
    },
  },
  {
    name: 'gettype', minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'dynamic') return { sql: `kql_dyn_typeof(${varchar(x.sql)})`, type: 'string' };
      return { sql: sqlString(TYPE_NAMES[x.type] ?? x.type), type: 'string' };
    },
  },
  variadicDynamic('array_concat', 'kql_arr_concat', 1),
  variadicDynamic('set_union', 'kql_set_union'),
  variadicDynamic('set_intersect', 'kql_set_intersect'),
  variadicDynamic('set_difference', 'kql_set_difference'),
  variadicDynamic('bag_merge', 'kql_bag_merge'),
  {
    name: 'array_slice', minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `kql_arr_slice(${dyn(a, 0, s)}, ${double(expectType(a, 1, s, 'long', 'int').sql)}, ${double(expectType(a, 2, s, 'long', 'int').sql)})`, type: 'dynamic' }),
  },
  { name: 'array_reverse', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `kql_arr_reverse(${dyn(a, 0, s)})`, type: 'dynamic' }) },
  ...(['asc', 'desc'] as const).map((dir): ScalarFunction => ({
    // array_sort_asc(a1[, a2, …][, nulls_last]): with several arrays, a1 is sorted and the others
    // follow its order; the results come packed in one array ([a1, a2, …] sorted), which
    // `array_sort_asc(t, c)[1]` indexes and extend/project/print spread over columns (tuples.ts).
    name: `array_sort_${dir}`, minArgs: 1, maxArgs: 64,
    translate: (a, s) => {
      const hasFlag = a.length > 1 && (a[a.length - 1]!.type === 'bool' || (a.length === 2 && a[1]!.type === 'null'));
      const arrays = hasFlag ? a.length - 1 : a.length;
      const nullsLast = hasFlag ? `CAST(${expectType(a, a.length - 1, s, 'bool').sql} AS INTEGER)` : '1';
      const flags = `CAST(${dir === 'desc' ? 1 : 0} AS INTEGER), CAST(${nullsLast} AS INTEGER)`;
      if (arrays === 1) return { sql: `kql_arr_sort(${dyn(a, 0, s)}, ${flags})`, type: 'dynamic' };
      const packed = a.slice(0, arrays).map((_, i) => `coalesce(${dyn(a, i, s)}, 'null')`).join(` || ',' || `);
      return { sql: `kql_arr_sort_many('[' || ${packed} || ']', ${flags})`, type: 'dynamic' };
    },
  })),
  { name: 'array_sum', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `CAST(kql_arr_sum(${dyn(a, 0, s)}) AS DOUBLE)`, type: 'real' }) },
  {
    name: 'array_index_of', minArgs: 2, maxArgs: 5,
    translate: (a, s) => {
      const opt = (i: number) => (a[i] ? double(expectType(a, i, s, 'long', 'int').sql) : 'CAST(NULL AS DOUBLE)');
      return { sql: `CAST(kql_arr_index_of(${dyn(a, 0, s)}, ${varchar(toJsonSql(a[1]!))}, ${opt(2)}, ${opt(3)}, ${opt(4)}) AS BIGINT)`, type: 'long' };
    },
  },
  ...(['left', 'right'] as const).map((dir): ScalarFunction => ({
    name: `array_shift_${dir}`, minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const n = double(expectType(a, 1, s, 'long', 'int').sql);
      const fill = a[2] ? varchar(toJsonSql(a[2])) : 'CAST(NULL AS VARCHAR)';
      return { sql: `kql_arr_shift(${dyn(a, 0, s)}, ${dir === 'left' ? n : `-${n}`}, ${fill})`, type: 'dynamic' };
    },
  })),
  ...(['left', 'right'] as const).map((dir): ScalarFunction => ({
    name: `array_rotate_${dir}`, minArgs: 2, maxArgs: 2,
    translate: (a, s) => {
      const n = double(expectType(a, 1, s, 'long', 'int').sql);
      return { sql: `kql_arr_rotate(${dyn(a, 0, s)}, ${dir === 'left' ? n : `-${n}`})`, type: 'dynamic' };
    },
  })),
  {
    name: 'array_split', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `kql_arr_split(${dyn(a, 0, s)}, ${varchar(toJsonSql(expectType(a, 1, s, 'long', 'int', 'dynamic')))})`, type: 'dynamic' }),
  },
  {
    name: 'array_iff', aliases: ['array_iif'], minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `kql_arr_iff(${dyn(a, 0, s)}, ${varchar(toJsonSql(a[1]!))}, ${varchar(toJsonSql(a[2]!))})`, type: 'dynamic' }),
  },
  {
    name: 'strcat_array', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `kql_strcat_array(${dyn(a, 0, s)}, ${toStringSql(a[1]!)})`, type: 'string' }),
  },
  {
    name: 'bag_set_key', minArgs: 3, maxArgs: 3,
    translate: (a, s) => ({ sql: `kql_bag_set_key(${dyn(a, 0, s)}, ${toStringSql(expectType(a, 1, s, 'string'))}, ${varchar(toJsonSql(a[2]!))})`, type: 'dynamic' }),
  },
  { name: 'bag_zip', minArgs: 2, maxArgs: 2, translate: (a, s) => ({ sql: `kql_bag_zip(${dyn(a, 0, s)}, ${dyn(a, 1, s)})`, type: 'dynamic' }) },
  variadicDynamic('zip', 'kql_zip'),
  // hll/tdigest sketches are exact JSON here (functions/aggregates.ts): merging concatenates, counting counts.
  { name: 'dcount_hll', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `CAST(kql_dyn_array_length(${dyn(a, 0, s)}) AS BIGINT)`, type: 'long' }) },
  variadicDynamic('hll_merge', 'kql_set_union'),
  variadicDynamic('merge_tdigest', 'kql_arr_concat'),
  {
    // A dynamic value by default (Kusto), or the type of a third typeof(T) argument.
    name: 'percentile_tdigest', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const value = `kql_tdigest_percentile(${dyn(a, 0, s)}, ${double(expectType(a, 1, s, 'long', 'int', 'real').sql)})`;
      const t = a[2] ? String(a[2].literal ?? '').replace(/^typeof:/, '') : 'dynamic';
      if (t === 'dynamic') return { sql: value, type: 'dynamic' };
      if (t === 'long' || t === 'int') return { sql: `CAST(round(CAST(${value} AS DOUBLE)) AS ${t === 'long' ? 'BIGINT' : 'INTEGER'})`, type: t };
      if (t === 'real' || t === 'double') return { sql: `CAST(${value} AS DOUBLE)`, type: 'real' };
      return s.fail(`percentile_tdigest() cannot return a ${t}`, 2);
    },
  },
  {
    name: 'rank_tdigest', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `CAST(kql_tdigest_rank(${dyn(a, 0, s)}, ${double(expectType(a, 1, s, 'long', 'int', 'real').sql)}) AS DOUBLE)`, type: 'real' }),
  },
  {
    // bag_pack_columns(A, B, …): a bag keyed by the column names.
    name: 'bag_pack_columns', minArgs: 1, maxArgs: 64,
    translate: (a, s) => {
      const pairs = s.args.map((e, i) => {
        if (e.kind !== 'name') return s.fail('bag_pack_columns() takes column names', i);
        return `${toJsonSql({ sql: sqlString(e.name), type: 'string' })} || ':' || coalesce(${toJsonSql(a[i]!)}, 'null')`;
      });
      return { sql: `('{' || ${pairs.join(` || ',' || `)} || '}')`, type: 'dynamic' };
    },
  },
  { name: 'dynamic_to_json', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `kql_dynamic_to_json(${dyn(a, 0, s)})`, type: 'string' }) },
  {
    // extract_json(path, json[, typeof(T)]): the value at a JSONPath, as T (string by default).
    name: 'extract_json', aliases: ['extractjson'], minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const value = `kql_extract_json(${toStringSql(expectType(a, 0, s, 'string'))}, ${toStringSql(a[1]!)})`;
      const t = a[2] ? String(a[2].literal ?? '').replace(/^typeof:/, '') : 'string';
      if (t === 'dynamic') return { sql: value, type: 'dynamic' };
      if (t === 'string') return { sql: `kql_dyn_tostring(${value})`, type: 'string' };
      const sqlType = ({ long: 'BIGINT', int: 'INTEGER', real: 'DOUBLE', double: 'DOUBLE', bool: 'BOOLEAN', datetime: 'TIMESTAMP' } as const)[t as 'long'];
      if (!sqlType) return s.fail(`extract_json() cannot return a ${t}`, 2);
      const type = (t === 'double' ? 'real' : t) as Typed['type'];
      return { sql: `TRY_CAST(kql_dyn_tostring(${value}) AS ${sqlType})`, type };
    },
  },
  { name: 'bag_keys', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `kql_bag_keys(${dyn(a, 0, s)})`, type: 'dynamic' }) },
  { name: 'bag_remove_keys', minArgs: 2, maxArgs: 2, translate: (a, s) => ({ sql: `kql_bag_remove_keys(${dyn(a, 0, s)}, ${dyn(a, 1, s)})`, type: 'dynamic' }) },
  {
    name: 'bag_has_key', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `CAST(kql_bag_has_key(${dyn(a, 0, s)}, ${toStringSql(expectType(a, 1, s, 'string'))}) AS BOOLEAN)`, type: 'bool' }),
  },
  {
    name: 'set_has_element', minArgs: 2, maxArgs: 2,
    translate: (a, s) => ({ sql: `CAST(kql_set_has_element(${dyn(a, 0, s)}, ${varchar(toJsonSql(a[1]!))}) AS BOOLEAN)`, type: 'bool' }),
  },
  { name: 'jaccard_index', minArgs: 2, maxArgs: 2, translate: (a, s) => ({ sql: `CAST(kql_jaccard_index(${dyn(a, 0, s)}, ${dyn(a, 1, s)}) AS DOUBLE)`, type: 'real' }) },
  {
    // split(text, delimiter[, index]): an array of strings; with an index, an array of that one element (empty when out of range).
    name: 'split', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const parts = `kql_split(${toStringSql(a[0]!)}, ${toStringSql(expectType(a, 1, s, 'string'))})`;
      if (!a[2]) return { sql: parts, type: 'dynamic' };
      const i = double(expectType(a, 2, s, 'long', 'int').sql);
      return { sql: `kql_arr_slice(${parts}, ${i}, ${i})`, type: 'dynamic' };
    },
  },
];
