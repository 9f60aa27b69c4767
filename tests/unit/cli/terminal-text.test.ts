/**
 * What the CLI prints is safe for a terminal (issue 16): log values cannot send escape sequences,
 * carriage returns or newlines that forge report lines, and messages are cut.
 */
import { describe, expect, it } from 'vitest';
import { terminalJson, terminalMessage, terminalText } from '../../../src/cli/terminal-text.ts';
import { formatReplaySummary } from '../../../src/cli/report-text.ts';
import { limitsFromFlags } from '../../../src/cli/limit-flags.ts';
import { parseArgs, UsageError } from '../../../src/cli/args.ts';
import type { ReplayReport } from '../../../src/rules/api.ts';

const HOSTILE = 'evil\u001b[2J\u001b[31mRED\rRule: forged\nIncidents\u009b1m\u202etxt.exe\u0007';

describe('terminal text', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls; keeps other text', () => {
    const t = terminalText(HOSTILE);
    expect(t).toBe('evil\\x1b[2J\\x1b[31mRED\\rRule: forged\\nIncidents\\x9b1m\\u202etxt.exe\\x07');
    expect(t).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(terminalText('Zoë → 東京 ✓')).toBe('Zoë → 東京 ✓');
  });

  it('cuts a long message', () => {
    const m = terminalMessage(`bad value ${'x'.repeat(150_000)}`);
    expect(m.length).toBeLessThan(2100);
    expect(m).toMatch(/… \(\d+ more characters\)$/);
  });

  it('JSON for a terminal parses to the same value, with no raw C1 or bidi control left', () => {
    const value = { v: HOSTILE, list: ['\u2028', '\u0085'] };
    const text = terminalJson(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
  });

  it('a report whose values carry escapes prints each of its lines as one line', () => {
    const report: ReplayReport = {
      rule: { id: 'r', name: HOSTILE, queryFrequency: '1h', queryPeriod: '1h' },
      runs: [],
      alerts: [
        {
          id: 'a1',
          runAt: '2026-06-15T10:00:00.000Z',
          displayName: HOSTILE,
          description: '',
          severity: 'High',
          tactics: [],
          startTime: '',
          endTime: '',
          entities: [{ type: 'Account', Name: HOSTILE }],
          customDetails: { Detail: [HOSTILE] },
          rows: [],
        } as unknown as ReplayReport['alerts'][number],
      ],
      incidents: [],
    };
    const text = formatReplaySummary(report);
    expect(text).not.toMatch(/[\u001b\r\u009b\u202e]/);
    // Every line the formatter writes is its own: none comes from inside a value.
    expect(text.split('\n').filter((l) => l.includes('forged'))).toHaveLength(4);
  });
});

describe('limit flags', () => {
  const args = (...a: string[]) =>
    parseArgs(a, { values: ['max-record-mb', 'max-gzip-ratio', 'max-json-depth'] });
  it('set the load limits, in megabytes and plain numbers', () => {
    expect(limitsFromFlags(args())).toBeUndefined();
    expect(
      limitsFromFlags(
        args('--max-record-mb', '128', '--max-gzip-ratio=500', '--max-json-depth', '1000'),
      ),
    ).toEqual({ recordBytes: 128 * 1024 * 1024, gzipRatio: 500, jsonDepth: 1000 });
  });
  it('refuse what is not a whole number in range, as a usage error', () => {
    for (const bad of [
      ['--max-record-mb', '0'],
      ['--max-record-mb', '1e3'],
      ['--max-record-mb', '100000'],
      ['--max-json-depth', 'deep'],
    ]) {
      expect(() => limitsFromFlags(args(...bad))).toThrow(UsageError);
    }
  });
});
