/**
 * Reals inside dynamic values keep their decimal point (src/kql/runtime/json-reals.ts), and a log's
 * text that looks like the internal real marker stays the text it was: never a number, never JSON
 * structure.
 */
import { describe, expect, it } from 'vitest';
import { dynParse } from '../../../src/kql/runtime/dynamic.ts';
import { mvItems } from '../../../src/kql/runtime/expand.ts';
import { realMark, unmarkReals } from '../../../src/kql/runtime/json-reals.ts';

describe('reals in dynamic values', () => {
  it('parse_json keeps a whole real as a real and a long as a long', () => {
    expect(dynParse('[111.0, 111, 1.5e-7]')).toBe('[111.0,111,1.5e-7]');
  });

  it('a marked real round-trips through JSON.stringify', () => {
    expect(unmarkReals(JSON.stringify([realMark(2), realMark(-0.5), 3]))).toBe('[2.0,-0.5,3]');
  });

  it('log text shaped like a marker stays a string (no number, no structure)', () => {
    // The marker's old fixed form, followed by a number and by JSON structure.
    for (const hostile of [
      '\u0000\u0001real:1',
      '\u0000\u0001real:1]',
      '\u0000\u0001real:1,"x":2',
    ]) {
      const text = JSON.stringify([hostile]);
      expect(JSON.parse(dynParse(text)!)).toEqual([hostile]);
      expect(JSON.parse(mvItems(text, 0)!)).toBe(hostile);
    }
  });
});
