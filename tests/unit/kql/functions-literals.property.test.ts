/**
 * Property: any JSON value written as a KQL `dynamic(…)` literal — strings with quotes,
 * backslashes, newlines, SQL fragments, unicode, keys like `__proto__` — comes back from DuckDB as
 * the same value (the literal cannot change the SQL, and the JSON is kept exactly).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table('P', [{ name: 'x', type: 'long' }], ['1']);
});
afterAll(() => h.engine.close());

/** A KQL double-quoted string literal for any text (the lexer's escapes). */
function kqlString(s: string): string {
  return `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/[\x00-\x1f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function kqlDynamic(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return kqlString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(kqlDynamic).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${kqlString(k)}: ${kqlDynamic(x)}`)
    .join(', ')}}`;
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '\'; DROP TABLE "P"; --',
    '\\',
    '"',
    "'",
    '\n',
    '__proto__',
    'constructor',
    '👍🏽',
    '\u2028',
    "')) OR 1=1 --",
  ),
);
const json: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.integer({ min: -99999, max: 99999 }).map((n) => n / 100),
    text,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(text, tie('v')), { maxLength: 4 }).map((entries) => {
      const o: { [k: string]: Json } = {};
      for (const [k, x] of entries)
        Object.defineProperty(o, k, {
          value: x,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }),
  ),
})).v;

describe('dynamic literals (property)', () => {
  it('any JSON value survives dynamic(…) → SQL → result unchanged', () => {
    fc.assert(
      fc.property(json, (v) => {
        const rows = h.run(`P | project d = dynamic(${kqlDynamic(v)})`);
        // Decoding goes through JSON.parse, so compare canonical texts (key order kept).
        expect(JSON.stringify(rows[0]!.d)).toBe(JSON.stringify(v));
      }),
      { numRuns: 150 },
    );
  });
});
