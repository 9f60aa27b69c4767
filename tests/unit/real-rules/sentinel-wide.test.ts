/**
 * The 68 published identity rules of tests/fixtures/rules/sentinel-wide/ (MIT) replayed through the
 * real command line, `replay --rules DIR --json`, each rule's outcome pinned in
 * ./expectations-wide.ts (issue 13, "Tests over the library"). Over the generated demo always; over
 * the la-export-bec export when ../shared is beside the repository (it may not be redistributed).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryReport } from '../../../src/rules/library.ts';
import { DEMO_DIR, fixturePath } from '../../support/material.ts';
import { WIDE_EXPECTED, WIDE_EXTERNAL_FILES, WIDE_TARGET_RUNNING } from './expectations-wide.ts';
import { REPO_ROOT, SAMPLES_DIR, samplesMissing, textAt } from './shared-material.ts';

const WIDE_DIR = fixturePath('rules', 'sentinel-wide');

function replayLibrary(logs: readonly string[]): LibraryReport {
  const external = Object.entries(WIDE_EXTERNAL_FILES).flatMap(([url, file]) => [
    '--external',
    `${url}=${fixturePath('real-rules', file)}`,
  ]);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'src/cli/main.ts'),
      'replay',
      '--rules',
      WIDE_DIR,
      '--json',
      ...external,
      ...logs,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 420_000, maxBuffer: 256 * 1024 * 1024 },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as LibraryReport;
}

function logsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.csv(\.gz)?$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function checkAgainstTable(report: LibraryReport): void {
  const files = readdirSync(WIDE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  // Every rule file has a pinned outcome, and every pinned outcome a file.
  expect(Object.keys(WIDE_EXPECTED).sort()).toEqual(files);
  expect(report.results.map((r) => r.file).sort()).toEqual(files);
  for (const result of report.results) {
    const expected = WIDE_EXPECTED[result.file]!;
    if (expected === 'runs') {
      expect(
        result.status,
        `${result.file} is expected to run but failed: ${result.status === 'error' ? `${result.code}: ${result.message}` : ''}`,
      ).toBe('ok');
      continue;
    }
    if (result.status === 'ok')
      throw new Error(
        `${result.file} now runs: move it to 'runs' in tests/unit/real-rules/expectations-wide.ts`,
      );
    expect(result.code, result.file).toBe(expected.code);
    expect(result.position, result.file).toMatchObject({
      file: result.file,
      line: expected.line,
      column: expected.column,
    });
    const text = readFileSync(join(WIDE_DIR, result.file), 'utf8');
    expect(textAt(text, expected.line, expected.column).startsWith(expected.at), result.file).toBe(
      true,
    );
  }
  const running = report.results.filter((r) => r.status === 'ok').length;
  expect(report.totals.ran).toBe(running);
  expect(running).toBeGreaterThanOrEqual(WIDE_TARGET_RUNNING);
}

describe('the published identity rules (sentinel-wide) through replay --rules', () => {
  it('the table pins 68 rules; only broken-as-published ones may fail once issue 13 is done', () => {
    const entries = Object.values(WIDE_EXPECTED);
    expect(entries.length).toBe(68);
    const broken = entries.filter((e) => e !== 'runs' && e.because === 'broken-as-published');
    expect(entries.length - broken.length).toBeGreaterThanOrEqual(WIDE_TARGET_RUNNING);
  });

  it('over the generated demo, each rule runs or fails as the table says', () => {
    checkAgainstTable(replayLibrary(logsIn(DEMO_DIR)));
  }, 480_000);

  it.skipIf(samplesMissing('the sentinel-wide rules over the la-export-bec export'))(
    'over the la-export-bec export, each rule runs or fails as the table says',
    () => {
      checkAgainstTable(replayLibrary(logsIn(SAMPLES_DIR)));
    },
    480_000,
  );
});
