import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../../src/conformance/run-case.ts';
import {
  diffKnownFailures,
  formatKnownFailures,
  knownFailuresOf,
  parseKnownFailures,
  updateKnownFailures,
} from '../../../src/conformance/known-failures.ts';

const r = (id: string, status: CaseResult['status'], reason = ''): CaseResult => ({
  id,
  status,
  reason,
  group: reason,
  durationMs: 1,
});

describe('known failures', () => {
  const list = { a: 'fail: x', b: 'unsupported: y', gone: 'fail: z' };
  it('reports failures off the list, listed cases that pass, changed reasons and stale ids', () => {
    const results = [
      r('a', 'pass'),
      r('b', 'unsupported', 'y2'),
      r('c', 'fail', 'w'),
      r('d', 'pass'),
    ];
    const d = diffKnownFailures(list, results, ['a', 'b', 'c', 'd']);
    expect(d.unexpectedFailures.map((x) => x.id)).toEqual(['c']);
    expect(d.nowPassing).toEqual(['a']);
    expect(d.reasonChanged).toEqual([
      { id: 'b', before: 'unsupported: y', after: 'unsupported: y2' },
    ]);
    expect(d.unknownIds).toEqual(['gone']);
  });
  it('regenerates from a full run and updates only the cases a filtered run ran', () => {
    expect(
      knownFailuresOf([
        r('a', 'pass'),
        r('c', 'fail', 'w'),
        r('u', 'unsupported', 'unsupported: print'),
      ]),
    ).toEqual({
      c: 'fail: w',
      u: 'unsupported: print',
    });
    expect(updateKnownFailures(list, [r('a', 'pass'), r('c', 'fail', 'w')])).toEqual({
      b: 'unsupported: y',
      gone: 'fail: z',
      c: 'fail: w',
    });
  });
  it('writes ids sorted and reads back what it wrote', () => {
    const text = formatKnownFailures({ z: '1', a: '2' });
    expect(text).toBe('{\n  "a": "2",\n  "z": "1"\n}\n');
    expect(parseKnownFailures(text, 'f')).toEqual({ a: '2', z: '1' });
    expect(() => parseKnownFailures('{"a": 1}', 'f.json')).toThrow(
      /f.json: the reason for a is not a string/,
    );
  });
});
