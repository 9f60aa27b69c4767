/** Datetime and timespan functions. now() is the run time (the rule engine's `loupe_now`). */
import {
  epochNanos,
  intervalFromMicros,
  microsFromInterval,
  sqlString,
  ticksFromNanos,
} from '../sql.ts';
import { keepTicks, nanosBelowMicro, nanosOfSecond, TICK_NS, tickBefore } from '../ticks.ts';
import { toStringSql } from '../convert.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import { LOCAL_TO_UTC, UTC_TO_LOCAL } from '../runtime/misc.ts';
import {
  FORMAT_DATETIME,
  FORMAT_DATETIME_TICKS,
  FORMAT_TIMESPAN,
  PARSE_DATETIME,
  PARSE_TIMESPAN,
} from '../runtime/datetime.ts';

const dt = (a: readonly Typed[], i: number, s: CallSite) => expectType(a, i, s, 'datetime').sql;
/** The datetime argument itself (its `ticks` flag with its SQL). */
const dtArg = (a: readonly Typed[], i: number, s: CallSite) => expectType(a, i, s, 'datetime');
const long = (a: readonly Typed[], i: number, s: CallSite) =>
  `CAST(${expectType(a, i, s, 'long', 'int').sql} AS BIGINT)`;
/** An optional whole-number offset argument (startofday(dt, offset)), 0 when absent. */
const offset = (a: readonly Typed[], i: number, s: CallSite) =>
  a[i] ? `CAST(${expectType(a, i, s, 'long', 'int').sql} AS INTEGER)` : '0';

/** The start of a calendar unit, shifted by `off` units. KQL weeks start on Sunday (DuckDB's date_trunc('week') on Monday). */
function startOf(unit: 'day' | 'week' | 'month' | 'year', d: string, off: string): string {
  switch (unit) {
    case 'day':
      return `(date_trunc('day', ${d}) + to_days(${off}))`;
    case 'week':
      return `(date_trunc('day', ${d}) - to_days(CAST(dayofweek(${d}) AS INTEGER)) + to_days(7 * ${off}))`;
    case 'month':
      return `(date_trunc('month', ${d}) + to_months(${off}))`;
    case 'year':
      return `(date_trunc('year', ${d}) + to_years(${off}))`;
  }
}

/** The calendar part names datetime_add/datetime_diff/datetime_part accept (case-insensitive). */
function partName(a: readonly Typed[], s: CallSite): string {
  const p = a[0]!.literal;
  if (typeof p !== 'string') return s.fail(`${s.name}() needs the part as a string constant`, 0);
  return p.toLowerCase();
}

/** Microseconds per fixed-size part. */
const PART_US: Record<string, number> = {
  week: 7 * 86_400e6,
  day: 86_400e6,
  hour: 3_600e6,
  minute: 60e6,
  second: 1e6,
  millisecond: 1e3,
  microsecond: 1,
};

