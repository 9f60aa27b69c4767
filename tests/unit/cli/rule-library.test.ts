/**
 * The CLI's library summary tells how to supply an externaldata file from the error's typed
 * detail (`externaldata-needs-file`), not from its wording.
 */
import { describe, expect, it } from 'vitest';
import { formatLibrarySummary } from '../../../src/cli/rule-library.ts';
import type { LibraryReport, LibraryRuleError } from '../../../src/rules/library.ts';

const URL = 'https://example.invalid/ServiceTags_Public.json';

function report(errors: LibraryRuleError[]): LibraryReport {
  return { results: errors, totals: { rules: errors.length, ran: 0, failed: errors.length, alerts: 0, incidents: 0 } };
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
          detail: { kind: 'externaldata-needs-file', url: URL, columns: [{ name: 'values', type: 'dynamic' }] },
        },
      ]),
    );
    expect(out).toContain(`  a.yaml:9:5: kql unknown-table: this rule needs a file (query line 2, column 3)\n      supply its file with --external ${URL}=FILE\n`);
  });

  it('gives no hint for an error without the detail, even one worded like it', () => {
    const out = formatLibrarySummary(
      report([{ ...base, file: 'b.yaml', message: `externaldata needs the data of "${URL}"`, position: { file: 'b.yaml', line: 1, column: 1 } }]),
    );
    expect(out).toContain('b.yaml:1:1: kql unknown-table');
    expect(out).not.toContain('--external');
  });
});
