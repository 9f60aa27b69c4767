/**
 * Workspace function files as Azure-Sentinel publishes them (solution `Parsers/*.yaml`, ASIM
 * `Parsers/ASim<Schema>/Parsers/*.yaml`, ARM savedSearches): names, parameters with their defaults
 * as KQL, the body and the line of the file it starts on; errors at their line.
 */
import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { readFunctionFile } from '../../../src/workspace/function-file.ts';
import { asimSchemaOf, whereToGetFunction } from '../../../src/workspace/function-sources.ts';

const SOLUTION = `id: 00000000-0000-0000-0000-000000000001
Function:
  Title: Sign-ins of watched users
  Version: 1.0.0
Category: Test
FunctionName: WatchedSignins
FunctionAlias: WatchedSigninsAlias
FunctionParams:
  - Name: WatchlistAlias
    Type: string
    Default: 'VIP Users'
  - Name: lookback
    Type: timespan
    Default: 1d
FunctionQuery: |
  let watched = _GetWatchlist(WatchlistAlias) | project SearchKey;
  SigninLogs
  | where TimeGenerated > ago(lookback)
  | where UserPrincipalName in (watched)
`;

const ASIM = `Parser:
  Title: Web Session ASIM filtering parser for a test source
  Version: '0.1'
Normalization:
  Schema: WebSession
ParserName: vimWebSessionTestSource
EquivalentBuiltInParser: _Im_WebSession_TestSource
ParserParams:
  - Name: starttime
    Type: datetime
    Default: datetime(null)
  - Name: url_has_any
    Type: dynamic
    Default: dynamic([])
  - Name: eventresult
    Type: string
    Default: '*'
  - Name: disabled
    Type: bool
    Default: false
ParserQuery: |
  let parser = (starttime:datetime = datetime(null), disabled:bool = false) {
    TestSource_CL | where not(disabled)
  };
  parser(starttime = starttime, disabled = disabled)
`;

const ARM = JSON.stringify(
  {
    resources: [
      {
        type: 'Microsoft.OperationalInsights/workspaces/savedSearches',
        name: "[concat(parameters('workspace'), '/ASimTest')]",
        properties: {
          displayName: 'Test',
          category: 'Security',
          FunctionAlias: 'ASimTest',
          query: 'SigninLogs | take 1',
          functionParameters: "disabled:bool=False, keys:dynamic=dynamic(['a,b'])",
        },
      },
    ],
  },
  null,
  2,
);

function failure(text: string, file: string): LoupeError {
  try {
    readFunctionFile(text, file);
  } catch (e) {
    if (e instanceof LoupeError) return e;
    throw e;
  }
  throw new Error('expected a LoupeError');
}

describe('readFunctionFile', () => {
  it('a solution parser: callable by FunctionName and FunctionAlias, a string default quoted for KQL, the body at its line', () => {
    const fns = readFunctionFile(SOLUTION, 'WatchedSignins.yaml');
    expect(fns.map((f) => f.name)).toEqual(['WatchedSignins', 'WatchedSigninsAlias']);
    expect(fns[0]!.parameters).toEqual([
      { name: 'WatchlistAlias', type: 'string', default: "'VIP Users'" },
      { name: 'lookback', type: 'timespan', default: '1d' },
    ]);
    expect(fns[0]!.body.split('\n')[0]).toBe(
      'let watched = _GetWatchlist(WatchlistAlias) | project SearchKey;',
    );
    expect(fns[0]!.source).toEqual({ file: 'WatchedSignins.yaml', line: 16 });
  });

  it('an ASIM parser: ParserName and EquivalentBuiltInParser, ParserParams defaults as KQL (false, datetime(null), "*")', () => {
    const fns = readFunctionFile(ASIM, 'vimWebSessionTestSource.yaml');
    expect(fns.map((f) => f.name)).toEqual([
      'vimWebSessionTestSource',
      '_Im_WebSession_TestSource',
    ]);
    expect(fns[0]!.parameters.map((p) => p.default)).toEqual([
      'datetime(null)',
      'dynamic([])',
      "'*'",
      'false',
    ]);
    expect(fns[0]!.source.line).toBe(22);
  });

  it('an ARM template of savedSearches: functionAlias, query, functionParameters split outside brackets and quotes', () => {
    const [f] = readFunctionFile(ARM, 'ASimTest.json');
    expect(f!.name).toBe('ASimTest');
    expect(f!.body).toBe('SigninLogs | take 1');
    expect(f!.parameters).toEqual([
      { name: 'disabled', type: 'bool', default: 'False' },
      { name: 'keys', type: 'dynamic', default: "dynamic(['a,b'])" },
    ]);
  });

  it('errors name the file and line', () => {
    const noQuery = failure('FunctionName: F\nFunctionParams: []\n', 'F.yaml');
    expect(noQuery).toMatchObject({ stage: 'workspace', code: 'function-file' });
    expect(noQuery.message).toContain('no FunctionQuery');
    const badParam = failure(
      'FunctionName: F\nFunctionParams:\n  - Name: a\nFunctionQuery: print 1\n',
      'F.yaml',
    );
    expect(badParam.message).toContain('"a" needs a Type');
    expect(badParam.position).toMatchObject({ file: 'F.yaml', line: 3 });
    const badName = failure('FunctionName: my function\nFunctionQuery: print 1\n', 'F.yaml');
    expect(badName.position).toMatchObject({ line: 1 });
    const yaml = failure('FunctionName: F\nFunctionQuery: |\nprint 1\n  x: [\n', 'F.yaml');
    expect(yaml).toMatchObject({ stage: 'workspace', code: 'yaml-syntax' });
  });
});

describe('where to get a function that is not loaded', () => {
  it.each([
    ['_Im_WebSession', 'WebSession'],
    ['_ASim_NetworkSession', 'NetworkSession'],
    ['imDns', 'Dns'],
    ['vimAuthenticationAWSCloudTrail', 'Authentication'],
    ['ASimProcessEventMicrosoft365D', 'ProcessEvent'],
    ['_Im_Dns_AzureFirewallV02', 'Dns'],
  ])('%s is an ASIM parser of the %s schema', (name, schema) => {
    expect(asimSchemaOf(name)).toBe(schema);
    expect(whereToGetFunction(name)).toContain(`Parsers/ASim${schema}/Parsers/`);
  });

  it('other names are not ASIM parsers', () => {
    expect(asimSchemaOf('MSBizAppsVIPUsers')).toBeUndefined();
    expect(asimSchemaOf('important')).toBeUndefined();
    expect(whereToGetFunction('MSBizAppsVIPUsers')).toContain('saved in the Sentinel workspace');
    expect(whereToGetFunction('_ASIM_GetUsernameType')).toContain('ASIM/lib/functions/');
  });
});
