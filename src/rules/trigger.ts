/**
 * The trigger: Sentinel compares the number of result rows of each run with the threshold
 * ("applies separately to each time the rule runs"). With lt/eq/ne a run with zero rows can
 * satisfy it; that run raises an alert with no events (sentinel-semantics.md, open question 12).
 */
import type { TriggerOperator } from './rule.ts';

const SYMBOL: Record<TriggerOperator, string> = {
  GreaterThan: '>',
  LessThan: '<',
  Equal: '=',
  NotEqual: '≠',
};

export function isTriggered(count: number, operator: TriggerOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThan':
      return count > threshold;
    case 'LessThan':
      return count < threshold;
    case 'Equal':
      return count === threshold;
    case 'NotEqual':
      return count !== threshold;
  }
}

/** "3 results > 0": why a run fired, for the report. */
export function describeTrigger(
  count: number,
  operator: TriggerOperator,
  threshold: number,
): string {
  return `${count} result${count === 1 ? '' : 's'} ${SYMBOL[operator]} ${threshold} (${operator})`;
}
