import { describe, expect, it } from 'vitest';
import { parseUtcText, utcText } from '../../../src/ui/grid/utc-text.ts';
import { formatUtc } from '../../../src/ui/format.ts';

describe('time filter text (UTC)', () => {
  it('reads a time as Loupe shows it, so a copied time pastes back in', () => {
    const t = Date.UTC(2026, 5, 15, 16, 47, 43, 778);
    expect(parseUtcText(formatUtc(t))).toBe(t); // "2026-06-15 16:47:43.778 UTC"
    expect(parseUtcText('2026-06-15T16:47:43.778Z')).toBe(t);
    expect(parseUtcText('2026-06-15 16:47')).toBe(Date.UTC(2026, 5, 15, 16, 47));
    expect(parseUtcText('2026-06-15')).toBe(Date.UTC(2026, 5, 15));
    expect(parseUtcText('  2026-06-15 16:00:00 utc ')).toBe(Date.UTC(2026, 5, 15, 16));
  });

  it('never reads a time in the machine’s zone or locale', () => {
    expect(parseUtcText('6/15/2026, 4:00:00 PM')).toBe('invalid');
    expect(parseUtcText('2026-06-15 16:00 +02:00')).toBe('invalid');
  });

  it('refuses dates and clocks that do not exist instead of rolling them over', () => {
    expect(parseUtcText('2026-02-30')).toBe('invalid');
    expect(parseUtcText('2026-06-15 24:00')).toBe('invalid');
    expect(parseUtcText('2026-06-15 16:60')).toBe('invalid');
  });

  it('an empty box is no bound', () => {
    expect(parseUtcText('   ')).toBeUndefined();
  });

  it('writes an instant for the box and reads it back', () => {
    for (const t of [Date.UTC(2026, 5, 15, 16), Date.UTC(2026, 5, 15, 9, 56, 49, 975)])
      expect(parseUtcText(utcText(t))).toBe(t);
    expect(utcText(Date.UTC(2026, 5, 15, 16))).toBe('2026-06-15 16:00:00');
    expect(utcText(undefined)).toBe('');
  });
});
