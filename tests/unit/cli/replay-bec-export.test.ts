/**
 * The seed rule end to end through the real command line, on the real BEC lab export
 * (la-export-bec, read from ../shared: it may not be shipped) plus a synthetic risky-users export
 * written for Loupe (tests/fixtures/la-export-bec/: IsaacDunham's risk raised at 15:58, 16:21 and
 * confirmed at 16:44, with traps: a UPN that differs only in case at 13:31, a dismissed risk at 14:05).
 * Expected counts come from an independent reading of the CSV with papaparse (an oracle written
 * from the semantics document), not from Loupe. The CLI's own behaviour is checked on the bundled demo.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../src/rules/api.ts';
import {
  DEMO_DIR,
  fixturePath,
  LA_EXPORT_BEC,
  missing,
  REPO_ROOT,
} from '../../support/material.ts';

const root = REPO_ROOT;
const files = [
  LA_EXPORT_BEC.path('AADNonInteractiveUserSignInLogs.csv'),
  LA_EXPORT_BEC.path('SigninLogs.csv'),
  LA_EXPORT_BEC.path('AuditLogs.csv'),
  fixturePath('la-export-bec', 'AADRiskyUsers.csv'),
];
const rule = fixturePath('rules', 'risky-user-silent-signins.yaml');
const demoFiles = [
  'AADNonInteractiveUserSignInLogs.csv.gz',
  'SigninLogs.csv.gz',
  'AuditLogs.csv.gz',
  'AADRiskyUsers.csv',
].map((f) => join(DEMO_DIR, f));

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** "6/15/2026, 3:54:38.131 PM" (UTC) → epoch ms. */
function portalTime(s: string): number {
  const m = /^(\d+)\/(\d+)\/(\d{4}), (\d+):(\d\d):(\d\d)(?:\.(\d+))? (AM|PM)$/.exec(s)!;
  const h = (Number(m[4]) % 12) + (m[8] === 'PM' ? 12 : 0);
  return Date.UTC(
    Number(m[3]),
    Number(m[1]) - 1,
    Number(m[2]),
    h,
    Number(m[5]),
    Number(m[6]),
    Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  );
}

