/** Builders of rules for the rule-engine tests: the seed rule's fields, overridable. */
import { parseRuleFile } from '../../../src/rules/parse.ts';
import type { ScheduledRule } from '../../../src/rules/rule.ts';
import { isScheduled } from '../../../src/rules/rule.ts';

/** A scheduled rule from YAML text, failing the test if it is not one. */
export function yamlRule(text: string, file = 'rule.yaml'): ScheduledRule {
  const rule = parseRuleFile(text, file);
  if (!isScheduled(rule)) throw new Error('expected a scheduled rule');
  return rule;
}

/** A minimal valid rule with the given extra YAML lines appended. */
export function ruleWith(
  extra = '',
  head = 'queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\n',
): ScheduledRule {
  return yamlRule(
    `id: r1\nname: Rule name\ndescription: Rule description\nseverity: Medium\ntactics:\n  - Persistence\n${head}query: T | take 1\n${extra}`,
  );
}

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 0, 10, 0, 0, 0);
