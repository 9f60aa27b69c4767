/**
 * Replaying a folder of published rules through the real command line and holding each rule's
 * outcome to a pinned table (sentinel-wide.test.ts, sentinel-more.test.ts): the table's shape, the
 * replay with its externaldata stand-ins, and the comparison.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LibraryReport } from '../../../src/rules/library.ts';
import { fixturePath } from '../../support/material.ts';
import { REPO_ROOT, textAt } from './shared-material.ts';

/** A rule's pinned outcome: it runs, or it fails with a typed error at a line and column. */
export type PinnedOutcome<Because extends string> =
  | 'runs'
  | {
      readonly outcome: 'fails';
      readonly because: Because;
      readonly code: string;
      readonly line: number;
      readonly column: number;
      /** The start of the rule file's text at line:column. */
      readonly at: string;
    };

export interface PinnedLibrary<Because extends string> {
  /** The folder of rule files. */
  readonly dir: string;
  /** The table's file, named when a rule has to move in it. */
  readonly tableFile: string;
  readonly expected: Readonly<Record<string, PinnedOutcome<Because>>>;
  /** externaldata URL → stand-in file of tests/fixtures/real-rules/. */
  readonly externalFiles: Readonly<Record<string, string>>;
  /** At least this many must run. */
  readonly target: number;
}

export function ruleFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** The CSV exports (plain or gzipped) of a folder, sorted. */
export function csvLogsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.csv(\.gz)?$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** `loupe replay --rules DIR --json` over the logs, with the library's externaldata stand-ins. */
export function replayLibrary(
  library: PinnedLibrary<string>,
  logs: readonly string[],
): LibraryReport {
  const external = Object.entries(library.externalFiles).flatMap(([url, file]) => [
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
      library.dir,
      '--json',
      ...external,
      ...logs,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 420_000, maxBuffer: 256 * 1024 * 1024 },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as LibraryReport;
}

/** Each rule of the report ran or failed as the table says, and the target is met. */
export function checkAgainstTable(library: PinnedLibrary<string>, report: LibraryReport): void {
  const files = ruleFilesIn(library.dir);
  // Every rule file has a pinned outcome, and every pinned outcome a file.
  expect(Object.keys(library.expected).sort()).toEqual(files);
  expect(report.results.map((r) => r.file).sort()).toEqual(files);
  for (const result of report.results) {
    const expected = library.expected[result.file]!;
    if (expected === 'runs') {
      expect(
        result.status,
        `${result.file} is expected to run but failed: ${result.status === 'error' ? `${result.code}: ${result.message}` : ''}`,
      ).toBe('ok');
      continue;
    }
    if (result.status === 'ok')
      throw new Error(`${result.file} now runs: move it to 'runs' in ${library.tableFile}`);
    expect(result.code, result.file).toBe(expected.code);
    expect(result.position, result.file).toMatchObject({
      file: result.file,
      line: expected.line,
      column: expected.column,
    });
    const text = readFileSync(join(library.dir, result.file), 'utf8');
    expect(textAt(text, expected.line, expected.column).startsWith(expected.at), result.file).toBe(
      true,
    );
  }
  const running = report.results.filter((r) => r.status === 'ok').length;
  expect(report.totals.ran).toBe(running);
  expect(running).toBeGreaterThanOrEqual(library.target);
}