function csvRows(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** Successful silent sign-ins in (E − 1h, E]: the rule's `ago(1h)` is strict, the window inclusive. */
function silentSignIns(runAt: number) {
  return csvRows(files[0]!).filter((r) => {
    const t = portalTime(r['TimeGenerated [UTC]']!);
    return (
      t > runAt - 3_600_000 &&
      t <= runAt &&
      r.ResultType === '0' &&
      r.UserPrincipalName === 'isaacdunham@corp.local'
    );
  });
}

const H = (h: number) => Date.UTC(2026, 5, 15, h);
let report: ReplayReport;

const noExport = missing(
  LA_EXPORT_BEC,
  'the seed rule over the real BEC export from the command line',
);

describe.skipIf(noExport)('seed rule over the real BEC export (CLI --json)', () => {
  beforeAll(() => {
    const r = cli(['replay', '--rule', rule, '--json', ...files]);
    expect(r.status, r.stderr).toBe(0);
    report = JSON.parse(r.stdout) as ReplayReport;
  });

  it('schedules hourly runs from the first hour at or after the earliest event to the first at or after the latest', () => {
    // Earliest event 09:56:49 (non-interactive), latest 17:16:09 (SigninLogs) → runs 10:00 … 18:00.
    expect(report.runs.map((r) => r.at)).toEqual(
      [10, 11, 12, 13, 14, 15, 16, 17, 18].map((h) => new Date(H(h)).toISOString()),
    );
    for (const run of report.runs) {
      expect(Date.parse(run.windowEnd)).toBe(Date.parse(run.at));
      expect(Date.parse(run.windowEnd) - Date.parse(run.windowStart)).toBe(3_600_000);
    }
  });

  it('fires only in the hours where the user is both flagged and signing in silently', () => {
    // 14:00 sees only a risky-user row whose UPN differs in case: the join is case-sensitive.
    // 15:00 sees a dismissed risk. 16:00 and 17:00 see medium/high atRisk rows.
    expect(report.runs.filter((r) => r.triggered).map((r) => r.at)).toEqual([
      new Date(H(16)).toISOString(),
      new Date(H(17)).toISOString(),
    ]);
    expect(report.runs.find((r) => r.at === new Date(H(17)).toISOString())!.resultCount).toBe(2);
  });

  it('fills the alert from the first row, with entities and custom details from all rows', () => {
    expect(report.alerts).toHaveLength(2);
    const [first, second] = report.alerts as [ReplayReport['alerts'][0], ReplayReport['alerts'][0]];
    expect(first.runAt).toBe(new Date(H(16)).toISOString());
    expect(first.displayName).toBe(
      'Risky User Silent Auth - isaacdunham@corp.local (medium risk) has active non-interactive tokens',
    );
    expect(first.description).toBe(
      `User isaacdunham@corp.local is flagged as medium risk but performed ${silentSignIns(H(16)).length} non-interactive sign-ins. Identity Protection risk state has not blocked silent token use.`,
    );
    expect(first.severity).toBe('High');
    expect(first.tactics).toEqual(['CredentialAccess', 'Persistence', 'DefenseEvasion']);
    expect(first.rows).toHaveLength(1);
    expect(Object.keys(first.rows[0]!)).toEqual([
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
    expect(first.rows[0]!.SilentCount).toBe(silentSignIns(H(16)).length);
    expect(first.entities).toContainEqual({ type: 'Account', FullName: 'isaacdunham@corp.local' });
    expect(first.entities).toContainEqual({ type: 'IP', Address: '10.0.0.1' });
    expect(first.customDetails).toEqual({
      RiskLevel: ['medium'],
      RiskState: ['atRisk'],
      RiskDetail: ['none'],
      SilentSignInCount: [String(silentSignIns(H(16)).length)],
    });

    // Two risky-user rows for one user in one window: two result rows, one alert, entities de-duplicated.
    expect(second.rows).toHaveLength(2);
    // Both rows tie on SilentCount, the only sort key: their order (and so the values' order) is undefined.
    expect([...second.customDetails.RiskState!].sort()).toEqual(['atRisk', 'confirmedCompromised']);
    expect(second.entities.filter((e) => e.type === 'Account')).toEqual([
      { type: 'Account', FullName: 'isaacdunham@corp.local' },
    ]);
    // IPs[0] of make_set: Kusto leaves the set's order undefined, so either address of the window is right.
    const ips = new Set(silentSignIns(H(17)).map((r) => r.IPAddress));
    for (const e of second.entities.filter((x) => x.type === 'IP'))
      expect(ips.has(e.Address!)).toBe(true);
    expect(second.startTime).toBe(new Date(H(16)).toISOString());
    expect(second.endTime).toBe(new Date(H(17)).toISOString());
  });

  it('groups both alerts into one incident (AnyAlert, 5 h lookback), titled after the first alert', () => {
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]).toMatchObject({
      title: report.alerts[0]!.displayName,
      severity: 'High',
      alertIds: report.alerts.map((a) => a.id),
    });
  });
});

describe.skipIf(noExport)('seed rule over the real BEC export (CLI text and schedule)', () => {
  it('prints a readable summary without --json', () => {
    const r = cli(['replay', '--rule', rule, ...files]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Runs: 9, fired: 2; alerts: 2; incidents: 1/);
  });

  it('--first-run reproduces a workspace schedule: runs at first-run + k × queryFrequency', () => {
    const r = cli([
      'replay',
      '--rule',
      rule,
      '--json',
      '--first-run',
      '2026-06-15T10:30:00Z',
      ...files,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const runs = (JSON.parse(r.stdout) as ReplayReport).runs;
    expect(runs[0]!.at).toBe('2026-06-15T10:30:00.000Z');
    expect(runs.every((x) => x.at.endsWith(':30:00.000Z'))).toBe(true);
    // The attacker's hour now straddles two windows: the 16:30 run sees the 15:58 flag and the 16:21 one.
    expect(runs.filter((x) => x.triggered).map((x) => x.at)).toContain('2026-06-15T16:30:00.000Z');
  });
});

describe('CLI behaviour', () => {
  it('translate prints the SQL alone on standard output', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'translate', '--rule', rule],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out).toMatch(/^\s*(WITH|SELECT)\b/i);
    expect(out).toContain('"AADNonInteractiveUserSignInLogs"');
  });

  it('exits non-zero naming the file, line and column of a broken rule', () => {
    const broken = fixturePath('rules', 'sentinel', 'PossibleAiTMPhishingAttemptAgainstAAD.yaml');
    const r = cli(['replay', '--rule', broken, demoFiles[0]!]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/PossibleAiTMPhishingAttemptAgainstAAD\.yaml:\d+:\d+: /);
  });

  it('exits 2 on a usage error', () => {
    const r = cli(['replay', '--json', demoFiles[0]!]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rule RULE.yaml (or --rules DIR) is required');
  });
});
