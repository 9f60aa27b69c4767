/** Functions over `dynamic` values (canonical JSON text; see ../runtime/dynamic.ts). */
import { toJsonSql, toStringSql } from '../convert.ts';
import { sqlString } from '../sql.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import {
  ARR_CONCAT,
  ARR_IFF,
  ARR_INDEX_OF,
  ARR_REVERSE,
  ARR_ROTATE,
  ARR_SHIFT,
  ARR_SLICE,
  ARR_SORT,
  ARR_SORT_MANY,
  ARR_SPLIT,
  ARR_SUM,
  BAG_HAS_KEY,
  BAG_KEYS,
  BAG_MERGE,
  BAG_REMOVE_KEYS,
  BAG_SET_KEY,
  BAG_ZIP,
  DYN_TYPEOF,
  JACCARD_INDEX,
  SET_DIFFERENCE,
  SET_HAS_ELEMENT,
  SET_INTERSECT,
  SET_UNION,
  SPLIT,
  STRCAT_ARRAY,
  TDIGEST_PERCENTILE,
  TDIGEST_RANK,
  ZIP,
} from '../runtime/arrays.ts';
import { DYN_ARRAY_LENGTH, DYN_PARSE, DYN_TOSTRING } from '../runtime/dynamic.ts';
import { DYNAMIC_TO_JSON, EXTRACT_JSON } from '../runtime/misc.ts';
import type { KqlUdf } from '../runtime/udf.ts';
import { SET_EQUALS, TREE_PATHS } from '../runtime/dynamic-more.ts';