const CALENDAR_FUNCTIONS: readonly ScalarFunction[] = [
  ...(['day', 'week', 'month', 'year'] as const).flatMap((unit): ScalarFunction[] => [
    {
      name: `startof${unit}`,
      minArgs: 1,
      maxArgs: 2,
      translate: (a, s) => ({ sql: startOf(unit, dt(a, 0, s), offset(a, 1, s)), type: 'datetime' }),
    },
    {
      // endofX = the last 100 ns tick before the next unit, as Kusto's (a nanosecond timestamp:
      // null outside 1677–2262, docs/kql.md "Datetime precision").
      name: `endof${unit}`,
      minArgs: 1,
      maxArgs: 2,
      translate: (a, s) => tickBefore(startOf(unit, dt(a, 0, s), `(${offset(a, 1, s)} + 1)`)),
    },
  ]),
  {
    // datetime_add(part, amount, dt): calendar parts clamp to the month's end (Jan 31 + 1 month = Feb 28), as .NET does.
    name: 'datetime_add',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => {
      const part = partName(a, s);
      const n = long(a, 1, s);
      const d = dtArg(a, 2, s);
      // A datetime with ticks keeps them (ticks.ts); nanoseconds add whole ticks.
      if (part === 'year') return keepTicks(d, (x) => `(${x} + to_years(CAST(${n} AS INTEGER)))`);
      if (part === 'quarter')
        return keepTicks(d, (x) => `(${x} + to_months(CAST(3 * ${n} AS INTEGER)))`);
      if (part === 'month') return keepTicks(d, (x) => `(${x} + to_months(CAST(${n} AS INTEGER)))`);
      if (part === 'nanosecond')
        return {
          sql: ticksFromNanos(`${epochNanos(d.sql)} + ${n} // ${TICK_NS} * ${TICK_NS}`),
          type: 'datetime',
          ticks: true,
        };
      const us = PART_US[part];
      if (us === undefined) return s.fail(`datetime_add(): unknown part "${part}"`, 0);
      return keepTicks(d, (x) => `(${x} + to_microseconds(CAST(${n} * ${us} AS BIGINT)))`);
    },
  },
  {
    // datetime_diff(part, dt1, dt2): the number of part boundaries from dt2 to dt1 (calendar-based, weeks from Sunday).
    name: 'datetime_diff',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => {
      const part = partName(a, s);
      const [t1, t2] = [dtArg(a, 1, s), dtArg(a, 2, s)];
      if (t1.ticks || t2.ticks) {
        // Ticks below the microsecond: nanoseconds exactly, microseconds by floored boundaries.
        if (part === 'nanosecond')
          return { sql: `(${epochNanos(t1.sql)} - ${epochNanos(t2.sql)})`, type: 'long' };
        if (part === 'microsecond') {
          const floorUs = (t: Typed) => `((${epochNanos(t.sql)} - ${nanosBelowMicro(t)}) // 1000)`;
          return { sql: `(${floorUs(t1)} - ${floorUs(t2)})`, type: 'long' };
        }
      }
      const [d1, d2] = [t1.sql, t2.sql];
      if (part === 'week')
        return {
          sql: `CAST(date_diff('day', ${startOf('week', d2, '0')}, ${startOf('week', d1, '0')}) // 7 AS BIGINT)`,
          type: 'long',
        };
      if (part === 'nanosecond')
        return {
          sql: `CAST(date_diff('microsecond', ${d2}, ${d1}) * 1000 AS BIGINT)`,
          type: 'long',
        };
      if (
        ![
          'year',
          'quarter',
          'month',
          'day',
          'hour',
          'minute',
          'second',
          'millisecond',
          'microsecond',
        ].includes(part)
      )
        return s.fail(`datetime_diff(): unknown part "${part}"`, 0);
      return { sql: `CAST(date_diff('${part}', ${d2}, ${d1}) AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'datetime_part',
    aliases: ['datepart'],
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const part = partName(a, s);
      const t = dtArg(a, 1, s);
      const d = t.sql;
      const sql: Record<string, string> = {
        year: `year(${d})`,
        quarter: `quarter(${d})`,
        month: `month(${d})`,
        week_of_year: `weekofyear(${d})`,
        weekofyear: `weekofyear(${d})`,
        day: `day(${d})`,
        dayofyear: `dayofyear(${d})`,
        hour: `hour(${d})`,
        minute: `minute(${d})`,
        second: `second(${d})`,
        millisecond: `(epoch_us(${d}) % 1000000 + 1000000) % 1000000 // 1000`,
        microsecond: `(epoch_us(${d}) % 1000000 + 1000000) % 1000000`,
        nanosecond: nanosOfSecond(t),
      };
      if (!sql[part]) return s.fail(`datetime_part(): unknown part "${part}"`, 0);
      return { sql: `CAST(${sql[part]} AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'getyear',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(year(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'getmonth',
    aliases: ['monthofyear'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(month(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'dayofmonth',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(day(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'dayofyear',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(dayofyear(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'hourofday',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(hour(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  // ISO 8601 week number, as Kusto's week_of_year.
  {
    name: 'weekofyear',
    aliases: ['week_of_year'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(weekofyear(${dt(a, 0, s)}) AS BIGINT)`, type: 'long' }),
  },
  {
    // dayofweek: a timespan of whole days since the preceding Sunday (Sunday = 0d).
    name: 'dayofweek',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: intervalFromMicros(`dayofweek(${dt(a, 0, s)}) * 86400000000`),
      type: 'timespan',
    }),
  },
  {
    // make_datetime(y, m, d[, h, mi, s]): null for a date that does not exist (DuckDB would raise an error).
    // make_datetime(value): Kusto.Language's second signature (one scalar), the value as a datetime.
    name: 'make_datetime',
    minArgs: 1,
    maxArgs: 7,
    translate: (a, s) => {
      if (a.length === 1)
        return DATETIME_FUNCTIONS.find((f) => f.name === 'todatetime')!.translate(a, s);
      if (a.length === 2)
        return s.fail(
          'make_datetime() takes one value, or a year, month and day (and optionally hour, minute, second)',
        );
      const part = (i: number) => (a[i] ? long(a, i, s) : '0');
      const secArg = a[5] ? expectType(a, 5, s, 'long', 'int', 'real') : undefined;
      const sec = secArg ? `CAST(${secArg.sql} AS DOUBLE)` : '0';
      // Real seconds may hold ticks below the microsecond (0.1234567): then the value is made in
      // ticks, the whole seconds by make_timestamp and the fraction rounded to the tick.
      if (
        secArg?.type === 'real' &&
        !(typeof secArg.literal === 'number' && Number.isInteger(secArg.literal * 1e6))
      ) {
        const minute = `make_timestamp(${long(a, 0, s)}, ${long(a, 1, s)}, ${long(a, 2, s)}, ${part(3)}, ${part(4)}, 0)`;
        return {
          sql: `CASE WHEN ${sec} >= 0 AND ${sec} < 60 THEN ${ticksFromNanos(`${epochNanos(minute)} + CAST(round(${sec} * 1e7) AS BIGINT) * ${TICK_NS}`)} END`,
          type: 'datetime',
          ticks: true,
        };
      }
      return {
        sql: `try(make_timestamp(${long(a, 0, s)}, ${long(a, 1, s)}, ${long(a, 2, s)}, ${part(3)}, ${part(4)}, ${sec}))`,
        type: 'datetime',
      };
    },
  },
  {
    // make_timespan(h, m) | (h, m, s) | (d, h, m, s).
    name: 'make_timespan',
    minArgs: 2,
    maxArgs: 4,
    translate: (a, s) => {
      const num = (i: number) =>
        `CAST(${expectType(a, i, s, 'long', 'int', 'real').sql} AS DOUBLE)`;
      const [d, h, m, sec] =
        a.length === 4
          ? [num(0), num(1), num(2), num(3)]
          : ['0', num(0), num(1), a[2] ? num(2) : '0'];
      return {
        sql: intervalFromMicros(
          `round(((${d} * 24 + ${h}) * 60 + ${m}) * 60000000 + ${sec} * 1000000)`,
        ),
        type: 'timespan',
      };
    },
  },
  {
    // Nanoseconds to the 100 ns tick (rounded toward zero, as .NET's ticks), as a nanosecond
    // timestamp: a BIGINT of nanoseconds spans exactly its range. A long stays exact (no DOUBLE).
    name: 'unixtime_nanoseconds_todatetime',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int', 'real');
      const ns =
        x.type === 'real' ? `try(CAST(trunc(${x.sql}) AS BIGINT))` : `CAST(${x.sql} AS BIGINT)`;
      return {
        sql: ticksFromNanos(`${ns} // ${TICK_NS} * ${TICK_NS}`),
        type: 'datetime',
        ticks: true,
      };
    },
  },
  ...(
    [
      ['seconds', 1e6],
      ['milliseconds', 1e3],
      ['microseconds', 1],
    ] as const
  ).map(([unit, factor]): ScalarFunction => ({
    name: `unixtime_${unit}_todatetime`,
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `make_timestamp(CAST(round(CAST(${expectType(a, 0, s, 'long', 'int', 'real').sql} AS DOUBLE) * ${factor}) AS BIGINT))`,
      type: 'datetime',
    }),
  })),
  {
    // todatetime: ISO text through DuckDB's cast; other forms (RFC 822, zone offsets) through Date.parse; null otherwise.
    name: 'todatetime',
    aliases: ['todate'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'datetime') return x;
      if (x.type !== 'string' && x.type !== 'dynamic')
        return { sql: 'CAST(NULL AS TIMESTAMP)', type: 'datetime' };
      const text = toStringSql(x);
      return {
        sql: `CASE WHEN regexp_matches(${text}, '^\d{4}-\d{1,2}-\d{1,2}([ T][0-9:.]*)?Z?$') THEN TRY_CAST(${text} AS TIMESTAMP) ELSE make_timestamp(CAST(${PARSE_DATETIME.call(text)} AS BIGINT)) END`,
        type: 'datetime',
      };
    },
  },
  {
    name: 'totimespan',
    aliases: ['totime'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'timespan') return x;
      if (x.type !== 'string' && x.type !== 'dynamic')
        return { sql: 'CAST(NULL AS INTERVAL)', type: 'timespan' };
      return { sql: intervalFromMicros(PARSE_TIMESPAN.call(toStringSql(x))), type: 'timespan' };
    },
  },
  ...(
    [
      ['datetime_utc_to_local', UTC_TO_LOCAL],
      ['datetime_local_to_utc', LOCAL_TO_UTC],
    ] as const
  ).map(([name, udf]): ScalarFunction => ({
    // IANA zone names (`Europe/Brussels`, `US/Pacific`); an unknown zone gives null.
    name,
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `make_timestamp(CAST(${udf.call(`epoch_us(${dt(a, 0, s)})`, toStringSql(expectType(a, 1, s, 'string')))} AS BIGINT))`,
      type: 'datetime',
    }),
  })),
  {
    // datetime_list_timezones(): the IANA zones datetime_utc_to_local/local_to_utc accept here —
    // those of the JavaScript runtime's Intl (Node's and the browser's ICU ship the IANA database),
    // with "UTC" — as a constant array.
    name: 'datetime_list_timezones',
    minArgs: 0,
    maxArgs: 0,
    translate: () => ({ sql: sqlString(JSON.stringify(timeZoneNames())), type: 'dynamic' }),
  },
  {
    name: 'format_datetime',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const d = dtArg(a, 0, s);
      const format = toStringSql(expectType(a, 1, s, 'string'));
      if (d.ticks) {
        // The 7th `f` is the tick below the microsecond (ticks.ts).
        const below = nanosBelowMicro(d);
        return {
          sql: FORMAT_DATETIME_TICKS.call(
            `(${epochNanos(d.sql)} - ${below}) // 1000`,
            format,
            `${below} // ${TICK_NS}`,
          ),
          type: 'string',
        };
      }
      return {
        sql: FORMAT_DATETIME.call(`CAST(epoch_us(${d.sql}) AS DOUBLE)`, format),
        type: 'string',
      };
    },
  },
  {
    name: 'format_timespan',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: FORMAT_TIMESPAN.call(
        microsFromInterval(expectType(a, 0, s, 'timespan').sql),
        toStringSql(expectType(a, 1, s, 'string')),
      ),
      type: 'string',
    }),
  },
  {
    // bin_at(value, size, fixed_point): bins of `size` aligned so that fixed_point starts one.
    name: 'bin_at',
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => {
      const [v, size, fixed] = [a[0]!, a[1]!, a[2]!];
      if (v.type === 'datetime' || v.type === 'timespan') {
        expectType(a, 1, s, 'timespan');
        expectType(a, 2, s, v.type);
        const us = (x: Typed) =>
          x.type === 'datetime' ? `epoch_us(${x.sql})` : microsFromInterval(x.sql);
        const step = microsFromInterval(size.sql);
        const binned = `(CAST(floor((${us(v)} - ${us(fixed)}) / ${step}) AS BIGINT) * ${step} + ${us(fixed)})`;
        return v.type === 'datetime'
          ? { sql: `make_timestamp(${binned})`, type: 'datetime' }
          : { sql: intervalFromMicros(binned), type: 'timespan' };
      }
      expectType(a, 0, s, 'long', 'int', 'real');
      expectType(a, 1, s, 'long', 'int', 'real');
      expectType(a, 2, s, 'long', 'int', 'real');
      const real = [v, size, fixed].some((x) => x.type === 'real');
      const sql = `(floor((${v.sql} - ${fixed.sql}) / CAST(${size.sql} AS DOUBLE)) * ${size.sql} + ${fixed.sql})`;
      return real ? { sql, type: 'real' } : { sql: `CAST(${sql} AS BIGINT)`, type: 'long' };
    },
  },
];

