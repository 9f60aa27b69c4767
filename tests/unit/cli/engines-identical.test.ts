/**
 * `--engine native` gives the same reports as the default engine, byte for byte (issue 15): the
 * seed rule and the real Sentinel rules replayed through the real command line with
 * `--engine wasm` (DuckDB-WASM, the browser's engine) and `--engine native` (native DuckDB 1.4.3,
 * multi-threaded), and the two JSON outputs compared as text. The rules and logs in the repository
 * (the generated demo in static/demo, its large exports gzipped as they ship, which both engines
 * read) always run; the wider shared material (../shared) when it is present. Skipped where the optional
 * native package is not installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_TAGS_URL } from '../real-rules/expectations.ts';
import {
  DEMO_DIR as DEMO,
  fixturePath,
  REPO_ROOT as ROOT,
  SHARED_DIR as SHARED,
} from '../../support/material.ts';

const RULES = fixturePath('rules');
/*
 * Every Sentinel rule runs, SigninPasswordSpray included: its `make_list(FailureCount, 20)` over
 * the spray's 64 principals reads the rows of an earlier summarize, whose arrival order native
 * DuckDB's threads decide; list aggregates order such rows by their values (Relation
 * .arrivalEngineDependent), so both engines keep the same 20. (SigninBruteForce-AzurePortal's
 * batched query hits a DuckDB internal error on both engines, whose text differs between the
 * builds: the report names the failure by its kind, rules/runs.ts batchFailureReason, so that rule
 * is compared too.)
 */
const SERVICE_TAGS = `${SERVICE_TAGS_URL}=${join(ROOT, 'tests', 'fixtures', 'real-rules', 'ServiceTags_Public.json')}`;

const NATIVE = await import('@duckdb/node-api').then(
  () => true,
  () => false,
);
const SHARED_PRESENT = existsSync(join(SHARED, 'rules')) && existsSync(join(SHARED, 'samples'));

const csvs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.csv(\.gz)?$/.test(f))
    .sort()
    .map((f) => join(dir, f));

/** Native DuckDB's threads: 2, this machine's cores, so that the native engine runs in parallel. */
type Threads = 2;

function replay(engine: 'wasm' | 'native', args: string[], threads: Threads): string {
  const extra =
    engine === 'native'
      ? ['--engine', 'native', '--threads', String(threads)]
      : ['--engine', 'wasm'];
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'replay', '--json', ...extra, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  expect(r.status, `${engine}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Both engines' reports; they must be the same text, and not trivially so. */
function expectIdentical(args: string[], threads: Threads, check: (report: string) => void): void {
  const wasm = replay('wasm', args, threads);
  const native = replay('native', args, threads);
  check(wasm);
  // Compared as text: the first differing line is what a failure shows.
  if (native !== wasm) {
    const a = wasm.split('\n');
    const b = native.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    expect(`line ${i + 1}: ${b[i]}`, 'native report differs from the wasm report').toBe(
      `line ${i + 1}: ${a[i]}`,
    );
  }
  expect(native).toBe(wasm);
}

describe.skipIf(!NATIVE)('--engine native reports are byte-identical to --engine wasm', () => {
  let library: string;
  beforeAll(() => {
    library = mkdtempSync(join(tmpdir(), 'loupe-engines-'));
    for (const f of readdirSync(join(RULES, 'sentinel')))
      copyFileSync(join(RULES, 'sentinel', f), join(library, f));
    copyFileSync(
      join(RULES, 'risky-user-silent-signins.yaml'),
      join(library, 'risky-user-silent-signins.yaml'),
    );
  });
  afterAll(() => {
    if (library) rmSync(library, { recursive: true, force: true });
  });

  // The seed rule sorts its output (order by SilentCount desc): identical on two threads.
  it('the seed rule over the demo exports (alerts fire), native on 2 threads', () => {
    // All five exports, the three large ones gzipped.
    expect(csvs(DEMO).map((f) => f.slice(DEMO.length + 1))).toEqual([
      'AADNonInteractiveUserSignInLogs.csv.gz',
      'AADRiskyUsers.csv',
      'AADUserRiskEvents.csv',
      'AuditLogs.csv.gz',
      'SigninLogs.csv.gz',
    ]);
    expectIdentical(
      ['--rule', join(RULES, 'risky-user-silent-signins.yaml'), ...csvs(DEMO)],
      2,
      (r) => {
        expect(JSON.parse(r).alerts.length).toBeGreaterThan(0);
      },
    );
  }, 120_000);

  it('the seed rule over its CSV cases (ISO datetimes, case traps), native on 2 threads', () => {
    expectIdentical(
      ['--rule', join(RULES, 'risky-user-silent-signins.yaml'), ...csvs(join(RULES, 'seed-cases'))],
      2,
      (r) => {
        expect(JSON.parse(r).alerts.length).toBeGreaterThan(0);
      },
    );
  }, 120_000);

  // Rules whose output is a summarize without sort: the replay sorts such a run's rows (runSql in
  // src/rules/prepared.ts), since multi-threaded native DuckDB emits groups in a varying order.
  it('the 18 Sentinel rules of the fixtures and the seed rule as a library over the demo exports, native on 2 threads', () => {
    expect(readdirSync(join(RULES, 'sentinel'))).toHaveLength(18);
    expect(readdirSync(library)).toHaveLength(19);
    expectIdentical(['--rules', library, '--external', SERVICE_TAGS, ...csvs(DEMO)], 2, (r) => {
      const report = JSON.parse(r) as { totals: { rules: number; ran: number; alerts: number } };
      expect(report.totals.rules).toBe(19);
      expect(report.totals.ran).toBeGreaterThan(10);
      expect(report.totals.alerts).toBeGreaterThan(0);
    });
  }, 240_000);

  it('the shared rules (sentinel, sentinel-wide) over the shared samples, native on 2 threads', (ctx) => {
    if (!SHARED_PRESENT) {
      console.log(
        'engines-identical: ../shared is absent; the shared rules and samples were not compared',
      );
      ctx.skip();
      return;
    }
    // Each sample set on its own: the CLI loads every file into its table, and a second SigninLogs
    // export (training-lab's Entra download) would replace the first. The BEC export's risky users
    // are the synthetic ones written for it (tests/fixtures/la-export-bec), as in replay-bec-export.
    const bec = [
      ...csvs(join(SHARED, 'samples', 'la-export-bec')),
      fixturePath('la-export-bec', 'AADRiskyUsers.csv'),
    ];
    const lab = csvs(join(SHARED, 'samples', 'training-lab'));
    const runs: [string, string[]][] = [
      ['sentinel', bec],
      ['sentinel-wide', bec],
      ['sentinel', lab],
    ];
    for (const [dir, logs] of runs) {
      expectIdentical(
        ['--rules', join(SHARED, 'rules', dir), '--external', SERVICE_TAGS, ...logs],
        2,
        (r) => {
          const report = JSON.parse(r) as { totals: { rules: number; ran: number } };
          expect(report.totals.rules).toBeGreaterThan(0);
          // Over training-lab's Entra download alone no rule runs (columns they need are absent):
          // the reports then compare the errors, positioned, on both engines.
          if (logs === bec) expect(report.totals.ran).toBeGreaterThan(0);
        },
      );
    }
  }, 600_000);
});
