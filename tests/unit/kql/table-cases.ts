/**
 * Table-driven KQL cases for the operator test files: each case gives a query and the columns
 * (names and KQL types) and rows it must produce through the real translator and DuckDB-WASM.
 */
import { expect } from 'vitest';
import type { KqlHarness } from './harness.ts';

export type Row = Record<string, unknown>;

export interface TableCase {
  /** The rule the case pins and, for traps, what the naive SQL gets wrong. */
  readonly rule: string;
  readonly kql: string;
  /** `Name:type` of every output column, in order. */
  readonly columns: string;
  readonly rows: readonly Row[];
  /** Compare rows in order (the query defines an order); otherwise as a multiset. */
  readonly ordered?: boolean;
}

export function checkCase(h: KqlHarness, c: TableCase): void {
  const t = h.translate(c.kql);
  expect(t.columns.map((x) => `${x.name}:${x.type}`).join(', ')).toBe(c.columns);
  const rows = h.run(c.kql);
  if (c.ordered) {
    expect(t.ordered).toBe(true);
    expect(rows).toEqual(c.rows);
    return;
  }
  const canon = (rs: readonly Row[]) => rs.map((r) => JSON.stringify(r)).sort();
  expect(canon(rows)).toEqual(canon(c.rows));
}
