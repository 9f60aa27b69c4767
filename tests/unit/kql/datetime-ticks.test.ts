/**
 * KQL datetimes have 100 ns ticks; Loupe's have microseconds except where a value carries ticks
 * below the microsecond (docs/kql.md, "Datetime precision"). The function cases are the examples of
 * each function's Kusto reference page, with the 7th fraction digit Kusto gives; the rest pins that
 * microsecond data reads, compares and decodes exactly as before, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionCases } from './function-cases.ts';
import { createHarness, type KqlHarness } from './harness.ts';
import { decodeValue, installKqlRuntime, translate } from '../../../src/kql/index.ts';
import { nanosecondCell, ticksIso } from '../../../src/db/ticks.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';

functionCases('datetime ticks (Kusto reference pages)', [
  {
    rule: 'datetime-part-function: nanosecond reads the 7th digit of datetime(2017-10-30 01:02:03.7654321)',
    kql: 'let dt = datetime(2017-10-30 01:02:03.7654321); P | project ms = datetime_part("millisecond", dt), us = datetime_part("microsecond", dt), ns = datetime_part("nanosecond", dt), s = datetime_part("second", dt)',
    rows: [{ ms: 765, us: 765432, ns: 765432100, s: 3 }],
  },
  {
    rule: 'endofday-function: the last tick of the day, offsets -1 … 1',
    kql: 'range offset from -1 to 1 step 1 | project dayEnd = endofday(datetime(2017-01-01 10:10:17), offset)',
    rows: [
      { dayEnd: '2016-12-31T23:59:59.9999999Z' },
      { dayEnd: '2017-01-01T23:59:59.9999999Z' },
      { dayEnd: '2017-01-02T23:59:59.9999999Z' },
    ],
  },
  {
    rule: 'endofweek-function: weeks end on Saturday at the last tick',
    kql: 'range offset from -1 to 1 step 1 | project weekEnd = endofweek(datetime(2017-01-01 10:10:17), offset)',
    rows: [
      { weekEnd: '2016-12-31T23:59:59.9999999Z' },
      { weekEnd: '2017-01-07T23:59:59.9999999Z' },
      { weekEnd: '2017-01-14T23:59:59.9999999Z' },
    ],
  },
  {
    rule: 'endofweek-function: datetime_add keeps the tick of an endofweek (endofweekSunday)',
    kql: "let endofweekSunday = (dateArg: datetime) { datetime_add('day', 8, endofweek(datetime_add('day', -8, dateArg))) }; datatable(Date: datetime) [datetime(2025, 6, 14), datetime(2025, 6, 16)] | extend SundayEndOfWeek = endofweekSunday(Date)",
    rows: [
      { Date: '2025-06-14T00:00:00.000Z', SundayEndOfWeek: '2025-06-15T23:59:59.9999999Z' },
      { Date: '2025-06-16T00:00:00.000Z', SundayEndOfWeek: '2025-06-22T23:59:59.9999999Z' },
    ],
  },
  {
    rule: 'endofmonth-function and endofyear-function',
    kql: 'range offset from -1 to 1 step 1 | project monthEnd = endofmonth(datetime(2017-01-01 10:10:17), offset), yearEnd = endofyear(datetime(2017-01-01 10:10:17), offset)',
    rows: [
      { monthEnd: '2016-12-31T23:59:59.9999999Z', yearEnd: '2016-12-31T23:59:59.9999999Z' },
      { monthEnd: '2017-01-31T23:59:59.9999999Z', yearEnd: '2017-12-31T23:59:59.9999999Z' },
      { monthEnd: '2017-02-28T23:59:59.9999999Z', yearEnd: '2018-12-31T23:59:59.9999999Z' },
    ],
  },
  {
    rule: 'make-datetime-function: fractional seconds to the tick; whole and µs seconds as before',
    kql: 'P | project a = make_datetime(2017,10,01,12,11,0.1234567), b = make_datetime(2017,10,01,12,10), c = make_datetime(2017,10,01,12,11,3.5), d = make_datetime(2017,10,01,12,11,60.1234567)',
    rows: [
      {
        a: '2017-10-01T12:11:00.1234567Z',
        b: '2017-10-01T12:10:00.000Z',
        c: '2017-10-01T12:11:03.500Z',
        d: null,
      },
    ],
  },
  {
    rule: 'datetime-diff-function: nanoseconds count ticks ×100; microseconds count boundaries',
    kql: "P | project ns = datetime_diff('nanosecond', datetime(2017-10-30 23:00:00.0000000), datetime(2017-10-30 23:00:00.0000007)), us = datetime_diff('microsecond', datetime(2017-10-30 23:00:00.1009001), datetime(2017-10-30 23:00:00.1008009)), ms = datetime_diff('millisecond', datetime(2017-10-30 23:00:00.200100), datetime(2017-10-30 23:00:00.100900))",
    rows: [{ ns: -700, us: 100, ms: 100 }],
  },
  {
    rule: 'unixtime-nanoseconds-todatetime: to the tick, exact for longs',
    kql: 'P | project a = unixtime_nanoseconds_todatetime(1546300800 * 1000000000 + 123456789), b = unixtime_nanoseconds_todatetime(1546300800000000)',
    rows: [{ a: '2019-01-01T00:00:00.1234567Z', b: '1970-01-18T21:31:40.800Z' }],
  },
  {
    rule: 'unixtime-nanoseconds-todatetime page: a long literal beyond 2^53 (Kusto longs are 64-bit) stays exact',
    kql: 'P | project date_time = unixtime_nanoseconds_todatetime(1546300800000000000), t = unixtime_nanoseconds_todatetime(1546300800000000100), n = tostring(-9007199254740993), m = tostring(9223372036854775807 - 1)',
    rows: [
      {
        date_time: '2019-01-01T00:00:00.000Z',
        t: '2019-01-01T00:00:00.0000001Z',
        n: '-9007199254740993',
        m: '9223372036854775806',
      },
    ],
  },
  {
    rule: 'tostring and dynamic values write the 7 digits; hashes digest the round-trip text',
    kql: 'P | project s = tostring(endofday(datetime(2017-01-01))), d = pack("e", datetime(2017-01-01 00:00:00.0000001)), r = reverse(datetime(2017-01-01 00:00:00.0000001))',
    rows: [
      {
        s: '2017-01-01T23:59:59.9999999Z',
        d: { e: '2017-01-01T00:00:00.0000001Z' },
        r: 'Z1000000.00:00:00T10-10-7102',
      },
    ],
  },
  {
    rule: 'format-datetime-function: the 7th f is the tick; F drops trailing zeros',
    kql: "P | project a = format_datetime(datetime(2017-01-29 09:00:05.1234567), 'yy-MM-dd [HH:mm:ss.fffffff]'), b = format_datetime(endofday(datetime(2017-01-29)), 'HH:mm:ss.FFFFFFF'), c = format_datetime(datetime(2017-01-29 09:00:05.123456), 'ss.fffffff')",
    rows: [{ a: '17-01-29 [09:00:05.1234567]', b: '23:59:59.9999999', c: '05.1234560' }],
  },
  {
    rule: 'arithmetic with a timespan keeps the ticks; a 7th digit of 0 is an ordinary datetime',
    kql: 'P | project a = datetime(2017-01-01 00:00:00.0000001) + 1h, b = 1d + endofday(datetime(2017-01-01)), c = datetime(2017-01-01 00:00:00.1234560)',
    rows: [
      {
        a: '2017-01-01T01:00:00.0000001Z',
        b: '2017-01-02T23:59:59.9999999Z',
        c: '2017-01-01T00:00:00.123Z',
      },
    ],
  },
  {
    rule: 'outside the nanosecond timestamp (1677–2262) a tick literal keeps its microseconds and endof* is null',
    kql: 'P | project a = datetime(2500-01-01 00:00:00.0000001), b = endofyear(datetime(2300-05-05)), c = endofday(datetime(null))',
    rows: [{ a: '2500-01-01T00:00:00.000Z', b: null, c: null }],
  },
]);

describe('microsecond data beside values with ticks', () => {
  let h: KqlHarness;
  beforeAll(async () => {
    h = await createHarness();
    // Values Kusto exports for unset datetimes (0001-01-01) lie outside TIMESTAMP_NS: comparing the
    // column with a value with ticks must neither cast it (an error there) nor change the answer.
    h.table(
      'T',
      [{ name: 't', type: 'datetime' }],
      [
        "TIMESTAMP '0001-01-01'",
        "TIMESTAMP '2017-01-01 23:59:59.999999'",
        "TIMESTAMP '2017-01-02'",
        "TIMESTAMP '9999-12-31'",
        'NULL',
      ],
    );
  });
  afterAll(() => h.engine.close());

  it('compares by rounding the ticks side, as Kusto compares ticks', () => {
    const rows = h.run(
      'T | project lt = t < endofday(datetime(2017-01-01)), le = t <= endofday(datetime(2017-01-01)), gt = endofday(datetime(2017-01-01)) > t, ge = t >= datetime(2017-01-01 23:59:59.9999991), eq = t == datetime(2017-01-01 23:59:59.9999999), ne = t != datetime(2017-01-01 23:59:59.9999999), b = t between (startofday(datetime(2017-01-01)) .. endofday(datetime(2017-01-01))), b2 = t between (datetime(2017-01-01 00:00:00.0000001) .. 1d)',
    );
    const col = (k: string) => rows.map((r) => r[k]);
    expect(col('lt')).toEqual([true, true, false, false, null]);
    expect(col('le')).toEqual([true, true, false, false, null]);
    expect(col('gt')).toEqual([true, true, false, false, null]);
    expect(col('ge')).toEqual([false, false, true, true, null]);
    expect(col('eq')).toEqual([false, false, false, false, false]);
    expect(col('ne')).toEqual([true, true, true, true, true]);
    expect(col('b')).toEqual([false, true, false, false, false]);
    expect(col('b2')).toEqual([false, true, true, false, false]);
    expect(h.run('T | where t <= endofday(datetime(2017-01-01)) | count')).toEqual([{ Count: 2 }]);
  });

  it('leaves the SQL and the cells of microsecond datetimes as they were', () => {
    const t = h.translate(
      'T | project s = startofday(t), a = datetime_add("hour", 1, t), p = datetime_part("nanosecond", t), x = tostring(t), w = t <= datetime(2017-01-01 10:00:00.123456)',
    );
    expect(t.sql).not.toMatch(/TIMESTAMP_NS|epoch_ns|make_timestamp_ns/);
    const raw = h.engine.query(t.sql).rows[1]!;
    expect(raw[0]).toBe(Date.UTC(2017, 0, 1));
    expect(raw[1]).toBe(1483318799999.999);
    expect(raw[2]).toBe(999999000);
    expect(raw[3]).toBe('2017-01-01T23:59:59.9999990Z');
    expect(decodeValue(raw[1], 'datetime')).toBe('2017-01-02T00:59:59.999Z');
  });
});

describe('nanosecond timestamp cells', () => {
  it('whole microseconds read as a microsecond TIMESTAMP reads; ticks below as 7-digit text', () => {
    const us = (x: bigint) => Number(x) / 1000;
    expect(nanosecondCell(1483228799999999000n, us)).toBe(1483228799999.999);
    expect(nanosecondCell(1483228799999999900n, us)).toBe('2016-12-31T23:59:59.9999999Z');
    expect(nanosecondCell(-315619199876543300n, us)).toBe('1960-01-01T00:00:00.1234567Z');
    expect(ticksIso(-1n)).toBe('1969-12-31T23:59:59.9999999Z');
    expect(decodeValue('2016-12-31T23:59:59.9999999Z', 'datetime')).toBe(
      '2016-12-31T23:59:59.9999999Z',
    );
  });

  it('DuckDB-WASM: TIMESTAMP_NS columns keep their ticks, whole microseconds match TIMESTAMP', async () => {
    const h = await createHarness();
    try {
      const rows = h.engine.query(
        `SELECT TIMESTAMP_NS '2016-12-31 23:59:59.9999999' AS a, TIMESTAMP_NS '2016-12-31 23:59:59.999999' AS b, TIMESTAMP '2016-12-31 23:59:59.999999' AS c, CAST(NULL AS TIMESTAMP_NS) AS d FROM range(3000)`,
      ).rows;
      expect(rows).toHaveLength(3000);
      expect(rows[2999]).toEqual([
        '2016-12-31T23:59:59.9999999Z',
        1483228799999.999,
        1483228799999.999,
        null,
      ]);
    } finally {
      h.engine.close();
    }
  });
});

const NATIVE = await import('@duckdb/node-api').then(
  () => true,
  () => false,
);

describe.skipIf(!NATIVE)('both engines give the same cells for datetimes with ticks', () => {
  let wasm: KqlHarness;
  let native: SqlEngine;
  beforeAll(async () => {
    wasm = await createHarness();
    const { createNativeEngine } = await import('../../../src/db/native/engine.ts');
    native = await createNativeEngine();
    installKqlRuntime(native);
  }, 60_000);
  afterAll(() => {
    wasm.engine.close();
    native.close();
  });

  it('endof*, literals, make_datetime and microsecond values', () => {
    const kql =
      'range offset from -1 to 1 step 1 | project e = endofday(datetime(2017-01-01 10:10:17), offset), l = datetime(2017-10-30 01:02:03.7654321), m = make_datetime(2017,10,01,12,11,0.1234567), u = datetime(2017-01-01 10:10:17.123456) + offset * 1h, n = datetime_part("nanosecond", datetime(2017-10-30 01:02:03.7654321)), s = tostring(endofweek(datetime(2017-01-01)))';
    const t = translate(kql, { resolveTable: () => undefined });
    const a = wasm.engine.query(t.sql).rows;
    expect(native.query(t.sql).rows).toEqual(a);
    expect(a[0]![0]).toBe('2016-12-31T23:59:59.9999999Z');
  });
});
