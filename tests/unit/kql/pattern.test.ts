/**
 * Pattern statements (`declare pattern`): an invocation with constant arguments stands for the
 * body of the rule its values and path match (Kusto docs, pattern statement).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

const COUNTRY = `declare pattern country = (name:string)[state:string]
{
  ("USA").["New York"] = { print Capital = "Albany" };
  ("USA").["Washington"] = { print Capital = "Olympia" };
  ("Canada").["Alberta"] = { print Capital = "Edmonton" };
};
`;

const CASES: TableCase[] = [
  {
    rule: 'an invocation takes the body of the rule matching its value and path, written .Name or .["Name"]',
    kql: `${COUNTRY}union country("Canada").Alberta, country("USA").["New York"]`,
    columns: 'Capital:string',
    rows: [{ Capital: 'Edmonton' }, { Capital: 'Albany' }],
  },
  {
    rule: 'a pattern without a path; the invocation continues as a pipeline',
    kql: 'declare pattern ip = (address:string)\n{\n  ("10.0.0.1") = { print Lat = 37.4, Long = -122.1 };\n  ("10.0.0.2") = { range x from 1 to 3 step 1 };\n};\nip("10.0.0.2") | summarize n = count()',
    columns: 'n:long',
    rows: [{ n: 3 }],
  },
  {
    rule: 'a tabular function call can be a union leg too',
    kql: 'let f = (n:long) { range x from 1 to n step 1 }; union withsource=Src f(2), (print x = 9)',
    columns: 'Src:string, x:long',
    rows: [
      { Src: 'union_arg0', x: 1 },
      { Src: 'union_arg0', x: 2 },
      { Src: 'union_arg1', x: 9 },
    ],
  },
];

describe('pattern statements', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('an invocation no rule matches is an error at the invocation', () => {
    const caught = h.translationError(`${COUNTRY}country("France").Paris`);
    expect(caught.message).toMatch(/no rule of the pattern "country" matches \("France"\)\.Paris/);
    expect(caught.position).toMatchObject({ line: 7, column: 1 });
  });

  it('a wildcard rule is refused where Kusto.Language refuses it', () => {
    expect(() =>
      h.translate('declare pattern p = (a:string) { (*) = { print x = 1 }; };\np("z")'),
    ).toThrow(/Missing string/);
  });
});
