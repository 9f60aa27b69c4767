/** Functions over `dynamic` values (canonical JSON text; see ../runtime/dynamic.ts). */
import { toStringSql } from '../convert.ts';
import { expectType, type ScalarFunction } from './registry.ts';

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