export const DATETIME_FUNCTIONS: readonly ScalarFunction[] = [
  // KQL: now() is fixed for the whole query; in a Sentinel run it is the scheduled time E.
  {
    name: 'now',
    minArgs: 0,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: a[0] ? `(${s.ctx.nowSql} + ${expectType(a, 0, s, 'timespan').sql})` : s.ctx.nowSql,
      type: 'datetime',
    }),
  },
  {
    name: 'ago',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `(${s.ctx.nowSql} - ${expectType(a, 0, s, 'timespan').sql})`,
      type: 'datetime',
    }),
  },
  {
    // bin(value, size): rounds down to a multiple of size, counted from the Unix epoch (KQL bins
    // datetimes from 0001-01-01, which gives the same boundaries for sizes dividing a day).
    name: 'bin',
    aliases: ['floor'],
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const [v, size] = [a[0]!, a[1]!];
      // Kusto: a zero, negative or null bin size gives null (DuckDB would divide by zero).
      const positive = (sizeSql: string, sql: string) => `CASE WHEN ${sizeSql} > 0 THEN ${sql} END`;
      if (v.type === 'datetime') {
        expectType(a, 1, s, 'timespan');
        const us = `epoch_us(${v.sql})`;
        const step = microsFromInterval(size.sql);
        return {
          sql: positive(step, `make_timestamp(CAST(floor(${us} / ${step}) AS BIGINT) * ${step})`),
          type: 'datetime',
        };
      }
      if (v.type === 'timespan') {
        expectType(a, 1, s, 'timespan');
        const step = microsFromInterval(size.sql);
        return {
          sql: positive(
            step,
            intervalFromMicros(
              `CAST(floor(${microsFromInterval(v.sql)} / ${step}) AS BIGINT) * ${step}`,
            ),
          ),
          type: 'timespan',
        };
      }
      if (v.type === 'long' || v.type === 'int') {
        expectType(a, 1, s, 'long', 'int', 'real');
        if (size.type === 'real')
          return {
            sql: positive(size.sql, `(floor(${v.sql} / ${size.sql}) * ${size.sql})`),
            type: 'real',
          };
        return {
          sql: positive(size.sql, `CAST(floor(${v.sql} / ${size.sql}) * ${size.sql} AS BIGINT)`),
          type: 'long',
        };
      }
      if (v.type === 'real') {
        expectType(a, 1, s, 'long', 'int', 'real');
        return {
          sql: positive(size.sql, `(floor(${v.sql} / ${size.sql}) * ${size.sql})`),
          type: 'real',
        };
      }
      return s.fail(`bin() cannot round a ${v.type}`, 0);
    },
  },
  ...CALENDAR_FUNCTIONS,
];

/** The IANA time zone names the runtime's Intl knows, "UTC" among them, sorted. */
function timeZoneNames(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = new Set(intl.supportedValuesOf?.('timeZone') ?? []);
  zones.add('UTC');
  return [...zones].sort();
}
