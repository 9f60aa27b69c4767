/**
 * Property: no identifier or string from a query can change the SQL's structure. Random column
 * names (via ['…']) and string literals — quotes, backslashes, newlines, `'; DROP TABLE`, unicode —
 * must come back exactly as data, and the table must survive.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { parseQuery } from '../../../src/kql/syntax/parse-query.ts';
import { KqlError } from '../../../src/kql/errors.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table('S', [{ name: 'v', type: 'string' }], [`'other'`]);
});
afterAll(() => h.engine.close());

const nasty = fc.constantFrom(
  '\'; DROP TABLE "S"; --',
  '"',
  "'",
  '\\',
  '\\"',
  '\n',
  '\u2028',
  '👍🏽',
  '$left',
  '"; SELECT 1; --',
  '`',
  ')) OR 1=1 --',
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.array(nasty, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')),
);
/** KQL string literal: JSON's escapes are a subset of KQL's. */
const kqlString = (s: string) => JSON.stringify(s);

describe('quoting (property)', () => {
  it('a string literal is matched as data', () => {
    fc.assert(
      fc.property(
        text.filter((s) => !s.includes('\0')),
        (s) => {
          h.engine.exec(`DELETE FROM "S" WHERE v <> 'other'`);
          h.engine.queryParams('INSERT INTO "S" VALUES (?)', [s]);
          const rows = h.run(`S | where v == ${kqlString(s)} | project v, w = ${kqlString(s)}`);
          expect(rows).toEqual(
            s === 'other'
              ? [
                  { v: s, w: s },
                  { v: s, w: s },
                ]
              : [{ v: s, w: s }],
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a column name is an identifier, whatever it contains', () => {
    fc.assert(
      fc.property(
        text.filter(
          (s) =>
            s.length > 0 &&
            !s.includes('\0') &&
            s.toLowerCase() !== 'v' &&
            !s.startsWith('__loupe'),
        ),
        text.filter((s) => !s.includes('\0')),
        (name, value) => {
          const rows = h.run(
            `S | where v == "other" | extend [${kqlString(name)}] = ${kqlString(value)} | project [${kqlString(name)}], v`,
          );
          expect(rows).toEqual([{ [name]: value, v: 'other' }]);
          expect(Object.keys(rows[0]!)).toEqual([name, 'v']);
        },
      ),
      { numRuns: 150 },
    );
    expect(h.engine.query('SELECT count(*) AS n FROM "S"').rows[0]![0]).toBeGreaterThan(0);
  });

  it('make_set encodes any strings as JSON that parses back to the same values', () => {
    fc.assert(
      fc.property(
        fc.array(
          text.filter((s) => !s.includes('\0')),
          { maxLength: 6 },
        ),
        (values) => {
          h.engine.exec('CREATE OR REPLACE TABLE "Z" ("z" VARCHAR)');
          h.schemas.set('Z', { name: 'Z', columns: [{ name: 'z', type: 'string' }] });
          for (const v of values) h.engine.queryParams('INSERT INTO "Z" VALUES (?)', [v]);
          const got = h.run('Z | summarize s = make_set(z), l = make_list(z)')[0]!;
          expect([...(got.s as string[])].sort()).toEqual([...new Set(values)].sort());
          expect([...(got.l as string[])].sort()).toEqual([...values].sort());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the parser answers any text with a tree or a KqlError, never another exception', () => {
    const kqlish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'T',
            '|',
            'where',
            'let',
            '=',
            ';',
            '(',
            ')',
            '[',
            ']',
            '"',
            "'",
            '@"',
            '==',
            'in',
            '!in~',
            'summarize',
            'by',
            'join',
            'kind',
            'on',
            '$left',
            '.',
            '1h',
            '5',
            'datetime(',
            '//',
            '\n',
            ',',
          ),
          fc.string({ maxLength: 3 }),
        ),
        { maxLength: 25 },
      )
      .map((xs) => xs.join(' '));
    fc.assert(
      fc.property(fc.oneof(kqlish, fc.string({ maxLength: 60 })), (text) => {
        try {
          parseQuery(text);
        } catch (e) {
          expect(e).toBeInstanceOf(KqlError);
          expect((e as KqlError).position.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
