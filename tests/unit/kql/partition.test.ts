/**
 * `partition by Column (Operators)`: the operators run on each value's rows separately (Kusto
 * docs, partition operator). Trap cases say what running them once over all rows gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  // Sign-in events per user: minute, event.
  h.table(
    'L',
    [
      { name: 'User', type: 'string' },
      { name: 'T', type: 'long' },
      { name: 'Ev', type: 'string' },
    ],
    [
      `'ann', 10, 'login'`,
      `'bob', 12, 'login'`,
      `'ann', 30, 'logout'`,
      `'bob', 15, 'fail'`,
      `'bob', 40, 'logout'`,
      `'cat', 5, 'fail'`,
    ],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: 'top N runs per partition (a plain top 1 would keep one row in all)',
    kql: 'L | partition by User (top 1 by T desc | project User, T)',
    columns: 'User:string, T:long',
    rows: [
      { User: 'ann', T: 30 },
      { User: 'bob', T: 40 },
      { User: 'cat', T: 5 },
    ],
  },
  {
    rule: 'summarize and count inside partition give one result per value; the partition column need not be kept',
    kql: "L | partition hint.strategy=native by User ( extend late = T > 20 | summarize n = count(), ['last'] = max(T), late = countif(late) | project n, ['last'], late )",
    columns: 'n:long, last:long, late:long',
    rows: [
      { n: 2, last: 30, late: 1 },
      { n: 3, last: 40, late: 1 },
      { n: 1, last: 5, late: 0 },
    ],
  },
  {
    rule: 'scan keeps one state per partition: a login/logout session never spans two users (Kusto docs example)',
    kql: 'L | partition by User (sort by T asc | scan declare (start: long, dur: long) with (step s1 output=none: Ev == "login" => start = T; step s2: Ev == "logout" => start = s1.start, dur = T - s1.start;)) | project User, start, dur',
    columns: 'User:string, start:long, dur:long',
    rows: [
      { User: 'ann', start: 10, dur: 20 },
      { User: 'bob', start: 12, dur: 28 },
    ],
  },
  {
    rule: "a summarize without by gives every partition its row, with the defaults when the partition's rows were filtered out (grouping by the value alone would drop cat)",
    kql: 'L | partition by User (where Ev != "fail" | summarize n = count(), s = array_sort_asc(make_set(Ev)), m = max(T), t = sum(T)) | project n, s, m, t',
    columns: 'n:long, s:dynamic, m:long, t:long',
    rows: [
      { n: 2, s: ['login', 'logout'], m: 30, t: 40 },
      { n: 2, s: ['login', 'logout'], m: 40, t: 52 },
      { n: 0, s: [], m: null, t: 0 },
    ],
  },
  {
    rule: 'distinct and mv-expand inside partition: a value seen in two partitions is kept in each (a plain distinct would merge them)',
    kql: 'L | extend tags = pack_array(Ev, "any") | partition by User (mv-expand tag = tags to typeof(string) | distinct tag) | summarize n = count() by tag | sort by tag asc',
    columns: 'tag:string, n:long',
    rows: [
      { tag: 'any', n: 3 },
      { tag: 'fail', n: 2 },
      { tag: 'login', n: 2 },
      { tag: 'logout', n: 2 },
    ],
    ordered: true,
  },
  {
    rule: 'take and count per partition',
    kql: 'L | partition by User (take 1 | count)',
    columns: 'Count:long',
    rows: [{ Count: 1 }, { Count: 1 }, { Count: 1 }],
  },
];

describe('partition', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it.each([
    ['L | partition by User (join (L) on User)', 'unsupported', 24, /"join" inside partition/],
    ['L | partition by Nope (take 1)', 'unknown-column', 18, /no column "Nope"/],
  ] as const)('refuses %s', (kql, code, column, message) => {
    const caught = h.translationError(kql);
    expect(caught.code).toBe(code);
    expect(caught.position).toMatchObject({ line: 1, column });
    expect(caught.message).toMatch(message);
  });
});
