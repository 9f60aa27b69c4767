/**
 * Table-driven checks for scalar functions: each case is KQL run through the translator and
 * DuckDB-WASM against a one-row table `P` (column `x` = 1) and the rows it must give. Shared by the
 * tests/unit/kql/functions-<family>.test.ts files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

export type Row = Record<string, unknown>;

export interface FunctionCase {
  /** What the case pins; for traps, why the naive SQL gives another answer. */
  readonly rule: string;
  readonly kql: string;
  readonly rows: Row[];
}

/**
 * A real as a reference page prints it, with up to 15 significant digits: matches a value within
 * one unit of the last printed digit (the page rounded Kusto's double; Loupe's double may sit on
 * the other side of that rounding).
 */
export function printed(v: number): unknown {
  const text = String(v);
  const digits = text.replace(/^-?0\.0*|e.*$|[-.]/g, '').length;
  const unit = v === 0 ? 1e-15 : 10 ** (Math.floor(Math.log10(Math.abs(v))) - digits + 1);
  return {
    asymmetricMatch: (x: unknown) => typeof x === 'number' && Math.abs(x - v) <= unit,
    toString: () => `printed(${text})`,
    toAsymmetricMatcher: () => `printed(${text} ± ${unit})`,
  };
}

export interface ErrorCase {
  readonly rule: string;
  readonly kql: string;
  readonly code: string;
  readonly message: RegExp;
}

/** Runs `cases` (and `errors`) in a describe block with its own engine; `setup` adds tables. */
export function functionCases(
  title: string,
  cases: readonly FunctionCase[],
  errors: readonly ErrorCase[] = [],
  setup?: (h: KqlHarness) => void,
): void {
  describe(title, () => {
    let h: KqlHarness;
    beforeAll(async () => {
      h = await createHarness();
      h.table('P', [{ name: 'x', type: 'long' }], ['1']);
      h.setNow('2026-03-01T10:00:00Z');
      setup?.(h);
    });
    afterAll(() => h.engine.close());

    it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
      expect(h.run(c.kql)).toEqual(c.rows);
    });
    if (errors.length) {
      it.each(errors.map((c) => [c.rule, c] as const))('refused: %s', (_rule, c) => {
        const caught = h.translationError(c.kql);
        expect(caught.code).toBe(c.code);
        expect(caught.message).toMatch(c.message);
      });
    }
  });
}
