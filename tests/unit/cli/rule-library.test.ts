/**
 * The CLI tells how to supply an externaldata file — under a library's ranking and under a single
 * rule's error — from the error's typed detail (`externaldata-needs-file`), not from its wording.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLibrarySummary } from '../../../src/cli/rule-library.ts';
import type { LibraryReport, LibraryRuleError } from '../../../src/rules/library.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const LIST_URL = 'https://example.invalid/ServiceTags_Public.json';

function report(errors: LibraryRuleError[]): LibraryReport {
  return {
    results: errors,
    totals: { rules: errors.length, ran: 0, failed: errors.length, alerts: 0, incidents: 0 },
  };
}

const base = { status: 'error', stage: 'kql', code: 'unknown-table' } as const;

describe('formatLibrarySummary: externaldata hint', () => {
  it('names the --external flag for the URL in the detail', () => {
    const out = formatLibrarySummary(
      report([
        {
          ...base,
          file: 'a.yaml',
          message: 'this rule needs a file (query line 2, column 3)',
          position: { file: 'a.yaml', line: 9, column: 5 },
          detail: {
            kind: 'externaldata-needs-file',
            url: LIST_URL,
            columns: [{ name: 'values', type: 'dynamic' }],
          },
        },
      ]),
    );
    expect(out).toContain(
      `  a.yaml:9:5: kql unknown-table: this rule needs a file (query line 2, column 3)\n      supply its file with --external ${LIST_URL}=FILE\n`,
    );
  });

  it('gives no hint for an error without the detail, even one worded like it', () => {
    const out = formatLibrarySummary(
      report([
        {
          ...base,
          file: 'b.yaml',
          message: `externaldata needs the data of "${LIST_URL}"`,
          position: { file: 'b.yaml', line: 1, column: 1 },
        },
      ]),
    );
    expect(out).toContain('b.yaml:1:1: kql unknown-table');
    expect(out).not.toContain('--external');
  });
});

describe('replay --rule: externaldata hint', () => {
  it('an externaldata rule without its file exits 1 with the error at its place and the --external flag to give', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-external-'));
    try {
      const rule = join(dir, 'needs-file.kql');
      writeFileSync(
        rule,
        `// a rule reading a published list\nexternaldata(Name: string) ["${LIST_URL}"] with (format="csv")\n| take 1\n`,
      );
      const log = join(root, 'static', 'demo', 'AADRiskyUsers.csv');
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'replay', '--rule', rule, log],
        { cwd: root, encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain('needs-file.kql:2:');
      expect(r.stderr).toContain(`\n  supply its file with --external ${LIST_URL}=FILE\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
