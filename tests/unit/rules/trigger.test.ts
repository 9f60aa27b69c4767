import { describe, expect, it } from 'vitest';
import { describeTrigger, isTriggered } from '../../../src/rules/trigger.ts';

describe('trigger: result count OP threshold, per run', () => {
  it('gt 0 fires on any row and not on none', () => {
    expect(isTriggered(1, 'GreaterThan', 0)).toBe(true);
    expect(isTriggered(0, 'GreaterThan', 0)).toBe(false);
  });
  it('lt 1 fires on a run with zero rows (zero-row alert)', () => {
    expect(isTriggered(0, 'LessThan', 1)).toBe(true);
    expect(isTriggered(1, 'LessThan', 1)).toBe(false);
  });
  it('eq and ne compare exactly', () => {
    expect(isTriggered(3, 'Equal', 3)).toBe(true);
    expect(isTriggered(2, 'Equal', 3)).toBe(false);
    expect(isTriggered(2, 'NotEqual', 3)).toBe(true);
    expect(isTriggered(3, 'NotEqual', 3)).toBe(false);
  });
  it('says why a run fired', () => {
    expect(describeTrigger(3, 'GreaterThan', 0)).toBe('3 results > 0 (GreaterThan)');
    expect(describeTrigger(1, 'Equal', 1)).toBe('1 result = 1 (Equal)');
  });
});
