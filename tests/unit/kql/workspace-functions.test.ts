/**
 * Workspace functions (TranslateOptions.resolveFunction): saved functions and ASIM parsers called as
 * Kusto calls them, bound like the query's own `let` functions but in the workspace's scope; and
 * `union isfuzzy=true` leaving out what does not resolve, with a warning (issue 13).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeValue, KqlError, translate, type Translation } from '../../../src/kql/index.ts';
import type { WorkspaceFunction } from '../../../src/kql/api.ts';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'Events',
    [
      { name: 'User', type: 'string' },
      { name: 'Ip', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'ann', '10.0.0.1', 1`, `'bob', '10.0.0.2', 2`, `'cy', '192.168.1.1', 3`],
  );
});
afterAll(() => h.engine.close());

/** A function as a loader would give it, its body starting on line `line` of `file`. */
function fn(
  name: string,
  parameters: WorkspaceFunction['parameters'],
  body: string,
  line = 10,
  file = 'Parsers/Test.yaml',
): WorkspaceFunction {
  return { name, parameters, body, source: { file, line } };
}

const FUNCTIONS: readonly WorkspaceFunction[] = [
  // An ASIM-style filtering parser: parameters with defaults, an inner `let` function, a call by name.
  fn(
    'imEvents',
    [
      { name: 'user_has_any', type: 'dynamic', default: 'dynamic([])' },
      { name: 'minN', type: 'long', default: '0' },
    ],
    [
      'let parser = (user_has_any:dynamic = dynamic([]), minN:long = 0) {',
      '  Events',
      '  | where array_length(user_has_any) == 0 or User has_any (user_has_any)',
      '  | where N >= minN',
      '  | project EventUser = User, SrcIpAddr = Ip, N',
      '};',
      'parser(user_has_any = user_has_any, minN = minN)',
    ].join('\n'),
  ),
  fn('vimEmpty', [], 'datatable(EventUser:string, SrcIpAddr:string, N:long)[]'),
  fn('Private', [{ name: 'ip', type: 'string' }], 'ipv4_is_private(ip)'),
  // Its body names a column Events does not have, on its second line (line 21 of its file).
  fn('Broken', [], 'Events\n| project Nope', 20, 'Parsers/Broken.yaml'),
  fn('Loop', [], 'Loop2 | take 1'),
  fn('Loop2', [], 'Loop | take 1'),
  // Sees the workspace, not the caller: `Secret` is a let of the calling query only.
  fn('SeesOnlyItsScope', [], 'Secret'),
];

function tr(kql: string, functions: readonly WorkspaceFunction[] = FUNCTIONS): Translation {
  return translate(kql, {
    resolveTable: (n) => h.schemas.get(n),
    resolveFunction: (n) => functions.find((f) => f.name === n),
  });
}

function run(kql: string, functions?: readonly WorkspaceFunction[]) {
  const t = tr(kql, functions);
  return {
    t,
    rows: h.engine
      .query(t.sql)
      .rows.map((r) =>
        Object.fromEntries(t.columns.map((c, i) => [c.name, decodeValue(r[i], c.type)])),
      ),
  };
}

function refusal(kql: string, functions?: readonly WorkspaceFunction[]): KqlError {
  try {
    tr(kql, functions);
  } catch (e) {
    if (e instanceof KqlError) return e;
    throw e;
  }
  throw new Error('expected a KqlError');
}

