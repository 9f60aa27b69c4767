import { describe, expect, it } from 'vitest';
import { formatTimeLeft, timeLeftMs } from '../../../src/ui/state/time-left.ts';

describe('the time a load has left', () => {
  it('applies the rate so far to the bytes still to read', () => {
    // A quarter read in 2 s: 6 s to go.
    expect(timeLeftMs(25, 100, 2_000)).toBe(6_000);
    expect(timeLeftMs(530e6 * 0.9, 530e6, 9_000)).toBeCloseTo(1_000, 6);
  });

  it('says nothing before 300 ms, before any bytes, or once all are read', () => {
    expect(timeLeftMs(50, 100, 299)).toBeUndefined();
    expect(timeLeftMs(0, 100, 5_000)).toBeUndefined();
    expect(timeLeftMs(100, 100, 5_000)).toBeUndefined();
  });

  it('words it in seconds, then minutes', () => {
    expect(formatTimeLeft(400)).toBe('less than a second left');
    expect(formatTimeLeft(6_000)).toBe('about 6 s left');
    expect(formatTimeLeft(89_400)).toBe('about 89 s left');
    expect(formatTimeLeft(200_000)).toBe('about 3 min left');
  });
});
