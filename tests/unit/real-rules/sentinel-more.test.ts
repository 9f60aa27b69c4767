/**
 * The published identity rules of tests/fixtures/rules/sentinel-more/ (MIT; SOURCES.tsv gives
 * each one's path and commit in Azure/Azure-Sentinel) — identity rules not in sentinel-wide —
 * replayed through the real command line, `replay --rules DIR --json`, each rule's outcome pinned
 * in ./expectations-more.ts. Over the generated demo always; over the la-export-bec export when
 * ../shared is beside the repository (it may not be redistributed).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryReport } from '../../../src/rules/library.ts';
import { DEMO_DIR, fixturePath } from '../../support/material.ts';
import { MORE_EXPECTED, MORE_EXTERNAL_FILES, MORE_TARGET_RUNNING } from './expectations-more.ts';
import { REPO_ROOT, SAMPLES_DIR, samplesMissing, textAt } from './shared-material.ts';

const MORE_DIR = fixturePath('rules', 'sentinel-more');

function ruleFiles(): string[] {
  return readdirSync(MORE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

function replayLibrary(logs: readonly string[]): LibraryReport {
  const external = Object.entries(MORE_EXTERNAL_FILES).flatMap(([url, file]) => [
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
      MORE_DIR,
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
  const files = ruleFiles();
  // Every rule file has a pinned outcome, and every pinned outcome a file.
  expect(Object.keys(MORE_EXPECTED).sort()).toEqual(files);
  expect(report.results.map((r) => r.file).sort()).toEqual(files);
  for (const result of report.results) {
    const expected = MORE_EXPECTED[result.file]!;
    if (expected === 'runs') {
      expect(
        result.status,
        `${result.file} is expected to run but failed: ${result.status === 'error' ? `${result.code}: ${result.message}` : ''}`,
      ).toBe('ok');
      continue;
    }
    if (result.status === 'ok')
      throw new Error(
        `${result.file} now runs: move it to 'runs' in tests/unit/real-rules/expectations-more.ts`,
      );
    expect(result.code, result.file).toBe(expected.code);
    expect(result.position, result.file).toMatchObject({
      file: result.file,
      line: expected.line,
      column: expected.column,
    });
    const text = readFileSync(join(MORE_DIR, result.file), 'utf8');
    expect(textAt(text, expected.line, expected.column).startsWith(expected.at), result.file).toBe(
      true,
    );
  }
  const running = report.results.filter((r) => r.status === 'ok').length;
  expect(report.totals.ran).toBe(running);
  expect(running).toBeGreaterThanOrEqual(MORE_TARGET_RUNNING);
}

describe('more published identity rules (sentinel-more) through replay --rules', () => {
  it('the table pins every rule of the folder; SOURCES.tsv names each file once', () => {
    const files = ruleFiles();
    expect(Object.keys(MORE_EXPECTED).sort()).toEqual(files);
    const sources = readFileSync(join(MORE_DIR, 'SOURCES.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    expect(sources.map((s) => s[0]).sort()).toEqual(files);
    for (const s of sources) expect(s[2], s[0]).toMatch(/^[0-9a-f]{40}$/);
    // Only rules broken as published, or needing what only a workspace has, may fail.
    const entries = Object.values(MORE_EXPECTED);
    const unsupported = entries.filter((e) => e !== 'runs' && e.because === 'unsupported');
    expect(entries.length - unsupported.length).toBeGreaterThanOrEqual(MORE_TARGET_RUNNING);
  });

  it('over the generated demo, each rule runs or fails as the table says', () => {
    checkAgainstTable(replayLibrary(logsIn(DEMO_DIR)));
  }, 480_000);

  it.skipIf(samplesMissing('the sentinel-more rules over the la-export-bec export'))(
    'over the la-export-bec export, each rule runs or fails as the table says',
    () => {
      checkAgainstTable(replayLibrary(logsIn(SAMPLES_DIR)));
    },
    480_000,
  );
});
