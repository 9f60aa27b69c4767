import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayLibrary } from '../../../src/rules/library.ts';
import { risky, signIn } from './fixture-data.ts';
import { useFixtureData } from './use-fixture-data.ts';

const data = useFixtureData();

const fixture = (path: string) =>
  readFileSync(new URL(`../../fixtures/rules/${path}`, import.meta.url), 'utf8');

const perUser = `id: per-user
name: Every silent sign-in
severity: Low
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
eventGroupingSettings:
  aggregationKind: AlertPerResult
query: |
  AADNonInteractiveUserSignInLogs
  | project TimeGenerated, UserPrincipalName
`;
const badKql = `id: bad
name: Broken query
severity: Low
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  AADNonInteractiveUserSignInLogs
  | where NoSuchColumn == 1
`;

describe('rule library replay', () => {
  it('ranks rules by alerts raised and keeps per-rule errors (with positions) without stopping the batch', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'alice@x.com'),
      signIn('2026-06-15 09:20:00', 'bob@x.com'),
    ]);
    data.load('AADRiskyUsers', [risky('2026-06-15 09:05:00', 'alice@x.com')]);
    const lib = await replayLibrary(data, [
      {
        name: 'PossibleAiTMPhishingAttemptAgainstAAD.yaml',
        text: fixture('sentinel/PossibleAiTMPhishingAttemptAgainstAAD.yaml'),
      },
      { name: 'risky-user-silent-signins.yaml', text: fixture('risky-user-silent-signins.yaml') },
      { name: 'bad.yaml', text: badKql },
      { name: 'per-user.yaml', text: perUser },
    ]);
    expect(
      lib.results.map((r) => [r.file, r.status, r.status === 'ok' ? r.alerts : r.stage]),
    ).toEqual([
      ['per-user.yaml', 'ok', 2],
      ['risky-user-silent-signins.yaml', 'ok', 1],
      ['bad.yaml', 'error', 'kql'],
      ['PossibleAiTMPhishingAttemptAgainstAAD.yaml', 'error', 'rule'],
    ]);
    expect(lib.totals).toEqual({ rules: 4, ran: 2, failed: 2, alerts: 3, incidents: 3 });
    const bad = lib.results[2]!;
    expect(bad).toMatchObject({
      ruleId: 'bad',
      position: { file: 'bad.yaml', line: 10, column: 11 },
    });
    expect(bad.status === 'error' && bad.message).toMatch(
      /NoSuchColumn.*\(query line 2, column 9\)$/,
    );
    expect(lib.results[3]).toMatchObject({
      position: { file: 'PossibleAiTMPhishingAttemptAgainstAAD.yaml', line: 59, column: 3 },
    });
  });

  it('a query published wrapped in quotes fails at its syntax error, saying the quotes are the cause', async () => {
    // As Azure-Sentinel's CrossCloudUnauthorizedCredentialsAccessDetection.yaml is published.
    const quoted = `id: quoted
name: Quoted query
severity: Low
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  '// Define variable 'Silent' to collect sign-ins
    let Silent = AADNonInteractiveUserSignInLogs;
    Silent
  '
`;
    const lib = await replayLibrary(data, [{ name: 'quoted.yaml', text: quoted }]);
    const r = lib.results[0]!;
    expect(r).toMatchObject({
      status: 'error',
      stage: 'kql',
      code: 'syntax',
      position: { file: 'quoted.yaml', line: 9, column: 24 },
    });
    expect(r.status === 'error' && r.message).toContain(
      "the whole query is wrapped in quotes ('…'), which the YAML block keeps",
    );
    // A syntax error in a query that is not quoted says nothing of quotes.
    const plain = await replayLibrary(data, [
      { name: 'plain.yaml', text: badKql.replace('NoSuchColumn == 1', "'x' 'y' (") },
    ]);
    expect(plain.results[0]).toMatchObject({ status: 'error', code: 'syntax' });
    expect(plain.results[0]!.status === 'error' && plain.results[0]!.message).not.toContain(
      'quotes',
    );
  });
});
