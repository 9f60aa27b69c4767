/** The JSON writer of any depth writes what JSON.stringify writes, compact and indented. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyIteratively, stringifyJson } from '../../../src/json/stringify.ts';

describe('stringifyJson', () => {
  it('equals JSON.stringify on any JSON value, with and without indentation', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        const expected = indent ? JSON.stringify(v, null, indent) : JSON.stringify(v);
        expect(stringifyIteratively(v, indent)).toBe(expected);
        expect(stringifyJson(v, indent)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps keys that are Object.prototype names, and leaves out what JSON.stringify leaves out', () => {
    const v = JSON.parse('{"__proto__":{"a":1},"constructor":[1,null],"toString":"x"}') as Record<
      string,
      unknown
    >;
    v.gone = undefined;
    expect(stringifyIteratively(v)).toBe(JSON.stringify(v));
    expect(stringifyIteratively([undefined, () => 1])).toBe('[null,null]');
  });
});