describe('workspace functions are called as Kusto calls them', () => {
  it('with named arguments, the others taking their defaults', () => {
    const { t, rows } = run('imEvents(user_has_any = dynamic(["bob", "cy"])) | project EventUser');
    expect(t.columns).toEqual([{ name: 'EventUser', type: 'string' }]);
    expect(rows.map((r) => r.EventUser).sort()).toEqual(['bob', 'cy']);
  });

  it('with no arguments: every parameter takes its default', () => {
    expect(run('imEvents() | count').rows).toEqual([{ Count: 3 }]);
  });

  it('with positional arguments, and an argument read from the calling query', () => {
    expect(
      run('let users = dynamic(["ann"]);\nimEvents(users, 0) | project EventUser').rows,
    ).toEqual([{ EventUser: 'ann' }]);
  });

  it('a parameterless function by its bare name, as a union leg or a source', () => {
    expect(run('union vimEmpty, imEvents(minN = 3) | project EventUser').rows).toEqual([
      { EventUser: 'cy' },
    ]);
    expect(run('vimEmpty | count').rows).toEqual([{ Count: 0 }]);
  });

  it('in a let: `let x = f(…);` is a table', () => {
    expect(run('let recent = imEvents(minN = 2);\nrecent | summarize n = count()').rows).toEqual([
      { n: 2 },
    ]);
  });

  it('a scalar workspace function inside an expression', () => {
    expect(
      run('Events | where Private(Ip) | project User')
        .rows.map((r) => r.User)
        .sort(),
    ).toEqual(['ann', 'bob', 'cy']);
  });

  it('table() of a parameter joined to a constant reads that table (strcat of constants is a constant)', () => {
    const byName = fn(
      'ByName',
      [{ name: 'suffix', type: 'string' }],
      "table(strcat('Ev', suffix)) | count",
    );
    expect(run("ByName('ents')", [byName]).rows).toEqual([{ Count: 3 }]);
  });

  it("the query's own let shadows a workspace function of the same name", () => {
    expect(run('let vimEmpty = print x = 1;\nvimEmpty').rows).toEqual([{ x: 1 }]);
  });

  it("the body does not see the calling query's lets (Kusto resolves it in the workspace)", () => {
    const e = refusal('let Secret = print x = 1;\nSeesOnlyItsScope');
    expect(e.message).toContain('Secret');
  });
});

describe('errors of workspace functions say where', () => {
  it('a function nobody defines is refused at its call, with its name as a typed detail', () => {
    const e = refusal(
      'Events\n| join (_Im_WebSession(starttime = ago(1d))) on $left.Ip == $right.SrcIpAddr',
    );
    expect(e.code).toBe('unknown-function');
    expect(e.detail).toEqual({ kind: 'function-not-loaded', name: '_Im_WebSession' });
    expect(e.position).toMatchObject({ line: 2, column: 9 });
    expect(e.message).toContain('"_Im_WebSession"');
  });

  it('one piped in a let is refused by its name too, not as a syntax error', () => {
    const e = refusal(
      'let ips = _Im_Dns(response_has_any_prefix = dynamic(["1.2.3"])) | summarize by SrcIpAddr;\nips',
    );
    expect(e.detail).toEqual({ kind: 'function-not-loaded', name: '_Im_Dns' });
  });

  it('an ASIM parser named without parentheses is a function not loaded, not an unknown table', () => {
    // Kusto calls a function whose parameters all have defaults without parentheses; published
    // rules read `_Im_NetworkSession | where …` (Azure-Sentinel Possible_Phishing_with_CSL&_SessionCorrelation.yaml).
    const e = refusal(
      'Events\n| join (_Im_NetworkSession | where isnotempty(DstIpAddr)) on $left.Ip == $right.DstIpAddr',
    );
    expect(e.code).toBe('unknown-function');
    expect(e.detail).toEqual({ kind: 'function-not-loaded', name: '_Im_NetworkSession' });
    expect(e.position).toMatchObject({ line: 2, column: 9 });
    for (const name of [
      'imDns',
      'vimAuthenticationEmpty',
      '_ASim_WebSession',
      '_ASIM_GetUsernameType',
    ])
      expect(refusal(`${name} | take 1`).detail, name).toEqual({
        kind: 'function-not-loaded',
        name,
      });
    // Any other name stays a table the catalog does not know.
    expect(refusal('Imaginary | take 1').detail).toEqual({
      kind: 'table-unknown',
      name: 'Imaginary',
    });
  });

  it("an error inside the body is reported at the call, naming the function's file and line", () => {
    const e = refusal('print a = 1\n| union (Broken)');
    expect(e.code).toBe('unknown-column');
    expect(e.position).toMatchObject({ line: 2, column: 10 });
    expect(e.message).toContain('in the workspace function Broken, Parsers/Broken.yaml:21');
  });

  it('a function calling itself is refused (Kusto refuses recursion)', () => {
    const e = refusal('Loop');
    expect(e.code).toBe('unsupported');
    expect(e.message).toContain('calls itself');
  });

  it('a body that cannot be read is refused when called, with the line of its file', () => {
    const e = refusal('Unreadable', [
      fn('Unreadable', [], 'Events\n| where (', 5, 'Parsers/Unreadable.yaml'),
    ]);
    expect(e.code).toBe('syntax');
    expect(e.message).toContain('Parsers/Unreadable.yaml:6');
  });
});

