/**
 * `scan`: the state machine of the Kusto docs' "Scan logic" (steps checked last to first, check 1
 * promotes the previous step's state, check 2 continues a step's own sequence), carried row by row
 * by a recursive CTE. Trap cases say what a simpler reading of the docs gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  // Minutes since midnight and an event name.
  h.table(
    'E',
    [
      { name: 'T', type: 'long' },
      { name: 'Ev', type: 'string' },
    ],
    [
      `0, 'A'`,
      `1, 'Start'`,
      `2, 'B'`,
      `3, 'D'`,
      `4, 'Stop'`,
      `6, 'C'`,
      `8, 'Start'`,
      `11, 'E'`,
      `19, 'Stop'`,
    ],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: "a one-step scan is a running state: s1.c is the previous match's value, the declared default before the first",
    kql: 'range x from 1 to 5 step 1 | scan declare (c: long = 100) with (step s1: true => c = x + s1.c;)',
    columns: 'x:long, c:long',
    rows: [
      { x: 1, c: 101 },
      { x: 2, c: 103 },
      { x: 3, c: 106 },
      { x: 4, c: 110 },
      { x: 5, c: 115 },
    ],
    ordered: true,
  },
  {
    rule: 'rows are scanned in the input order, not the table order (sort desc first)',
    kql: 'range x from 1 to 3 step 1 | sort by x desc | scan declare (seen: string) with (step s1: true => seen = strcat(s1.seen, tostring(x));)',
    columns: 'x:long, seen:string',
    rows: [
      { x: 3, seen: '3' },
      { x: 2, seen: '32' },
      { x: 1, seen: '321' },
    ],
    ordered: true,
  },
  {
    rule: 'sequences Start → events → Stop within 5 minutes get a match id; a row matching no active step is dropped (C after the first Stop, the late Stop)',
    kql: 'E | sort by T asc | scan with_match_id = m with (step s1: Ev == "Start"; step s2: Ev != "Start" and Ev != "Stop" and T - s1.T <= 5; step s3: Ev == "Stop" and T - s1.T <= 5;)',
    columns: 'T:long, Ev:string, m:long',
    rows: [
      { T: 1, Ev: 'Start', m: 0 },
      { T: 2, Ev: 'B', m: 0 },
      { T: 3, Ev: 'D', m: 0 },
      { T: 4, Ev: 'Stop', m: 0 },
      { T: 8, Ev: 'Start', m: 1 },
      { T: 11, Ev: 'E', m: 1 },
    ],
    ordered: true,
  },
  {
    rule: 'after a match on a later step the row is still checked against the earlier ones: output=none ends a session and the same row starts the next (naive: one step per row)',
    kql: 'E | sort by T asc | scan with_match_id = sid declare (start: long) with (step s: true => start = iff(isnull(s.start), T, s.start); step stop output=none: T - s.start > 5;) | project T, start, sid',
    columns: 'T:long, start:long, sid:long',
    rows: [
      { T: 0, start: 0, sid: 0 },
      { T: 1, start: 0, sid: 0 },
      { T: 2, start: 0, sid: 0 },
      { T: 3, start: 0, sid: 0 },
      { T: 4, start: 0, sid: 0 },
      { T: 6, start: 6, sid: 1 },
      { T: 8, start: 6, sid: 1 },
      { T: 11, start: 6, sid: 1 },
      { T: 19, start: 19, sid: 2 },
    ],
    ordered: true,
  },
  {
    rule: 'a step outputs the row with its own assignments; declared columns it does not assign take their default',
    kql: 'E | sort by T asc | scan declare (a: string = "-", b: long) with (step s1 output=none: Ev == "Start" => a = "in"; step s2: Ev == "Stop" => b = T - s1.T;) | project T, a, b',
    columns: 'T:long, a:string, b:long',
    rows: [
      { T: 4, a: '-', b: 3 },
      { T: 19, a: '-', b: 11 },
    ],
    ordered: true,
  },
];

describe('scan', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it.each([
    ['E | scan with (step s1 output=last: true;)', 'unsupported', 24, /output=last/],
    ['E | scan with (step s1: s1.Nope > 1;)', 'unknown-column', 25, /no column "Nope"/],
    [
      'E | scan declare (n: long) with (step s1: true => m = 1;)',
      'unknown-column',
      51,
      /"m" is not a column declared by scan/,
    ],
  ] as const)('refuses %s (%s at column %i)', (kql, code, column, message) => {
    const caught = h.translationError(kql);
    expect(caught.code).toBe(code);
    expect(caught.position).toMatchObject({ line: 1, column });
    expect(caught.message).toMatch(message);
  });
});
