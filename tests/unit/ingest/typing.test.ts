import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { dynamicText, ensureDynamicUdf } from '../../../src/ingest/dynamic-text.ts';
import { datetimeFormatOf, typedSql } from '../../../src/ingest/typing.ts';
import type { KqlType } from '../../../src/schema/kql-types.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
  ensureDynamicUdf(db);
});
afterAll(() => db.close());

/** The typed value of one text cell, through the SQL the loader uses (the text is bound, not spliced). */
function typed(text: string | null, type: KqlType, datetimeFormat?: string): unknown {
  return db.queryParams(
    `SELECT ${typedSql('x', type, datetimeFormat)} FROM (SELECT CAST(? AS VARCHAR) AS x)`,
    [text],
  ).rows[0]![0];
}

describe('dynamic cells become canonical JSON text', () => {
  it.each([
    ['{ "a" : [1, 2],\r\n  "b": "x y" }', '{"a":[1,2],"b":"x y"}'],
    ['{"id": 9007199254740993123}', '{"id":9007199254740993123}'], // digits beyond 2^53 kept
    ['[]', '[]'],
    ['{}', '{}'],
    ['"quoted \\" string with  spaces"', '"quoted \\" string with  spaces"'],
    ['Success', '"Success"'], // not JSON: a dynamic string, as todynamic() makes it
    ['', null],
    ['   ', null],
  ])('%j → %j', (input, expected) => {
    expect(dynamicText(input)).toBe(expected);
    expect(typed(input, 'dynamic')).toBe(expected);
  });
});

describe('typed conversions', () => {
  it.each<[string | null, KqlType, unknown]>([
    ['6/15/2026, 9:56:49.975 AM', 'datetime', Date.UTC(2026, 5, 15, 9, 56, 49, 975)],
    ['6/15/2026, 12:05:00.000 AM', 'datetime', Date.UTC(2026, 5, 15, 0, 5)], // 12 AM is midnight
    ['6/15/2026, 12:05:00.000 PM', 'datetime', Date.UTC(2026, 5, 15, 12, 5)],
    ['12/31/2026, 11:59:59.999 PM', 'datetime', Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
    ['6/15/2026 21:56', 'datetime', Date.UTC(2026, 5, 15, 21, 56)], // Excel
    ['6/15/2026 9:56:49 PM', 'datetime', Date.UTC(2026, 5, 15, 21, 56, 49)], // Excel, 12-hour
    ['2026-06-15T09:56:49+05:30', 'datetime', Date.UTC(2026, 5, 15, 4, 26, 49)],
    ['2026-06-15', 'datetime', Date.UTC(2026, 5, 15)],
    ['13/45/2026, 9:56:49.975 AM', 'datetime', null],
    ['', 'datetime', null],
    ['TRUE', 'bool', true],
    ['False', 'bool', false],
    ['0', 'bool', false],
    ['maybe', 'bool', null],
    [' 42 ', 'long', 42],
    ['4.5e1', 'real', 45],
    [null, 'string', ''],
    ['', 'string', ''],
  ])('%j as %s → %j', (text, type, expected) => {
    expect(typed(text, type)).toEqual(expected);
  });

  it("knows a datetime column's form from a sample, and reading in that form first changes no value", () => {
    const portal = datetimeFormatOf('6/15/2026, 9:56:49.975 AM');
    expect(portal).toBe('%m/%d/%Y, %I:%M:%S.%g %p');
    expect(datetimeFormatOf('6/15/2026 9:56:49 PM')).toBe('%m/%d/%Y %I:%M:%S %p'); // Excel, no comma
    expect(datetimeFormatOf('6/15/2026, 9:56:49 PM')).toBe('%m/%d/%Y, %I:%M:%S %p');
    expect(datetimeFormatOf('6/15/2026 21:56')).toBe('%m/%d/%Y %H:%M');
    expect(datetimeFormatOf('2026-06-15T09:56:49Z')).toBeUndefined(); // ISO-8601 has its own fast path
    expect(datetimeFormatOf('15.06.2026 09:56')).toBeUndefined();
    expect(datetimeFormatOf(undefined)).toBeUndefined();
    // Every form the checked conversion reads gives the same instant with any likely form tried first.
    const samples = [
      '6/15/2026, 9:56:49.975 AM',
      '6/15/2026, 12:05:00.000 AM',
      '12/31/2026, 11:59:59.999 PM',
      '6/15/2026 21:56',
      '6/15/2026 9:56:49 PM',
      '6/15/2026 21:56:49',
      '6/15/2026 21:56:49.5',
      '6/15/2026, 9:56:49.123456 AM',
      '2026-06-15T09:56:49+05:30',
      '2026-06-15',
      '13/45/2026, 9:56:49.975 AM',
      '',
      ' 6/15/2026, 9:56:49.975 AM ',
    ];
    const formats = samples.map((s) => datetimeFormatOf(s.trim())).filter((f) => f !== undefined);
    expect(new Set(formats).size).toBe(6);
    for (const format of formats)
      for (const text of samples)
        expect([text, format, typed(text, 'datetime', format)]).toEqual([
          text,
          format,
          typed(text, 'datetime'),
        ]);
  });

  it('reads KQL timespans as microsecond intervals', () => {
    const micros = (text: string) =>
      db.queryParams(
        `SELECT epoch_us(TIMESTAMP '2000-01-01' + ${typedSql('x', 'timespan')}) - epoch_us(TIMESTAMP '2000-01-01') FROM (SELECT CAST(? AS VARCHAR) AS x)`,
        [text],
      ).rows[0]![0];
    expect(micros('00:05:00')).toBe(300_000_000);
    expect(micros('1.02:03:04.5000001')).toBe(((24 + 2) * 3600 + 3 * 60 + 4) * 1e6 + 500_000);
    expect(micros('-00:00:01')).toBe(-1_000_000);
    expect(typed('5 minutes', 'timespan')).toBeNull();
  });
});