describe('union isfuzzy=true follows Kusto: what does not resolve is left out, with a warning', () => {
  it('a leg calling a function that is not loaded is left out and named in the warnings', () => {
    const { t, rows } = run(
      'union isfuzzy=true (Events | project User), (_Im_WebSession(starttime = ago(1d)) | project User = SrcUsername)\n| count',
    );
    expect(rows).toEqual([{ Count: 3 }]);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toMatchObject({ line: 1, column: 45 });
    expect(t.warnings[0]!.message).toMatch(
      /^union isfuzzy=true left out a leg: the function "_Im_WebSession" is neither defined by the query nor loaded/,
    );
  });

  it('a leg over a missing table is left out with a warning', () => {
    const { t, rows } = run('union isfuzzy=true Events, Nope | count');
    expect(rows).toEqual([{ Count: 3 }]);
    expect(t.warnings).toEqual([
      { message: 'union isfuzzy=true left out a leg: unknown table "Nope"', line: 1, column: 28 },
    ]);
  });

  it('no leg resolving is an empty result with a warning, not an error (Kusto errs; issue 13)', () => {
    const { t, rows } = run('union isfuzzy=true Nope, Nope2 | count');
    expect(rows).toEqual([{ Count: 0 }]);
    expect(t.warnings.at(-1)).toEqual({
      message: 'union isfuzzy=true: none of its legs resolves, so its result is empty',
      line: 1,
      column: 1,
    });
    const bare = run('union isfuzzy=true Nope, Nope2');
    expect(bare.t.columns).toEqual([]);
    expect(bare.rows).toEqual([]);
  });

  it('without isfuzzy a missing leg is still an error', () => {
    expect(refusal('union Events, Nope').code).toBe('unknown-table');
  });

  it('a warning inside a workspace function names its file', () => {
    const { t } = run('print x = 1\n| union (Fuzzy | count)', [
      fn('Fuzzy', [], 'union isfuzzy=true Events, vimNope', 3, 'Parsers/Fuzzy.yaml'),
    ]);
    expect(t.warnings).toEqual([
      {
        message:
          'union isfuzzy=true left out a leg: unknown table "vimNope" (in the workspace function Fuzzy, Parsers/Fuzzy.yaml:3, column 28 of its query)',
        line: 2,
        column: 10,
      },
    ]);
  });

  it('isfuzzy does not hide other errors of a leg (it applies to resolving the sources only)', () => {
    expect(refusal('union isfuzzy=true Events, (Events | project Nope)').code).toBe(
      'unknown-column',
    );
  });

  it('isfuzzy does not leave out a leg whose externaldata file was not supplied: the query needs the file (Kusto downloads it)', () => {
    const e = refusal(
      'let IPs = externaldata(Ip:string)["https://example.org/iocs.csv"];\nunion isfuzzy=true Events, (IPs | project Ip)',
    );
    expect(e.detail).toMatchObject({
      kind: 'externaldata-needs-file',
      url: 'https://example.org/iocs.csv',
    });
  });
});
