/**
 * `top-nested`: a hierarchy of top-N selections, each level within the groups kept by the level
 * before (Kusto docs, top-nested operator). Trap cases say what a flat translation gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  // Sign-ins: user, app, failures.
  h.table(
    'S',
    [
      { name: 'User', type: 'string' },
      { name: 'App', type: 'string' },
      { name: 'Fail', type: 'long' },
    ],
    [
      `'ann', 'mail', 5`,
      `'ann', 'mail', 1`,
      `'ann', 'vpn', 3`,
      `'ann', 'wiki', 1`,
      `'bob', 'vpn', 9`,
      `'bob', 'wiki', 4`,
      `'cat', 'mail', 2`,
      `'cat', NULL, 7`,
    ],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: "level 2 keeps the best N within each kept level-1 group (a flat top N over user×app would keep bob's two apps and drop ann's)",
    kql: 'S | top-nested 2 of User by Total = sum(Fail), top-nested 1 of App by sum(Fail)',
    columns: 'User:string, Total:long, App:string, aggregated_App:long',
    rows: [
      { User: 'bob', Total: 13, App: 'vpn', aggregated_App: 9 },
      { User: 'ann', Total: 10, App: 'mail', aggregated_App: 6 },
    ],
    ordered: true,
  },
  {
    rule: "without N every group is kept; asc keeps the smallest first; each aggregate sees only its group's rows",
    kql: 'S | top-nested of User by n = count() asc, top-nested 1 of App by m = max(Fail) asc',
    columns: 'User:string, n:long, App:string, m:long',
    rows: [
      { User: 'bob', n: 2, App: 'wiki', m: 4 },
      { User: 'cat', n: 2, App: 'mail', m: 2 },
      { User: 'ann', n: 4, App: 'wiki', m: 1 },
    ],
    ordered: true,
  },
  {
    rule: 'a missing string key is a group of its own ("" in KQL), named after its column; the output order survives later operators',
    kql: 'S | where User == "cat" | top-nested of App by F = sum(Fail) | project App, F',
    columns: 'App:string, F:long',
    rows: [
      { App: '', F: 7 },
      { App: 'mail', F: 2 },
    ],
    ordered: true,
  },
  {
    rule: '"with others = V" adds one row per level for the groups left out, aggregated together, after the kept ones (a plain top N drops ann and cat)',
    kql: 'S | top-nested 1 of User with others = "rest" by Total = sum(Fail)',
    columns: 'User:string, Total:long',
    rows: [
      { User: 'bob', Total: 13 },
      { User: 'rest', Total: 19 },
    ],
    ordered: true,
  },
  {
    rule: 'a deeper level splits the others group like any other, and has its own others row within each parent group',
    kql: 'S | top-nested 1 of User with others = "rest" by Total = sum(Fail), top-nested 1 of App with others = "other apps" by sum(Fail)',
    columns: 'User:string, Total:long, App:string, aggregated_App:long',
    rows: [
      { User: 'bob', Total: 13, App: 'vpn', aggregated_App: 9 },
      { User: 'bob', Total: 13, App: 'other apps', aggregated_App: 4 },
      { User: 'rest', Total: 19, App: 'mail', aggregated_App: 8 },
      { User: 'rest', Total: 19, App: 'other apps', aggregated_App: 11 },
    ],
    ordered: true,
  },
  {
    rule: 'the others group is told by a flag, not its value: "with others" equal to a kept key stays a row of its own; levels without it still drop',
    kql: 'S | top-nested 1 of App by F = sum(Fail), top-nested 1 of User with others = "bob" by n = count()',
    columns: 'App:string, F:long, User:string, n:long',
    rows: [
      { App: 'vpn', F: 12, User: 'bob', n: 1 },
      { App: 'vpn', F: 12, User: 'bob', n: 1 },
    ],
    ordered: true,
  },
];

describe('top-nested', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('"with others" needs a constant, named at its position', () => {
    const caught = h.translationError('S | top-nested 1 of User with others = App by count()');
    expect(caught.code).toBe('type');
    expect(caught.message).toMatch(/with others" takes a constant/);
    expect(caught.position).toMatchObject({ line: 1, column: 40 });
  });
});
