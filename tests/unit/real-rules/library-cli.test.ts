/**
 * `loupe replay --rules DIR` through the real command line (issue 4, "A library of rules"): the
 * 18 Sentinel rules plus the demo's seed rule over the demo exports, ranked by alerts raised, each
 * rule that cannot run listed with its error at file:line:column while the others still run; and
 * `--external URL=FILE` supplying the data of an externaldata URL.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LibraryReport,
  LibraryRuleError,
  LibraryRuleResult,
} from '../../../src/rules/library.ts';
import { EXPECTED, RUN_WITH_SERVICE_TAGS, SERVICE_TAGS_URL } from './expectations.ts';
import { REPO_ROOT, RULES_DIR } from './shared-material.ts';

const demo = join(REPO_ROOT, 'static', 'demo');
const logs = readdirSync(demo)
  .filter((f) => /\.csv(\.gz)?$/.test(f))
  .sort()
  .map((f) => join(demo, f));
const SEED = 'risky-user-silent-signins.yaml';
const SERVICE_TAGS_FILE = join(
  REPO_ROOT,
  'tests',
  'fixtures',
  'real-rules',
  'ServiceTags_Public.json',
);

function cli(args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
  );
}

let library: string;
let json: LibraryReport;
let text: ReturnType<typeof cli>;

describe('replay --rules DIR (library replay from the CLI)', () => {
  beforeAll(() => {
    // The shared rules and the demo's seed rule (which fires on the demo data) in one folder.
    library = mkdtempSync(join(tmpdir(), 'loupe-library-'));
    for (const f of Object.keys(EXPECTED)) copyFileSync(join(RULES_DIR, f), join(library, f));
    copyFileSync(join(demo, SEED), join(library, SEED));

    const r = cli([
      'replay',
      '--rules',
      library,
      '--json',
      '--external',
      `${SERVICE_TAGS_URL}=${SERVICE_TAGS_FILE}`,
      ...logs,
    ]);
    expect(r.status, r.stderr).toBe(0);
    json = JSON.parse(r.stdout) as LibraryReport;
    text = cli(['replay', '--rules', library, ...logs]);
  }, 600_000);
  afterAll(() => {
    if (library) rmSync(library, { recursive: true, force: true });
  });

  it('--json: every rule file has one entry, and the totals add up', () => {
    const files = json.results.map((r) => r.file).sort();
    expect(files).toEqual([...Object.keys(EXPECTED), SEED].sort());
    const ok = json.results.filter((r): r is LibraryRuleResult => r.status === 'ok');
    expect(json.totals).toEqual({
      rules: 19,
      ran: ok.length,
      failed: 19 - ok.length,
      alerts: ok.reduce((n, r) => n + r.alerts, 0),
      incidents: ok.reduce((n, r) => n + r.incidents, 0),
    });
    for (const r of ok) expect(r.alerts).toBe(r.report.alerts.length);
  });

  it('--json: rules are ranked by alerts raised, the errors after them', () => {
    const statuses = json.results.map((r) => r.status);
    expect(statuses.indexOf('error')).toBeGreaterThan(statuses.lastIndexOf('ok'));
    const alerts = json.results
      .filter((r): r is LibraryRuleResult => r.status === 'ok')
      .map((r) => r.alerts);
    expect(alerts).toEqual([...alerts].sort((a, b) => b - a));
    // The seed rule raises its two alerts on the demo data, ranked ahead of every rule that raised fewer.
    const seed = json.results.findIndex((r) => r.file === SEED);
    expect((json.results[seed] as LibraryRuleResult).alerts).toBe(2);
    expect(alerts.slice(seed).every((n) => n <= 2)).toBe(true);
    expect(alerts.slice(0, seed).every((n) => n >= 2)).toBe(true);
  });

  it('--json: each rule runs or fails as tests/unit/real-rules/expectations.ts says, errors at file:line:column', () => {
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const entry = json.results.find((r) => r.file === file)!;
      if (RUN_WITH_SERVICE_TAGS.includes(file)) {
        // With --external its externaldata URL has data: the rule runs.
        expect(entry.status, JSON.stringify(entry).slice(0, 400)).toBe('ok');
        expect((entry as LibraryRuleResult).report.snapshotTables).toContain(
          'externaldata_ServiceTags_Public',
        );
        continue;
      }
      if (expected.outcome === 'runs') {
        expect(entry.status, `${file}: ${JSON.stringify(entry).slice(0, 400)}`).toBe('ok');
        continue;
      }
      expect(entry.status, `${file} now runs from the CLI: update expectations.ts`).toBe('error');
      const e = entry as LibraryRuleError;
      expect({
        stage: e.stage,
        code: e.code,
        file: e.position.file,
        line: e.position.line,
        column: e.position.column,
      }).toEqual({
        stage: expected.stage,
        code: expected.code,
        file,
        line: expected.line,
        column: expected.column,
      });
    }
  });

  it('text: a ranking table, then each error as file:line:column; without --external the externaldata rule names its URL', () => {
    expect(text.status, text.stderr).toBe(0);
    const out = text.stdout;
    expect(out).toMatch(/^Rules: 19, ran: \d+, failed: \d+; alerts: \d+; incidents: \d+\n/);
    const ranking = out.slice(out.indexOf('Ranking'), out.indexOf('Errors'));
    // Rank, alerts, incidents, runs, fired, severity, name (file): the seed rule's row, with its two alerts.
    expect(ranking.split('\n').find((l) => l.endsWith(`(${SEED})`))).toMatch(
      /^\s+\d+\s+2\s+1\s+\d+\s+2\s+High\s+Non-Interactive Sign-Ins by Identity Protection Risky Users /,
    );
    const errors = out.slice(out.indexOf('Errors'));
    expect(errors).toContain(
      'PossibleAiTMPhishingAttemptAgainstAAD.yaml:59:3: rule yaml-syntax: invalid YAML',
    );
    expect(errors).toContain('DisabledAccountSigninsAcrossManyApplications.yaml:34:3: kql syntax:');
    expect(errors).toContain(
      `AzurePortalSigninfromanotherAzureTenant.yaml:24:4: kql unknown-table: externaldata needs the data of "${SERVICE_TAGS_URL}"`,
    );
    expect(errors).toContain(
      `AuthenticationAttemptfromNewCountry.yaml:29:4: kql unknown-table: externaldata needs the data of "${SERVICE_TAGS_URL}"`,
    );
    expect(errors).toContain(`      supply its file with --external ${SERVICE_TAGS_URL}=FILE`);
  });

  it('usage errors: --rule with --rules, a file given as --rules, --external without =FILE', () => {
    const both = cli(['replay', '--rule', join(demo, SEED), '--rules', library, ...logs]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('not both');
    const notDir = cli(['replay', '--rules', join(demo, SEED), ...logs]);
    expect(notDir.status).toBe(1);
    expect(notDir.stderr).toContain('is a file (use --rule for one rule)');
    const badExternal = cli([
      'replay',
      '--rules',
      library,
      '--external',
      SERVICE_TAGS_URL,
      ...logs,
    ]);
    expect(badExternal.status).toBe(2);
    expect(badExternal.stderr).toContain('--external expects URL=FILE');
  }, 120_000);
});
