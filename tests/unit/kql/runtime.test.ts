/**
 * The dynamic runtime: canonical JSON text in VARCHAR, Loupe's UDFs, and JSON arrays built in SQL
 * by make_set/make_list — checked on values that break naive string building.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynGet, dynIndex, dynParse, dynToString } from '../../../src/kql/runtime/dynamic.ts';
import { timespanText } from '../../../src/kql/runtime/format.ts';
import { decodeValue } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';

const NASTY = [
  'plain',
  'with "quotes"',
  'back\\slash',
  "it's",
  'new\nline\ttab',
  'ünïcödé ✓ 𝄞',
  '',
  '\u0001ctl',
  '[1,2]',
  ' , ',
];

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'V',
    [
      { name: 'S', type: 'string' },
      { name: 'G', type: 'long' },
    ],
    [],
  );
  for (const s of NASTY) h.engine.queryParams('INSERT INTO "V" VALUES (?, 1)', [s]);
  for (const s of NASTY.slice(0, 3)) h.engine.queryParams('INSERT INTO "V" VALUES (?, 2)', [s]);
});
afterAll(() => h.engine.close());

describe('dynamic runtime functions', () => {
  it('index arrays (negative from the end), get bag properties, null otherwise', () => {
    expect(dynIndex('[1,"a",{"b":2}]', 0)).toBe('1');
    expect(dynIndex('[1,"a",{"b":2}]', -1)).toBe('{"b":2}');
    expect(dynIndex('[1]', 1)).toBeNull();
    expect(dynIndex('{"0":1}', 0)).toBeNull();
    expect(dynIndex('[null]', 0)).toBeNull();
    expect(dynGet('{"a":{"b":[1]}}', 'a')).toBe('{"b":[1]}');
    expect(dynGet('{"a":1}', 'toString')).toBeNull();
    expect(dynGet('[1]', '0')).toBeNull();
  });

  it('tostring: "" for null, a string without quotes, JSON text otherwise', () => {
    expect([
      dynToString(null),
      dynToString('"x\\"y"'),
      dynToString('[1,"a"]'),
      dynToString('true'),
      dynToString('null'),
    ]).toEqual(['', 'x"y', '[1,"a"]', 'true', '']);
  });

  it('parse_json canonicalises JSON text and keeps non-JSON text as a string', () => {
    expect(dynParse('{ "a" : [ 1 , 2 ] }')).toBe('{"a":[1,2]}');
    expect(dynParse('not json')).toBe('"not json"');
    expect(dynParse('')).toBeNull();
  });

  it('prints timespans as KQL does', () => {
    expect([
      timespanText(3_600e6),
      timespanText(90_061e6 + 500),
      timespanText(-1e6),
      timespanText(0),
    ]).toEqual(['01:00:00', '1.01:01:01.0005000', '-00:00:01', '00:00:00']);
  });
});

describe('make_set / make_list build valid JSON in SQL', () => {
  it('make_set round-trips strings with quotes, backslashes, control characters and unicode', () => {
    const rows = h.run('V | summarize s = make_set(S)');
    expect([...(rows[0]!.s as string[])].sort()).toEqual([...NASTY].sort());
  });

  it('make_list keeps repeats; make_set with by groups', () => {
    const rows = h.run('V | summarize l = make_list(S), s = make_set(S) by G | order by G asc');
    expect((rows[0]!.l as string[]).length).toBe(NASTY.length);
    expect([...(rows[1]!.l as string[])].sort()).toEqual([...NASTY.slice(0, 3)].sort());
    expect([...(rows[1]!.s as string[])].sort()).toEqual([...NASTY.slice(0, 3)].sort());
  });

  it('make_set(x, maxSize) caps the array', () => {
    expect((h.run('V | summarize s = make_set(S, 2)')[0]!.s as string[]).length).toBe(2);
  });

  it('parse_json of a string column then indexing', () => {
    h.table(
      'P',
      [{ name: 'Raw', type: 'string' }],
      [`'{"city":"Zürich","ips":["1.2.3.4","5.6.7.8"]}'`, `'garbage'`],
    );
    expect(
      h.run(
        'P | extend d = parse_json(Raw) | project c = tostring(d.city), lastIp = tostring(d.ips[-1]), n = array_length(d.ips)',
      ),
    ).toEqual([
      { c: 'Zürich', lastIp: '5.6.7.8', n: 2 },
      { c: '', lastIp: '', n: null },
    ]);
  });
});

describe('decodeValue', () => {
  it('turns cells into report values', () => {
    expect(decodeValue('[1,{"a":"b"}]', 'dynamic')).toEqual([1, { a: 'b' }]);
    expect(decodeValue(null, 'dynamic')).toBeNull();
    expect(decodeValue(Date.UTC(2026, 2, 1, 9, 30), 'datetime')).toBe('2026-03-01T09:30:00.000Z');
    expect(decodeValue(3_600_000_000, 'timespan')).toBe('01:00:00');
    expect(decodeValue(null, 'string')).toBe('');
    expect(decodeValue(42, 'long')).toBe(42);
  });

  it('decodes a timespan computed by a query', () => {
    h.setNow('2026-03-01T10:00:00Z');
    const t = h.translate(
      'V | take 1 | project a = now() - datetime(2026-03-01 08:59:30), b = 90m',
    );
    const row = h.engine.query(t.sql).rows[0]!;
    expect(t.columns.map((c, i) => decodeValue(row[i], c.type))).toEqual(['01:00:30', '01:30:00']);
  });
});
