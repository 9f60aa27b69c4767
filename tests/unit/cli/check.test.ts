/**
 * `loupe check --rules DIR [--json]` through the real CLI (issue 13): each rule of a small library
 * (tests/fixtures/check/rules) is ready, needs something loadable, refused at file:line:column, or
 * invalid at its line, and the totals come last; loading the function and the watchlist it needs
 * makes the needing rule ready. Then `replay` with `--watchlist ALIAS=FILE` and `--functions DIR`
 * replays that rule, reading the watchlist's own columns through the workspace function.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport, RuleCheck } from '../../../src/rules/check.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const main = join(root, 'src/cli/main.ts');
const fixtures = join(root, 'tests/fixtures/check');
const rules = join(fixtures, 'rules');
const functions = join(fixtures, 'functions');
const watchlist = `vips=${join(fixtures, 'vips.csv')}`;
const signins = join(root, 'static/demo/SigninLogs.csv.gz');
// The 68 published rules Loupe carries (MIT; THIRD_PARTY_NOTICES.md).
const sentinelWide = join(root, 'tests', 'fixtures', 'rules', 'sentinel-wide');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function byFile(report: CheckReport): Map<string, RuleCheck> {
  return new Map(report.results.map((r) => [r.file, r]));
}

describe('loupe check --rules DIR', () => {
  it('says of each rule ready, needs, refused (file:line:column) or invalid (its line), then the totals', () => {
    const r = cli(['check', '--rules', rules]);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain(
      '  ready    Failed sign-ins (ready-failed-signins.yaml)\n             reads tables SigninLogs\n',
    );
    // The function is the first need; what it hides (the watchlist's columns) shows once it is loaded.
    expect(out).toContain(
      '  needs    Sign-ins of watched users (needs-watchlist-function.yaml)\n             function WatchedSignins: a function saved in the Sentinel workspace',
    );
    expect(out).toMatch(
      /needs-watchlist-function\.yaml:10:3: the function "WatchedSignins" is neither defined by the query nor loaded/,
    );
    expect(out).toContain('load it with --functions DIR');
    expect(out).toMatch(
      /  refused  refused-construct \(refused-construct\.kql\)\n {13}refused-construct\.kql:3:\d+: kql [a-z-]+: /,
    );
    expect(out).toContain(
      '  invalid  invalid-fields.yaml\n             invalid-fields.yaml:7:18: triggerOperator: "sometimes" is not one of gt, lt, eq, ne',
    );
    expect(out).toMatch(
      /  invalid  invalid-yaml\.yaml\n {13}invalid-yaml\.yaml:6:\d+: invalid YAML: /,
    );
    // Grouped by status in that order, the totals last.
    const order = ['  ready ', '  needs ', '  refused ', '  invalid '].map((s) => out.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(out.endsWith('Rules: 5; ready: 1, needs: 1, refused: 1, invalid: 2\n')).toBe(true);
  }, 180_000);

  it('--json: one result per rule with its status, what it reads or needs, and the totals', () => {
    const r = cli(['check', '--rules', rules, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.totals).toEqual({ rules: 5, ready: 1, needs: 1, refused: 1, invalid: 2 });
    const files = byFile(report);
    expect(files.get('ready-failed-signins.yaml')).toMatchObject({
      status: 'ready',
      ruleName: 'Failed sign-ins',
      reads: { tables: ['SigninLogs'], watchlists: [], functions: [], externalData: [] },
    });
    const needs = files.get('needs-watchlist-function.yaml')!;
    expect(needs.status).toBe('needs');
    expect(needs.needs).toEqual([
      expect.objectContaining({ kind: 'function', name: 'WatchedSignins' }),
    ]);
    expect(needs.problem).toMatchObject({
      code: 'unknown-function',
      position: { file: 'needs-watchlist-function.yaml', line: 10, column: 3 },
    });
    expect(needs.problem?.detail).toEqual({ kind: 'function-not-loaded', name: 'WatchedSignins' });
    const refused = files.get('refused-construct.kql')!;
    expect(refused.status).toBe('refused');
    expect(refused.problem).toMatchObject({
      stage: 'kql',
      position: { file: 'refused-construct.kql', line: 3 },
    });
    expect(refused.problem?.position.column).toBeGreaterThan(0);
    expect(files.get('invalid-fields.yaml')).toMatchObject({
      status: 'invalid',
      errors: [
        'invalid-fields.yaml:7:18: triggerOperator: "sometimes" is not one of gt, lt, eq, ne (GreaterThan, LessThan, Equal, NotEqual)',
      ],
    });
    expect(files.get('invalid-yaml.yaml')).toMatchObject({
      status: 'invalid',
      problem: { position: { file: 'invalid-yaml.yaml', line: 6 } },
    });
  }, 180_000);

  it('--functions alone turns the need into the watchlist whose columns the rule reads; with --watchlist too it is ready', () => {
    const fnOnly = JSON.parse(
      cli(['check', '--rules', rules, '--json', '--functions', functions]).stdout,
    ) as CheckReport;
    const needs = byFile(fnOnly).get('needs-watchlist-function.yaml')!;
    expect(needs.status).toBe('needs');
    expect(needs.needs).toEqual([expect.objectContaining({ kind: 'watchlist', alias: 'vips' })]);

    const r = cli([
      'check',
      '--rules',
      rules,
      '--json',
      '--functions',
      functions,
      '--watchlist',
      watchlist,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'loaded watchlist vips from vips.csv (2 items, SearchKey UserPrincipalName)',
    );
    expect(r.stderr).toContain('loaded 1 workspace function name(s) from');
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.totals).toEqual({ rules: 5, ready: 2, needs: 0, refused: 1, invalid: 2 });
    expect(byFile(report).get('needs-watchlist-function.yaml')).toMatchObject({
      status: 'ready',
      reads: {
        tables: ['SigninLogs'],
        watchlists: ['vips'],
        functions: expect.arrayContaining(['WatchedSignins', '_GetWatchlist']),
      },
    });
  }, 180_000);

  it('gives every published sentinel-wide rule one status, and the totals add up', () => {
    const r = cli(['check', '--rules', sentinelWide, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as CheckReport;
    const t = report.totals;
    expect(t.rules).toBe(report.results.length);
    expect(t.rules).toBeGreaterThanOrEqual(68);
    expect(t.ready + t.needs + t.refused + t.invalid).toBe(t.rules);
    for (const res of report.results) {
      if (res.status === 'refused' || res.status === 'invalid')
        expect(res.problem?.position.file, res.file).toBe(res.file);
      if (res.status === 'needs') expect(res.needs?.length, res.file).toBeGreaterThan(0);
    }
  }, 300_000);
});

describe('loupe replay --watchlist ALIAS=FILE --functions DIR', () => {
  it('replays a rule calling a workspace function that reads a watchlist, with the CSV columns in the alert rows', () => {
    const rule = join(rules, 'needs-watchlist-function.yaml');
    const r = cli([
      'replay',
      '--rule',
      rule,
      '--functions',
      functions,
      '--watchlist',
      watchlist,
      '--json',
      signins,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      alerts: { rows: Record<string, unknown>[] }[];
      snapshotTables: string[];
      warnings: string[];
      execution: { strategy: string; fallbackReason?: string };
    };
    expect(report.snapshotTables).toEqual(['watchlist:vips']);
    expect(report.warnings).toEqual([]);
    // The function resolves in the batched counts too, not only run by run.
    expect(report.execution.fallbackReason ?? '').not.toContain('WatchedSignins');
    expect(report.alerts.length).toBeGreaterThan(0);
    const rows = report.alerts.flatMap((a) => a.rows);
    // The demo's SigninLogs.csv.gz holds 45 sign-ins of Helen Brandt (9 of her week, 36 wrong
    // passwords on Sunday); hourly windows of one hour put each in exactly one alert.
    expect(rows.length).toBe(45);
    for (const row of rows)
      expect(row).toMatchObject({
        UserPrincipalName: 'helen.brandt@larkspur.example',
        Team: 'Finance',
      });
  }, 180_000);

  it('without the watchlist the same rule stops at the column only its CSV defines, and says which flag loads it', () => {
    const rule = join(rules, 'needs-watchlist-function.yaml');
    const r = cli(['replay', '--rule', rule, '--functions', functions, signins]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/needs-watchlist-function\.yaml:11:\d+: .*"Team"/);
    expect(r.stderr).toContain('load its CSV with --watchlist vips=FILE');
  }, 180_000);
});
