/** The error a rule file raises when it cannot be replayed: the first error, plus all diagnostics. */
import { LoupeError } from '../errors.ts';
import type { RuleDiagnostic } from './rule.ts';

export class RuleFileError extends LoupeError {
  constructor(readonly diagnostics: readonly RuleDiagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? diagnostics[0]!;
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})`
        : '';
    super('rule', first.code, first.message + more, first.position);
    this.name = 'RuleFileError';
  }
}
