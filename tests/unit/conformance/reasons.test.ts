import { describe, expect, it } from 'vitest';
import type { CaseCategory } from '../../../src/conformance/categories.ts';
import { familiesOf, groupReasons } from '../../../src/conformance/reasons.ts';
import type { CaseResult } from '../../../src/conformance/run-case.ts';

const r = (id: string, status: CaseResult['status'], group: string): CaseResult => ({
  id,
  status,
  reason: group,
  group,
  durationMs: 0,
});
const geo = new Set(['g1', 'g2', 'g3']);
const categoryOf = (id: string): CaseCategory => (geo.has(id) ? 'plugin-graph-geo' : 'core');

describe('reason groups', () => {
  const results = [
    r('g1', 'unsupported', 'unknown function "geo_x"'),
    r('g2', 'unsupported', 'unknown function "geo_x"'),
    r('g3', 'unsupported', 'unknown function "geo_x"'),
    r('a', 'unsupported', 'unknown function "bin_at"'),
    r('b', 'unsupported', 'unknown function "bin_at"'),
    r('c', 'fail', 'wrong value in a String column'),
    r('d', 'pass', ''),
  ];
  it('ranks by cases outside the lowest-priority category first, then by size, and leaves passes out', () => {
    const groups = groupReasons(results, categoryOf);
    expect(groups.map((g) => [g.group, g.ids.length, g.priority])).toEqual([
      ['unknown function "bin_at"', 2, 2],
      ['wrong value in a String column', 1, 1],
      ['unknown function "geo_x"', 3, 0],
    ]);
  });
  it('gathers groups differing only by the quoted name into a family', () => {
    const families = familiesOf(groupReasons(results, categoryOf));
    expect(families[0]).toMatchObject({
      family: 'unknown function "…"',
      cases: 5,
      priority: 2,
      members: [
        { name: 'bin_at', cases: 2, priority: 2 },
        { name: 'geo_x', cases: 3, priority: 0 },
      ],
    });
  });
});
