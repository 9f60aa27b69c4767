/** Datetime and timespan functions. now() is the run time (the rule engine's `loupe_now`). */
import { intervalFromMicros, microsFromInterval } from '../sql.ts';
import { expectType, type ScalarFunction } from './registry.ts';

export const DATETIME_FUNCTIONS: readonly ScalarFunction[] = [
  // KQL: now() is fixed for the whole query; in a Sentinel run it is the scheduled time E.
  {
    name: 'now', minArgs: 0, maxArgs: 1,
    translate: (a, s) => ({ sql: a[0] ? `(${s.ctx.nowSql} + ${expectType(a, 0, s, 'timespan').sql})` : s.ctx.nowSql, type: 'datetime' }),
  },
  { name: 'ago', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `(${s.ctx.nowSql} - ${expectType(a, 0, s, 'timespan').sql})`, type: 'datetime' }) },
  {
    // bin(value, size): rounds down to a multiple of size, counted from the Unix epoch (KQL bins
    // datetimes from 0001-01-01, which gives the same boundaries for sizes dividing a day).
    name: 'bin', aliases: ['floor'], minArgs: 2, maxArgs: 2,
    translate: (a, s) => {
      const [v, size] = [a[0]!, a[1]!];
      if (v.type === 'datetime') {
        expectType(a, 1, s, 'timespan');
        const us = `epoch_us(${v.sql})`;
        const step = microsFromInterval(size.sql);
        return { sql: `make_timestamp(CAST(floor(${us} / ${step}) AS BIGINT) * ${step})`, type: 'datetime' };
      }
      if (v.type === 'timespan') {
        expectType(a, 1, s, 'timespan');
        const step = microsFromInterval(size.sql);
        return { sql: intervalFromMicros(`CAST(floor(${microsFromInterval(v.sql)} / ${step}) AS BIGINT) * ${step}`), type: 'timespan' };
      }
      if (v.type === 'long' || v.type === 'int') {
        expectType(a, 1, s, 'long', 'int', 'real');
        if (size.type === 'real') return { sql: `(floor(${v.sql} / ${size.sql}) * ${size.sql})`, type: 'real' };
        return { sql: `CAST(floor(${v.sql} / ${size.sql}) * ${size.sql} AS BIGINT)`, type: 'long' };
      }
      if (v.type === 'real') {
        expectType(a, 1, s, 'long', 'int', 'real');
        return { sql: `(floor(${v.sql} / ${size.sql}) * ${size.sql})`, type: 'real' };
      }
      return s.fail(`bin() cannot round a ${v.type}`, 0);
    },
  },
  { name: 'startofday', minArgs: 1, maxArgs: 1, translate: (a, s) => ({ sql: `date_trunc('day', ${expectType(a, 0, s, 'datetime').sql})`, type: 'datetime' }) },
];
