import { describe, expect, it } from 'vitest';
import {
  JsonRecordStream,
  JsonStreamError,
  type JsonItem,
} from '../../../src/ingest/json-stream.ts';

/** Feeds the text in pieces of `size` characters, as a file read in chunks would arrive. */
function items(text: string, size: number): JsonItem[] {
  const s = new JsonRecordStream();
  const out: JsonItem[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  out.push(...s.end());
  return out;
}

const summary = (xs: JsonItem[]) =>
  xs.map((x) => [x.container, JSON.parse(x.text), x.line, x.column]);

describe('splitting JSON files into records, whatever the chunk boundaries', () => {
  const cases: [string, string, unknown[]][] = [
    [
      'NDJSON',
      '{"a":1}\n{"b":"x}{"}\r\n\n{"c":[1,{"d":2}]}\n',
      [
        ['top', { a: 1 }, 1, 1],
        ['top', { b: 'x}{' }, 2, 1],
        ['top', { c: [1, { d: 2 }] }, 4, 1],
      ],
    ],
    [
      'concatenated pages',
      '{"value":[{"a":1}]}{"value":[{"a":2},{"a":3}],"@odata.nextLink":"x"}',
      [
        ['value', { a: 1 }, 1, 11],
        ['value', { a: 2 }, 1, 30],
        ['value', { a: 3 }, 1, 38],
      ],
    ],
    [
      'a top-level array',
      '[\n {"a":"]"},\n {"a":2}\n]',
      [
        ['array', { a: ']' }, 2, 2],
        ['array', { a: 2 }, 3, 2],
      ],
    ],
    [
      'an Event Hub batch',
      '{"records": [ {"time":"t","properties":{"value":[1]}} ]}',
      [['records', { time: 't', properties: { value: [1] } }, 1, 15]],
    ],
    [
      'an envelope key after other members',
      '{"@odata.context":"https://graph/x","value":[{"id":"1"}]}',
      [['value', { id: '1' }, 1, 46]],
    ],
    [
      'another object is one item',
      '{"tables":[{"name":"PrimaryResult","rows":[["a\\"b"]]}]}',
      [['top', { tables: [{ name: 'PrimaryResult', rows: [['a"b']] }] }, 1, 1]],
    ],
    [
      'escaped quotes and backslashes in keys',
      '{"k\\"ey\\\\":{"value":[1]}}',
      [['top', { 'k"ey\\': { value: [1] } }, 1, 1]],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      for (const size of [1, 2, 3, 7, 1000])
        expect({ size, items: summary(items(text, size)) }).toEqual({ size, items: expected });
    });
  }

  it('reports a truncated file and a trailing comma with their position', () => {
    expect(() => items('{"value":[{"a":1},{"a":', 5)).toThrow(JsonStreamError);
    expect(() => items('{"value":[{"a":1},{"a":', 5)).toThrow(/truncated/);
    try {
      items('[{"a":1},\n]', 3);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(JsonStreamError);
      expect([(e as JsonStreamError).line, (e as JsonStreamError).column]).toEqual([2, 1]);
    }
  });
});
