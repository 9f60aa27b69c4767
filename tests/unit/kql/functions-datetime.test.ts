/** Datetime functions: calendar semantics Kusto defines differently from DuckDB's defaults. */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL datetime functions',
  [
    {
      rule: "weeks start on Sunday (naive date_trunc('week') gives Monday 2025-06-09)",
      kql: 'P | project a = startofweek(datetime(2025-06-14)), b = startofweek(datetime(2017-01-01 10:10:17), -1), c = endofweek(datetime(2025-06-16))',
      rows: [
        {
          a: '2025-06-08T00:00:00.000Z',
          b: '2016-12-25T00:00:00.000Z',
          c: '2025-06-21T23:59:59.9999999Z',
        },
      ],
    },
    {
      rule: 'startof*/endof* take an offset in units; endof is the last instant of the unit',
      kql: 'P | project a = startofday(datetime(2017-01-01 10:10:17), -1), b = startofmonth(datetime(2017-01-01 10:10:17), 1), c = endofday(datetime(2017-01-01 10:10:17), -1), d = endofmonth(datetime(2017-01-01), 1), e = startofyear(datetime(2017-05-01)), f = endofyear(datetime(2017-05-01))',
      rows: [
        {
          a: '2016-12-31T00:00:00.000Z',
          b: '2017-02-01T00:00:00.000Z',
          c: '2016-12-31T23:59:59.9999999Z',
          d: '2017-02-28T23:59:59.9999999Z',
          e: '2017-01-01T00:00:00.000Z',
          f: '2017-12-31T23:59:59.9999999Z',
        },
      ],
    },
    {
      rule: 'datetime_add: calendar units clamp to the month end; weeks are 7 days (Kusto docs)',
      kql: 'P | project y = datetime_add("year", -5, make_datetime(2017, 1, 1)), q = datetime_add("quarter", 12, make_datetime(2017, 1, 1)), m = datetime_add("month", -15, make_datetime(2017, 1, 1)), w = datetime_add("week", 100, make_datetime(2017, 1, 1)), e = datetime_add("month", 1, datetime(2017-01-31))',
      rows: [
        {
          y: '2012-01-01T00:00:00.000Z',
          q: '2020-01-01T00:00:00.000Z',
          m: '2015-10-01T00:00:00.000Z',
          w: '2018-12-02T00:00:00.000Z',
          e: '2017-02-28T00:00:00.000Z',
        },
      ],
    },
    {
      rule: 'datetime_diff counts calendar boundaries (naive (a - b) / 1y gives 16 years, 4 weeks)',
      kql: 'P | project y = datetime_diff("year", datetime(2017-01-01), datetime(2000-12-31)), w = datetime_diff("week", datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)), d = datetime_diff("day", datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)), m = datetime_diff("minute", datetime(2017-10-30 23:05:01), datetime(2017-10-30 23:00:59)), n = datetime_diff("month", datetime(2017-01-01), datetime(2015-12-30))',
      rows: [{ y: 17, w: 5, d: 29, m: 5, n: 13 }],
    },
    {
      rule: 'datetime_part names (case-insensitive) and ISO week of year',
      kql: 'let dt = datetime(2017-10-30 01:02:03.7654321); P | project y = datetime_part("year", dt), q = datetime_part("quarter", dt), w = datetime_part("week_of_year", dt), d = datetime_part("dayOfYear", dt), ms = datetime_part("millisecond", dt), us = datetime_part("microsecond", dt)',
      rows: [{ y: 2017, q: 4, w: 44, d: 303, ms: 765, us: 765432 }],
    },
    {
      rule: 'dayofweek is a timespan of days since Sunday; other parts are longs',
      kql: 'P | project a = dayofweek(datetime(1947-11-30 10:00:05)), b = dayofweek(datetime(1970-05-12)), c = getyear(datetime(2015-10-12)), d = monthofyear(datetime(2015-12-14)), e = dayofmonth(datetime(2015-12-14)), f = dayofyear(datetime(2015-02-01)), g = hourofday(datetime(2015-12-14 18:54))',
      rows: [{ a: '00:00:00', b: '2.00:00:00', c: 2015, d: 12, e: 14, f: 32, g: 18 }],
    },
    {
      rule: 'format_datetime with .NET-style specifiers (Kusto docs examples)',
      kql: 'let dt = datetime(2017-01-29 09:00:05.123); P | project a = format_datetime(dt, "yy-MM-dd [HH:mm:ss]"), b = format_datetime(dt, "yyyy-M-dd [H:mm:ss]"), c = format_datetime(dt, "yy-MM-dd [hh:mm:ss tt]"), d = format_datetime(dt, "HH:mm:ss.fff"), e = format_timespan(1d + 2h + 3m + 4567ms, "d.hh:mm:ss.fff")',
      rows: [
        {
          a: '17-01-29 [09:00:05]',
          b: '2017-1-29 [9:00:05]',
          c: '17-01-29 [09:00:05 AM]',
          d: '09:00:05.123',
          e: '1.02:03:04.567',
        },
      ],
    },
    {
      rule: 'make_datetime of a day that does not exist is null (naive make_timestamp raises an error)',
      kql: 'P | project a = make_datetime(2017, 10, 1, 12, 10), b = make_datetime(2017, 2, 30), c = make_timespan(1, 2, 3), d = make_timespan(1, 2, 3, 4)',
      rows: [{ a: '2017-10-01T12:10:00.000Z', b: null, c: '01:02:03', d: '1.02:03:04' }],
    },
    {
      rule: 'todatetime/totimespan return null for text they cannot read; zone offsets convert to UTC',
      kql: 'P | project a = todatetime("2015-12-31 23:59:59.9"), b = todatetime("Sat, 8 Nov 2014 15:05:02 GMT"), c = todatetime("abc"), d = todatetime("2015-12-31T23:59:59+02:00"), e = totimespan("0.00:03:00"), f = totimespan("nope"), g = totimespan(4d)',
      rows: [
        {
          a: '2015-12-31T23:59:59.900Z',
          b: '2014-11-08T15:05:02.000Z',
          c: null,
          d: '2015-12-31T21:59:59.000Z',
          e: '00:03:00',
          f: null,
          g: '4.00:00:00',
        },
      ],
    },
    {
      rule: 'unixtime_*_todatetime',
      kql: 'P | project a = unixtime_seconds_todatetime(1546300800), b = unixtime_milliseconds_todatetime(1546300800000), c = unixtime_microseconds_todatetime(1546300800000000), d = unixtime_nanoseconds_todatetime(1.5463008e18)',
      rows: [
        {
          a: '2019-01-01T00:00:00.000Z',
          b: '2019-01-01T00:00:00.000Z',
          c: '2019-01-01T00:00:00.000Z',
          d: '2019-01-01T00:00:00.000Z',
        },
      ],
    },
    {
      rule: 'bin_at aligns bins to the fixed point, before or after it (Kusto docs)',
      kql: 'P | project a = bin_at(6.5, 2.5, 7), b = bin_at(1h, 1d, 12h), c = bin_at(datetime(2017-05-15 10:20:00), 1d, datetime(1970-01-01 12:00:00)), d = bin_at(datetime(2017-05-17 10:20:00), 7d, datetime(2017-06-04 00:00:00))',
      rows: [
        { a: 4.5, b: '-12:00:00', c: '2017-05-14T12:00:00.000Z', d: '2017-05-14T00:00:00.000Z' },
      ],
    },
    {
      rule: 'bin on datetimes is UTC and counted from the epoch',
      kql: 'P | project a = bin(datetime(1970-05-11 13:45:07), 1d), b = bin(datetime(2026-03-01 09:59:59), 1h), c = bin(-1d - 1h, 1d)',
      rows: [{ a: '1970-05-11T00:00:00.000Z', b: '2026-03-01T09:00:00.000Z', c: '-2.00:00:00' }],
    },
    {
      rule: 'bin with a zero or negative size is null (Kusto docs; naive SQL divides by zero and fails)',
      kql: 'P | project a = bin(5, 0), b = bin(5, -2), c = bin(datetime(2020-01-01), 0s), d = bin(5.5, 0.0), e = bin(7, 5), f = bin(4.5, 1)',
      rows: [{ a: null, b: null, c: null, d: null, e: 5, f: 4 }],
    },
    {
      rule: 'bin_auto(x) bins by the size and origin the query sets (Kusto docs: 1h bins from 00:05); harmless options such as notruncation are accepted',
      kql: 'set notruncation;\nset query_bin_auto_size=1h;\nset query_bin_auto_at=datetime(2017-01-01 00:05);\nrange Timestamp from datetime(2017-01-01 00:05) to datetime(2017-01-01 02:00) step 1m | summarize count() by bin_auto(Timestamp) | sort by Timestamp asc',
      rows: [
        { Timestamp: '2017-01-01T00:05:00.000Z', count_: 60 },
        { Timestamp: '2017-01-01T01:05:00.000Z', count_: 56 },
      ],
    },
  ],
  [
    {
      rule: 'bin_auto without its size set is refused',
      kql: 'P | project b = bin_auto(x)',
      code: 'unsupported',
      message: /query_bin_auto_size/,
    },
    {
      rule: 'a set option that could change results is refused by name',
      kql: 'set query_now = datetime(2020-01-01);\nprint now()',
      code: 'unsupported',
      message: /query option "query_now"/,
    },
    {
      rule: 'an unknown datetime part is named',
      kql: 'P | project a = datetime_add("fortnight", 1, now())',
      code: 'type',
      message: /unknown part "fortnight"/,
    },
  ],
);
