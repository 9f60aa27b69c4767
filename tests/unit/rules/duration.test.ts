import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/rules/duration.ts';

const H = 3_600_000;

describe('rule durations', () => {
  it.each([
    ['1h', H],
    ['5d', 5 * 24 * H],
    ['30m', 30 * 60_000],
    ['90s', 90_000],
    ['PT5H', 5 * H],
    ['P1D', 24 * H],
    ['PT1H30M', 1.5 * H],
    ['P1DT2H', 26 * H],
    ['pt5m', 5 * 60_000],
    ['P2W', 14 * 24 * H],
    ['PT0.5S', 500],
    ['05:00:00', 5 * H],
    ['14.00:00:00', 14 * 24 * H],
  ])('reads %s (template, ISO-8601 and TimeSpan forms)', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ms, text });
  });

  it.each(['', 'P', 'PT', '1y', 'P1M', 'an hour', '1 hour', '25:00:00', 'h1'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('formats durations for messages', () => {
    expect(formatDuration(H)).toBe('1h');
    expect(formatDuration(14 * 24 * H)).toBe('14d');
    expect(formatDuration(1.5 * H)).toBe('1h30m');
  });
});
