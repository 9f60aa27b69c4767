/**
 * Property: a KQL regex function given a hostile pattern (built to make a backtracking engine
 * take exponential time, or one Kusto refuses) and a value that almost matches it answers, or
 * refuses with a typed error, at once (issue 16); the engine stays usable.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from '../kql/harness.ts';
import { LoupeError } from '../../../src/errors.ts';
import { almostMatching, hostilePattern } from './generators.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'T',
    [
      { name: 's', type: 'string' },
      { name: 'p', type: 'string' },
    ],
    [],
  );
});
afterAll(() => h.engine.close());

const literal = (s: string) =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
const CALLS = [
  (p: string) => `extract_all(${p}, s)`,
  (p: string) => `countof(s, ${p}, "regex")`,
  (p: string) => `replace_regex(s, ${p}, "x")`,
  (p: string) => `extract(${p}, 0, s)`,
  (p: string) => `tostring(s matches regex ${p})`,
  (p: string) => `trim(${p}, s)`,
];

describe('hostile regexes over hostile values', () => {
  it(
    'answer or refuse with a typed error, at once, on both engines, as a literal or a column',
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(
          hostilePattern,
          almostMatching,
          fc.integer({ min: 0, max: CALLS.length - 1 }),
          fc.boolean(),
          (pattern, value, call, asColumn) => {
            h.engine.exec('DELETE FROM T');
            h.engine.queryParams('INSERT INTO T VALUES (?, ?)', [value, pattern]);
            const kql = `T | extend x = ${CALLS[call]!(asColumn ? 'p' : literal(pattern))} | project x`;
            const started = performance.now();
            try {
              h.run(kql);
            } catch (e) {
              expect(e, `${kql}: ${String(e)}`).toBeInstanceOf(LoupeError);
            }
            expect(performance.now() - started, kql).toBeLessThan(5000);
            expect(h.run('print ok = 1')).toEqual([{ ok: 1 }]);
          },
        ),
        { numRuns: 150, seed: Number(process.env.LOUPE_HOSTILE_SEED ?? 16) },
      );
    },
  );
});
