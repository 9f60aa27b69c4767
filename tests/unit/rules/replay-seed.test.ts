/**
 * The seed rule (risky users signing in silently) replayed run by run over SQL-built exports,
 * against sentinel-semantics.md: windows per run on every table with TimeGenerated, now() = E,
 * KQL's case-sensitive join, failed sign-ins excluded, one alert per run, incidents by lookback.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../src/rules/api.ts';
import { replay } from '../../../src/rules/replay.ts';
import { risky, signIn } from './fixture-data.ts';
import { useFixtureData } from './use-fixture-data.ts';
import { yamlRule } from './helpers.ts';

const seed = yamlRule(
  readFileSync(
    new URL('../../fixtures/rules/risky-user-silent-signins.yaml', import.meta.url),
    'utf8',
  ),
  'risky-user-silent-signins.yaml',
);

const data = useFixtureData();

/** Runs as [at (HH:MM), resultCount, triggered]. */
function runSummary(report: ReplayReport) {
  return report.runs.map((r) => [r.at.slice(11, 16), r.resultCount, r.triggered]);
}

describe('seed rule: Non-Interactive Sign-Ins by Identity Protection Risky Users', () => {
  it('fires only in the runs whose window holds both the risky-user flag and silent sign-ins', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'alice@x.com'),
      signIn('2026-06-15 10:20:00', 'alice@x.com'),
      signIn('2026-06-15 11:30:00', 'alice@x.com'),
    ]);
    // Flagged in the 09–10 and 11–12 windows, not in 10–11.
    data.load('AADRiskyUsers', [
      risky('2026-06-15 09:05:00', 'alice@x.com'),
      risky('2026-06-15 11:05:00', 'alice@x.com', 'medium'),
    ]);
    const report = await replay(data, seed);
    expect(runSummary(report)).toEqual([
      ['10:00', 1, true],
      ['11:00', 0, false],
      ['12:00', 1, true],
    ]);
    expect(report.runs[0]).toMatchObject({
      windowStart: '2026-06-15T09:00:00.000Z',
      windowEnd: '2026-06-15T10:00:00.000Z',
    });
    expect(report.alerts.map((a) => [a.runAt, a.displayName])).toEqual([
      [
        '2026-06-15T10:00:00.000Z',
        'Risky User Silent Auth - alice@x.com (high risk) has active non-interactive tokens',
      ],
      [
        '2026-06-15T12:00:00.000Z',
        'Risky User Silent Auth - alice@x.com (medium risk) has active non-interactive tokens',
      ],
    ]);
    expect(report.alerts[0]).toMatchObject({
      severity: 'High',
      tactics: ['CredentialAccess', 'Persistence', 'DefenseEvasion'],
      description:
        'User alice@x.com is flagged as high risk but performed 1 non-interactive sign-ins. Identity Protection risk state has not blocked silent token use.',
      entities: [
        { type: 'Account', FullName: 'alice@x.com' },
        { type: 'IP', Address: '10.0.0.1' },
      ],
      customDetails: {
        RiskLevel: ['high'],
        RiskState: ['atRisk'],
        RiskDetail: ['none'],
        SilentSignInCount: ['1'],
      },
      // The output has no TimeGenerated column (summarize): Start/End are the window.
      startTime: '2026-06-15T09:00:00.000Z',
      endTime: '2026-06-15T10:00:00.000Z',
    });
    // Rows keep the output columns in order, dynamic values as arrays, datetimes as ISO.
    expect(report.alerts[0]!.rows).toEqual([
      {
        UserPrincipalName: 'alice@x.com',
        RiskLevel: 'high',
        RiskState: 'atRisk',
        RiskDetail: 'none',
        SilentCount: 1,
        Countries: ['US'],
        IPAddress: '10.0.0.1',
        Apps: ['Microsoft Office'],
        LastActivity: '2026-06-15T09:10:00.000Z',
      },
    ]);
    expect(Object.keys(report.alerts[0]!.rows[0]!)).toEqual([
      'UserPrincipalName',
      'RiskLevel',
      'RiskState',
      'RiskDetail',
      'SilentCount',
      'Countries',
      'IPAddress',
      'Apps',
      'LastActivity',
    ]);
    // Both alerts are within 5 h of the first: one incident (AnyAlert).
    expect(report.incidents).toEqual([
      expect.objectContaining({
        id: 'incident-1',
        title: report.alerts[0]!.displayName,
        severity: 'High',
        alertIds: ['alert-1', 'alert-2'],
        matchingMethod: 'AnyAlert',
      }),
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('does not match a risky-user row whose UPN differs only in case (KQL join is case-sensitive)', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'Alice@X.com'),
      signIn('2026-06-15 09:20:00', 'bob@x.com'),
    ]);
    data.load('AADRiskyUsers', [
      risky('2026-06-15 09:05:00', 'alice@x.com'),
      risky('2026-06-15 09:06:00', 'BOB@x.com'),
    ]);
    const report = await replay(data, seed);
    expect(runSummary(report)).toEqual([['10:00', 0, false]]);
    expect(report.alerts).toEqual([]);
  });

  it('counts only successful sign-ins: a window with only failed sign-ins raises nothing', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'alice@x.com', '10.0.0.1', { ResultType: '50126' }),
      signIn('2026-06-15 10:10:00', 'alice@x.com', '10.0.0.1', { ResultType: '50126' }),
      signIn('2026-06-15 10:20:00', 'alice@x.com', '10.0.0.2'),
      signIn('2026-06-15 10:30:00', 'alice@x.com', '10.0.0.2', { ResultType: '0' }),
    ]);
    data.load('AADRiskyUsers', [
      risky('2026-06-15 09:01:00', 'alice@x.com'),
      risky('2026-06-15 10:01:00', 'alice@x.com'),
    ]);
    const report = await replay(data, seed);
    expect(runSummary(report)).toEqual([
      ['10:00', 0, false],
      ['11:00', 1, true],
    ]);
    expect(report.alerts[0]!.customDetails['SilentSignInCount']).toEqual(['2']);
    expect(report.alerts[0]!.entities).toContainEqual({ type: 'IP', Address: '10.0.0.2' });
  });

  it('two risky-user rows for one user in one window: two result rows, ONE alert (SingleAlert) carrying both', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'alice@x.com'),
      signIn('2026-06-15 09:50:00', 'alice@x.com'),
    ]);
    data.load('AADRiskyUsers', [
      risky('2026-06-15 09:20:00', 'alice@x.com', 'high', 'atRisk'),
      risky(
        '2026-06-15 09:40:00',
        'alice@x.com',
        'high',
        'confirmedCompromised',
        'adminConfirmedUserCompromised',
      ),
    ]);
    const report = await replay(data, seed);
    expect(runSummary(report)).toEqual([['10:00', 2, true]]);
    expect(report.alerts).toHaveLength(1);
    const a = report.alerts[0]!;
    expect(a.rows).toHaveLength(2);
    // Entities de-duplicated across the rows; custom details de-duplicated in row order.
    expect(a.entities).toEqual([
      { type: 'Account', FullName: 'alice@x.com' },
      { type: 'IP', Address: '10.0.0.1' },
    ]);
    expect(a.customDetails['RiskLevel']).toEqual(['high']);
    expect([...a.customDetails['RiskState']!].sort()).toEqual(['atRisk', 'confirmedCompromised']);
    expect(a.customDetails['SilentSignInCount']).toEqual(['2']);
  });

  it('a risky flag older than the window is not seen: AADRiskyUsers in Log Analytics is windowed by TimeGenerated too', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [signIn('2026-06-15 12:10:00', 'alice@x.com')]);
    data.load('AADRiskyUsers', [risky('2026-06-15 09:05:00', 'alice@x.com')]);
    const report = await replay(data, seed);
    expect(report.alerts).toEqual([]);
    expect(report.snapshotTables).toEqual([]);
    expect(report.runs.at(-1)!.tables).toEqual([
      {
        name: 'AADNonInteractiveUserSignInLogs',
        windowStart: '2026-06-15T12:00:00.000Z',
        windowEnd: '2026-06-15T13:00:00.000Z',
      },
      {
        name: 'AADRiskyUsers',
        windowStart: '2026-06-15T12:00:00.000Z',
        windowEnd: '2026-06-15T13:00:00.000Z',
      },
    ]);
  });

  it('a Graph risky-users export (no TimeGenerated) is a snapshot: every run sees it, and the report says so', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:10:00', 'alice@x.com'),
      signIn('2026-06-15 12:10:00', 'alice@x.com'),
    ]);
    data.load(
      'AADRiskyUsers',
      [risky(null, 'alice@x.com')],
      ['UserPrincipalName', 'RiskLevel', 'RiskState', 'RiskDetail', 'RiskLastUpdatedDateTime'],
    );
    const report = await replay(data, seed);
    expect(runSummary(report)).toEqual([
      ['10:00', 1, true],
      ['11:00', 0, false],
      ['12:00', 0, false],
      ['13:00', 1, true],
    ]);
    expect(report.snapshotTables).toEqual(['AADRiskyUsers']);
    expect(report.runs[0]!.tables).toEqual([
      {
        name: 'AADNonInteractiveUserSignInLogs',
        windowStart: '2026-06-15T09:00:00.000Z',
        windowEnd: '2026-06-15T10:00:00.000Z',
      },
      { name: 'AADRiskyUsers', windowStart: null, windowEnd: null },
    ]);
  });

  it('now() is the run time E: ago(1h) inside the query keeps an event at E − 1h out (its own > filter)', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [
      signIn('2026-06-15 09:00:00', 'alice@x.com'),
      signIn('2026-06-15 10:00:00', 'alice@x.com'),
    ]);
    data.load('AADRiskyUsers', [risky('2026-06-15 09:00:00', 'alice@x.com')]);
    const report = await replay(data, seed);
    // Run 09:00 sees the 09:00 sign-in (window end inclusive); run 10:00 sees the 10:00 sign-in,
    // but its 09:00 sign-in fails `TimeGenerated > ago(1h)`, and the 09:00 risky flag is in its window.
    expect(runSummary(report)).toEqual([
      ['09:00', 1, true],
      ['10:00', 1, true],
    ]);
    expect(report.alerts[1]!.customDetails['SilentSignInCount']).toEqual(['1']);
  });

  it("alerts more than lookbackDuration (5 h) after the incident's first alert open a new incident", async () => {
    const hours = [9, 10, 14, 15];
    data.load(
      'AADNonInteractiveUserSignInLogs',
      hours.map((h) => signIn(`2026-06-15 ${h}:10:00`, 'alice@x.com')),
    );
    data.load(
      'AADRiskyUsers',
      hours.map((h) => risky(`2026-06-15 ${h}:05:00`, 'alice@x.com')),
    );
    const report = await replay(data, seed);
    // Alerts at 10:00, 11:00, 15:00 (= first + 5 h, joins) and 16:00 (first + 6 h, new incident).
    expect(report.alerts.map((a) => a.runAt.slice(11, 16))).toEqual([
      '10:00',
      '11:00',
      '15:00',
      '16:00',
    ]);
    expect(report.incidents.map((i) => i.alertIds)).toEqual([
      ['alert-1', 'alert-2', 'alert-3'],
      ['alert-4'],
    ]);
  });

  it('a table the rule reads but that was not loaded is created empty, reported, and dropped afterwards', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [signIn('2026-06-15 09:10:00', 'alice@x.com')]);
    const report = await replay(data, seed);
    expect(report.emptyTables).toEqual(['AADRiskyUsers']);
    expect(report.alerts).toEqual([]);
    expect(data.tableExists('AADRiskyUsers')).toBe(false);
  });

  it('--from/--to override the data range', async () => {
    data.load('AADNonInteractiveUserSignInLogs', [signIn('2026-06-15 09:10:00', 'alice@x.com')]);
    data.load('AADRiskyUsers', [risky('2026-06-15 09:05:00', 'alice@x.com')]);
    const report = await replay(data, seed, {
      from: Date.UTC(2026, 5, 15, 6, 30),
      to: Date.UTC(2026, 5, 15, 8),
    });
    expect(runSummary(report)).toEqual([
      ['07:00', 0, false],
      ['08:00', 0, false],
    ]);
  });
});
