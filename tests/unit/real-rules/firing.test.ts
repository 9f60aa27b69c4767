/**
 * A real Sentinel rule raising an alert end to end. The la-export-bec samples raise none with the
 * 18 rules (too few sign-ins for their thresholds), so tests/fixtures/real-rules/failed-portal-logons/
 * holds six failed Azure Portal sign-ins (ResultType 50126, written by the demo generator,
 * scripts/demo/outputs.ts) by one user from two IPs, 10:10–10:35 on 2026-06-15:
 * FailedLogonToAzurePortal.yaml fires when a user has ≥ 5 failures from ≥ 2 IPs with no later
 * success over its 7-day lookback (queryFrequency 1d, queryPeriod 7d).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../src/rules/api.ts';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import { readRuleText, REPO_ROOT } from './shared-material.ts';

let session: LoupeSession;
let report: ReplayReport;
const RULE = 'FailedLogonToAzurePortal.yaml';

describe(`${RULE} over six failed portal sign-ins from two IPs`, () => {
  beforeAll(async () => {
    session = await createNodeSession();
    const csv = join(
      REPO_ROOT,
      'tests',
      'fixtures',
      'real-rules',
      'failed-portal-logons',
      'SigninLogs.csv',
    );
    await session.load({ name: 'SigninLogs.csv', bytes: new Uint8Array(readFileSync(csv)) });
    session.readRule(readRuleText(RULE), RULE);
    report = await session.replay();
  }, 120_000);
  afterAll(() => session?.close());

  it('runs once, at the first midnight after the sign-ins, over the 7 days before it, and fires', () => {
    expect(report.runs.map((r) => [r.at, r.windowStart, r.resultCount, r.triggered])).toEqual([
      ['2026-06-16T00:00:00.000Z', '2026-06-09T00:00:00.000Z', 2, true],
    ]);
    // The non-interactive table the rule unions with was not loaded: read empty, from the catalog.
    expect(report.emptyTables).toEqual(['AADNonInteractiveUserSignInLogs']);
  });

  it('raises one alert (SingleAlert) with a row per IP: six failures, two IPs, first and last failure per IP', () => {
    expect(report.alerts).toHaveLength(1);
    const alert = report.alerts[0]!;
    expect([alert.displayName, alert.severity, alert.tactics, alert.eventGrouping]).toEqual([
      'Failed login attempts to Azure Portal',
      'Low',
      ['CredentialAccess'],
      'SingleAlert',
    ]);
    const rows = alert.rows
      .map((r) => [
        r.UserPrincipalName,
        r.IPAddress,
        r.FailedLogonCount,
        r.IPAddressCount,
        r.StartTime,
        r.EndTime,
        r.Name,
        r.UPNSuffix,
      ])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(rows).toEqual([
      [
        'isaacdunham@corp.local',
        '198.51.100.7',
        6,
        2,
        '2026-06-15T10:10:00.000Z',
        '2026-06-15T10:30:00.000Z',
        'isaacdunham',
        'corp.local',
      ],
      [
        'isaacdunham@corp.local',
        '198.51.100.8',
        6,
        2,
        '2026-06-15T10:15:00.000Z',
        '2026-06-15T10:35:00.000Z',
        'isaacdunham',
        'corp.local',
      ],
    ]);
  });

  it('maps the Account (FullName, Name, UPNSuffix) and both IP entities, and opens one incident', () => {
    const alert = report.alerts[0]!;
    // Entities follow row order, which the rule's final summarize leaves undefined: IPs compared sorted.
    const [account, ...ips] = alert.entities;
    expect(account).toEqual({
      type: 'Account',
      FullName: 'isaacdunham@corp.local',
      Name: 'isaacdunham',
      UPNSuffix: 'corp.local',
    });
    expect(ips.sort((a, b) => String(a.Address).localeCompare(String(b.Address)))).toEqual([
      { type: 'IP', Address: '198.51.100.7' },
      { type: 'IP', Address: '198.51.100.8' },
    ]);
    expect(report.incidents.map((i) => [i.title, i.severity, i.alertIds])).toEqual([
      ['Failed login attempts to Azure Portal', 'Low', [alert.id]],
    ]);
  });
});
