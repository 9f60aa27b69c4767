/**
 * A duration field followed by a KQL-style `// comment` (published templates carry
 * `queryPeriod: 7d // Increased queryperiod …`; YAML has no `//` comments, so the text is part of
 * the value): the duration before the comment is read, with a warning at the field's line.
 */
import { describe, expect, it } from 'vitest';
import { RuleFileError } from '../../../src/rules/rule-error.ts';
import { ruleWith, HOUR } from './helpers.ts';

describe('durations followed by a // comment', () => {
  it('reads the duration before the comment and warns at its line', () => {
    const r = ruleWith(
      '',
      'queryFrequency: 1h\nqueryPeriod: 7d // Increased to 7 days\ntriggerOperator: gt\ntriggerThreshold: 0\n',
    );
    expect(r.queryPeriod.ms).toBe(7 * 24 * HOUR);
    expect(r.queryFrequency.ms).toBe(HOUR);
    const w = r.diagnostics.filter((d) => d.code === 'duration-comment');
    expect(w.map((d) => [d.severity, d.position.line])).toEqual([['warning', 8]]);
    expect(w[0]!.message).toMatch(/read as 7d/);
  });

  it('still refuses text that is not a duration, with or without a comment', () => {
    for (const value of ['seven days // a week', '7 days', '// 7d'])
      expect(() =>
        ruleWith(
          '',
          `queryFrequency: 1h\nqueryPeriod: "${value}"\ntriggerOperator: gt\ntriggerThreshold: 0\n`,
        ),
      ).toThrow(RuleFileError);
  });
});
