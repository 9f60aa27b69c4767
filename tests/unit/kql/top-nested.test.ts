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
];

describe('top-nested', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('refuses "with others" by name, at its position', () => {
    const caught = h.translationError('S | top-nested 1 of User with others = "rest" by count()');
    expect(caught.code).toBe('unsupported');
    expect(caught.message).toMatch(/with others/);
    expect(caught.position).toMatchObject({ line: 1, column: 40 });
  });
});
