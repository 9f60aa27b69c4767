/**
 * `search`: bare strings are term searches over the columns (`has`, or with wildcards
 * hasprefix/hassuffix/contains/regex), `Col:"x"` searches one column, other conditions are
 * ordinary; the source form adds `$table` (Kusto docs, search operator). `where * has "x"` is
 * the same term search in a where predicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'Signin',
    [
      { name: 'User', type: 'string' },
      { name: 'App', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'alice@contoso.com', 'Azure Portal', 1`, `'bob', 'portal-admin', 2`, `'Errol', 'VPN', 3`],
  );
  h.table(
    'Audit',
    [
      { name: 'Op', type: 'string' },
      { name: 'Props', type: 'dynamic' },
    ],
    [
      `'Add member', '{"target":"alice"}'`,
      `'Reset', '{"target":"carol"}'`,
      `'Remove', '{"target":"malice"}'`,
    ],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: 'a bare term matches whole terms in any string or dynamic column of every table, case-insensitively, and names the table in $table (naive contains would also match "malice")',
    kql: 'search in (Signin, Audit) "ALICE"',
    columns: '$table:string, User:string, App:string, N:long, Op:string, Props:dynamic',
    rows: [
      {
        $table: 'Signin',
        User: 'alice@contoso.com',
        App: 'Azure Portal',
        N: 1,
        Op: '',
        Props: null,
      },
      { $table: 'Audit', User: '', App: '', N: null, Op: 'Add member', Props: { target: 'alice' } },
    ],
  },
  {
    rule: 'wildcards: "port*" is hasprefix, "*min" hassuffix, "*rro*" contains, "a*l" a regex between term boundaries',
    kql: 'Signin | search "port*" | project User | union (Signin | search "*min" | project User), (Signin | search "*rro*" | project User), (Signin | search "Azu*tal" | project User)',
    columns: 'User:string',
    rows: [
      { User: 'alice@contoso.com' },
      { User: 'bob' },
      { User: 'bob' },
      { User: 'Errol' },
      { User: 'alice@contoso.com' },
    ],
  },
  {
    rule: 'Col:"x" searches one column; other conditions are ordinary and combine with and/or',
    kql: 'Signin | search App:"portal" or (User == "Errol" and N > 2) | project User',
    columns: 'User:string',
    rows: [{ User: 'alice@contoso.com' }, { User: 'bob' }, { User: 'Errol' }],
  },
  {
    rule: 'kind=case_sensitive makes the term searches case-sensitive',
    kql: 'search kind=case_sensitive in (Signin) "vpn" or "VPN" and not("alice")',
    columns: '$table:string, User:string, App:string, N:long',
    rows: [{ $table: 'Signin', User: 'Errol', App: 'VPN', N: 3 }],
  },
  {
    rule: 'without in (…) the views declared before it are searched (Kusto docs, let statement example)',
    kql: 'let R10 = view () { range MyColumn from 1 to 10 step 1 };\nlet R20 = view () { range MyColumn from 1 to 20 step 1 };\nsearch MyColumn == 5',
    columns: '$table:string, MyColumn:long',
    rows: [
      { $table: 'R10', MyColumn: 5 },
      { $table: 'R20', MyColumn: 5 },
    ],
  },
  {
    rule: 'where * has "x": the term in any string or dynamic column (where-operator.md, "Check if column contains string"); "malice" has no term alice',
    kql: 'Audit | where * has "alice" | project Op',
    columns: 'Op:string',
    rows: [{ Op: 'Add member' }],
  },
  {
    rule: 'where * contains_cs combines with other conditions, also under not()',
    kql: 'Signin | where * contains_cs "ort" and not(* has "bob") | project User',
    columns: 'User:string',
    rows: [{ User: 'alice@contoso.com' }],
  },
  {
    rule: 'search * keeps every row',
    kql: 'search in (Audit) * | count',
    columns: 'Count:long',
    rows: [{ Count: 3 }],
  },
];

describe('search', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('without in (…) searches every loaded table (Kusto: every table of the database), in name order', () => {
    checkCase(h, {
      rule: 'search "alice" over the workspace',
      kql: 'search "alice" | project $table | summarize n = count() by $table | sort by $table asc',
      columns: '$table:string, n:long',
      rows: [
        { $table: 'Audit', n: 1 },
        { $table: 'Signin', n: 1 },
      ],
      ordered: true,
    });
  });

  it('reports an unknown column of a Col:"x" term at its position', () => {
    const caught = h.translationError('Signin | search Nope:"x"');
    expect(caught.code).toBe('unknown-column');
    expect(caught.position).toMatchObject({ line: 1, column: 17 });
  });
});
