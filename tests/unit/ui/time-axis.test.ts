import { describe, expect, it } from 'vitest';
import { timeTickLabels } from '../../../src/ui/chart/time-axis.ts';

const at = (d: number, h: number, m = 0) => Date.UTC(2026, 5, d, h, m);

describe('timeline time axis', () => {
  it('shows the UTC clock alone within one day', () => {
    expect(timeTickLabels([at(15, 10), at(15, 10, 30), at(15, 11)])).toEqual([
      '10:00',
      '10:30',
      '11:00',
    ]);
  });

  it('adds the UTC date on the first tick and on each new day when the range spans days', () => {
    expect(timeTickLabels([at(1, 12), at(1, 18), at(2, 0), at(2, 6), at(3, 0)])).toEqual([
      '12:00\n2026-06-01',
      '18:00',
      '00:00\n2026-06-02',
      '06:00',
      '00:00\n2026-06-03',
    ]);
  });

  it('uses the UTC day, not the machine’s', () => {
    // 23:30 and 00:30 UTC are on different UTC days whatever the browser's zone.
    expect(timeTickLabels([at(1, 23, 30), at(2, 0, 30)])).toEqual([
      '23:30\n2026-06-01',
      '00:30\n2026-06-02',
    ]);
  });

  it('has no labels for no ticks', () => {
    expect(timeTickLabels([])).toEqual([]);
  });
});