export const DYNAMIC_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // parse_json of a string reads its JSON (invalid JSON stays a string value); of any other
    // type it is the value itself as dynamic.
    name: 'parse_json',
    aliases: ['todynamic', 'toobject', 'parsejson'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'dynamic') return x;
      if (x.type === 'null') return { sql: 'NULL', type: 'dynamic' };
      if (x.type === 'string') return { sql: DYN_PARSE.call(x.sql), type: 'dynamic' };
      return { sql: DYN_PARSE.call(toStringSql(x)), type: 'dynamic' };
    },
  },
  {
    // array_length: null when the value is not an array.
    name: 'array_length',
    aliases: ['arraylength'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(${DYN_ARRAY_LENGTH.call(expectType(a, 0, s, 'dynamic').sql)} AS BIGINT)`,
      type: 'long',
    }),
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
function variadicDynamic(name: string, udf: KqlUdf, minArgs = 2): ScalarFunction {
  return {
    name,
    minArgs,
    maxArgs: 64,
    translate: (a, s) => ({ sql: udf.call(...a.map((_, i) => dyn(a, i, s))), type: 'dynamic' }),
  };
}

/** KQL's gettype() names of the static types. */
const TYPE_NAMES: Partial<Record<Typed['type'], string>> = {
  string: 'string',
  guid: 'guid',
  long: 'long',
  int: 'int',
  real: 'real',
  decimal: 'decimal',
  bool: 'bool',
  datetime: 'datetime',
  timespan: 'timespan',
  null: 'null',
};

export const ARRAY_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // pack_array(x, …): a JSON array built in SQL; a null element stays null in the array.
    name: 'pack_array',
    minArgs: 1,
    maxArgs: 64,
    translate: (a) => ({
      sql: `('[' || ${a.map((x) => `coalesce(${toJsonSql(x)}, 'null')`).join(` || ',' || `)} || ']')`,
      type: 'dynamic',
    }),
  },
  {
    // bag_pack("k1", v1, "k2", v2, …): keys are strings (tostring of the key), values keep their type.
    name: 'bag_pack',
    aliases: ['pack', 'pack_dictionary'],
    minArgs: 0,
    maxArgs: 128,
    translate: (a, s) => {
      if (a.length % 2 !== 0)
        return s.fail(`${s.name}() needs key/value pairs, got ${a.length} arguments`);
      const pairs: string[] = [];
      for (let i = 0; i < a.length; i += 2) {
        const k = toJsonSql({ sql: toStringSql(a[i]!), type: 'string' });
        pairs.push(`${k} || ':' || coalesce(${toJsonSql(a[i + 1]!)}, 'null')`);
      }
      return {
        sql: pairs.length ? `('{' || ${pairs.join(` || ',' || `)} || '}')` : `'{}'`,
        type: 'dynamic',
      };
    },
  },
  {
    name: 'gettype',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'dynamic') return { sql: DYN_TYPEOF.call(varchar(x.sql)), type: 'string' };
      return { sql: sqlString(TYPE_NAMES[x.type] ?? x.type), type: 'string' };
    },
  },
  variadicDynamic('array_concat', ARR_CONCAT, 1),
  variadicDynamic('set_union', SET_UNION),
  variadicDynamic('set_intersect', SET_INTERSECT),
  variadicDynamic('set_difference', SET_DIFFERENCE),
  variadicDynamic('bag_merge', BAG_MERGE),
  {
    name: 'array_slice',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: ARR_SLICE.call(
        dyn(a, 0, s),
        double(expectType(a, 1, s, 'long', 'int').sql),
        double(expectType(a, 2, s, 'long', 'int').sql),
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'array_reverse',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: ARR_REVERSE.call(dyn(a, 0, s)), type: 'dynamic' }),
  },
  ...(['asc', 'desc'] as const).map((dir): ScalarFunction => ({
    // array_sort_asc(a1[, a2, …][, nulls_last]): with several arrays, a1 is sorted and the others
    // follow its order; the results come packed in one array ([a1, a2, …] sorted), which
    // `array_sort_asc(t, c)[1]` indexes and extend/project/print spread over columns (tuples.ts).
    name: `array_sort_${dir}`,
    minArgs: 1,
    maxArgs: 64,
    translate: (a, s) => {
      const hasFlag =
        a.length > 1 &&
        (a[a.length - 1]!.type === 'bool' || (a.length === 2 && a[1]!.type === 'null'));
      const arrays = hasFlag ? a.length - 1 : a.length;
      const nullsLast = hasFlag ? expectType(a, a.length - 1, s, 'bool').sql : '1';
      const desc = dir === 'desc' ? '1' : '0';
      if (arrays === 1)
        return { sql: ARR_SORT.call(dyn(a, 0, s), desc, nullsLast), type: 'dynamic' };
      const packed = a
        .slice(0, arrays)
        .map((_, i) => `coalesce(${dyn(a, i, s)}, 'null')`)
        .join(` || ',' || `);
      return {
        sql: ARR_SORT_MANY.call(`'[' || ${packed} || ']'`, desc, nullsLast),
        type: 'dynamic',
      };
    },
  })),
  {
    name: 'array_sum',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(${ARR_SUM.call(dyn(a, 0, s))} AS DOUBLE)`, type: 'real' }),
  },
  {
    name: 'array_index_of',
    minArgs: 2,
    maxArgs: 5,
    translate: (a, s) => {
      const opt = (i: number) =>
        a[i] ? double(expectType(a, i, s, 'long', 'int').sql) : 'CAST(NULL AS DOUBLE)';
      return {
        sql: `CAST(${ARR_INDEX_OF.call(dyn(a, 0, s), varchar(toJsonSql(a[1]!)), opt(2), opt(3), opt(4))} AS BIGINT)`,
        type: 'long',
      };
    },
  },
  ...(['left', 'right'] as const).map((dir): ScalarFunction => ({
    name: `array_shift_${dir}`,
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const n = double(expectType(a, 1, s, 'long', 'int').sql);
      const fill = a[2] ? varchar(toJsonSql(a[2])) : 'CAST(NULL AS VARCHAR)';
      return {
        sql: ARR_SHIFT.call(dyn(a, 0, s), `${dir === 'left' ? n : `-${n}`}`, fill),
        type: 'dynamic',
      };
    },
  })),
  ...(['left', 'right'] as const).map((dir): ScalarFunction => ({
    name: `array_rotate_${dir}`,
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const n = double(expectType(a, 1, s, 'long', 'int').sql);
      return {
        sql: ARR_ROTATE.call(dyn(a, 0, s), `${dir === 'left' ? n : `-${n}`}`),
        type: 'dynamic',
      };
    },
  })),
  {
    name: 'array_split',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: ARR_SPLIT.call(
        dyn(a, 0, s),
        varchar(toJsonSql(expectType(a, 1, s, 'long', 'int', 'dynamic'))),
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'array_iff',
    aliases: ['array_iif'],
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: ARR_IFF.call(dyn(a, 0, s), varchar(toJsonSql(a[1]!)), varchar(toJsonSql(a[2]!))),
      type: 'dynamic',
    }),
  },
  {
    name: 'strcat_array',
    // array_strcat: the same function under the name Kusto's catalog keeps hidden (same signature).
    aliases: ['array_strcat'],
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: STRCAT_ARRAY.call(dyn(a, 0, s), toStringSql(a[1]!)),
      type: 'string',
    }),
  },
  {
    name: 'bag_set_key',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: BAG_SET_KEY.call(
        dyn(a, 0, s),
        toStringSql(expectType(a, 1, s, 'string')),
        varchar(toJsonSql(a[2]!)),
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'bag_zip',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({ sql: BAG_ZIP.call(dyn(a, 0, s), dyn(a, 1, s)), type: 'dynamic' }),
  },
  variadicDynamic('zip', ZIP),
  // hll/tdigest sketches are exact JSON here (functions/aggregates.ts): merging concatenates, counting counts.
  {
    name: 'dcount_hll',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(${DYN_ARRAY_LENGTH.call(dyn(a, 0, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  variadicDynamic('hll_merge', SET_UNION),
  variadicDynamic('merge_tdigest', ARR_CONCAT),
  {
    // A dynamic value by default (Kusto), or the type of a third typeof(T) argument.
    name: 'percentile_tdigest',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const value = TDIGEST_PERCENTILE.call(
        dyn(a, 0, s),
        double(expectType(a, 1, s, 'long', 'int', 'real').sql),
      );
      const t = a[2] ? String(a[2].literal ?? '').replace(/^typeof:/, '') : 'dynamic';
      if (t === 'dynamic') return { sql: value, type: 'dynamic' };
      if (t === 'long' || t === 'int')
        return {
          sql: `CAST(round(CAST(${value} AS DOUBLE)) AS ${t === 'long' ? 'BIGINT' : 'INTEGER'})`,
          type: t,
        };
      if (t === 'real' || t === 'double') return { sql: `CAST(${value} AS DOUBLE)`, type: 'real' };
      return s.fail(`percentile_tdigest() cannot return a ${t}`, 2);
    },
  },
  {
    name: 'rank_tdigest',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${TDIGEST_RANK.call(dyn(a, 0, s), double(expectType(a, 1, s, 'long', 'int', 'real').sql))} AS DOUBLE)`,
      type: 'real',
    }),
  },
  {
    // bag_pack_columns(A, B, …): a bag keyed by the column names.
    name: 'bag_pack_columns',
    minArgs: 1,
    maxArgs: 64,
    translate: (a, s) => {
      const pairs = s.args.map((e, i) => {
        if (e.kind !== 'name') return s.fail('bag_pack_columns() takes column names', i);
        return `${toJsonSql({ sql: sqlString(e.name), type: 'string' })} || ':' || coalesce(${toJsonSql(a[i]!)}, 'null')`;
      });
      return { sql: `('{' || ${pairs.join(` || ',' || `)} || '}')`, type: 'dynamic' };
    },
  },
  {
    name: 'dynamic_to_json',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: DYNAMIC_TO_JSON.call(dyn(a, 0, s)), type: 'string' }),
  },
  {
    // extract_json(path, json[, typeof(T)]): the value at a JSONPath, as T (string by default).
    name: 'extract_json',
    aliases: ['extractjson'],
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const value = EXTRACT_JSON.call(
        toStringSql(expectType(a, 0, s, 'string')),
        toStringSql(a[1]!),
      );
      const t = a[2] ? String(a[2].literal ?? '').replace(/^typeof:/, '') : 'string';
      if (t === 'dynamic') return { sql: value, type: 'dynamic' };
      if (t === 'string') return { sql: DYN_TOSTRING.call(value), type: 'string' };
      const sqlType = (
        {
          long: 'BIGINT',
          int: 'INTEGER',
          real: 'DOUBLE',
          double: 'DOUBLE',
          bool: 'BOOLEAN',
          datetime: 'TIMESTAMP',
        } as const
      )[t as 'long'];
      if (!sqlType) return s.fail(`extract_json() cannot return a ${t}`, 2);
      const type = (t === 'double' ? 'real' : t) as Typed['type'];
      return { sql: `TRY_CAST(${DYN_TOSTRING.call(value)} AS ${sqlType})`, type };
    },
  },
  {
    name: 'bag_keys',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: BAG_KEYS.call(dyn(a, 0, s)), type: 'dynamic' }),
  },
  {
    name: 'bag_remove_keys',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: BAG_REMOVE_KEYS.call(dyn(a, 0, s), dyn(a, 1, s)),
      type: 'dynamic',
    }),
  },
  {
    name: 'bag_has_key',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${BAG_HAS_KEY.call(dyn(a, 0, s), toStringSql(expectType(a, 1, s, 'string')))} AS BOOLEAN)`,
      type: 'bool',
    }),
  },
  {
    name: 'set_has_element',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${SET_HAS_ELEMENT.call(dyn(a, 0, s), varchar(toJsonSql(a[1]!)))} AS BOOLEAN)`,
      type: 'bool',
    }),
  },
  {
    name: 'jaccard_index',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${JACCARD_INDEX.call(dyn(a, 0, s), dyn(a, 1, s))} AS DOUBLE)`,
      type: 'real',
    }),
  },
  {
    // split(text, delimiter[, index]): an array of strings; with an index, an array of that one element (empty when out of range).
    name: 'split',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => {
      const parts = SPLIT.call(toStringSql(a[0]!), toStringSql(expectType(a, 1, s, 'string')));
      if (!a[2]) return { sql: parts, type: 'dynamic' };
      const i = double(expectType(a, 2, s, 'long', 'int').sql);
      return { sql: ARR_SLICE.call(parts, i, i), type: 'dynamic' };
    },
  },
  {
    // repeat(value, count): an array of `count` copies of the value; [] for 0, null for a negative
    // or null count (Kusto docs). Built in SQL: the element's JSON text repeated.
    name: 'repeat',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const n = expectType(a, 1, s, 'long', 'int').sql;
      const x = a[0]!;
      if (x.type === 'dynamic')
        s.fail('repeat() expects a scalar value as argument 1, got dynamic', 0);
      const json = `coalesce(${toJsonSql(x)}, 'null')`;
      return {
        sql:
          `CASE WHEN ${n} IS NULL OR ${n} < 0 THEN NULL WHEN ${n} = 0 THEN '[]' ` +
          `ELSE '[' || repeat(${json} || ',', CAST(${n} - 1 AS BIGINT)) || ${json} || ']' END`,
        type: 'dynamic',
      };
    },
  },
  {
    // set_equals(a, b): the same distinct values (../runtime/dynamic-more.ts).
    name: 'set_equals',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${SET_EQUALS.call(dyn(a, 0, s), dyn(a, 1, s))} AS BOOLEAN)`,
      type: 'bool',
    }),
  },
  {
    // treepath(bag): the path of every node, arrays as [0] (../runtime/dynamic-more.ts).
    name: 'treepath',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: TREE_PATHS.call(dyn(a, 0, s)), type: 'dynamic' }),
  },
];
